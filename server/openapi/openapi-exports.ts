import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { EXPORT_FORMATS, EXPORT_VIEWS, measureExportQuery, reportExportQuery, statsExportQuery } from '../schemas/exports';
import type { ExportView } from '../schemas/exports';
import { BASES } from '../schemas/follow-up';
import { changesQuery } from '../schemas/meeting-pack';
import { OPTIONAL_SESSION, errorResponses, queryParameters } from './openapi-common';

// The exports (docs/product.md §4): every view as CSV, XLSX or JSON, with exactly the view's query
// parameters (the schemas the export routes validate with) plus `lang`; `measures` answers all matching
// rows, not one page.

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const QUERIES: Record<ExportView, z.ZodObject> = {
  measures: measureExportQuery,
  reports: reportExportQuery,
  'by-field': statsExportQuery,
  'by-ministry': statsExportQuery,
  heatmap: statsExportQuery,
  burnup: statsExportQuery,
  changes: changesQuery,
};

/** `from` / `to`: the report time of the reports export, the two compared ends of the changes. */
function endDescriptions(view: ExportView): Record<string, string> {
  if (view === 'changes') {
    return {
      from: 'Compare from: a JST date (its end) or an edition code; by default the last meeting (its latest edition, else its day)',
      to: 'Compare to: a JST date (its end, capped at now) or an edition code; now by default',
    };
  }
  return { from: 'First JST day of the reports, inclusive', to: 'Last JST day, inclusive' };
}

const exportJson = z
  .object({
    meta: z.object({
      view: z.enum(EXPORT_VIEWS),
      filters: z.record(z.string(), z.unknown()),
      asOf: z.string(),
      basis: z.enum(BASES),
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
        query: queryParameters(QUERIES[view], {
          ...endDescriptions(view),
          lang: 'Language of headers, names and the file name (ja by default)',
        }),
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
  registry.registerPath({
    method: 'get',
    path: '/exports/{file}',
    tags: ['exports'],
    summary: 'Any other name: 404, naming the views and formats there are',
    security: OPTIONAL_SESSION,
    request: { params: z.object({ file: z.string() }) },
    responses: { ...errorResponses(404) },
  });
}
