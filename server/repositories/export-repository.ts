import type { Kysely } from 'kysely';
import { reportFollowUp } from '../domain/report-follow-up';
import type { Database } from '../../db/schema';
import type { MeasureExportRecord, ReportExportRow } from '../domain/export-columns';
import type { ResolvedFilters } from './measure-filter';
import { filteredMeasures } from './measure-filter';
import { listRecords, reportFields, sortedMeasures } from './measures-repository';
import { REPORT_FOLLOW_UP_COLUMNS } from './reviews-repository';
import type { ListOrder } from './measures-repository';

// The exports read their rows in batches, so that a hundred thousand measures never sit in memory at
// once. Kysely streams rows only through a cursor, which PostgreSQL would need pg-cursor for: batches
// of the list's own query are read instead.

/**
 * The ids of the list's measures in the list's order (`sortedMeasures`, code as the tie-break): one
 * number per measure is all an export holds of the whole list. Paging the list itself by OFFSET would
 * sort every matching measure again for every batch (100,000 measures: 100 sorts of 100,000 rows).
 */
export async function measureExportIds(db: Kysely<Database>, f: ResolvedFilters, order: ListOrder): Promise<number[]> {
  const rows = await sortedMeasures(db, f, order).clearSelect().select('m.id').execute();
  return rows.map((r) => r.id);
}

/**
 * The measures of one batch of `measureExportIds`, in the list's order, with the rest of their plan.
 * The same query and ORDER BY as the list, narrowed to the batch: a measure edited since the ids were
 * read shows as it is now, and drops out if it no longer matches the filters.
 */
export async function measureExportBatch(
  db: Kysely<Database>,
  f: ResolvedFilters,
  order: ListOrder,
  ids: readonly number[],
): Promise<MeasureExportRecord[]> {
  if (ids.length === 0) return [];
  // Narrowed on the filter's own id, so that the filter (a sub-query both databases inline) is
  // evaluated for the batch only, not for every measure.
  const rows = await sortedMeasures(db, f, order).where('fl.id', 'in', ids).execute();
  if (rows.length === 0) return [];
  const [records, plans] = await Promise.all([
    listRecords(db, rows, f),
    db
      .selectFrom('measures')
      .select(['id', 'start_date', 'budget_yen', 'budget_fiscal_year', 'owner_name', 'kpi_ja', 'kpi_en', 'version'])
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute(),
  ]);
  const planById = new Map(plans.map((p) => [p.id, p]));
  return records.map((record, i) => {
    const plan = planById.get(rows[i]?.id ?? -1);
    return {
      ...record,
      plan: {
        startDate: plan?.start_date ?? null,
        budgetYen: plan?.budget_yen === null || plan?.budget_yen === undefined ? null : Number(plan.budget_yen),
        budgetFiscalYear: plan?.budget_fiscal_year ?? null,
        ownerName: plan?.owner_name ?? '',
        kpiJa: plan?.kpi_ja ?? '',
        kpiEn: plan?.kpi_en ?? '',
        version: plan?.version ?? 0,
      },
    };
  });
}

/** Where the previous batch of reports ended (newest first: the next batch is older). */
export interface ReportCursor {
  reportedAt: string;
  id: number;
}

export interface ReportRange {
  /** Instants, inclusive; the reports known as of the filters' instant in any case. */
  from: string | null;
  to: string | null;
  /** One measure's reports only (its code), or those of every filtered measure. */
  measureCode: string | null;
}

/**
 * One batch of the status reports of the filtered measures, newest first (report time, then id), after
 * `cursor`: a keyset over the (measure_id, reported_at) index's order, so each batch costs the same.
 */
export async function reportExportBatch(
  db: Kysely<Database>,
  f: ResolvedFilters,
  range: ReportRange,
  cursor: ReportCursor | null,
  limit: number,
): Promise<{ rows: ReportExportRow[]; next: ReportCursor | null }> {
  let query = db
    .with('filtered', () => filteredMeasures(db, f))
    .selectFrom('filtered as fl')
    .innerJoin('status_reports as r', 'r.measure_id', 'fl.id')
    .innerJoin('measures as m', 'm.id', 'fl.id')
    .leftJoin('rounds as rd', 'rd.id', 'r.round_id')
    .leftJoin('report_reviews as rv', 'rv.report_id', 'r.id')
    .select(REPORT_FOLLOW_UP_COLUMNS)
    .select([
      'r.id',
      'r.reported_at',
      'r.reporter',
      'r.status',
      'r.health',
      'r.note',
      'r.evidence_url',
      'm.code',
      'm.title_ja',
      'm.title_en',
    ])
    .where('r.reported_at', '<=', range.to && range.to < f.asOfInstant ? range.to : f.asOfInstant);
  if (range.from) query = query.where('r.reported_at', '>=', range.from);
  if (range.measureCode) query = query.where('m.code', '=', range.measureCode);
  if (cursor) {
    // (time, id) before the cursor, written so that the time is a range the report-time index seeks.
    query = query
      .where('r.reported_at', '<=', cursor.reportedAt)
      .where((eb) => eb.or([eb('r.reported_at', '<', cursor.reportedAt), eb('r.id', '<', cursor.id)]));
  }
  const reports = await query.orderBy('r.reported_at', 'desc').orderBy('r.id', 'desc').limit(limit).execute();
  const completed = reports.length
    ? await db
        .selectFrom('report_milestones as rm')
        .innerJoin('milestones as ms', 'ms.id', 'rm.milestone_id')
        .select(['rm.report_id', 'rm.milestone_id', 'rm.completed_date', 'ms.title_ja', 'ms.title_en'])
        .where(
          'rm.report_id',
          'in',
          reports.map((r) => r.id),
        )
        .orderBy('rm.milestone_id')
        .execute()
    : [];
  // Grouped once by report, so a batch costs its size, not its size squared.
  const completedByReport = new Map<number, ReportExportRow['milestonesCompleted']>();
  for (const x of completed) {
    const list = completedByReport.get(x.report_id) ?? [];
    list.push({ milestoneId: x.milestone_id, titleJa: x.title_ja, titleEn: x.title_en, completedDate: x.completed_date });
    completedByReport.set(x.report_id, list);
  }
  const rows = reports.map((r): ReportExportRow => ({
    code: r.code,
    titleJa: r.title_ja,
    titleEn: r.title_en,
    ...reportFields(r),
    // As of a past day a later review had not happened yet (the report was still submitted then).
    ...reportFollowUp(r, f.historical ? f.asOfInstant : null),
    milestonesCompleted: completedByReport.get(r.id) ?? [],
  }));
  const last = reports[reports.length - 1];
  return { rows, next: reports.length === limit && last ? { reportedAt: last.reported_at, id: last.id } : null };
}
