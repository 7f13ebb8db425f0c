import { sql } from 'kysely';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env';

export function healthRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', async (c) => {
    // A real round trip, so a load balancer sees a server that has lost its database as unhealthy.
    await sql`SELECT 1`.execute(deps.db);
    return c.json({ status: 'ok' as const, database: deps.dialect }, 200);
  });
}
