import { queryOptions } from '@tanstack/react-query';
import type { KpiStatsResponse } from '../../../../server/schemas/follow-up';
import type { CreateEditionBody, EditionDto } from '../../../../server/schemas/meeting-pack';
import type {
  BreakdownResponse,
  BurnupResponse,
  HeatmapResponse,
  MeasureListResponse,
  SummaryResponse,
} from '../../../../server/schemas/responses';
import { api, unwrap } from '../../../lib/api-client';
import { filtersToQuery } from '../../../lib/filters';
import type { Filters } from '../../../lib/filters';

// Every request the dashboard makes, keyed by the exact query it sends: two panels asking for the
// same figures share one request, and a filter change refetches only what depends on it.

/**
 * The dashboard's state: the explorer's filters plus the deadline it measures against ('' = default),
 * and the edition it shows when the URL names one (docs/product.md §2 "Meetings and editions"): then
 * every section reads that edition's frozen view instead of the live statistics.
 */
export type DashboardFilters = Filters & { deadline: string; edition?: string };

/** What the behind list and the KPI categories take: the filters, and the edition if any. */
type ListFilters = Filters & { edition?: string };

/** The stats endpoints' query: the list filters plus the deadline when one was chosen. */
export function statsQueryOf(filters: DashboardFilters): Record<string, string | string[]> {
  const query = filtersToQuery(filters);
  if (filters.deadline) query.deadline = filters.deadline;
  return query;
}

/** The summary with both readings of progress (reported and verified, docs/product.md §4). */
export type SummaryWithFollowUp = SummaryResponse;

/** How many measures the "most behind" panel lists. */
export const BEHIND_LIST_SIZE = 10;

export const dashboardKeys = {
  all: ['dashboard'] as const,
  // An edition's views never change: keyed by the edition and the view alone, apart from the live ones.
  edition: (code: string) => [...dashboardKeys.all, 'edition', code] as const,
  editionView: (code: string, view: string) => [...dashboardKeys.edition(code), view] as const,
  summary: (query: Record<string, string | string[]>) => [...dashboardKeys.all, 'summary', query] as const,
  breakdown: (dimension: BreakdownDimension, query: Record<string, string | string[]>) =>
    [...dashboardKeys.all, 'breakdown', dimension, query] as const,
  burnup: (query: Record<string, string | string[]>) => [...dashboardKeys.all, 'burnup', query] as const,
  heatmap: (query: Record<string, string | string[]>) => [...dashboardKeys.all, 'heatmap', query] as const,
  // The behind list ignores the deadline (the list endpoint has none), so it is keyed without it.
  kpi: (by: BreakdownDimension, query: Record<string, string | string[]>) => [...dashboardKeys.all, 'kpi', by, query] as const,
  behind: (query: Record<string, string | string[]>) => [...dashboardKeys.all, 'behind', query] as const,
};

const editionApi = api.editions[':code'];
/** An edition never changes once read; the live figures follow the client's defaults. */
const FOREVER = { staleTime: Infinity, gcTime: 30 * 60_000 } as const;
const caching = (code: string | undefined) => (code ? FOREVER : {});
type Key = readonly unknown[];

/** The edition the URL names: its meeting, as-of date, filters, deadline and basis. */
export function editionQuery(code: string) {
  return queryOptions({
    queryKey: dashboardKeys.edition(code),
    queryFn: () => unwrap(editionApi.$get({ param: { code }, query: {} })),
    retry: false,
    ...FOREVER,
  });
}

export function summaryQuery(filters: DashboardFilters) {
  const query = statsQueryOf(filters);
  const code = filters.edition;
  return queryOptions({
    queryKey: (code ? dashboardKeys.editionView(code, 'summary') : dashboardKeys.summary(query)) as Key,
    queryFn: (): Promise<SummaryResponse> =>
      code ? unwrap(editionApi.summary.$get({ param: { code }, query: {} })) : unwrap(api.stats.summary.$get({ query })),
    ...caching(code),
  });
}

