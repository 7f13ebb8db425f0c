import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env';
import { auditReadGuard } from '../auth/guards';
import { addDays, endOfJstDay } from '../../common/calendar';
import { invalidParameter } from '../errors';
import { listAudit } from '../repositories/audit-repository';
import { DEFAULT_AUDIT_PAGE_SIZE, auditQuery } from '../schemas/writes';
import type { AuditListResponse } from '../schemas/writes';
import { validate } from '../validation';

/** The first millisecond of a JST day, as an ISO instant (UTC). */
function startOfJstDay(date: string): string {
  return new Date(Date.parse(endOfJstDay(addDays(date, -1))) + 1).toISOString();
}

/** The audit trail, for administrators: newest first, filterable by entity, actor and JST days. */
export function auditRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', auditReadGuard(), validate('query', auditQuery), async (c) => {
    const query = c.req.valid('query');
    if (query.from && query.to && query.from > query.to) throw invalidParameter('to', `must not be before from (${query.from})`);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_AUDIT_PAGE_SIZE;
    const { items, total } = await listAudit(deps.db, {
      entity: query.entity,
      entityType: query.entityType,
      actor: query.actor,
      fromInstant: query.from ? startOfJstDay(query.from) : undefined,
      toInstant: query.to ? endOfJstDay(query.to) : undefined,
      page,
      pageSize,
    });
    const body: AuditListResponse = { items, total, page, pageSize };
    return c.json(body, 200);
  });
}
