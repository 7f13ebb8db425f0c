import { Hono } from 'hono';
import type { MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../app-env';
import { canManageReferenceData } from '../../common/roles';
import { forbidden, requireUser } from '../errors';
import { createReferenceBody, noQuery, referenceCodeParam, updateReferenceBody } from '../schemas/reference-data';
import { createReference, referenceDetail, referenceList, updateReference } from '../services/reference-data-service';
import type { ReferenceKind } from '../services/reference-data-service';
import { validate } from '../validation';
import { writeBodyLimit } from './write-body-limit';

// /deadlines and /meetings (docs/decisions/026-reference-data-in-the-browser.md): administrators only,
// 401 without a session and 403 for any other role. Everyone reads the deadlines and meetings in force
// through GET /meta; these lists (retired rows and their uses included) are the admin's page's.

function adminOnly(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = requireUser(c.get('user'));
    if (!canManageReferenceData(user)) throw forbidden('Only administrators may manage deadlines and meetings');
    await next();
  };
}

function referenceRoutes(deps: AppDeps, kind: ReferenceKind, base: string) {
  return new Hono<AppEnv>()
    .use('*', adminOnly())
    .use('*', async (c, next) => {
      await next();
      // An admin's view that changes with every write; GET /meta is what clients may keep.
      c.header('Cache-Control', 'no-store');
    })
    .get('/', validate('query', noQuery), async (c) => c.json(await referenceList(deps, kind), 200))
    .post('/', writeBodyLimit(), validate('query', noQuery), validate('json', createReferenceBody), async (c) => {
      const request = { actor: requireUser(c.get('user')), requestId: c.get('requestId') };
      const created = await createReference(deps, request, kind, c.req.valid('json'));
      c.header('Location', `/api/v1/${base}/${created.code}`);
      return c.json(created, 201);
    })
    .get('/:code', validate('param', referenceCodeParam), validate('query', noQuery), async (c) =>
      c.json(await referenceDetail(deps, kind, c.req.valid('param').code), 200),
    )
    .patch(
      '/:code',
      writeBodyLimit(),
      validate('param', referenceCodeParam),
      validate('query', noQuery),
      validate('json', updateReferenceBody),
      async (c) => {
        const request = { actor: requireUser(c.get('user')), requestId: c.get('requestId') };
        return c.json(await updateReference(deps, request, kind, c.req.valid('param').code, c.req.valid('json')), 200);
      },
    );
}

export function deadlinesRoutes(deps: AppDeps) {
  return referenceRoutes(deps, 'deadlines', 'deadlines');
}

export function meetingsRoutes(deps: AppDeps) {
  return referenceRoutes(deps, 'meetings', 'meetings');
}
