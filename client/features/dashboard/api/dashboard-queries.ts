import { queryOptions } from '@tanstack/react-query';
import type { SummaryResponse } from '../../../../server/schemas/responses';
import { api, unwrap } from '../../../lib/api-client';
import { filtersToQuery } from '../../../lib/filters';
import type { Filters } from '../../../lib/filters';

// Every request the dashboard makes, keyed by the exact query it sends: two panels asking for the
// same figures share one request, and a filter change refetches only what depends on it.

/** The dashboard's state: the explorer's filters plus the deadline it measures against ('' = default). */
export type DashboardFilters = Filters & { deadline: string };

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
  summary: (query: Record<string, string | string[]>) => [...dashboardKeys.all, 'summary', query] as const,
  breakdown: (dimension: BreakdownDimension, query: Record<string, string | string[]>) =>
    [...dashboardKeys.all, 'breakdown', dimension, query] as const,
  burnup: (query: Record<string, string | string[]>) => [...dashboardKeys.all, 'burnup', query] as const,
  heatmap: (query: Record<string, string | string[]>) => [...dashboardKeys.all, 'heatmap', query] as const,
  // The behind list ignores the deadline (the list endpoint has none), so it is keyed without it.
  kpi: (by: BreakdownDimension, query: Record<string, string | string[]>) => [...dashboardKeys.all, 'kpi', by, query] as const,
  behind: (query: Record<string, string | string[]>) => [...dashboardKeys.all, 'behind', query] as const,
};

export function summaryQuery(filters: DashboardFilters) {
  const query = statsQueryOf(filters);
  return queryOptions({
    queryKey: dashboardKeys.summary(query),
    queryFn: () => unwrap(api.stats.summary.$get({ query })),
  });
}

/** The dimension of a breakdown: one row per field, or one per ministry. */
export type BreakdownDimension = 'field' | 'ministry';

/** By-field or by-ministry counts; one function so that a panel can switch dimension with one hook. */
export function breakdownQuery(dimension: BreakdownDimension, filters: DashboardFilters) {
  const query = statsQueryOf(filters);
  return queryOptions({
    queryKey: dashboardKeys.breakdown(dimension, query),
    queryFn: () =>
      unwrap(dimension === 'field' ? api.stats['by-field'].$get({ query }) : api.stats['by-ministry'].$get({ query })),
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
  return queryOptions({
    queryKey: dashboardKeys.burnup(query),
    queryFn: () => unwrap(api.stats.burnup.$get({ query })),
  });
}

export function heatmapQuery(filters: DashboardFilters) {
  const query = statsQueryOf(filters);
  return queryOptions({
    queryKey: dashboardKeys.heatmap(query),
    queryFn: () => unwrap(api.stats.heatmap.$get({ query })),
  });
}

export function behindQuery(filters: Filters) {
  const query = filtersToQuery(filters);
  return queryOptions({
    queryKey: dashboardKeys.behind(query),
    queryFn: () => unwrap(api.measures.$get({ query: { ...query, sort: 'behind', pageSize: String(BEHIND_LIST_SIZE) } })),
  });
}

/** KPI progress categories (A / B / N) per field or ministry: the list filters and the basis, no deadline. */
export function kpiStatsQuery(by: BreakdownDimension, filters: Filters) {
  const query = filtersToQuery(filters);
  return queryOptions({
    queryKey: dashboardKeys.kpi(by, query),
    queryFn: () => unwrap(api.stats.kpi.$get({ query: { ...query, by } })),
  });
}
