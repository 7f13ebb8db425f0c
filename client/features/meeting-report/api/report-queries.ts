import { queryOptions } from '@tanstack/react-query';
import type { ChangesResponse, EditionDto } from '../../../../server/schemas/meeting-pack';
import type {
  BreakdownResponse,
  BurnupResponse,
  MeasureListResponse,
  SummaryResponse,
} from '../../../../server/schemas/responses';
import { readApiError } from '../../../lib/api-client';
import { filtersToQuery } from '../../../lib/filters';
import type { Filters } from '../../../lib/filters';

// Every request of the A4 report (docs/product.md §5 "A4 report"). The report reads either the live
// statistics under the dashboard's parameters, or an edition frozen for a meeting: the same views in
// the same shapes (docs/product.md §4 "The meeting pack"), so the page draws both alike. Bodies are
// typed by the server's contract (types only); the requests go through fetch because the editions'
// and changes' routes are registered by other parts of the meeting pack.

/** The dashboard's state as the report takes it: list filters, the deadline, and optionally an edition. */
export type ReportParams = Filters & { deadline: string; edition: string };

/** Where the figures come from: the live statistics under filters, or a frozen edition. */
export type ReportSource = { kind: 'live'; filters: Filters & { deadline: string } } | { kind: 'edition'; code: string };

export function reportSourceOf(params: ReportParams): ReportSource {
  return params.edition ? { kind: 'edition', code: params.edition } : { kind: 'live', filters: params };
}

/** How many measures the "most behind" section lists, as on the dashboard. */
export const REPORT_BEHIND_SIZE = 10;

type Query = Record<string, string | readonly string[]>;

/** `/api/v1<path>?<query>`, lists comma-separated (the API reads either form). */
export function reportUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    const text = typeof value === 'string' ? value : value.join(',');
    if (text !== '') params.set(key, text);
  }
  const search = params.toString();
  return `/api/v1${path}${search ? `?${search}` : ''}`;
}

async function getJson<T>(path: string, query?: Query): Promise<T> {
  const res = await fetch(reportUrl(path, query), { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (!res.ok) throw await readApiError(res);
  const body: T = await res.json();
  return body;
}

function statsQueryOf(filters: Filters & { deadline: string }): Query {
  const query: Query = filtersToQuery(filters);
  return filters.deadline ? { ...query, deadline: filters.deadline } : query;
}

function editionPath(code: string, view?: string): string {
  return `/editions/${encodeURIComponent(code)}${view ? `/${view}` : ''}`;
}

function sourceKey(source: ReportSource): readonly unknown[] {
  return source.kind === 'edition' ? ['edition', source.code] : ['live', statsQueryOf(source.filters)];
}

export const meetingReportKeys = {
  all: ['meeting-report'] as const,
  view: (view: string, source: ReportSource) => [...meetingReportKeys.all, view, ...sourceKey(source)] as const,
  edition: (code: string) => [...meetingReportKeys.all, 'edition-record', code] as const,
  changes: (query: Query) => [...meetingReportKeys.all, 'changes', query] as const,
};

/** The live endpoint's path, or the edition's stored view of the same shape. */
function viewQuery<T>(view: 'summary' | 'by-field' | 'by-ministry' | 'burnup', source: ReportSource) {
  return queryOptions({
    queryKey: meetingReportKeys.view(view, source),
    queryFn: () =>
      source.kind === 'edition'
        ? getJson<T>(editionPath(source.code, view))
        : getJson<T>(`/stats/${view}`, statsQueryOf(source.filters)),
  });
}

export function reportSummaryQuery(source: ReportSource) {
  return viewQuery<SummaryResponse>('summary', source);
}

export function reportBreakdownQuery(dimension: 'field' | 'ministry', source: ReportSource) {
  return viewQuery<BreakdownResponse>(dimension === 'field' ? 'by-field' : 'by-ministry', source);
}

export function reportBurnupQuery(source: ReportSource) {
  return viewQuery<BurnupResponse>('burnup', source);
}

/** The head of the most-behind list: `sort=behind` live (no deadline there), the stored order of an edition. */
export function reportBehindQuery(source: ReportSource) {
  const size = String(REPORT_BEHIND_SIZE);
  return queryOptions({
    queryKey: meetingReportKeys.view('behind', source),
    queryFn: () =>
      source.kind === 'edition'
        ? getJson<MeasureListResponse>(editionPath(source.code, 'measures'), { pageSize: size })
        : getJson<MeasureListResponse>('/measures', { ...filtersToQuery(source.filters), sort: 'behind', pageSize: size }),
  });
}

/** The edition itself (meeting, as-of, filters, basis, deadline), for the title page. */
export function reportEditionQuery(code: string) {
  return queryOptions({
    queryKey: meetingReportKeys.edition(code),
    queryFn: () => getJson<EditionDto>(editionPath(code)),
  });
}

/**
 * The query of "what changed since the last meeting": `from` left to the server's default (the last
 * meeting's edition or date); `to` the edition, or the as-of date (now when there is none). The
 * as-of date travels as `to`, not as `asOf`; an edition's own filters are the ones it was made with.
 */
export function changesQueryOf(source: ReportSource, edition?: EditionDto): Query | null {
  if (source.kind === 'edition') {
    if (!edition) return null;
    const query: Query = {};
    for (const [key, value] of Object.entries(edition.filters)) {
      if (key !== 'deadline' && key !== 'asOf' && value.length > 0) query[key] = value;
    }
    return { ...query, to: source.code };
  }
  const { asOf, ...rest } = filtersToQuery(source.filters);
  return typeof asOf === 'string' ? { ...rest, to: asOf } : rest;
}

/** At most this many items of one kind on paper; the changes page pages through them all. */
export const CHANGES_PER_KIND = 50;

export function reportChangesQuery(query: Query | null) {
  const paged = { ...query, limit: String(CHANGES_PER_KIND) };
  return queryOptions({
    queryKey: meetingReportKeys.changes(paged),
    queryFn: () => getJson<ChangesResponse>('/changes', paged),
    enabled: query !== null,
  });
}
