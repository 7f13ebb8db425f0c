import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { filtersToQuery } from '../../../lib/filters';
import type { Filters } from '../../../lib/filters';

// The analysis page's requests (docs/product.md §4 `/stats/matrix`), keyed by the exact query sent.

/** The page's state: the list filters plus the deadline progress is measured against ('' = default). */
export type AnalysisFilters = Filters & { deadline: string };

/** The pairs of axes the API answers: rows × cols. */
export type MatrixPair = { rows: 'field'; cols: 'instrument' | 'pillar' | 'ministry' } | { rows: 'ministry'; cols: 'ministry' };

export const analysisKeys = {
  all: ['analysis'] as const,
  matrix: (pair: MatrixPair, query: Record<string, string | string[]>) =>
    [...analysisKeys.all, 'matrix', pair.rows, pair.cols, query] as const,
};

export function matrixQuery(pair: MatrixPair, filters: AnalysisFilters) {
  const query = filtersToQuery(filters);
  if (filters.deadline) query.deadline = filters.deadline;
  return queryOptions({
    queryKey: analysisKeys.matrix(pair, query),
    queryFn: () => unwrap(api.stats.matrix.$get({ query: { ...query, rows: pair.rows, cols: pair.cols } })),
  });
}
