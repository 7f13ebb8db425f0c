import { z } from 'zod';
import {
  filterShape,
  isoDate,
  langParam,
  measureCodeParam,
  measureListQuery,
  single,
  statsQuery,
  unknownParameters,
} from './query';

// Input schemas of the exports (docs/product.md §4): every export takes exactly the parameters of the
// view it exports, plus the language of its headers and labels.

export const EXPORT_VIEWS = ['measures', 'reports', 'by-field', 'by-ministry', 'heatmap', 'burnup', 'changes'] as const;
export type ExportView = (typeof EXPORT_VIEWS)[number];
export type StatsExportView = Exclude<ExportView, 'measures' | 'reports' | 'changes'>;

export const EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `<view>.<format>`, the last path segment of an export. */
export const exportFileParam = z.object({
  file: z
    .string()
    .transform((file) => ({ view: file.slice(0, file.lastIndexOf('.')), format: file.slice(file.lastIndexOf('.') + 1) }))
    .pipe(z.object({ view: z.enum(EXPORT_VIEWS), format: z.enum(EXPORT_FORMATS) })),
});

/** The explorer's parameters without its paging: an export holds every matching row. */
export const measureExportQuery = z.strictObject(
  { ...measureListQuery.omit({ page: true, pageSize: true }).shape },
  unknownParameters,
);
export type MeasureExportQuery = z.infer<typeof measureExportQuery>;

/**
 * The list filters choose the measures; `from` / `to` (JST dates, inclusive) bound the report time;
 * `measure` (a measure code) narrows it to one measure's report history, as its page shows it.
 */
export const reportExportQuery = z
  .strictObject(
    {
      ...filterShape,
      measure: single(measureCodeParam.shape.code).optional(),
      from: single(isoDate).optional(),
      to: single(isoDate).optional(),
      lang: langParam,
    },
    unknownParameters,
  )
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'must not be before from' });
export type ReportExportQuery = z.infer<typeof reportExportQuery>;

export const statsExportQuery = z.strictObject({ ...statsQuery.shape, lang: langParam }, unknownParameters);
export type StatsExportQuery = z.infer<typeof statsExportQuery>;
