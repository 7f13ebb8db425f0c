import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env';
import { describeMeta } from '../services/meta-service';
import { cachedResponse } from './cached-response';

export function metaRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', cachedResponse(deps), async (c) => c.json(await describeMeta(deps), 200));
}
