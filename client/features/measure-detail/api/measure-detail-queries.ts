import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';

export const measureDetailKeys = {
  all: ['measure-detail'] as const,
  detail: (code: string, asOf: string) => [...measureDetailKeys.all, code, asOf] as const,
};

export function measureDetailQuery(code: string, asOf: string) {
  return queryOptions({
    queryKey: measureDetailKeys.detail(code, asOf),
    queryFn: () => unwrap(api.measures[':code'].$get({ param: { code }, query: asOf ? { asOf } : {} })),
  });
}
