import { Hono } from 'hono';
import type { Context } from 'hono';
import type { AppDeps, AppEnv } from '../app-env';
import { measureWriteGuard, rightGuard } from '../auth/guards';
import { canVerifyMilestones, registersMeasures } from '../../common/roles';
import { requireUser } from '../errors';
import { etagOf } from '../preconditions';
import { measureCodeParam, measureDetailQuery, measureListQuery } from '../schemas/query';
import { kpiCreateBody, kpiObservationBody, kpiParam, kpiPatchBody } from '../schemas/kpi-inputs';
import {
  measureCreateBody,
  measurePatchBody,
  milestoneCreateBody,
  milestoneParam,
  milestonePatchBody,
  milestoneVerificationBody,
  reportBody,
  withdrawalBody,
} from '../schemas/writes';
import type { PreconditionFailedResponse } from '../schemas/writes';
import { listMeasuresPage, measureDetail } from '../services/measures-service';
import { createMeasure } from '../services/measure-create-service';
import {
  addKpi,
  addMilestone,
  decideMilestoneVerification,
  editKpi,
  editMeasure,
  editMilestone,
  observeKpi,
  restoreMeasure,
  submitReport,
  withdrawMeasure,
} from '../services/measure-write-service';
import type { MeasureWriteOutcome, MeasureWriteRequest } from '../services/measure-write-service';
import { validate } from '../validation';
import { writeBodyLimit } from './write-body-limit';
import { cachedResponse } from './cached-response';

/** What a write needs from the request besides its body: who, which measure, which version. */
function writeRequest(c: Context<AppEnv>, code: string): MeasureWriteRequest {
  return { user: requireUser(c.get('user')), code, ifMatch: c.req.header('if-match'), requestId: c.get('requestId') };
}

/**
 * The new state with its ETag; or 412 with the measure as it is now, so the client can show what
 * changed and retry.
 */
function answerWrite<S extends 200 | 201>(c: Context<AppEnv>, outcome: MeasureWriteOutcome, status: S) {
  if (outcome.kind === 'stale') {
    const { current } = outcome;
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
  c.header('ETag', etagOf(outcome.measure.version));
  return c.json(outcome.measure, status);
}

export function measuresRoutes(deps: AppDeps) {
  return (
    new Hono<AppEnv>()
      .get('/', cachedResponse(deps), validate('query', measureListQuery), async (c) =>
        c.json(await listMeasuresPage(deps, c.req.valid('query')), 200),
      )
      // Registering a measure (docs/decisions/023): which ministry's is checked against the body.
      .post(
        '/',
        rightGuard(
          (user) => registersMeasures(user.role),
          'Only ministry leads, the secretariat and administrators register measures',
        ),
        writeBodyLimit(),
        validate('json', measureCreateBody),
        async (c) => {
          const measure = await createMeasure(deps, {
            user: requireUser(c.get('user')),
            body: c.req.valid('json'),
            requestId: c.get('requestId'),
          });
          c.header('Location', `/api/v1/measures/${measure.code}`);
          c.header('ETag', etagOf(measure.version));
          return c.json(measure, 201);
        },
      )
      .get('/:code', validate('param', measureCodeParam), validate('query', measureDetailQuery), async (c) => {
        const { measure, historical } = await measureDetail(deps, c.req.valid('param').code, c.req.valid('query'));
        // The ETag names the version a write must be based on (If-Match); a past view is not one.
        if (!historical) c.header('ETag', etagOf(measure.version));
        return c.json(measure, 200);
      })
      // Writes (docs/decisions/006-writes-versions-and-audit.md): each needs a session with the right,
      // and If-Match with the measure's ETag.
      .post(
        '/:code/reports',
        measureWriteGuard(deps),
        validate('param', measureCodeParam),
        writeBodyLimit(),
        validate('json', reportBody),
        async (c) =>
          answerWrite(c, await submitReport(deps, writeRequest(c, c.req.valid('param').code), c.req.valid('json')), 201),
      )
      .patch(
        '/:code',
        measureWriteGuard(deps),
        validate('param', measureCodeParam),
        writeBodyLimit(),
        validate('json', measurePatchBody),
        async (c) =>
          answerWrite(c, await editMeasure(deps, writeRequest(c, c.req.valid('param').code), c.req.valid('json')), 200),
      )
      // Retire, never delete (docs/decisions/024): out of the default lists and figures from the day named.
      .post(
        '/:code/withdraw',
        measureWriteGuard(deps),
        validate('param', measureCodeParam),
        writeBodyLimit(),
        validate('json', withdrawalBody),
        async (c) =>
          answerWrite(c, await withdrawMeasure(deps, writeRequest(c, c.req.valid('param').code), c.req.valid('json')), 200),
      )
      .post(
        '/:code/restore',
        measureWriteGuard(deps),
        validate('param', measureCodeParam),
        writeBodyLimit(),
        validate('json', withdrawalBody),
        async (c) =>
          answerWrite(c, await restoreMeasure(deps, writeRequest(c, c.req.valid('param').code), c.req.valid('json')), 200),
      )
      .post(
        '/:code/milestones',
        measureWriteGuard(deps),
        validate('param', measureCodeParam),
        writeBodyLimit(),
        validate('json', milestoneCreateBody),
        async (c) =>
          answerWrite(c, await addMilestone(deps, writeRequest(c, c.req.valid('param').code), c.req.valid('json')), 201),
      )
      .patch(
        '/:code/milestones/:id',
        measureWriteGuard(deps),
        validate('param', milestoneParam),
        writeBodyLimit(),
        validate('json', milestonePatchBody),
        async (c) => {
          const { code, id } = c.req.valid('param');
          return answerWrite(c, await editMilestone(deps, writeRequest(c, code), id, c.req.valid('json')), 200);
        },
      )
      // The secretariat's verification (docs/product.md §3 "Verified milestones"): a measure write
      // (If-Match, version, audit) by the centre's right, not the ministry's.
      .post(
        '/:code/milestones/:id/verification',
        rightGuard(canVerifyMilestones, 'Only the secretariat or an administrator may verify milestones'),
        validate('param', milestoneParam),
        writeBodyLimit(),
        validate('json', milestoneVerificationBody),
        async (c) => {
          const { code, id } = c.req.valid('param');
          return answerWrite(c, await decideMilestoneVerification(deps, writeRequest(c, code), id, c.req.valid('json')), 200);
        },
      )
      .post(
        '/:code/kpis',
        measureWriteGuard(deps),
        validate('param', measureCodeParam),
        writeBodyLimit(),
        validate('json', kpiCreateBody),
        async (c) => answerWrite(c, await addKpi(deps, writeRequest(c, c.req.valid('param').code), c.req.valid('json')), 201),
      )
      .patch(
        '/:code/kpis/:id',
        measureWriteGuard(deps),
        validate('param', kpiParam),
        writeBodyLimit(),
        validate('json', kpiPatchBody),
        async (c) => {
          const { code, id } = c.req.valid('param');
          return answerWrite(c, await editKpi(deps, writeRequest(c, code), id, c.req.valid('json')), 200);
        },
      )
      .post(
        '/:code/kpis/:id/observations',
        measureWriteGuard(deps),
        validate('param', kpiParam),
        writeBodyLimit(),
        validate('json', kpiObservationBody),
        async (c) => {
          const { code, id } = c.req.valid('param');
          return answerWrite(c, await observeKpi(deps, writeRequest(c, code), id, c.req.valid('json')), 201);
        },
      )
  );
}
