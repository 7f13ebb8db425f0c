import { sql } from 'kysely';
import type { Kysely, RawBuilder, Selectable } from 'kysely';
import type { Database, MeasuresTable, StatusReportsTable } from '../../db/schema';
import type { HealthCode, ReportedHealthCode, StatusCode } from '../../common/taxonomy';
import { BEHIND_HEALTH_RANK, completionOnBasis } from '../domain/derived-figures';
import type { MilestoneGroup } from '../domain/derived-figures';
import { reportFollowUp } from '../domain/report-follow-up';
import type { ReportFollowUp } from '../domain/report-follow-up';
import type { MeasureLinks, MeasureListRecord, MeasureRecord, MeasureViewDates, ReportRecord } from '../domain/measure-views';
import type { ReviewState } from '../schemas/follow-up';
import type { SortKey } from '../schemas/query';
import type { ReportDto } from '../schemas/responses';
import type { MilestoneVerificationEntry } from '../schemas/follow-up';
import { kpiRecordsByMeasure } from './kpi-repository';
import { dueDateAsOf } from '../domain/due-date-history';
import type { MilestoneRevisionRecord } from '../domain/measure-views';
import { dueDateInstant, milestoneExistedSql } from './compressed-dates';
import { dueDateAsOfSql } from './due-date-history-sql';
import type { WithdrawalRecord } from '../domain/withdrawals';
import { withdrawalsOf } from './withdrawals-repository';
import { acceptedOnly, completionOnBasisSql, filteredMeasures } from './measure-filter';
import { selectReportsWithFollowUp } from './reviews-repository';
import type { ResolvedFilters } from './measure-filter';

// The measure list and one measure's detail, read as records; server/domain/measure-views.ts turns
// them into what the API shows.

type MeasureRow = Selectable<MeasuresTable>;

export interface ListOptions {
  sort: SortKey;
  descending: boolean;
  page: number;
  pageSize: number;
  lang: 'ja' | 'en';
}

