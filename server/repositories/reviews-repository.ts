import { sql } from 'kysely';
import type { Kysely, SqlBool, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import { reportFollowUp } from '../domain/report-follow-up';
import type { QueuedReport, ReviewState } from '../schemas/follow-up';
import type { MeasureRef } from '../schemas/follow-up';
import type { ReportedHealthCode, StatusCode } from '../../common/taxonomy';

// The SQL of the review of reports (差し戻し, docs/product.md §4 "The follow-up round"): a report
// with its round and review, the review queue, and the one review a report may get.

type Db = Kysely<Database> | Transaction<Database>;

/** The columns domain/report-follow-up.ts reads, from a report's round (`rd`) and review (`rv`) left-joined to it. */
export const REPORT_FOLLOW_UP_COLUMNS = [
  'rd.code as round_code',
  'rd.due_at as round_due_at',
  'rv.decision as review_decision',
  'rv.comment as review_comment',
  'rv.reviewer_email',
  'rv.reviewed_at',
] as const;

/** Status reports (`r`) joined to their round (`rd`) and review (`rv`), with the follow-up columns selected. */
export function selectReportsWithFollowUp(db: Db) {
  return db
    .selectFrom('status_reports as r')
    .leftJoin('rounds as rd', 'rd.id', 'r.round_id')
    .leftJoin('report_reviews as rv', 'rv.report_id', 'r.id')
    .select(REPORT_FOLLOW_UP_COLUMNS);
}

/** The reports with these ids as the queue shows them (today's review state), by id. */
export async function loadQueuedReports(db: Db, ids: readonly number[]): Promise<Map<number, QueuedReport>> {
  const result = new Map<number, QueuedReport>();
  if (ids.length === 0) return result;
  const unique = [...new Set(ids)];
  const [rows, completions] = await Promise.all([
    selectReportsWithFollowUp(db)
      .select(['r.id', 'r.reported_at', 'r.reporter', 'r.status', 'r.health', 'r.note', 'r.evidence_url'])
      .where('r.id', 'in', unique)
      .execute(),
    db
      .selectFrom('report_milestones')
      .select(['report_id', 'milestone_id', 'completed_date'])
      .where('report_id', 'in', unique)
      .orderBy('milestone_id')
      .execute(),
  ]);
  for (const r of rows) {
    result.set(r.id, {
      id: r.id,
      reportedAt: r.reported_at,
      reporter: r.reporter,
      status: r.status as StatusCode,
      health: r.health as ReportedHealthCode,
      note: r.note,
      evidenceUrl: r.evidence_url,
      milestonesCompleted: completions
        .filter((c) => c.report_id === r.id)
        .map((c) => ({ milestoneId: c.milestone_id, completedDate: c.completed_date })),
      ...reportFollowUp(r),
    });
  }
  return result;
}

/** A report's place: its measure, the report before it, and whether a newer one exists. */
export interface ReportPlace {
  reportId: number;
  measureId: number;
  measure: MeasureRef;
  previousId: number | null;
  superseded: boolean;
}

// Reports are ordered on a measure by (reported_at, id), as the measure's latest report is chosen
// everywhere else (measure-filter.ts).
const previousIdOf = sql<number | null>`(SELECT p.id FROM status_reports p
  WHERE p.measure_id = r.measure_id AND (p.reported_at < r.reported_at OR (p.reported_at = r.reported_at AND p.id < r.id))
  ORDER BY p.reported_at DESC, p.id DESC LIMIT 1)`;
// Written with `reported_at >=` so that the (measure_id, reported_at) index bounds the search.
const hasNewer = sql<SqlBool>`EXISTS (SELECT 1 FROM status_reports n
  WHERE n.measure_id = r.measure_id AND n.reported_at >= r.reported_at AND (n.reported_at > r.reported_at OR n.id > r.id))`;
// Each measure's latest report, found from the measures (one index seek each) rather than by testing
// every report for a newer one: at 10,000 measures and 200,000 reports that is the difference
// between a fraction of a second and several.
const isLatestOfItsMeasure = sql<SqlBool>`r.id IN (SELECT (SELECT l.id FROM status_reports l WHERE l.measure_id = m2.id
  ORDER BY l.reported_at DESC, l.id DESC LIMIT 1) FROM measures m2)`;

function placeQuery(db: Db) {
  return db
    .selectFrom('status_reports as r')
    .innerJoin('measures as m', 'm.id', 'r.measure_id')
    .innerJoin('ministries as lead', 'lead.id', 'm.lead_ministry_id')
    .leftJoin('report_reviews as rv', 'rv.report_id', 'r.id');
}

function placeColumns(query: ReturnType<typeof placeQuery>) {
  return query.select([
    'r.id as report_id',
    'm.id as measure_id',
    'm.code',
    'm.title_ja',
    'm.title_en',
    'lead.code as lead_code',
    previousIdOf.as('previous_id'),
    sql<number>`CASE WHEN ${hasNewer} THEN 1 ELSE 0 END`.as('superseded'),
  ]);
}

interface PlaceRow {
  report_id: number;
  measure_id: number;
  code: string;
  title_ja: string;
  title_en: string;
  lead_code: string;
  previous_id: number | null;
  superseded: number;
}

function toPlace(row: PlaceRow): ReportPlace {
  return {
    reportId: row.report_id,
    measureId: row.measure_id,
    measure: { code: row.code, titleJa: row.title_ja, titleEn: row.title_en, leadMinistry: row.lead_code },
    previousId: row.previous_id === null ? null : Number(row.previous_id),
    superseded: Number(row.superseded) === 1,
  };
}

/** Ids are 32-bit integers on PostgreSQL; a larger number names no report (and must not reach the query). */
const MAX_ID = 2_147_483_647;

export async function findReportPlace(db: Db, reportId: number): Promise<ReportPlace | null> {
  if (!Number.isSafeInteger(reportId) || reportId < 1 || reportId > MAX_ID) return null;
  const row = await placeColumns(placeQuery(db)).where('r.id', '=', reportId).executeTakeFirst();
  return row ? toPlace(row) : null;
}

export interface QueueFilter {
  review: ReviewState | null;
  latestOnly: boolean;
  roundId: number | null;
  /** Lead ministries (the ministry that reports). */
  ministryIds: number[] | null;
  fieldIds: number[] | null;
  measureCode: string | null;
  page: number;
  pageSize: number;
}

function filteredQueue(db: Db, f: QueueFilter) {
  let query = placeQuery(db);
  if (f.review === 'submitted') query = query.where('rv.report_id', 'is', null);
  else if (f.review) query = query.where('rv.decision', '=', f.review);
  if (f.latestOnly) query = query.where(isLatestOfItsMeasure);
  if (f.roundId !== null) query = query.where('r.round_id', '=', f.roundId);
  if (f.ministryIds) query = query.where('m.lead_ministry_id', 'in', f.ministryIds);
  const fieldIds = f.fieldIds;
  if (fieldIds) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('measure_fields as mf')
          .select('mf.field_id')
          .whereRef('mf.measure_id', '=', 'm.id')
          .where('mf.field_id', 'in', fieldIds),
      ),
    );
  }
  if (f.measureCode) query = query.where('m.code', '=', f.measureCode.toUpperCase());
  return query;
}

