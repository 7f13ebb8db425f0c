import type { Kysely } from 'kysely';
import { addDays, addDaysToInstant, minIso } from '../../common/calendar';
import type { Database } from '../../db/schema';

// Reviews and verifications on top of fixture-measures.ts, written straight into the tables (the
// review and verification endpoints are built elsewhere): enough of each kind, with review and
// verification times that fall on both sides of the as-of dates the tests ask for, to tell the
// bases apart (docs/product.md §3 "Basis").

const REVIEWER = 'secretariat@demo.example.jp';

/** How the n-th report (in time order) is reviewed: decision and days after the report, or none. */
const REVIEW_PATTERN: readonly ({ decision: 'accepted' | 'returned'; afterDays: number } | null)[] = [
  { decision: 'accepted', afterDays: 3 },
  { decision: 'returned', afterDays: 1 },
  null,
  { decision: 'accepted', afterDays: 20 },
];

/** Days after its completion date that the n-th completed milestone is verified; null: never. */
const VERIFY_PATTERN: readonly (number | null)[] = [5, null, 60];

export interface BasisFixtureRows {
  reports: {
    id: number;
    measureId: number;
    reportedAt: string;
    status: string;
    health: string;
    nextReportDueAt: string;
  }[];
  reviews: { reportId: number; decision: 'accepted' | 'returned'; reviewedAt: string }[];
  milestones: {
    id: number;
    measureId: number;
    completedDate: string | null;
    verifiedAt: string | null;
    weight: number;
    dueDate: string;
  }[];
  measures: { id: number; code: string; createdAt: string }[];
}

/**
 * Reviews the fixture's reports and verifies some completed milestones, none after `now` (a review
 * or verification cannot come from the future). Returns every row the bases are computed from.
 */
export async function addReviewsAndVerifications(db: Kysely<Database>, now: Date): Promise<BasisFixtureRows> {
  const cap = (instant: string) => minIso(instant, now.toISOString());
  const reports = await db
    .selectFrom('status_reports')
    .select(['id', 'measure_id', 'reported_at', 'status', 'health', 'next_report_due_at'])
    .orderBy('reported_at')
    .orderBy('id')
    .execute();
  const reviews: BasisFixtureRows['reviews'] = [];
  for (const [i, r] of reports.entries()) {
    const review = REVIEW_PATTERN[i % REVIEW_PATTERN.length];
    if (!review) continue;
    const reviewedAt = cap(addDaysToInstant(r.reported_at, review.afterDays));
    await db
      .insertInto('report_reviews')
      .values({
        report_id: r.id,
        decision: review.decision,
        comment: review.decision === 'returned' ? '根拠資料を添付してください' : '',
        reviewer_user_id: null,
        reviewer_email: REVIEWER,
        reviewed_at: reviewedAt,
      })
      .execute();
    reviews.push({ reportId: r.id, decision: review.decision, reviewedAt });
  }

  const completed = await db
    .selectFrom('milestones')
    .select(['id', 'completed_date'])
    .where('completed_date', 'is not', null)
    .orderBy('completed_date')
    .orderBy('id')
    .execute();
  for (const [i, ms] of completed.entries()) {
    const after = VERIFY_PATTERN[i % VERIFY_PATTERN.length];
    if (after === null || after === undefined || ms.completed_date === null) continue;
    await db
      .updateTable('milestones')
      .set({
        evidence_url: `https://example.jp/evidence/${ms.id}`,
        verified_at: cap(`${addDays(ms.completed_date, after)}T03:00:00.000Z`),
        verified_by: REVIEWER,
      })
      .where('id', '=', ms.id)
      .execute();
  }

  const [milestones, measures] = await Promise.all([
    db.selectFrom('milestones').select(['id', 'measure_id', 'completed_date', 'verified_at', 'weight', 'due_date']).execute(),
    db.selectFrom('measures').select(['id', 'code', 'created_at']).execute(),
  ]);
  return {
    reports: reports.map((r) => ({
      id: r.id,
      measureId: r.measure_id,
      reportedAt: r.reported_at,
      status: r.status,
      health: r.health,
      nextReportDueAt: r.next_report_due_at,
    })),
    reviews,
    milestones: milestones.map((m) => ({
      id: m.id,
      measureId: m.measure_id,
      completedDate: m.completed_date,
      verifiedAt: m.verified_at,
      weight: m.weight,
      dueDate: m.due_date,
    })),
    measures: measures.map((m) => ({ id: m.id, code: m.code, createdAt: m.created_at })),
  };
}
