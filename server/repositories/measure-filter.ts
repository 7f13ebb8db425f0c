import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import { containsText } from '../../db/dialect';
import type { Database } from '../../db/schema';
import type { HealthCode, StatusCode } from '../domain/taxonomy';

// The one place where the list filters of SPEC §4 become SQL. The measure list and every statistic
// start from `filteredMeasures`, which is how their totals agree (SPEC §3).

export interface ResolvedFilters {
  fieldIds: number[] | null;
  ministryIds: number[] | null;
  pillarIds: number[] | null;
  instrumentIds: number[] | null;
  statuses: StatusCode[] | null;
  healths: HealthCode[] | null;
  /** Normalised search terms; every term must match. */
  terms: string[];
  /** The as-of calendar date (JST). */
  asOf: string;
  /** The instant that date stands for: the end of that day, or now when that is earlier. */
  asOfInstant: string;
  /** True when the state must be rebuilt from the report log (asOf before today). */
  historical: boolean;
}

/**
 * SQL mirror of derived-figures.ts `effectiveHealth`: stale when never reported, or when not
 * completed and past its report due time. tests/server/consistency.test.ts holds the two together.
 */
function effectiveHealthSql(status: RawBuilder<string>, health: RawBuilder<string | null>, dueAt: RawBuilder<string>, instant: string) {
  return sql<string>`CASE WHEN ${health} IS NULL OR (${status} <> 'completed' AND ${dueAt} < ${instant}) THEN 'stale' ELSE ${health} END`;
}

/**
 * Each measure's state as of the filters' instant: id, status, reported health, effective health.
 * Today's state comes from the measure row (kept equal to its latest report); a past date rebuilds
 * it from the append-only report log.
 */
function measureStates(db: Kysely<Database>, f: ResolvedFilters) {
  if (!f.historical) {
    return db
      .selectFrom('measures as m')
      .select([
        'm.id as id',
        'm.status as status',
        'm.health as reported_health',
        effectiveHealthSql(sql.ref('m.status'), sql.ref('m.health'), sql.ref('m.report_due_at'), f.asOfInstant).as('health'),
      ]);
  }
  // The latest report on or before the instant; (measure_id, reported_at) is indexed.
  const latestReport = sql<boolean>`r.id = (SELECT r2.id FROM status_reports r2 WHERE r2.measure_id = m.id AND r2.reported_at <= ${f.asOfInstant} ORDER BY r2.reported_at DESC, r2.id DESC LIMIT 1)`;
  const status = sql<string>`COALESCE(r.status, 'not_started')`;
  const health = sql<string | null>`r.health`;
  const dueAt = sql<string>`COALESCE(r.next_report_due_at, m.created_at)`;
  return db
    .selectFrom('measures as m')
    .leftJoin('status_reports as r', (join) => join.on(latestReport))
    .select([
      'm.id as id',
      status.as('status'),
      health.as('reported_health'),
      effectiveHealthSql(status, health, dueAt, f.asOfInstant).as('health'),
    ])
    .where('m.created_at', '<=', f.asOfInstant);
}

/** The measures that pass every filter, with their state: columns id, status, reported_health, health. */
export function filteredMeasures(db: Kysely<Database>, f: ResolvedFilters) {
  const states = measureStates(db, f);
  let query = db
    .selectFrom(states.as('s'))
    .innerJoin('measures as fm', 'fm.id', 's.id')
    .select(['s.id as id', 's.status as status', 's.reported_health as reported_health', 's.health as health']);
  if (f.fieldIds) {
    const ids = f.fieldIds;
    query = query.where(({ exists, selectFrom }) =>
      exists(selectFrom('measure_fields as x').select('x.measure_id').whereRef('x.measure_id', '=', 's.id').where('x.field_id', 'in', ids)),
    );
  }
  if (f.ministryIds) {
    const ids = f.ministryIds;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('measure_ministries as x').select('x.measure_id').whereRef('x.measure_id', '=', 's.id').where('x.ministry_id', 'in', ids),
      ),
    );
  }
  if (f.instrumentIds) {
    const ids = f.instrumentIds;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('measure_instruments as x')
          .select('x.measure_id')
          .whereRef('x.measure_id', '=', 's.id')
          .where('x.instrument_id', 'in', ids),
      ),
    );
  }
  if (f.pillarIds) query = query.where('fm.pillar_id', 'in', f.pillarIds);
  if (f.statuses) query = query.where('s.status', 'in', f.statuses);
  if (f.healths) query = query.where('s.health', 'in', f.healths);
  for (const term of f.terms) query = query.where(containsText(sql.ref('fm.search_text'), term));
  return query;
}
