import { queryOptions } from '@tanstack/react-query';
import type { RoundListResponse, RoundSummary } from '../../../../server/schemas/follow-up';
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

// The follow-up round (docs/product.md §4) as a lead sees it: the open round with what their
// ministry still owes, and the reports the secretariat sent back.

export const followUpKeys = {
  rounds: () => [...myMinistryKeys.all, 'rounds'] as const,
  round: (code: string) => [...myMinistryKeys.all, 'round', code] as const,
  returned: (ministry: string) => [...myMinistryKeys.all, 'returned', ministry] as const,
};

export function roundsQuery() {
  return queryOptions({
    queryKey: followUpKeys.rounds(),
    queryFn: () => unwrap(api.rounds.$get({ query: {} })),
  });
}

/**
 * The round the ministry answers now: of the open rounds whose scope names it (or names no
 * ministry), the one opened last — the list is newest opensAt first, and a report goes to that one.
 */
export function openRoundOf(rounds: RoundListResponse, ministry: string): RoundSummary | null {
  return rounds.items.find((r) => r.state === 'open' && (r.ministries.length === 0 || r.ministries.includes(ministry))) ?? null;
}

export function roundDetailQuery(code: string) {
  return queryOptions({
    queryKey: followUpKeys.round(code),
    queryFn: () => unwrap(api.rounds[':code'].$get({ param: { code }, query: {} })),
    staleTime: 0,
  });
}

/** The ministry's latest reports that the secretariat returned: each asks for a new report. */
export function returnedReportsQuery(ministry: string) {
  return queryOptions({
    queryKey: followUpKeys.returned(ministry),
    queryFn: () => unwrap(api.reports.$get({ query: { review: 'returned', latest: 'true', ministry, pageSize: '100' } })),
    staleTime: 0,
  });
}