export async function countMeasures(db: Kysely<Database>, f: ResolvedFilters): Promise<number> {
  const row = await db
    .with('filtered', () => filteredMeasures(db, f))
    .selectFrom('filtered')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listMeasures(
  db: Kysely<Database>,
  f: ResolvedFilters,
  options: ListOptions,
): Promise<{ items: MeasureListRecord[]; total: number }> {
  const [total, rows] = await Promise.all([
    countMeasures(db, f),
    sortedMeasures(db, f, options)
      .limit(options.pageSize)
      .offset((options.page - 1) * options.pageSize)
      .execute(),
  ]);
  return { items: await listRecords(db, rows, f), total };
}

export type ListOrder = Pick<ListOptions, 'sort' | 'descending' | 'lang'>;

/**
 * The filtered measures with the list's columns, in the list's order: the sort key's terms, then the
 * code as the tie-break, so that consecutive pages (of the list or of an export) neither repeat nor
 * skip a measure.
 */
export function sortedMeasures(db: Kysely<Database>, f: ResolvedFilters, options: ListOrder) {
  // Mirrors derived-figures.ts `progress` for ordering only; the values shown come from that module.
  // Completions count on the filters' basis, as in the values shown.
  // As of a past day, the milestones in the plan then with the due dates known then (decision 012).
  const completed = completionOnBasisSql(f);
  const existed = milestoneExistedSql(f);
  const dueDate = dueDateAsOfSql(dueDateInstant(f));
  const progressSql = sql`(SELECT COALESCE(SUM(CASE WHEN ${completed} <= ${f.asOf} THEN ms.weight ELSE 0 END) / NULLIF(SUM(ms.weight), 0), 0) FROM milestones ms WHERE ms.measure_id = m.id AND ${existed})`;
  // Each key orders by one or more terms, each with its ascending direction; a descending sort
  // flips every term (and the code tie-break), so `-key` is the exact reverse of `key`.
  const sortTerms: Record<SortKey, readonly SortTerm[]> = {
    code: [[sql`m.code`, 'asc']],
    title: [[options.lang === 'en' ? sql`m.title_en` : sql`m.title_ja`, 'asc']],
    status: [
      [
        sql`CASE fl.status WHEN 'not_started' THEN 0 WHEN 'planning' THEN 1 WHEN 'in_progress' THEN 2 WHEN 'completed' THEN 3 ELSE 4 END`,
        'asc',
      ],
    ],
    // Worst first when ascending: off track, at risk, stale, on track.
    health: [[sql`CASE fl.health WHEN 'off_track' THEN 0 WHEN 'at_risk' THEN 1 WHEN 'stale' THEN 2 ELSE 3 END`, 'asc']],
    progress: [[progressSql, 'asc']],
    targetDate: [[sql`COALESCE(m.target_date, '9999-12-31')`, 'asc']],
    // As of a past day, the last change known then: the latest report, whatever the basis (which
    // may count an older one), or the creation (measure-views.ts `measureListItemView`).
    updatedAt: [
      [
        !f.historical
          ? sql`m.updated_at`
          : acceptedOnly(f)
            ? sql`COALESCE((SELECT MAX(r3.reported_at) FROM status_reports r3 WHERE r3.measure_id = m.id AND r3.reported_at <= ${f.asOfInstant}), m.created_at)`
            : sql`COALESCE(fl.last_reported_at, m.created_at)`,
        'asc',
      ],
    ],
    ministry: [[sql`lead.sort_order`, 'asc']],
    // Mirrors derived-figures.ts `compareBehind` for ordering only (most behind first): the health
    // rank taken from BEHIND_HEALTH_RANK itself, then overdue milestones as of the as-of date
    // (`isOverdueAsOf`: due before it and not done by it) most first, then progress lowest first.
    // tests/server/sort-behind.test.ts holds the two together.
    behind: [
      [behindRankSql(sql`fl.health`), 'asc'],
      [
        sql`(SELECT COUNT(*) FROM milestones ms WHERE ms.measure_id = m.id AND ${existed} AND ${dueDate} < ${f.asOf} AND (${completed} IS NULL OR ${completed} > ${f.asOf}))`,
        'desc',
      ],
      [progressSql, 'asc'],
    ],
  };
  const flip = (d: SortDirection): SortDirection => (options.descending ? (d === 'asc' ? 'desc' : 'asc') : d);

  let rowsQuery = db
    .with('filtered', () => filteredMeasures(db, f))
    .selectFrom('filtered as fl')
    .innerJoin('measures as m', 'm.id', 'fl.id')
    .innerJoin('ministries as lead', 'lead.id', 'm.lead_ministry_id')
    .innerJoin('pillars as p', 'p.id', 'm.pillar_id')
    .select([
      'm.id',
      'm.code',
      'm.title_ja',
      'm.title_en',
      'm.target_date',
      'fl.last_reported_at',
      'fl.report_due_at',
      'm.created_at',
      'm.updated_at',
      'fl.status',
      'fl.health',
      'fl.reported_health',
      'lead.code as lead_code',
      'p.code as pillar_code',
    ]);
  for (const [expression, direction] of sortTerms[options.sort]) rowsQuery = rowsQuery.orderBy(expression, flip(direction));
  return rowsQuery.orderBy('m.code', flip('asc'));
}

type ListRow = Awaited<ReturnType<ReturnType<typeof sortedMeasures>['execute']>>[number];

/**
 * The records of rows of `sortedMeasures`, in their order, with their links, their milestones (the
 * completions that count on the filters' basis) and the review state of their latest report; looked
 * up for these rows only (a page, an export batch), never for the whole list.
 */
export async function listRecords(
  db: Kysely<Database>,
  rows: readonly ListRow[],
  f: Pick<ResolvedFilters, 'basis' | 'asOfInstant' | 'historical' | 'withdrawn'>,
): Promise<MeasureListRecord[]> {
  const ids = rows.map((r) => r.id);
  const [links, groups, reviews, withdrawals] = await Promise.all([
    loadLinks(db, ids),
    milestoneGroupsByMeasure(db, ids, f),
    latestReports(db, ids, f.asOfInstant),
    // Left out by the filter, no row is withdrawn as of the view (docs/decisions/024): the default
    // list and export read no periods at all.
    f.withdrawn === 'exclude' ? new Map<number, WithdrawalRecord[]>() : withdrawalsOf(db, ids),
  ]);
  const items = rows.map((r): MeasureListRecord => ({
    code: r.code,
    titleJa: r.title_ja,
    titleEn: r.title_en,
    leadMinistry: r.lead_code,
    pillar: r.pillar_code,
    links: links.get(r.id) ?? emptyLinks(),
    status: r.status as StatusCode,
    health: r.health as HealthCode,
    reportedHealth: r.reported_health as ReportedHealthCode | null,
    milestones: groups.get(r.id) ?? [],
    review: reviews.get(r.id)?.review ?? null,
    targetDate: r.target_date,
    lastReportedAt: r.last_reported_at,
    latestReportAt: reviews.get(r.id)?.reportedAt ?? null,
    reportDueAt: r.report_due_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    withdrawals: withdrawals.get(r.id) ?? [],
  }));
  return items;
}

type SortDirection = 'asc' | 'desc';
/** An ORDER BY term and its direction in the ascending sort. */
type SortTerm = readonly [expression: RawBuilder<unknown>, direction: SortDirection];

/** SQL of BEHIND_HEALTH_RANK over an effective-health column, built from the record itself. */
function behindRankSql(health: RawBuilder<string>): RawBuilder<number> {
  const branches = Object.entries(BEHIND_HEALTH_RANK).map(([code, rank]) => sql`WHEN ${sql.lit(code)} THEN ${sql.lit(rank)}`);
  return sql<number>`CASE ${health} ${sql.join(branches, sql` `)} ELSE ${sql.lit(Object.keys(BEHIND_HEALTH_RANK).length)} END`;
}

function emptyLinks(): MeasureLinks {
  return { fields: [], primaryField: null, coMinistries: [], instruments: [] };
}

/** Field, co-ministry and instrument codes of the given measures, in taxonomy order (primary field first). */
async function loadLinks(db: Kysely<Database>, ids: number[]): Promise<Map<number, MeasureLinks>> {
  const result = new Map<number, MeasureLinks>(ids.map((id) => [id, emptyLinks()]));
  if (ids.length === 0) return result;
  const [fields, ministries, instruments] = await Promise.all([
    db
      .selectFrom('measure_fields as mf')
      .innerJoin('fields as x', 'x.id', 'mf.field_id')
      .select(['mf.measure_id', 'x.code', 'mf.is_primary'])
      .where('mf.measure_id', 'in', ids)
      .orderBy('mf.is_primary', 'desc')
      .orderBy('x.sort_order')
      .execute(),
    db
      .selectFrom('measure_ministries as mm')
      .innerJoin('ministries as x', 'x.id', 'mm.ministry_id')
      .select(['mm.measure_id', 'x.code'])
      .where('mm.measure_id', 'in', ids)
      .where('mm.role', '=', 'co')
      .orderBy('x.sort_order')
      .execute(),
    db
      .selectFrom('measure_instruments as mi')
      .innerJoin('instruments as x', 'x.id', 'mi.instrument_id')
      .select(['mi.measure_id', 'x.code'])
      .where('mi.measure_id', 'in', ids)
      .orderBy('x.sort_order')
      .execute(),
  ]);
  for (const row of fields) {
    const l = result.get(row.measure_id);
    if (!l) continue;
    l.fields.push(row.code);
    if (Number(row.is_primary) === 1) l.primaryField = row.code;
  }
  for (const row of ministries) result.get(row.measure_id)?.coMinistries.push(row.code);
  for (const row of instruments) result.get(row.measure_id)?.instruments.push(row.code);
  return result;
}

/**
 * Each measure's milestones as groups of one, as of the view: in the past only those in the plan
 * then, each with the due date known then (docs/decisions/012-due-date-history.md), read from the
 * revisions of these milestones only; today the stored due dates, with no look-up.
 */
async function milestoneGroupsByMeasure(
  db: Kysely<Database>,
  ids: number[],
  f: Pick<ResolvedFilters, 'basis' | 'asOfInstant' | 'historical'>,
): Promise<Map<number, MilestoneGroup[]>> {
  const result = new Map<number, MilestoneGroup[]>();
  if (ids.length === 0) return result;
  const rows = await db
    .selectFrom('milestones')
    .select(['id', 'measure_id', 'due_date', 'completed_date', 'verified_at', 'weight'])
    .where('measure_id', 'in', ids)
    .$if(f.historical, (q) => q.where('created_at', '<=', f.asOfInstant))
    .execute();
  const revisions = f.historical
    ? await revisionsOf(
        db,
        rows.map((r) => r.id),
      )
    : new Map<number, MilestoneRevisionRecord[]>();
  for (const r of rows) {
    const list = result.get(r.measure_id) ?? [];
    const completedDate = completionOnBasis(
      { completedDate: r.completed_date, verifiedAt: r.verified_at },
      f.basis,
      f.asOfInstant,
    );
    const dueDate = f.historical ? dueDateAsOf(r.due_date, revisions.get(r.id) ?? [], f.asOfInstant) : r.due_date;
    list.push({ dueDate, completedDate, weight: r.weight, count: 1 });
    result.set(r.measure_id, list);
  }
  return result;
}

/** A measure's latest report known at an instant, whatever the basis: when, and its review state then. */
export interface LatestReport {
  reportedAt: string;
  review: ReviewState;
}

/**
 * Each measure's latest report known at `asOfInstant` and its review state then (docs/product.md §4
 * "Basis"): accepted or returned by a review made by then, else submitted; measures never reported
 * on are absent. One index lookup per measure, as the filter's latest-report lookup.
 */
export async function latestReports(
  db: Kysely<Database>,
  ids: readonly number[],
  asOfInstant: string,
): Promise<Map<number, LatestReport>> {
  const result = new Map<number, LatestReport>();
  if (ids.length === 0) return result;
  const latest = db
    .selectFrom('measures as m0')
    .select([
      'm0.id as measure_id',
      sql<
        number | null
      >`(SELECT r2.id FROM status_reports r2 WHERE r2.measure_id = m0.id AND r2.reported_at <= ${asOfInstant} ORDER BY r2.reported_at DESC, r2.id DESC LIMIT 1)`.as(
        'report_id',
      ),
    ])
    .where('m0.id', 'in', [...ids]);
  const rows = await db
    .selectFrom(latest.as('latest'))
    .innerJoin('status_reports as r', 'r.id', 'latest.report_id')
    .leftJoin('report_reviews as rv', (join) =>
      join.onRef('rv.report_id', '=', 'latest.report_id').on('rv.reviewed_at', '<=', asOfInstant),
    )
    .select(['latest.measure_id', 'r.reported_at', 'rv.decision'])
    .execute();
  for (const r of rows) result.set(r.measure_id, { reportedAt: r.reported_at, review: r.decision ?? 'submitted' });
  return result;
}

/** One measure with its milestones and the reports known as of the view (newest first), or null when unknown. */
export async function findMeasureRecord(
  db: Kysely<Database>,
  code: string,
  view: MeasureViewDates,
): Promise<MeasureRecord | null> {
  const m: (MeasureRow & { lead_code: string; pillar_code: string }) | undefined = await db
    .selectFrom('measures as m')
    .innerJoin('ministries as lead', 'lead.id', 'm.lead_ministry_id')
    .innerJoin('pillars as p', 'p.id', 'm.pillar_id')
    .selectAll('m')
    .select(['lead.code as lead_code', 'p.code as pillar_code'])
    .where('m.code', '=', code.toUpperCase())
    .executeTakeFirst();
  // As of a past date, a measure created later did not exist yet.
  if (!m || (view.historical && m.created_at > view.asOfInstant)) return null;

  const [links, reviews, milestones, reports, withdrawals] = await Promise.all([
    loadLinks(db, [m.id]),
    latestReports(db, [m.id], view.asOfInstant),
    db
      .selectFrom('milestones')
      .selectAll()
      .where('measure_id', '=', m.id)
      .orderBy('sort_order')
      .orderBy('due_date')
      .orderBy('id')
      .execute(),
    selectReportsWithFollowUp(db)
      .selectAll('r')
      .where('r.measure_id', '=', m.id)
      .where('r.reported_at', '<=', view.historical ? view.asOfInstant : '9999')
      .orderBy('r.reported_at', 'desc')
      .orderBy('r.id', 'desc')
      .execute(),
    withdrawalsOf(db, [m.id]),
  ]);
  const [verifications, kpis, revisions] = await Promise.all([
    verificationHistories(
      db,
      milestones.map((ms) => ms.id),
      view.asOfInstant,
    ),
    kpiRecordsByMeasure(db, [m.id], view),
    revisionsOf(
      db,
      milestones.map((ms) => ms.id),
    ),
  ]);
  const reportMilestones = reports.length
    ? await db
        .selectFrom('report_milestones')
        .select(['report_id', 'milestone_id', 'completed_date'])
        .where(
          'report_id',
          'in',
          reports.map((r) => r.id),
        )
        .orderBy('milestone_id')
        .execute()
    : [];

  return {
    code: m.code,
    titleJa: m.title_ja,
    titleEn: m.title_en,
    summaryJa: m.summary_ja,
    summaryEn: m.summary_en,
    leadMinistry: m.lead_code,
    pillar: m.pillar_code,
    links: links.get(m.id) ?? emptyLinks(),
    review: reviews.get(m.id)?.review ?? null,
    current: {
      status: m.status as StatusCode,
      health: m.health as ReportedHealthCode | null,
      reportDueAt: m.report_due_at,
      lastReportedAt: m.last_reported_at,
    },
    targetDate: m.target_date,
    startDate: m.start_date,
    budgetYen: m.budget_yen === null ? null : Number(m.budget_yen),
    budgetFiscalYear: m.budget_fiscal_year,
    ownerName: m.owner_name,
    kpiJa: m.kpi_ja,
    kpiEn: m.kpi_en,
    reportingCycleDays: m.reporting_cycle_days,
    createdAt: m.created_at,
    updatedAt: m.updated_at,
    version: m.version,
    withdrawals: withdrawals.get(m.id) ?? [],
    milestones: milestones.map((ms) => ({
      id: ms.id,
      titleJa: ms.title_ja,
      titleEn: ms.title_en,
      baselineDueDate: ms.baseline_due_date,
      dueDate: ms.due_date,
      weight: ms.weight,
      completedDate: ms.completed_date,
      evidenceUrl: ms.evidence_url,
      verifiedAt: ms.verified_at,
      verifiedBy: ms.verified_by,
      verificationHistory: verifications.get(ms.id) ?? [],
      createdAt: ms.created_at,
      revisions: revisions.get(ms.id) ?? [],
    })),
    reports: reports.map((r): ReportRecord => ({
      ...reportFields(r),
      milestonesCompleted: reportMilestones
        .filter((x) => x.report_id === r.id)
        .map((x) => ({ milestoneId: x.milestone_id, completedDate: x.completed_date })),
      ...reportFollowUp(r, view.historical ? view.asOfInstant : null),
      nextReportDueAt: r.next_report_due_at,
    })),
    kpis: kpis.get(m.id) ?? [],
  };
}

/**
 * The whole revision log of the given milestones, in log order (recorded_at, then id, as
 * `dueDateAsOfSql` breaks ties): what the domain needs to say which due date was known when.
 */
export async function revisionsOf(
  db: Kysely<Database>,
  milestoneIds: readonly number[],
): Promise<Map<number, MilestoneRevisionRecord[]>> {
  const result = new Map<number, MilestoneRevisionRecord[]>();
  if (milestoneIds.length === 0) return result;
  const rows = await db
    .selectFrom('milestone_revisions')
    .selectAll()
    .where('milestone_id', 'in', [...milestoneIds])
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const list = result.get(r.milestone_id) ?? [];
    list.push({
      previousDueDate: r.previous_due_date,
      dueDate: r.due_date,
      recordedAt: r.recorded_at,
      actorEmail: r.actor_email,
      reason: r.reason,
    });
    result.set(r.milestone_id, list);
  }
  return result;
}

