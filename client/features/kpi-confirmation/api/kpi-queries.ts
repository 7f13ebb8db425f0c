import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { KpiCategory, KpiQueueItem, KpiQueueResponse } from '../../../../server/schemas/follow-up';
import { followUpFetch, followUpGet } from '../../../lib/follow-up-api';

// KPIs whose progress category waits for the secretariat (docs/product.md §4, "The follow-up round"):
// the pacing rule computes A / B / N, the secretariat confirms it or overrides it with a reason.

export const KPI_PAGE_SIZE = 20;
export const CATEGORIES: readonly KpiCategory[] = ['A', 'B', 'N'];

export const kpiConfirmationKeys = {
  all: ['kpi-confirmation'] as const,
  queue: (page: number) => [...kpiConfirmationKeys.all, 'queue', page] as const,
};

export function kpiQueueQuery(page: number) {
  return queryOptions({
    queryKey: kpiConfirmationKeys.queue(page),
    queryFn: () => followUpGet<KpiQueueResponse>('/kpis', { confirmation: 'pending', page, pageSize: KPI_PAGE_SIZE }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export interface CategoryDecision {
  category: KpiCategory;
  reason: string;
  /** The latest observation the judge saw; the server refuses (409) when a newer one has come in. */
  observationId: number | null;
}

export async function confirmCategory(kpiId: number, body: CategoryDecision): Promise<KpiQueueItem> {
  return (await followUpFetch<KpiQueueItem>(`/kpis/${kpiId}/category`, { method: 'POST', json: body })).body;
}
