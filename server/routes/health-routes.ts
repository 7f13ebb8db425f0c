import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env';
import { checkHealth } from '../services/health-service';

export function healthRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', async (c) => {
    const health = await checkHealth(deps);
    return health.status === 'ok' ? c.json(health, 200) : c.json(health, 503);
  });
}
