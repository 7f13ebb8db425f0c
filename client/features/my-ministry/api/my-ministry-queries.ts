import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';

export const myMinistryKeys = {
  all: ['my-ministry'] as const,
  list: (ministry: string, language: string) => [...myMinistryKeys.all, ministry, language] as const,
};

/** Every measure the ministry leads or co-owns, most behind first (one page: a ministry has at most a few hundred). */
export function myMinistryQuery(ministry: string, language: 'ja' | 'en') {
  return queryOptions({
    queryKey: myMinistryKeys.list(ministry, language),
    queryFn: () => unwrap(api.measures.$get({ query: { ministry, sort: 'behind', pageSize: '500', lang: language } })),
    // A lead comes back here after each report: show the new state, not a 30-second-old one.
    staleTime: 0,
  });
}