/** One page of the queue: oldest report first (ties by id), with the total. */
export async function listQueue(db: Db, f: QueueFilter): Promise<{ places: ReportPlace[]; total: number }> {
  const [count, rows] = await Promise.all([
    filteredQueue(db, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    placeColumns(filteredQueue(db, f))
      .orderBy('r.reported_at')
      .orderBy('r.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
  ]);
  return { places: rows.map(toPlace), total: Number(count.n) };
}

export interface NewReview {
  reportId: number;
  decision: 'accepted' | 'returned';
  comment: string;
  reviewerUserId: number;
  reviewerEmail: string;
  reviewedAt: string;
}

/**
 * The report's one review. report_id is the primary key: of two simultaneous reviews the second
 * insert fails with a unique violation (the caller answers 412).
 */
export async function insertReview(trx: Db, review: NewReview): Promise<void> {
  await trx
    .insertInto('report_reviews')
    .values({
      report_id: review.reportId,
      decision: review.decision,
      comment: review.comment,
      reviewer_user_id: review.reviewerUserId,
      reviewer_email: review.reviewerEmail,
      reviewed_at: review.reviewedAt,
    })
    .execute();
}

/** Is there a report on the measure after this one? (Read inside the review's transaction.) */
export async function isSuperseded(trx: Db, reportId: number): Promise<boolean> {
  const row = await trx
    .selectFrom('status_reports as r')
    .select(sql<number>`CASE WHEN ${hasNewer} THEN 1 ELSE 0 END`.as('superseded'))
    .where('r.id', '=', reportId)
    .executeTakeFirst();
  return Number(row?.superseded ?? 0) === 1;
}
