import type { MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../app-env';
import { ApiError, forbidden, requireUser } from '../errors';
import { findWriteTarget } from '../repositories/measure-writes-repository';
import { measureCodeParam } from '../schemas/query';
import { canEditMeasure, canReadAudit, writesMeasures } from '../../common/roles';
import type { SessionUser } from '../../common/roles';

// Route guards of the write and admin API (docs/product.md §4). They run before the body is validated, so that a caller without the
// right learns nothing from validation messages: 401 without a session, 403 without the role.

/**
 * A write to the measure named by the `:code` parameter: 401 without a session, 403 for a
 * read-only role or another ministry's measure, 404 for an unknown code (only to those who could
 * write to it if it existed).
 */
export function measureWriteGuard(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = requireUser(c.get('user'));
    if (!writesMeasures(user.role)) {
      throw forbidden(`The ${user.role} role is read-only`);
    }
    const code = c.req.param('code') ?? '';
    // A malformed code is left to the parameter validator after this guard (400 naming it).
    if (!measureCodeParam.safeParse({ code }).success) return next();
    const target = await findWriteTarget(deps.db, code);
    if (!target) throw new ApiError(404, 'not_found', `No measure with code ${code}`);
    if (!canEditMeasure(user, target.leadMinistry)) {
      throw forbidden(`Only the lead ministry (${target.leadMinistry}) or an administrator may change ${target.code}`);
    }
    await next();
  };
}

/** Admin-only reads (the audit trail): 401 without a session, 403 for any other role. */
export function auditReadGuard(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = requireUser(c.get('user'));
    if (!canReadAudit(user)) throw forbidden('Only administrators may read the audit trail');
    await next();
  };
}

/**
 * A decision of the follow-up round's centre (docs/product.md §4 "The follow-up round"): 401
 * without a session, 403 for a role without the right (`right` from common/roles.ts). Checked before
 * the body is read, like the other guards.
 */
export function rightGuard(right: (user: SessionUser) => boolean, refusal: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = requireUser(c.get('user'));
    if (!right(user)) throw forbidden(refusal);
    await next();
  };
}
