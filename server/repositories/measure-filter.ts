import { sql } from 'kysely';
import type { Kysely, RawBuilder, SqlBool } from 'kysely';
import { containsText, dialectOf, joinsLateral, materializeJoinedCtes } from '../../db/dialect';
import type { Database } from '../../db/schema';
import type { HealthCode, StatusCode } from '../../common/taxonomy';
import type { Basis } from '../schemas/follow-up';

// The one place where the list filters of docs/product.md §4 become SQL. The measure list and every statistic
// start from `filteredMeasures`, which is how their totals agree (docs/product.md §3).

export interface ResolvedFilters {
  fieldIds: number[] | null;
  ministryIds: number[] | null;
  pillarIds: number[] | null;
  instrumentIds: number[] | null;
  /**
   * 共管府省庁: ministries of which the measure must also have one as lead or co-owner, on top of
   * `ministryIds` (docs/product.md §4 filters): `ministry=a&partner=b` is what a and b own together.
   */
  partnerIds: number[] | null;
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
  /**
   * What the figures are computed on (docs/product.md §3 "Basis"): every report (`reported`), only
   * reports accepted by the as-of instant (`accepted`), or that and only verified milestone
   * completions (`verified`).
   */
  basis: Basis;
  /**
   * Withdrawn measures (廃止, docs/decisions/024): left out (`exclude`, the default), kept (`include`)
   * or alone (`only`), as withdrawn on the as-of day.
   */
  withdrawn: WithdrawnFilter;
}

export type WithdrawnFilter = 'exclude' | 'include' | 'only';

/** Whether the report state comes from accepted reports only (docs/product.md §3 "Basis"). */
export function acceptedOnly(f: Pick<ResolvedFilters, 'basis'>): boolean {
  return f.basis !== 'reported';
}

/**
 * SQL of derived-figures.ts `completionOnBasis` over the milestone `ms`: the completion date that
 * counts on the basis, NULL when it does not. Under `verified` a completion counts only once its
 * verification (in force now: any change of the completion clears it) was made by the as-of
 * instant; `completed_date <= asOf` is then applied, as for any completion, by whoever compares it
 * with the as-of date. tests/server/basis.test.ts holds the two together.
 */
export function completionOnBasisSql(f: Pick<ResolvedFilters, 'basis' | 'asOfInstant'>): RawBuilder<string | null> {
  if (f.basis !== 'verified') return sql<string | null>`ms.completed_date`;
  return sql<
    string | null
  >`CASE WHEN ms.verified_at IS NOT NULL AND ms.verified_at <= ${f.asOfInstant} THEN ms.completed_date END`;
}

/**
 * SQL mirror of derived-figures.ts `effectiveHealth`: stale when never reported, or when not
 * completed and past its report due time. tests/server/consistency.test.ts holds the two together.
 */
function effectiveHealthSql(
  status: RawBuilder<string>,
  health: RawBuilder<string | null>,
  dueAt: RawBuilder<string>,
  instant: string,
) {
  return sql<string>`CASE WHEN ${health} IS NULL OR (${status} <> 'completed' AND ${dueAt} < ${instant}) THEN 'stale' ELSE ${health} END`;
}

function inList(expression: RawBuilder<unknown>, values: readonly string[]): RawBuilder<SqlBool> {
  return sql<SqlBool>`${expression} IN (${sql.join(values)})`;
}

/** The measure (`fm`) has a row in a link table naming one of `ids`: a field, ministry or instrument filter. */
function linkedTo(table: LinkTable, column: string, ids: readonly number[]): RawBuilder<SqlBool> {
  return sql<SqlBool>`EXISTS (SELECT 1 FROM ${sql.table(table)} x WHERE x.measure_id = fm.id AND ${sql.ref(`x.${column}`)} IN (${sql.join(ids)}))`;
}

type LinkTable = 'measure_fields' | 'measure_ministries' | 'measure_instruments';

/**
 * The measures that pass every filter, with their state as of the filters' instant: columns id,
 * status, reported_health, health (effective), last_reported_at, report_due_at. Today's state on
 * every report comes from the measure row, which every write keeps equal to its latest report; a
 * past date, or a basis that takes accepted reports only, rebuilds it from the append-only report
 * log (and the append-only reviews).
 */
