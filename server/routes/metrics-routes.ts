import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env';
import { noQuery } from '../schemas/users';
import { metricsExposition } from '../services/metrics-service';
import { validate } from '../validation';

export function metricsRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', validate('query', noQuery), async (c) => {
    const { contentType, body } = await metricsExposition(deps, c.get('user'));
    return c.body(body, 200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  });
}
