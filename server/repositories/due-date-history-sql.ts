import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';

// SQL of server/domain/due-date-history.ts `dueDateAsOf` over the milestone aliased `ms`: the
// previous due date of the first revision recorded after the instant, else the current due date.
// Ties at one instant are broken by id, as the log's insertion order. Today (instant null) it is
// the current due date, with no look-up at all.

/**
 * The due date known at `instant`, read per milestone: for the list, the detail and the changes, which
 * read few milestones or compare two instants. Written as a CASE on whether any revision came after the
 * instant, so that a milestone not moved since (most of them) costs one index probe.
 */
export function dueDateAsOfSql(instant: string | null): RawBuilder<string> {
  if (instant === null) return sql<string>`ms.due_date`;
  const after = sql`rv.milestone_id = ms.id AND rv.recorded_at > ${instant}`;
  const known = sql<string>`(SELECT rv.previous_due_date FROM milestone_revisions rv WHERE ${after} ORDER BY rv.recorded_at, rv.id LIMIT 1)`;
  return sql<string>`CASE WHEN EXISTS (SELECT 1 FROM milestone_revisions rv WHERE ${after}) THEN ${known} ELSE ms.due_date END`;
}

/**
 * The same due date read through a join: the milestones moved after `instant`, each with the previous
 * due date of its first revision after it, to be LEFT JOINed as `dk` on `dk.milestone_id = ms.id`;
 * `knownDueDateSql` then reads the due date known at the instant. The statistics scan every milestone:
 * as one join the look-up runs once per milestone moved after the instant (the revisions after it,
 * through the recorded_at index), where the scalar form probes the revisions for every milestone and
 * repeats the look-up wherever the date classes name it; PostgreSQL also costed the scalar form so
 * high that it JIT-compiled every as-of statistic (docs/decisions/018-state-as-of-by-range.md).
 */
export function knownDueDates(instant: string) {
  return sql<{
    milestone_id: number;
    due_date: string;
  }>`(SELECT rv.milestone_id, rv.previous_due_date AS due_date FROM milestone_revisions rv WHERE rv.recorded_at > ${instant} AND NOT EXISTS (SELECT 1 FROM milestone_revisions r2 WHERE r2.milestone_id = rv.milestone_id AND r2.recorded_at > ${instant} AND (r2.recorded_at < rv.recorded_at OR (r2.recorded_at = rv.recorded_at AND r2.id < rv.id))))`.as(
    'dk',
  );
}

/** The due date known at the instant of the joined `knownDueDates` (`dk`), else the current one. */
export function knownDueDateSql(): RawBuilder<string> {
  return sql<string>`COALESCE(dk.due_date, ms.due_date)`;
}
