import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';

// SQL of server/domain/due-date-history.ts `dueDateAsOf` over the milestone aliased `ms`: the
// previous due date of the first revision recorded after the instant, else the current due date.
// Ties at one instant are broken by id, as the log's insertion order. Today (instant null) it is
// the current due date, with no look-up at all.

export function dueDateAsOfSql(instant: string | null): RawBuilder<string> {
  if (instant === null) return sql<string>`ms.due_date`;
  return sql<string>`COALESCE((SELECT rv.previous_due_date FROM milestone_revisions rv WHERE rv.milestone_id = ms.id AND rv.recorded_at > ${instant} ORDER BY rv.recorded_at, rv.id LIMIT 1), ms.due_date)`;
}
