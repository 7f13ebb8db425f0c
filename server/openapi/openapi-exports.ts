import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { isoDate, measureListQuery, single, statsQuery } from '../schemas/query';
import { OPTIONAL_SESSION, errorResponses, queryParameters } from './openapi-common';

// The exports (docs/product.md §4): every view as CSV, XLSX or JSON, with exactly the view's query
// parameters plus `lang`; `measures` answers all matching rows, not one page. The export routes are built
// beside this file's registration; once their own request and response schemas exist in server/schemas/,
// these entries should take them instead of composing the view schemas here.

export const EXPORT_VIEWS = ['measures', 'reports', 'by-field', 'by-ministry', 'heatmap', 'burnup'] as const;
export const EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const lang = {
  lang: measureListQuery.shape.lang.meta({
    param: { description: 'Language of headers, texts and the file name (ja by default)' },
  }),
};
const listFilters = measureListQuery.omit({ page: true, pageSize: true, lang: true });

const QUERIES: Record<(typeof EXPORT_VIEWS)[number], z.ZodObject> = {
  measures: listFilters.extend(lang),
  reports: listFilters.extend({ ...lang, from: single(isoDate).optional(), to: single(isoDate).optional() }),
  'by-field': statsQuery.extend(lang),
  'by-ministry': statsQuery.extend(lang),
  heatmap: statsQuery.extend(lang),
  burnup: statsQuery.extend(lang),
};

const exportJson = z
  .object({
    meta: z.object({
      view: z.enum(EXPORT_VIEWS),
      filters: z.record(z.string(), z.unknown()),
      asOf: z.string(),
      deadline: z.unknown(),
      generatedAt: z.string(),
    }),
    rows: z.array(z.record(z.string(), z.unknown())),
  })
  .meta({ id: 'ExportJson' });

const formatParam = z.object({ format: z.enum(EXPORT_FORMATS).meta({ param: { description: 'csv, xlsx or json' } }) });

export function registerExportsPaths(registry: OpenAPIRegistry): void {
  for (const view of EXPORT_VIEWS) {
    registry.registerPath({
      method: 'get',
      path: `/exports/${view}.{format}`,
      tags: ['exports'],
      summary: `The ${view} view as a file, with the same filters and rows as on screen`,
      security: OPTIONAL_SESSION,
      request: {
        params: formatParam,
        query: queryParameters(QUERIES[view], { from: 'First JST day of the reports, inclusive', to: 'Last JST day, inclusive' }),
      },
      responses: {
        200: {
          description: 'The file, as an attachment named in `lang` (RFC 6266 filename*)',
          headers: z.object({
            'Content-Disposition': z.string().meta({ example: `attachment; filename*=UTF-8''${view}_2026-12-01.csv` }),
          }),
          content: {
            'text/csv': { schema: z.string().meta({ description: 'UTF-8 with a BOM, CRLF line ends, RFC 4180 quoting' }) },
            [XLSX]: { schema: z.string().meta({ format: 'binary', description: 'An Excel workbook' }) },
            'application/json': { schema: exportJson },
          },
        },
        ...errorResponses(400, 401),
      },
    });
  }
}
