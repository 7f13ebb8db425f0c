import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import type { ExportOptions } from '../../../lib/export-url';
import { emptyFilters, filtersToQuery } from '../../../lib/filters';
import type { Filters } from '../../../lib/filters';

export const measureDetailKeys = {
  all: ['measure-detail'] as const,
  detail: (code: string, asOf: string) => [...measureDetailKeys.all, code, asOf] as const,
  onlyThis: (code: string, asOf: string) => [...measureDetailKeys.all, code, asOf, 'only-this'] as const,
};

export function measureDetailQuery(code: string, asOf: string) {
  return queryOptions({
    queryKey: measureDetailKeys.detail(code, asOf),
    queryFn: () => unwrap(api.measures[':code'].$get({ param: { code }, query: asOf ? { asOf } : {} })),
  });
}

/**
 * The filters of the reports export that stand for this measure's report history: the filters have
 * no code, so its code as the search text, and on a past as-of date the reports up to that day (the
 * history the page shows then).
 */
export function reportHistoryFilters(code: string, asOf: string): Filters & ExportOptions {
  return { ...emptyFilters(), q: code, asOf, to: asOf || undefined };
}

/**
 * Whether those filters select this measure and no other. The search text also covers titles,
 * summaries and KPIs, where another measure could mention this code; the page offers the download
 * only when the list answers exactly this one measure.
 */
export function reportHistoryExportableQuery(code: string, asOf: string) {
  const query = filtersToQuery(reportHistoryFilters(code, asOf));
  return queryOptions({
    queryKey: measureDetailKeys.onlyThis(code, asOf),
    queryFn: () => unwrap(api.measures.$get({ query: { ...query, pageSize: '2' } })),
    select: (list) => list.total === 1 && list.items[0]?.code === code,
  });
}
