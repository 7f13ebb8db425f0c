import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env';
import { changesPageQuery } from '../schemas/meeting-pack';
import { changesEndIsFixed, changesReport } from '../services/changes-service';
import { validate } from '../validation';
import { cachedResponse } from './cached-response';

// GET /changes: what changed between two instants (docs/product.md §4 "The meeting pack").
export function changesRoutes(deps: AppDeps) {
  // Cached only when `to` is a fixed instant: otherwise the answer names the instant it was made.
  const cached = cachedResponse(deps, { when: (url) => changesEndIsFixed(url.searchParams.get('to'), deps.now()) });
  return new Hono<AppEnv>().get('/', cached, validate('query', changesPageQuery), async (c) =>
    c.json(await changesReport(deps, c.req.valid('query')), 200),
  );
}
