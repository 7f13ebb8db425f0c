import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { VerificationQueueItem, VerificationQueueResponse } from '../../../../server/schemas/follow-up';
import { followUpFetch, followUpGet } from '../../../lib/follow-up-api';
import { fetchEditableMeasure } from '../../../lib/measure-writes';

// Milestones reported complete and waiting for the secretariat to verify them against their
// evidence (docs/product.md §4, "The follow-up round"). A verification is a write to the measure:
// it carries the measure's ETag in If-Match, like every milestone write (decision 006).

export const VERIFICATION_PAGE_SIZE = 20;

export interface VerificationFilters {
  ministry: string;
  page: number;
}

export const verificationKeys = {
  all: ['verification'] as const,
  queue: (filters: VerificationFilters) => [...verificationKeys.all, 'queue', filters] as const,
};

export function parseVerificationFilters(params: URLSearchParams): VerificationFilters {
  const page = Number(params.get('page'));
  return { ministry: params.get('ministry') ?? '', page: Number.isInteger(page) && page > 0 ? page : 1 };
}

export function verificationFiltersToParams(filters: VerificationFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.ministry) params.set('ministry', filters.ministry);
  if (filters.page > 1) params.set('page', String(filters.page));
  return params;
}

export function verificationQueueQuery(filters: VerificationFilters) {
  return queryOptions({
    queryKey: verificationKeys.queue(filters),
    queryFn: () =>
      followUpGet<VerificationQueueResponse>('/milestones', {
        verification: 'pending',
        ministry: filters.ministry,
        page: filters.page,
        pageSize: VERIFICATION_PAGE_SIZE,
      }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export interface VerificationDecision {
  decision: 'verify' | 'reject';
  comment?: string;
}

/** Reads the measure's ETag afresh, then sends the decision with it. */
export async function decideVerification(item: VerificationQueueItem, body: VerificationDecision): Promise<void> {
  const { etag } = await fetchEditableMeasure(item.measure.code);
  const path = `/measures/${encodeURIComponent(item.measure.code)}/milestones/${item.milestone.id}/verification`;
  await followUpFetch<unknown>(path, { method: 'POST', json: body, ifMatch: etag });
}
