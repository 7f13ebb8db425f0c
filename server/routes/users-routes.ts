import { Hono } from 'hono';
import type { MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../app-env';
import { forbidden, requireUser } from '../auth/guards';
import { ApiError } from '../errors';
import { writeAudit } from '../repositories/audit-repository';
import { findUserById, listUsers, revokeUserSessions } from '../repositories/auth-repository';
import { noQuery, userIdParam } from '../schemas/users';
import type { RevokeSessionsResponse, UserListResponse } from '../schemas/users';
import { validate } from '../validation';

/** User management is for administrators: 401 without a session, 403 for any other role. */
function adminOnly(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = requireUser(c.get('user'));
    if (user.role !== 'admin') throw forbidden('Only administrators may manage users');
    await next();
  };
}

export function usersRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use('*', adminOnly())
    .use('*', async (c, next) => {
      await next();
      // Who has which role and how many sessions is not for any shared cache.
      c.header('Cache-Control', 'no-store');
    })
    .get('/', validate('query', noQuery), async (c) => {
      const users = await listUsers(deps.db, deps.now(), deps.auth.session);
      const body: UserListResponse = {
        items: users.map((u) => ({
          id: u.id,
          email: u.email,
          displayName: u.displayName,
          role: u.role,
          ministry: u.ministry,
          createdAt: u.createdAt,
          disabled: u.disabled,
          activeSessions: u.activeSessions,
        })),
      };
      return c.json(body, 200);
    })
    .delete('/:id/sessions', validate('param', userIdParam), validate('query', noQuery), async (c) => {
      const { id } = c.req.valid('param');
      const actor = requireUser(c.get('user'));
      const now = deps.now();
      // The revocation and its audit row commit together or not at all.
      const revoked = await deps.db.transaction().execute(async (trx) => {
        const target = await findUserById(trx, id);
        if (!target) throw new ApiError(404, 'not_found', `No user with id ${id}`);
        const n = await revokeUserSessions(trx, id, now);
        await writeAudit(trx, {
          actor,
          action: 'user.revoke_sessions',
          entityType: 'user',
          entityCode: target.email,
          before: null,
          after: { revokedSessions: n },
          requestId: c.get('requestId'),
          now,
        });
        return n;
      });
      const body: RevokeSessionsResponse = { revoked };
      return c.json(body, 200);
    });
}
