import { Hono } from 'hono';
import { canManageRounds } from '../../common/roles';
import type { AppDeps, AppEnv } from '../app-env';
import { rightGuard } from '../auth/guards';
import { requireUser } from '../errors';
import { noQuery, roundCodeParam, roundCreateBody } from '../schemas/rounds';
import { closeRound, createRound, listRounds, roundDetail } from '../services/rounds-service';
import { validate } from '../validation';
import { writeBodyLimit } from './write-body-limit';

// Rounds (照会, docs/product.md §4 "The follow-up round"): public reads like the measures'; opening and
// closing need canManageRounds (the secretariat, administrators).

const REFUSAL = 'Only the secretariat or an administrator may open or close rounds';

export function roundsRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', validate('query', noQuery), async (c) => c.json(await listRounds(deps), 200))
    .post('/', rightGuard(canManageRounds, REFUSAL), writeBodyLimit(), validate('json', roundCreateBody), async (c) => {
      const request = { user: requireUser(c.get('user')), requestId: c.get('requestId') };
      return c.json(await createRound(deps, request, c.req.valid('json')), 201);
    })
    .get('/:code', validate('param', roundCodeParam), validate('query', noQuery), async (c) =>
      c.json(await roundDetail(deps, c.req.valid('param').code), 200),
    )
    .post('/:code/close', rightGuard(canManageRounds, REFUSAL), validate('param', roundCodeParam), async (c) => {
      const request = { user: requireUser(c.get('user')), requestId: c.get('requestId') };
      return c.json(await closeRound(deps, request, c.req.valid('param').code), 200);
    });
}
