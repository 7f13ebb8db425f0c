import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { filtersToQuery } from '../../../lib/filters';
import type { Filters } from '../../../lib/filters';
import type { ChangeKind } from '../../../../server/schemas/meeting-pack';

// GET /changes, keyed by the exact query it sends (docs/product.md §4 "The meeting pack").

/**
 * The page's state: the list filters (no as-of: the two ends replace it), the two ends ('' = default),
 * and the one kind being paged through ('' = every kind, the first page of each).
 */
export interface ChangesParams {
  filters: Filters;
  from: string;
  to: string;
  kind: ChangeKind | '';
  /** Items of that kind skipped (a multiple of CHANGES_PAGE_SIZE). */
  offset: number;
}

/** Items of each kind per answer: the API's default (docs/decisions/027-changes-paged-by-kind.md). */
export const CHANGES_PAGE_SIZE = 100;

/** The query of the export (every item): the list filters without asOf, and the ends when chosen. */
function changesQueryOf({
  filters,
  from,
  to,
}: Pick<ChangesParams, 'filters' | 'from' | 'to'>): Record<string, string | string[]> {
  const query = filtersToQuery({ ...filters, asOf: '' });
  if (from) query.from = from;
  if (to) query.to = to;
  return query;
}

/** The query of GET /changes: the export's, and the kind and page when one kind is paged through. */
function changesPageQueryOf(params: ChangesParams): Record<string, string | string[]> {
  const query = changesQueryOf(params);
  if (params.kind) query.kind = params.kind;
  if (params.kind && params.offset > 0) query.offset = String(params.offset);
  return query;
}

export const changesKeys = {
  all: ['changes'] as const,
  list: (query: Record<string, string | string[]>) => [...changesKeys.all, query] as const,
};

export function changesQuery(params: ChangesParams) {
  const query = changesPageQueryOf(params);
  return queryOptions({
    queryKey: changesKeys.list(query),
    queryFn: () => unwrap(api.changes.$get({ query })),
  });
}
