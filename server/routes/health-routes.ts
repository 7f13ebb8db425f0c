import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env';
import { checkHealth } from '../services/health-service';

export function healthRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', async (c) => c.json(await checkHealth(deps), 200));
}
