import { filtersToQuery } from './filters';
import type { Filters } from './filters';
import type { Language } from './i18n';

// Where a view's download comes from (docs/product.md §4, exports): the view's own query — the same
// filter → query mapping the API calls on screen use — plus the language, so the file holds exactly
// the rows the screen shows, headed in the screen's language.

export const EXPORT_VIEWS = ['measures', 'reports', 'by-field', 'by-ministry', 'heatmap', 'burnup', 'changes'] as const;
export type ExportView = (typeof EXPORT_VIEWS)[number];

export const EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What a view takes beyond the list filters: the list's sort, the report time range, the statistics' deadline. */
export interface ExportOptions {
  sort?: string;
  /** The reports of one measure (its code): the measure page's report history. */
  measure?: string;
  from?: string;
  to?: string;
  deadline?: string;
}

/**
 * The options each view takes. The others are left out rather than sent, because the API answers an
 * unknown parameter with a 400: the dashboard's "most behind" list carries the deadline in its
 * filters, but the measure list it exports has none.
 */
const OPTIONS_OF: Record<ExportView, readonly (keyof ExportOptions)[]> = {
  measures: ['sort'],
  reports: ['measure', 'from', 'to'],
  'by-field': ['deadline'],
  'by-ministry': ['deadline'],
  heatmap: ['deadline'],
  burnup: ['deadline'],
  // The two compared ends: a date or an edition code each (docs/product.md §4 "The meeting pack").
  changes: ['from', 'to'],
};

const EXPORTS_PATH = '/api/v1/exports';

/** The address of one view's export in one format, e.g. `/api/v1/exports/measures.csv?field=quantum&sort=-code&lang=en`. */
export function exportUrl(view: ExportView, format: ExportFormat, filters: Filters & ExportOptions, language: Language): string {
  const params = new URLSearchParams();
  // Comma-separated, as the page's own URL writes them; the API reads either form.
  for (const [key, value] of Object.entries(filtersToQuery(filters)))
    params.set(key, Array.isArray(value) ? value.join(',') : value);
  for (const key of OPTIONS_OF[view]) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  params.set('lang', language);
  return `${EXPORTS_PATH}/${view}.${format}?${params.toString()}`;
}
