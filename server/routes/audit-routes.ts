import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env';
import { auditReadGuard } from '../auth/guards';
import { auditQuery } from '../schemas/writes';
import { auditPage } from '../services/audit-service';
import { validate } from '../validation';

/** The audit trail, for administrators: newest first, filterable by entity, actor and JST days. */
export function auditRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', auditReadGuard(), validate('query', auditQuery), async (c) =>
    c.json(await auditPage(deps, c.req.valid('query')), 200),
  );
}
