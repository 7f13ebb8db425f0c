import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';

// SQL of server/domain/due-date-history.ts `dueDateAsOf` over the milestone aliased `ms`: the
// previous due date of the first revision recorded after the instant, else the current due date.
// Ties at one instant are broken by id, as the log's insertion order. Today (instant null) it is
// the current due date, with no look-up at all.

/**
 * The due date known at `instant`, passed through `map` (the statistics compress it to a date
 * class: a CASE that names its input a dozen times). Written as a CASE on whether any revision
 * came after the instant, so that a milestone not moved since (most of them) costs one index probe
 * however often `map` names its input, and only a moved one reads the revision's date.
 */
export function dueDateAsOfSql(instant: string | null): RawBuilder<string>;
export function dueDateAsOfSql<T>(instant: string | null, map: (dueDate: RawBuilder<string>) => RawBuilder<T>): RawBuilder<T>;
export function dueDateAsOfSql(
  instant: string | null,
  map: (dueDate: RawBuilder<string>) => RawBuilder<unknown> = (d) => d,
): RawBuilder<unknown> {
  if (instant === null) return map(sql<string>`ms.due_date`);
  const after = sql`rv.milestone_id = ms.id AND rv.recorded_at > ${instant}`;
  const known = sql<string>`(SELECT rv.previous_due_date FROM milestone_revisions rv WHERE ${after} ORDER BY rv.recorded_at, rv.id LIMIT 1)`;
  return sql`CASE WHEN EXISTS (SELECT 1 FROM milestone_revisions rv WHERE ${after}) THEN ${map(known)} ELSE ${map(sql<string>`ms.due_date`)} END`;
}
