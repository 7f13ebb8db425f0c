import { queryOptions } from '@tanstack/react-query';
import { fetchDetailWithFollowUp } from '../../../lib/follow-up-detail';

// The measure a report is written against, with the follow-up round's fields (docs/product.md §4): its
// KPIs, for the observations, and its latest report's review, to show a returned report's comment.
// Loaded as the editable measure is (lib/measure-writes.ts): afresh whenever the form opens, never
// refreshed behind the user's back.

export const reportKeys = {
  all: ['report-measure'] as const,
  measure: (code: string) => [...reportKeys.all, code] as const,
};

export function reportMeasureQuery(code: string) {
  return queryOptions({
    queryKey: reportKeys.measure(code),
    queryFn: () => fetchDetailWithFollowUp(code),
    staleTime: Infinity,
    gcTime: 0,
    refetchOnMount: 'always',
  });
}
