import { Hono } from 'hono';
import type { Context } from 'hono';
import { stream } from 'hono/streaming';
import type { AppDeps, AppEnv } from '../app-env';
import { ApiError } from '../errors';
import type { ExportFormat } from '../schemas/exports';
import {
  EXPORT_FORMATS,
  EXPORT_VIEWS,
  exportFileParam,
  measureExportQuery,
  reportExportQuery,
  statsExportQuery,
} from '../schemas/exports';
import { changesQuery } from '../schemas/meeting-pack';
import { exportView } from '../services/export-service';
import type { ExportSelection } from '../services/export-service';
import { validate } from '../validation';
import { attachmentDisposition } from './content-disposition';

// GET /api/v1/exports/<view>.<format>: one route per view, each validating exactly its view's
// parameters; the file is streamed as the service writes it.

/** Streams the export of a view, its parameters already validated. */
async function answer(c: Context<AppEnv>, deps: AppDeps, selection: ExportSelection, format: ExportFormat) {
  const url = new URL(c.req.url);
  const file = await exportView(deps, { ...selection, format, origin: url.origin, search: url.searchParams });
  c.header('Content-Type', file.contentType);
  c.header('Content-Disposition', attachmentDisposition(file));
  // A signed-in user's export may hold what the public cannot read: never kept by a cache.
  if (c.get('user')) c.header('Cache-Control', 'no-store');
  return stream(
    c,
    async (out) => {
      // A client that goes away stops the reading of further batches.
      out.onAbort(() => {
        file.body.destroy();
      });
      for await (const chunk of file.body) await out.write(typeof chunk === 'string' ? chunk : new Uint8Array(chunk));
    },
    // A failure after the headers were sent must not look like a complete file: the response is cut
    // off, so the client sees a failed download rather than a short one.
    async (_error, out) => out.abort(),
  );
}

const FORMATS = `\\.(?:${EXPORT_FORMATS.join('|')})`;

export function exportsRoutes(deps: AppDeps) {
  const file = validate('param', exportFileParam);
  const measures = validate('query', measureExportQuery);
  const reports = validate('query', reportExportQuery);
  const stats = validate('query', statsExportQuery);
  const changes = validate('query', changesQuery);
  return (
    new Hono<AppEnv>()
      .get(`/:file{measures${FORMATS}}`, file, measures, (c) =>
        answer(c, deps, { view: 'measures', query: c.req.valid('query') }, c.req.valid('param').file.format),
      )
      .get(`/:file{reports${FORMATS}}`, file, reports, (c) =>
        answer(c, deps, { view: 'reports', query: c.req.valid('query') }, c.req.valid('param').file.format),
      )
      .get(`/:file{by-field${FORMATS}}`, file, stats, (c) =>
        answer(c, deps, { view: 'by-field', query: c.req.valid('query') }, c.req.valid('param').file.format),
      )
      .get(`/:file{by-ministry${FORMATS}}`, file, stats, (c) =>
        answer(c, deps, { view: 'by-ministry', query: c.req.valid('query') }, c.req.valid('param').file.format),
      )
      .get(`/:file{heatmap${FORMATS}}`, file, stats, (c) =>
        answer(c, deps, { view: 'heatmap', query: c.req.valid('query') }, c.req.valid('param').file.format),
      )
      .get(`/:file{burnup${FORMATS}}`, file, stats, (c) =>
        answer(c, deps, { view: 'burnup', query: c.req.valid('query') }, c.req.valid('param').file.format),
      )
      .get(`/:file{changes${FORMATS}}`, file, changes, (c) =>
        answer(c, deps, { view: 'changes', query: c.req.valid('query') }, c.req.valid('param').file.format),
      )
      // Any other name: 404 saying which names there are.
      .get('/:file', (c) => {
        throw new ApiError(
          404,
          'not_found',
          `No export named ${c.req.param('file')}: exports are <view>.<format> with view one of ${EXPORT_VIEWS.join(', ')} and format one of ${EXPORT_FORMATS.join(', ')}`,
        );
      })
  );
}
