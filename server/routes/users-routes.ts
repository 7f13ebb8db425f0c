import { Hono } from 'hono';
import type { MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../app-env';
import { canManageUsers } from '../../common/roles';
import { forbidden, requireUser } from '../errors';
import { createUserBody, noQuery, updateUserBody, userIdParam } from '../schemas/users';
import { createUserAccount, revokeSessions, updateUserAccount, userDetail, userList } from '../services/users-service';
import { validate } from '../validation';
import { writeBodyLimit } from './write-body-limit';

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
    .post('/', writeBodyLimit(), validate('query', noQuery), validate('json', createUserBody), async (c) => {
      const request = { actor: requireUser(c.get('user')), requestId: c.get('requestId') };
      const created = await createUserAccount(deps, request, c.req.valid('json'));
      c.header('Location', `/api/v1/users/${created.user.id}`);
      return c.json(created, 201);
    })
    .get('/:id', validate('param', userIdParam), validate('query', noQuery), async (c) =>
      c.json(await userDetail(deps, c.req.valid('param').id), 200),
    )
    .patch(
      '/:id',
      writeBodyLimit(),
      validate('param', userIdParam),
      validate('query', noQuery),
      validate('json', updateUserBody),
      async (c) => {
        const request = { actor: requireUser(c.get('user')), requestId: c.get('requestId') };
        return c.json(await updateUserAccount(deps, request, c.req.valid('param').id, c.req.valid('json')), 200);
      },
    )
    .delete('/:id/sessions', validate('param', userIdParam), validate('query', noQuery), async (c) => {
      const input = { actor: requireUser(c.get('user')), userId: c.req.valid('param').id, requestId: c.get('requestId') };
      return c.json(await revokeSessions(deps, input), 200);
    });
}