/** Every verification and rejection of the given milestones decided by the instant, oldest first. */
async function verificationHistories(
  db: Kysely<Database>,
  milestoneIds: readonly number[],
  instant: string,
): Promise<Map<number, MilestoneVerificationEntry[]>> {
  const result = new Map<number, MilestoneVerificationEntry[]>();
  if (milestoneIds.length === 0) return result;
  const rows = await db
    .selectFrom('milestone_verifications')
    .selectAll()
    .where('milestone_id', 'in', milestoneIds)
    .where('decided_at', '<=', instant)
    .orderBy('decided_at')
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const list = result.get(r.milestone_id) ?? [];
    list.push({
      decision: r.decision,
      comment: r.comment,
      completedDate: r.completed_date,
      evidenceUrl: r.evidence_url,
      actor: r.actor_email,
      decidedAt: r.decided_at,
    });
    result.set(r.milestone_id, list);
  }
  return result;
}

type ReportRow = Pick<
  Selectable<StatusReportsTable>,
  'id' | 'reported_at' | 'reporter' | 'status' | 'health' | 'note' | 'evidence_url'
>;

/** A report's own content as the API names it: less the milestones it completed and its round and review. */
export type ReportContent = Omit<ReportDto, 'milestonesCompleted' | keyof ReportFollowUp>;

/** A status report row as the API names its fields, less the milestones it completed and its follow-up. */
export function reportFields(r: ReportRow): ReportContent {
  return {
    id: r.id,
    reportedAt: r.reported_at,
    reporter: r.reporter,
    status: r.status as StatusCode,
    health: r.health as ReportedHealthCode,
    note: r.note,
    evidenceUrl: r.evidence_url,
  };
}
