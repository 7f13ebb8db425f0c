import type { ReportReview } from '../schemas/follow-up';

// A report's place in the follow-up round (docs/product.md §4, "The follow-up round"): the round it
// answers (fixed when it was filed), whether it came after the round's due date, and its review.

/** What the database holds about a report's round and review (null columns when it has none). */
export interface ReportFollowUpRow {
  reported_at: string;
  round_code: string | null;
  round_due_at: string | null;
  review_decision: 'accepted' | 'returned' | null;
  review_comment: string | null;
  reviewer_email: string | null;
  reviewed_at: string | null;
}

export interface ReportFollowUp {
  roundCode: string | null;
  late: boolean;
  review: ReportReview;
}

/** Both instants are ISO strings in UTC (toISOString), so they compare as text. */
export function isLate(reportedAt: string, dueAt: string | null): boolean {
  return dueAt !== null && Date.parse(reportedAt) > Date.parse(dueAt);
}

/**
 * The follow-up fields of a report. As of a past instant a review made later had not happened yet:
 * the report was still submitted then.
 */
export function reportFollowUp(row: ReportFollowUpRow, asOfInstant: string | null = null): ReportFollowUp {
  const reviewed =
    row.review_decision !== null && row.reviewed_at !== null && (asOfInstant === null || row.reviewed_at <= asOfInstant);
  return {
    roundCode: row.round_code,
    late: isLate(row.reported_at, row.round_due_at),
    review: reviewed
      ? {
          state: row.review_decision === 'accepted' ? 'accepted' : 'returned',
          // An acceptance may carry no comment: shown as none rather than an empty string.
          comment: row.review_comment ? row.review_comment : null,
          reviewer: row.reviewer_email,
          reviewedAt: row.reviewed_at,
        }
      : { state: 'submitted', comment: null, reviewer: null, reviewedAt: null },
  };
}
