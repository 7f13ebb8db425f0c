import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env';
import { describeMeta } from '../services/meta-service';

export function metaRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', async (c) => c.json(await describeMeta(deps), 200));
}