/** The dimension of a breakdown: one row per field, or one per ministry. */
export type BreakdownDimension = 'field' | 'ministry';

/** By-field or by-ministry counts; one function so that a panel can switch dimension with one hook. */
export function breakdownQuery(dimension: BreakdownDimension, filters: DashboardFilters) {
  const query = statsQueryOf(filters);
  const code = filters.edition;
  const view = dimension === 'field' ? 'by-field' : 'by-ministry';
  return queryOptions({
    queryKey: (code ? dashboardKeys.editionView(code, view) : dashboardKeys.breakdown(dimension, query)) as Key,
    queryFn: (): Promise<BreakdownResponse> =>
      code
        ? unwrap(editionApi[view].$get({ param: { code }, query: {} }))
        : unwrap(dimension === 'field' ? api.stats['by-field'].$get({ query }) : api.stats['by-ministry'].$get({ query })),
    ...caching(code),
  });
}

export function byFieldQuery(filters: DashboardFilters) {
  return breakdownQuery('field', filters);
}

export function byMinistryQuery(filters: DashboardFilters) {
  return breakdownQuery('ministry', filters);
}

export function burnupQuery(filters: DashboardFilters) {
  const query = statsQueryOf(filters);
  const code = filters.edition;
  return queryOptions({
    queryKey: (code ? dashboardKeys.editionView(code, 'burnup') : dashboardKeys.burnup(query)) as Key,
    queryFn: (): Promise<BurnupResponse> =>
      code ? unwrap(editionApi.burnup.$get({ param: { code }, query: {} })) : unwrap(api.stats.burnup.$get({ query })),
    ...caching(code),
  });
}

export function heatmapQuery(filters: DashboardFilters) {
  const query = statsQueryOf(filters);
  const code = filters.edition;
  return queryOptions({
    queryKey: (code ? dashboardKeys.editionView(code, 'heatmap') : dashboardKeys.heatmap(query)) as Key,
    queryFn: (): Promise<HeatmapResponse> =>
      code ? unwrap(editionApi.heatmap.$get({ param: { code }, query: {} })) : unwrap(api.stats.heatmap.$get({ query })),
    ...caching(code),
  });
}

export function behindQuery(filters: ListFilters) {
  const query = filtersToQuery(filters);
  const code = filters.edition;
  const pageSize = String(BEHIND_LIST_SIZE);
  return queryOptions({
    queryKey: (code ? dashboardKeys.editionView(code, 'behind') : dashboardKeys.behind(query)) as Key,
    // The frozen list is stored most behind first: its first page is the panel.
    queryFn: (): Promise<MeasureListResponse> =>
      code
        ? unwrap(editionApi.measures.$get({ param: { code }, query: { pageSize } }))
        : unwrap(api.measures.$get({ query: { ...query, sort: 'behind', pageSize } })),
    ...caching(code),
  });
}

/** KPI progress categories (A / B / N) per field or ministry: the list filters and the basis, no deadline. */
export function kpiStatsQuery(by: BreakdownDimension, filters: ListFilters) {
  const query = filtersToQuery(filters);
  const code = filters.edition;
  return queryOptions({
    queryKey: (code ? dashboardKeys.editionView(code, `kpi-${by}`) : dashboardKeys.kpi(by, query)) as Key,
    queryFn: (): Promise<KpiStatsResponse> =>
      code
        ? unwrap(editionApi.kpi.$get({ param: { code }, query: { by } }))
        : unwrap(api.stats.kpi.$get({ query: { ...query, by } })),
    ...caching(code),
  });
}

/** POST /editions: freezes what the dashboard shows now for a meeting (canFreezeEditions). */
export async function freezeEdition(body: CreateEditionBody): Promise<EditionDto> {
  return unwrap(api.editions.$post({ json: body }));
}

/** The filters, deadline and basis of the dashboard as POST /editions takes them (`filters`). */
export function editionFiltersOf(filters: DashboardFilters): Record<string, string | string[]> {
  const query = statsQueryOf(filters);
  delete query.asOf;
  return query;
}
