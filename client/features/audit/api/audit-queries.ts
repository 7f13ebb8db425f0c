import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilters {
  entity: string;
  actor: string;
  from: string;
  to: string;
  page: number;
}

export const auditKeys = {
  all: ['audit'] as const,
  list: (filters: AuditFilters) => [...auditKeys.all, filters] as const,
};

export function parseAuditFilters(params: URLSearchParams): AuditFilters {
  const date = (key: string) => {
    const v = params.get(key) ?? '';
    return /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : '';
  };
  const page = Number(params.get('page'));
  return {
    entity: params.get('entity') ?? '',
    actor: params.get('actor') ?? '',
    from: date('from'),
    to: date('to'),
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

export function auditFiltersToParams(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.entity.trim()) params.set('entity', filters.entity.trim());
  if (filters.actor.trim()) params.set('actor', filters.actor.trim());
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  if (filters.page > 1) params.set('page', String(filters.page));
  return params;
}

export function auditQuery(filters: AuditFilters) {
  const query: Record<string, string> = { pageSize: String(AUDIT_PAGE_SIZE), page: String(filters.page) };
  if (filters.entity.trim()) query.entity = filters.entity.trim();
  if (filters.actor.trim()) query.actor = filters.actor.trim();
  if (filters.from) query.from = filters.from;
  if (filters.to) query.to = filters.to;
  return queryOptions({
    queryKey: auditKeys.list(filters),
    queryFn: () => unwrap(api.audit.$get({ query })),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}
