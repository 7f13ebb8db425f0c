import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { filtersToQuery } from '../../../lib/filters';
import type { Filters } from '../../../lib/filters';

// GET /changes, keyed by the exact query it sends (docs/product.md §4 "The meeting pack").

/** The page's state: the list filters (no as-of: the two ends replace it) and the two ends ('' = default). */
export interface ChangesParams {
  filters: Filters;
  from: string;
  to: string;
}

/** The query GET /changes and its export take: the list filters without asOf, and the ends when chosen. */
export function changesQueryOf({ filters, from, to }: ChangesParams): Record<string, string | string[]> {
  const query = filtersToQuery({ ...filters, asOf: '' });
  if (from) query.from = from;
  if (to) query.to = to;
  return query;
}

export const changesKeys = {
  all: ['changes'] as const,
  list: (query: Record<string, string | string[]>) => [...changesKeys.all, query] as const,
};

export function changesQuery(params: ChangesParams) {
  const query = changesQueryOf(params);
  return queryOptions({
    queryKey: changesKeys.list(query),
    queryFn: () => unwrap(api.changes.$get({ query })),
  });
}