export function filteredMeasures(db: Kysely<Database>, f: ResolvedFilters) {
  const fromLog = f.historical || acceptedOnly(f);
  const status = fromLog ? sql<string>`COALESCE(r.status, 'not_started')` : sql<string>`fm.status`;
  const reportedHealth = fromLog ? sql<string | null>`r.health` : sql<string | null>`fm.health`;
  const dueAt = fromLog ? sql<string>`COALESCE(r.next_report_due_at, fm.created_at)` : sql<string>`fm.report_due_at`;
  const health = effectiveHealthSql(status, reportedHealth, dueAt, f.asOfInstant);
  const lastReportedAt = fromLog ? sql<string | null>`r.reported_at` : sql<string | null>`fm.last_reported_at`;

  let query;
  if (!fromLog) query = db.selectFrom('measures as fm');
  else if (!acceptedOnly(f)) {
    // As of a past day on every report: the report whose range holds the instant (the derived
    // report_state_intervals, docs/decisions/018-state-as-of-by-range.md), one seek on its key per
    // measure that reads the state with it, where the latest-report look-up then read the wide report row.
    // At most one range holds an instant. PostgreSQL gets it as a LATERAL … LIMIT 1 (db/dialect.ts):
    // as a plain join it estimated five ranges per measure, and that estimate priced the list's
    // per-measure sort keys over its JIT threshold.
    const holding = db
      .selectFrom('report_state_intervals as si')
      .select(['si.measure_id', 'si.status', 'si.health', 'si.next_report_due_at', 'si.valid_from as reported_at'])
      .where('si.valid_to', '>', f.asOfInstant)
      .where('si.valid_from', '<=', f.asOfInstant);
    const measures = db.selectFrom('measures as fm').where('fm.created_at', '<=', f.asOfInstant);
    query = joinsLateral(dialectOf(db))
      ? measures.leftJoinLateral(holding.where('si.measure_id', '=', sql.ref<number>('fm.id')).limit(1).as('r'), (join) =>
          join.onTrue(),
        )
      : measures.leftJoin(holding.as('r'), (join) => join.onRef('r.measure_id', '=', 'fm.id'));
  } else {
    // On an accepted basis the latest report on or before the instant with an acceptance made by it,
    // found per measure through the (measure_id, reported_at) index. As a scalar sub-query in the
    // select list both databases run it as an index lookup per measure; inside a JOIN … ON,
    // PostgreSQL hashed the whole report log instead. The walk down the index skips reports without
    // an acceptance made by the instant, each checked by a primary-key probe of report_reviews
    // (docs/product.md §3 "Basis"). Measured (3,000 synthetic measures, 60,000 reports, 4 in 5
    // reviewed): it costs about what an as-of date did, 1.5–2× it with a health filter on PostgreSQL.
    const latestReport = sql<
      number | null
    >`(SELECT r2.id FROM status_reports r2 WHERE r2.measure_id = m0.id AND r2.reported_at <= ${f.asOfInstant} AND EXISTS (SELECT 1 FROM report_reviews rv WHERE rv.report_id = r2.id AND rv.decision = 'accepted' AND rv.reviewed_at <= ${f.asOfInstant}) ORDER BY r2.reported_at DESC, r2.id DESC LIMIT 1)`;
    const latestReports = db
      .selectFrom('measures as m0')
      .select(['m0.id as measure_id', latestReport.as('report_id')])
      .where('m0.created_at', '<=', f.asOfInstant);
    query = db
      .selectFrom(latestReports.as('latest'))
      .innerJoin('measures as fm', 'fm.id', 'latest.measure_id')
      .leftJoin('status_reports as r', 'r.id', 'latest.report_id');
  }

  for (const [ids, table, column] of [
    [f.fieldIds, 'measure_fields', 'field_id'],
    [f.ministryIds, 'measure_ministries', 'ministry_id'],
    [f.instrumentIds, 'measure_instruments', 'instrument_id'],
    // A second, independent EXISTS over the same links: both conditions must hold.
    [f.partnerIds, 'measure_ministries', 'ministry_id'],
  ] as const) {
    if (ids) query = query.where(linkedTo(table, column, ids));
  }
  if (f.pillarIds) query = query.where('fm.pillar_id', 'in', f.pillarIds);
  if (f.statuses) query = query.where(inList(status, f.statuses));
  if (f.healths) query = query.where(inList(health, f.healths));
  for (const term of f.terms) query = query.where(containsText(sql.ref('fm.search_text'), term));
  const withdrawn = withdrawnSql(f);
  if (withdrawn) query = query.where(withdrawn);
  return query.select([
    'fm.id as id',
    status.as('status'),
    reportedHealth.as('reported_health'),
    health.as('health'),
    lastReportedAt.as('last_reported_at'),
    dueAt.as('report_due_at'),
  ]);
}

/**
 * SQL of withdrawals.ts `isWithdrawnAsOf` for the filter's `withdrawn`, or null when every measure
 * passes. Today it is the measure row's own column (set while a withdrawal stands; a withdrawal never
 * takes effect after today); as of a past day, one uncorrelated set of the measures withdrawn then.
 */
function withdrawnSql(f: Pick<ResolvedFilters, 'withdrawn' | 'historical' | 'asOf'>): RawBuilder<SqlBool> | null {
  if (f.withdrawn === 'include') return null;
  if (!f.historical)
    return f.withdrawn === 'only' ? sql<SqlBool>`fm.withdrawn_on IS NOT NULL` : sql<SqlBool>`fm.withdrawn_on IS NULL`;
  const withdrawnThen = sql`SELECT w.measure_id FROM measure_withdrawals w WHERE w.withdrawn_on <= ${f.asOf} AND (w.restored_on IS NULL OR w.restored_on > ${f.asOf})`;
  return f.withdrawn === 'only' ? sql<SqlBool>`fm.id IN (${withdrawnThen})` : sql<SqlBool>`fm.id NOT IN (${withdrawnThen})`;
}

/**
 * `db` with the filtered measures as the CTE `filtered`, MATERIALIZED when their state comes from the
 * log on SQLite (db/dialect.ts): the statistics join each measure to its milestones (and links), and
 * SQLite otherwise inlines the filter and runs the measure's latest-report look-up once per milestone
 * row instead of once per measure. Today's state is columns of the measure row: inlined, SQLite reads
 * them with the join, and materializing them first was slower. Measured at 10,000 measures / 45,000
 * milestones (docs/decisions/018-state-as-of-by-range.md): the summary as of a past day 2.8× faster.
 */
export function withFilteredMeasures(db: Kysely<Database>, f: ResolvedFilters) {
  return db.with(
    (cte) => (materializesFilter(db, f) ? cte('filtered').materialized() : cte('filtered')),
    () => filteredMeasures(db, f),
  );
}

/** Whether a CTE of `filteredMeasures(db, f)` joined to further rows is best MATERIALIZED (see above). */
export function materializesFilter(db: Kysely<Database>, f: ResolvedFilters): boolean {
  return materializeJoinedCtes(dialectOf(db)) && (f.historical || acceptedOnly(f));
}
