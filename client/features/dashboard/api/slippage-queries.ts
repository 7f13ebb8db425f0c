import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { filtersToQuery } from '../../../lib/filters';
import type { Filters } from '../../../lib/filters';

// The dashboard's slippage panel (docs/decisions/012-due-date-history.md): GET /stats/slippage with
// the list filters and as-of date (no deadline: slippage is measured against the baselines).

export type SlippageDimension = 'field' | 'ministry';

export const slippageKeys = {
  all: ['dashboard', 'slippage'] as const,
  of: (by: SlippageDimension, query: Record<string, string | string[]>) => [...slippageKeys.all, by, query] as const,
};

export function slippageQuery(by: SlippageDimension, filters: Filters) {
  const query = filtersToQuery(filters);
  return queryOptions({
    queryKey: slippageKeys.of(by, query),
    queryFn: () => unwrap(api.stats.slippage.$get({ query: { ...query, by } })),
  });
}
