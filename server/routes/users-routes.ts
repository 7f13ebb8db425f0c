import { Hono } from 'hono';
import type { MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../app-env';
import { canManageUsers } from '../../common/roles';
import { forbidden, requireUser } from '../errors';
import { noQuery, userIdParam } from '../schemas/users';
import { revokeSessions, userList } from '../services/users-service';
import { validate } from '../validation';

/** User management is for administrators: 401 without a session, 403 for any other role. */
function adminOnly(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = requireUser(c.get('user'));
    if (!canManageUsers(user)) throw forbidden('Only administrators may manage users');
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
    .get('/', validate('query', noQuery), async (c) => c.json(await userList(deps), 200))
    .delete('/:id/sessions', validate('param', userIdParam), validate('query', noQuery), async (c) => {
      const input = { actor: requireUser(c.get('user')), userId: c.req.valid('param').id, requestId: c.get('requestId') };
      return c.json(await revokeSessions(deps, input), 200);
    });
}
