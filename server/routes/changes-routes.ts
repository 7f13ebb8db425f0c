import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env';
import { changesQuery } from '../schemas/meeting-pack';
import { changesReport } from '../services/changes-service';
import { validate } from '../validation';

// GET /changes: what changed between two instants (docs/product.md §4 "The meeting pack").
export function changesRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', validate('query', changesQuery), async (c) =>
    c.json(await changesReport(deps, c.req.valid('query')), 200),
  );
}
