// The filter state of docs/product.md §4–§5, kept in the URL so that reload, back/forward and a pasted link
// reproduce the view. Multi-valued filters are written comma-separated (?field=quantum,fusion) and
// read in either form; defaults are left out of the URL.

import type { Basis } from '../../server/schemas/follow-up';

/**
 * What the figures are computed on (docs/product.md §4, the follow-up round): every report, accepted
 * reports only, or also verified milestones only. Not a narrowing of the measures, so it is not counted
 * as an active filter; `reported` is the default and is left out of the URL and of every request.
 */
export const BASIS_VALUES = ['reported', 'accepted', 'verified'] as const satisfies readonly Basis[];
export const DEFAULT_BASIS: Basis = 'reported';

function isBasis(value: string | null): value is Basis {
  return (BASIS_VALUES as readonly (string | null)[]).includes(value);
}

/**
 * Withdrawn measures (廃止, docs/decisions/024): left out by default (and left out of the URL and of
 * every request), included, or alone. A narrowing like the other filters when not the default.
 */
export const WITHDRAWN_VALUES = ['exclude', 'include', 'only'] as const;
export type Withdrawn = (typeof WITHDRAWN_VALUES)[number];
export const DEFAULT_WITHDRAWN: Withdrawn = 'exclude';

function isWithdrawn(value: string | null): value is Withdrawn {
  return (WITHDRAWN_VALUES as readonly (string | null)[]).includes(value);
}

// `partner` (共管府省庁): the measure is also owned by one of these ministries (docs/product.md §4 filters).
export const MULTI_FILTER_KEYS = ['field', 'ministry', 'partner', 'status', 'health', 'pillar', 'instrument'] as const;
export type MultiFilterKey = (typeof MULTI_FILTER_KEYS)[number];

export interface Filters {
  field: string[];
  ministry: string[];
  status: string[];
  health: string[];
  pillar: string[];
  instrument: string[];
  partner: string[];
  q: string;
  /** YYYY-MM-DD; empty = today. */
  asOf: string;
  basis: Basis;
  withdrawn: Withdrawn;
}

export interface ExplorerState extends Filters {
  sort: string;
  page: number;
  pageSize: number;
}

export const DEFAULT_SORT = 'code';
export const DEFAULT_PAGE_SIZE = 50;
export const PAGE_SIZES = [20, 50, 100, 500] as const;

export function emptyFilters(): Filters {
  return {
    field: [],
    ministry: [],
    partner: [],
    status: [],
    health: [],
    pillar: [],
    instrument: [],
    q: '',
    asOf: '',
    basis: DEFAULT_BASIS,
    withdrawn: DEFAULT_WITHDRAWN,
  };
}

function readList(params: URLSearchParams, key: string): string[] {
  return [
    ...new Set(
      params
        .getAll(key)
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
}

export function parseFilters(params: URLSearchParams): Filters {
  const filters = emptyFilters();
  for (const key of MULTI_FILTER_KEYS) filters[key] = readList(params, key);
  filters.q = params.get('q') ?? '';
  const asOf = params.get('asOf') ?? '';
  filters.asOf = /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : '';
  const basis = params.get('basis');
  filters.basis = isBasis(basis) ? basis : DEFAULT_BASIS;
  const withdrawn = params.get('withdrawn');
  filters.withdrawn = isWithdrawn(withdrawn) ? withdrawn : DEFAULT_WITHDRAWN;
  return filters;
}

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function parseExplorerState(params: URLSearchParams): ExplorerState {
  const size = positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE);
  return {
    ...parseFilters(params),
    sort: params.get('sort') || DEFAULT_SORT,
    page: positiveInt(params.get('page'), 1),
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE,
  };
}

/** URL parameters for the filters (only the ones set), in a stable order. */
export function filtersToParams(filters: Filters, extra: Record<string, string | number | undefined> = {}): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of MULTI_FILTER_KEYS) if (filters[key].length > 0) params.set(key, filters[key].join(','));
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.asOf) params.set('asOf', filters.asOf);
  if (filters.basis !== DEFAULT_BASIS) params.set('basis', filters.basis);
  if (filters.withdrawn !== DEFAULT_WITHDRAWN) params.set('withdrawn', filters.withdrawn);
  for (const [key, value] of Object.entries(extra)) if (value !== undefined && value !== '') params.set(key, String(value));
  return params;
}

export function explorerStateToParams(state: ExplorerState): URLSearchParams {
  return filtersToParams(state, {
    sort: state.sort === DEFAULT_SORT ? undefined : state.sort,
    page: state.page === 1 ? undefined : state.page,
    pageSize: state.pageSize === DEFAULT_PAGE_SIZE ? undefined : state.pageSize,
  });
}

/** The query object the API takes for these filters (arrays for the multi-valued ones). */
export function filtersToQuery(filters: Filters): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of MULTI_FILTER_KEYS) if (filters[key].length > 0) query[key] = filters[key];
  if (filters.q.trim()) query.q = filters.q.trim();
  if (filters.asOf) query.asOf = filters.asOf;
  if (filters.basis !== DEFAULT_BASIS) query.basis = filters.basis;
  if (filters.withdrawn !== DEFAULT_WITHDRAWN) query.withdrawn = filters.withdrawn;
  return query;
}

export function countActiveFilters(filters: Filters): number {
  return (
    MULTI_FILTER_KEYS.reduce((n, key) => n + filters[key].length, 0) +
    (filters.q.trim() ? 1 : 0) +
    (filters.withdrawn !== DEFAULT_WITHDRAWN ? 1 : 0)
  );
}

/** Link to the explorer showing exactly the measures behind a chart element. */
export function explorerHref(filters: Filters, add: Partial<Record<MultiFilterKey, string>> = {}): string {
  const next: Filters = { ...filters };
  for (const [key, value] of Object.entries(add) as [MultiFilterKey, string][]) {
    // Narrow to the clicked value: a chart row shows that value within the current filters.
    next[key] = [value];
  }
  const params = filtersToParams(next);
  const search = params.toString();
  return search ? `/measures?${search}` : '/measures';
}
