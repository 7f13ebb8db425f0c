import { Hono } from 'hono';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { measureWriteGuard } from '../auth/guards';
import { ApiError } from '../errors';
import { resolveFilters } from '../filters';
import { etagOf } from '../preconditions';
import { findMeasureByCode, listMeasures } from '../repositories/measures-repository';
import { measureCodeParam, measureDetailQuery, measureListQuery } from '../schemas/query';
import type { SortKey } from '../schemas/query';
import type { MeasureDetailResponse, MeasureListResponse } from '../schemas/responses';
import { measurePatchBody, milestoneCreateBody, milestoneParam, milestonePatchBody, reportBody } from '../schemas/writes';
import type { PreconditionFailedResponse } from '../schemas/writes';
import { validate } from '../validation';
import type { AppDeps, AppEnv } from '../app-env';
import { runMeasureWrite } from './measure-write-flow';
import { planMeasurePatch, planMilestoneCreate, planMilestoneUpdate, planReport } from './measure-write-plans';

export const DEFAULT_PAGE_SIZE = 50;

/** Write bodies are small JSON objects; anything larger is refused before it is read. */
export const MAX_WRITE_BODY_BYTES = 64 * 1024;

function writeBodyLimit() {
  return bodyLimit({
    maxSize: MAX_WRITE_BODY_BYTES,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `Request bodies must be at most ${MAX_WRITE_BODY_BYTES} bytes`);
    },
  });
}

/** 412 with the measure as it is now, so the client can show what changed and retry. */
function preconditionFailed(c: Context<AppEnv>, current: MeasureDetailResponse) {
  c.header('ETag', etagOf(current.version));
  const body: PreconditionFailedResponse = {
    error: {
      code: 'precondition_failed',
      message: `${current.code} has changed since you loaded it (now version ${current.version}); reload it and apply your change again`,
    },
    current,
  };
  return c.json(body, 412);
}

export function measuresRoutes(deps: AppDeps) {
  return (
    new Hono<AppEnv>()
      .get('/', validate('query', measureListQuery), async (c) => {
        const query = c.req.valid('query');
        const filters = resolveFilters(query, await deps.taxonomy(), deps.now());
        const sort = query.sort ?? 'code';
        const descending = sort.startsWith('-');
        const page = query.page ?? 1;
        const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
        const { items, total } = await listMeasures(deps.db, filters, {
          sort: (descending ? sort.slice(1) : sort) as SortKey,
          descending,
          page,
          pageSize,
          lang: query.lang ?? 'ja',
        });
        const body: MeasureListResponse = { items, total, page, pageSize, asOf: filters.asOf };
        return c.json(body, 200);
      })
      .get('/:code', validate('param', measureCodeParam), validate('query', measureDetailQuery), async (c) => {
        const { code } = c.req.valid('param');
        const filters = resolveFilters(c.req.valid('query'), await deps.taxonomy(), deps.now());
        const measure = await findMeasureByCode(deps.db, code, filters);
        if (!measure) throw new ApiError(404, 'not_found', `No measure with code ${code}`);
        // The ETag names the version a write must be based on (If-Match); a past view is not one.
        if (!filters.historical) c.header('ETag', etagOf(measure.version));
        return c.json(measure, 200);
      })
      // ── Writes (issue 4): each needs a session with the right, and If-Match with the measure's ETag.
      .post(
        '/:code/reports',
        measureWriteGuard(deps),
        validate('param', measureCodeParam),
        writeBodyLimit(),
        validate('json', reportBody),
        async (c) => {
          const outcome = await runMeasureWrite(deps, c, c.req.valid('param').code, planReport(c.req.valid('json')));
          if (outcome.kind === 'stale') return preconditionFailed(c, outcome.current);
          c.header('ETag', etagOf(outcome.measure.version));
          return c.json(outcome.measure, 201);
        },
      )
      .patch(
        '/:code',
        measureWriteGuard(deps),
        validate('param', measureCodeParam),
        writeBodyLimit(),
        validate('json', measurePatchBody),
        async (c) => {
          const plan = planMeasurePatch(c.req.valid('json'), await deps.taxonomy());
          const outcome = await runMeasureWrite(deps, c, c.req.valid('param').code, plan);
          if (outcome.kind === 'stale') return preconditionFailed(c, outcome.current);
          c.header('ETag', etagOf(outcome.measure.version));
          return c.json(outcome.measure, 200);
        },
      )
      .post(
        '/:code/milestones',
        measureWriteGuard(deps),
        validate('param', measureCodeParam),
        writeBodyLimit(),
        validate('json', milestoneCreateBody),
        async (c) => {
          const outcome = await runMeasureWrite(deps, c, c.req.valid('param').code, planMilestoneCreate(c.req.valid('json')));
          if (outcome.kind === 'stale') return preconditionFailed(c, outcome.current);
          c.header('ETag', etagOf(outcome.measure.version));
          return c.json(outcome.measure, 201);
        },
      )
      .patch(
        '/:code/milestones/:id',
        measureWriteGuard(deps),
        validate('param', milestoneParam),
        writeBodyLimit(),
        validate('json', milestonePatchBody),
        async (c) => {
          const { code, id } = c.req.valid('param');
          const outcome = await runMeasureWrite(deps, c, code, planMilestoneUpdate(id, c.req.valid('json')));
          if (outcome.kind === 'stale') return preconditionFailed(c, outcome.current);
          c.header('ETag', etagOf(outcome.measure.version));
          return c.json(outcome.measure, 200);
        },
      )
  );
}
