import { addDays, endOfJstDay } from '../../common/calendar';
import type { AppDeps } from '../app-env';
import { invalidParameter } from '../errors';
import { listAudit } from '../repositories/audit-repository';
import { DEFAULT_AUDIT_PAGE_SIZE } from '../schemas/writes';
import type { AuditListResponse, AuditQuery } from '../schemas/writes';

/** The first millisecond of a JST day, as an ISO instant (UTC). */
function startOfJstDay(date: string): string {
  return new Date(Date.parse(endOfJstDay(addDays(date, -1))) + 1).toISOString();
}

/** One page of the audit trail, newest first, filtered by entity, actor and JST days (both inclusive). */
export async function auditPage(deps: Pick<AppDeps, 'db'>, query: AuditQuery): Promise<AuditListResponse> {
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
  return { items, total, page, pageSize };
}
