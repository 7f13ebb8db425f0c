import { canReviewReports } from '../../common/roles';
import type { SessionUser } from '../../common/roles';
import { isUniqueViolation } from '../../db/dialect';
import type { AppDeps } from '../app-env';
import { ApiError, forbidden, invalidParameter } from '../errors';
import { writeAudit } from '../repositories/audit-repository';
import { findRounds } from '../repositories/rounds-repository';
import { findReportPlace, insertReview, isSuperseded, listQueue, loadQueuedReports } from '../repositories/reviews-repository';
import type { ReportPlace } from '../repositories/reviews-repository';
import type { Taxonomy } from '../repositories/taxonomy-repository';
import type { ReportQueueItem, ReportQueueResponse } from '../schemas/follow-up';
import type { ReportQueueQuery, ReviewBody } from '../schemas/reviews';
import { DEFAULT_QUEUE_PAGE_SIZE } from '../schemas/reviews';

// The review of reports (差し戻し, docs/product.md §4 "The follow-up round"): the secretariat accepts
// a report or returns it with a comment; the lead answers a returned report with a new one, which
// is submitted again. A report gets one review: report_reviews.report_id is its primary key, so of
// two reviewers at once the first insert wins and the other gets 412 with the report as it is now.

type ReviewDeps = Pick<AppDeps, 'db' | 'now' | 'taxonomy'>;

/** The strong entity tag of a report in a review state: `"report-12-submitted"`. */
export function reportEtag(item: ReportQueueItem): string {
  return `"report-${item.report.id}-${item.report.review.state}"`;
}

async function itemsOf(deps: Pick<AppDeps, 'db'>, places: readonly ReportPlace[]): Promise<ReportQueueItem[]> {
  const reports = await loadQueuedReports(
    deps.db,
    places.flatMap((p) => (p.previousId === null ? [p.reportId] : [p.reportId, p.previousId])),
  );
  return places.map((p) => {
    const report = reports.get(p.reportId);
    if (!report) throw new Error(`Report ${p.reportId} vanished while it was read`);
    return { measure: p.measure, report, previous: p.previousId === null ? null : (reports.get(p.previousId) ?? null) };
  });
}

function codesToIds(taxonomy: Taxonomy, kind: 'ministries' | 'fields', parameter: string, codes: string[] | undefined) {
  if (!codes || codes.length === 0) return null;
  const byCode = new Map(taxonomy[kind].map((row) => [row.code, row.id]));
  const unknown = codes.filter((c) => !byCode.has(c));
  if (unknown.length > 0)
    throw invalidParameter(parameter, `unknown code${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  return codes.map((c) => byCode.get(c) ?? -1);
}

/** GET /reports: the queue, oldest report first. */
export async function reportQueue(deps: ReviewDeps, query: ReportQueueQuery): Promise<ReportQueueResponse> {
  const taxonomy = await deps.taxonomy();
  let roundId: number | null = null;
  if (query.round) {
    const [round] = await findRounds(deps.db, query.round);
    if (!round) throw invalidParameter('round', `unknown code: ${query.round}`);
    roundId = round.id;
  }
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? DEFAULT_QUEUE_PAGE_SIZE;
  const { places, total } = await listQueue(deps.db, {
    review: query.review ?? null,
    latestOnly: query.latest ?? true,
    roundId,
    ministryIds: codesToIds(taxonomy, 'ministries', 'ministry', query.ministry),
    fieldIds: codesToIds(taxonomy, 'fields', 'field', query.field),
    measureCode: query.measure ?? null,
    page,
    pageSize,
  });
  return { items: await itemsOf(deps, places), total, page, pageSize };
}

/** One report with its measure and the report before it, or null when there is none with that id. */
async function findItem(deps: Pick<AppDeps, 'db'>, reportId: number): Promise<ReportQueueItem | null> {
  const place = await findReportPlace(deps.db, reportId);
  if (!place) return null;
  const [item] = await itemsOf(deps, [place]);
  return item ?? null;
}

/** GET /reports/:id. */
export async function queuedReport(deps: ReviewDeps, reportId: number): Promise<ReportQueueItem> {
  const item = await findItem(deps, reportId);
  if (!item) throw new ApiError(404, 'not_found', `No report with id ${reportId}`);
  return item;
}

export interface ReviewRequest {
  user: SessionUser;
  reportId: number;
  ifMatch: string | undefined;
  requestId: string;
}

export type ReviewOutcome =
  | { kind: 'reviewed'; item: ReportQueueItem }
  /** The ETag is not the report's current one (reviewed meanwhile): answer 412 with `current`. */
  | { kind: 'stale'; current: ReportQueueItem };

/** Thrown inside the transaction when another review won; rolls back the audit row too. */
class ReviewedMeanwhile extends Error {}

/** POST /reports/:id/review. */
export async function reviewReport(deps: ReviewDeps, request: ReviewRequest, body: ReviewBody): Promise<ReviewOutcome> {
  const { user, reportId } = request;
  // The route's guard checked this already; checked again so that no path can skip it.
  if (!canReviewReports(user)) throw forbidden('Only the secretariat or an administrator may review reports');
  const before = await findItem(deps, reportId);
  if (!before) throw new ApiError(404, 'not_found', `No report with id ${reportId}`);
  const ifMatch = request.ifMatch?.trim();
  if (!ifMatch || ifMatch === '*') {
    throw new ApiError(
      428,
      'precondition_required',
      `Send If-Match with the report's ETag (from GET /api/v1/reports/${reportId}) so that no one else's review is overwritten`,
    );
  }
  const tags = ifMatch.split(',').map((t) => t.trim());
  if (!tags.includes(reportEtag(before))) return { kind: 'stale', current: before };

  const decision = body.decision === 'accept' ? 'accepted' : 'returned';
  const now = deps.now();
  const entityCode = `${before.measure.code}#${reportId}`;
  try {
    await deps.db.transaction().execute(async (trx) => {
      // A lead who has reported again answered the point already: review the newer report instead.
      if (await isSuperseded(trx, reportId)) {
        throw new ApiError(
          409,
          'report_superseded',
          `${before.measure.code} has a newer report than ${reportId}; review that one instead`,
        );
      }
      try {
        await insertReview(trx, {
          reportId,
          decision,
          comment: body.comment ?? '',
          reviewerUserId: user.id,
          reviewerEmail: user.email,
          reviewedAt: now.toISOString(),
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new ReviewedMeanwhile();
        throw error;
      }
      const after = await findItem({ db: trx }, reportId);
      await writeAudit(trx, {
        actor: user,
        action: decision === 'accepted' ? 'report.accept' : 'report.return',
        entityType: 'report',
        entityCode,
        before,
        after,
        requestId: request.requestId,
        now,
      });
    });
  } catch (error) {
    // On PostgreSQL the loser's insert may also surface only at commit, or as the raw violation.
    if (!(error instanceof ReviewedMeanwhile) && !isUniqueViolation(error)) throw error;
    return { kind: 'stale', current: await queuedReport(deps, reportId) };
  }
  return { kind: 'reviewed', item: await queuedReport(deps, reportId) };
}
