import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import type { ExportOptions } from '../../../lib/export-url';
import { emptyFilters } from '../../../lib/filters';
import type { Filters } from '../../../lib/filters';

export const measureDetailKeys = {
  all: ['measure-detail'] as const,
  detail: (code: string, asOf: string) => [...measureDetailKeys.all, code, asOf] as const,
};

export function measureDetailQuery(code: string, asOf: string) {
  return queryOptions({
    queryKey: measureDetailKeys.detail(code, asOf),
    queryFn: () => unwrap(api.measures[':code'].$get({ param: { code }, query: asOf ? { asOf } : {} })),
  });
}

/**
 * The reports export that is this measure's report history: the reports of this measure alone, and on
 * a past as-of date those up to that day (the history the page shows then).
 */
export function reportHistoryFilters(code: string, asOf: string): Filters & ExportOptions {
  return { ...emptyFilters(), measure: code, asOf, to: asOf || undefined };
}
