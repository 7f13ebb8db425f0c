import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { ReportQueueItem, ReportQueueResponse, RoundListResponse } from '../../../../server/schemas/follow-up';
import { followUpFetch, followUpGet } from '../../../lib/follow-up-api';

// The review queue (docs/product.md §4, "The follow-up round"): submitted reports, each measure's
// latest only, oldest first; a decision names in If-Match the review state the reviewer saw.

export const REVIEW_PAGE_SIZE = 20;

export interface ReviewFilters {
  round: string;
  ministry: string;
  page: number;
}

export const reviewKeys = {
  all: ['review'] as const,
  queue: (filters: ReviewFilters) => [...reviewKeys.all, 'queue', filters] as const,
};

export function parseReviewFilters(params: URLSearchParams): ReviewFilters {
  const page = Number(params.get('page'));
  return {
    round: params.get('round') ?? '',
    ministry: params.get('ministry') ?? '',
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

export function reviewFiltersToParams(filters: ReviewFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.round) params.set('round', filters.round);
  if (filters.ministry) params.set('ministry', filters.ministry);
  if (filters.page > 1) params.set('page', String(filters.page));
  return params;
}

export function reviewQueueQuery(filters: ReviewFilters) {
  return queryOptions({
    queryKey: reviewKeys.queue(filters),
    queryFn: () =>
      followUpGet<ReportQueueResponse>('/reports', {
        review: 'submitted',
        latest: 'true',
        round: filters.round,
        ministry: filters.ministry,
        page: filters.page,
        pageSize: REVIEW_PAGE_SIZE,
      }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

/** The rounds to filter by. The same key as the rounds pages use, so that one fetch serves both. */
export function reviewRoundsQuery() {
  return queryOptions({ queryKey: ['rounds', 'list'] as const, queryFn: () => followUpGet<RoundListResponse>('/rounds') });
}

/** The ETag of a report in the state the queue showed it in (GET /reports/:id answers the same). */
export function reportEtag(item: ReportQueueItem): string {
  return `"report-${item.report.id}-${item.report.review.state}"`;
}

export interface ReviewDecision {
  decision: 'accept' | 'return';
  comment: string;
}

export async function reviewReport(item: ReportQueueItem, body: ReviewDecision): Promise<ReportQueueItem> {
  const path = `/reports/${item.report.id}/review`;
  return (await followUpFetch<ReportQueueItem>(path, { method: 'POST', json: body, ifMatch: reportEtag(item) })).body;
}

/**
 * Whether a 412's `current` is a queue item (someone decided first): checked as far as the page reads it,
 * the rest is the contract's (server/schemas/follow-up.ts reportQueueItem), as measure-writes.ts does.
 */
export function isQueueItem(value: unknown): value is ReportQueueItem {
  if (typeof value !== 'object' || value === null || !('report' in value) || !('measure' in value)) return false;
  const report: unknown = value.report;
  if (typeof report !== 'object' || report === null || !('review' in report)) return false;
  const review: unknown = report.review;
  return typeof review === 'object' && review !== null && 'state' in review && typeof review.state === 'string';
}
