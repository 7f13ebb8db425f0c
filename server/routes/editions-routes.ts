import { Hono } from 'hono';
import type { Context, MiddlewareHandler } from 'hono';
import { canFreezeEditions } from '../../common/roles';
import type { AppDeps, AppEnv } from '../app-env';
import { rightGuard } from '../auth/guards';
import { requireUser } from '../errors';
import {
  createEditionBody,
  editionCodeParam,
  editionKpiQuery,
  editionMeasuresQuery,
  editionNoQuery,
} from '../schemas/meeting-pack';
import {
  createEdition,
  editionDetail,
  editionKpi,
  editionMeasures,
  editionSummary,
  editionByField,
  editionByMinistry,
  editionHeatmap,
  editionBurnup,
  listEditions,
} from '../services/editions-service';
import type { StoredView } from '../services/editions-service';
import { validate } from '../validation';
import { writeBodyLimit } from './write-body-limit';

// Editions (docs/product.md §2 "Meetings and editions", docs/decisions/013-frozen-editions.md):
// public reads like the statistics; freezing one needs canFreezeEditions (the secretariat,
// administrators). What an edition answers never changes, so every read may be cached for good.

const REFUSAL = 'Only the secretariat or an administrator may freeze an edition';

/** Editions never change: cached for good, named by an ETag that is the edition's and the view's. */
function answerStored<T extends object>(c: Context<AppEnv>, deps: AppDeps, stored: StoredView<T>) {
  // Behind REQUIRE_LOGIN what is answered is for the signed-in only: no shared cache keeps it.
  c.header('Cache-Control', `${deps.auth.requireLogin ? 'private' : 'public'}, max-age=31536000, immutable`);
  c.header('ETag', `"${stored.tag}"`);
  return c.json(stored.body, 200);
}

/**
 * 304 to a client that has the answer already (If-None-Match names its ETag). Done after the
 * handler, on its answer, so that the handler's response stays typed for the client.
 */
const notModified: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const etag = c.res.headers.get('ETag');
  const asked = c.req.header('if-none-match');
  if (c.res.status !== 200 || !etag || !asked) return;
  if (!asked.split(',').some((t) => t.trim() === etag || t.trim() === '*')) return;
  const headers = new Headers(c.res.headers);
  headers.delete('Content-Type');
  headers.delete('Content-Length');
  c.res = new Response(null, { status: 304, headers });
};

export function editionsRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use('/:code/*', notModified)
    .use('/:code', notModified)
    .get('/', validate('query', editionNoQuery), async (c) => c.json(await listEditions(deps), 200))
    .post('/', rightGuard(canFreezeEditions, REFUSAL), writeBodyLimit(), validate('json', createEditionBody), async (c) => {
      const request = { user: requireUser(c.get('user')), requestId: c.get('requestId') };
      const edition = await createEdition(deps, request, c.req.valid('json'));
      c.header('Location', `/api/v1/editions/${edition.code}`);
      return c.json(edition, 201);
    })
    .get('/:code', validate('param', editionCodeParam), validate('query', editionNoQuery), async (c) => {
      const { code } = c.req.valid('param');
      return answerStored(c, deps, { tag: `edition-${code}`, body: await editionDetail(deps, code) });
    })
    .get('/:code/summary', validate('param', editionCodeParam), validate('query', editionNoQuery), async (c) =>
      answerStored(c, deps, await editionSummary(deps, c.req.valid('param').code)),
    )
    .get('/:code/by-field', validate('param', editionCodeParam), validate('query', editionNoQuery), async (c) =>
      answerStored(c, deps, await editionByField(deps, c.req.valid('param').code)),
    )
    .get('/:code/by-ministry', validate('param', editionCodeParam), validate('query', editionNoQuery), async (c) =>
      answerStored(c, deps, await editionByMinistry(deps, c.req.valid('param').code)),
    )
    .get('/:code/heatmap', validate('param', editionCodeParam), validate('query', editionNoQuery), async (c) =>
      answerStored(c, deps, await editionHeatmap(deps, c.req.valid('param').code)),
    )
    .get('/:code/burnup', validate('param', editionCodeParam), validate('query', editionNoQuery), async (c) =>
      answerStored(c, deps, await editionBurnup(deps, c.req.valid('param').code)),
    )
    .get('/:code/kpi', validate('param', editionCodeParam), validate('query', editionKpiQuery), async (c) =>
      answerStored(c, deps, await editionKpi(deps, c.req.valid('param').code, c.req.valid('query'))),
    )
    .get('/:code/measures', validate('param', editionCodeParam), validate('query', editionMeasuresQuery), async (c) =>
      answerStored(c, deps, await editionMeasures(deps, c.req.valid('param').code, c.req.valid('query'))),
    );
}
