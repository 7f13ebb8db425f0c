import { queryOptions } from '@tanstack/react-query';
import type { RoundDetailResponse, RoundListResponse } from '../../../../server/schemas/follow-up';
import { followUpFetch, followUpGet } from '../../../lib/follow-up-api';

// Rounds (照会, docs/product.md §4 "The follow-up round"): the list, one round's progress, opening and closing.

export const roundKeys = {
  all: ['rounds'] as const,
  list: () => [...roundKeys.all, 'list'] as const,
  detail: (code: string) => [...roundKeys.all, 'detail', code] as const,
};

export function roundListQuery() {
  return queryOptions({
    queryKey: roundKeys.list(),
    queryFn: () => followUpGet<RoundListResponse>('/rounds'),
  });
}

export function roundDetailQuery(code: string) {
  return queryOptions({
    queryKey: roundKeys.detail(code),
    queryFn: () => followUpGet<RoundDetailResponse>(`/rounds/${encodeURIComponent(code)}`),
  });
}

/** POST /rounds: dates as YYYY-MM-DD (the server reads them as Japan days); empty scope means all. */
export interface NewRoundBody {
  code: string;
  titleJa: string;
  titleEn: string;
  opensAt: string;
  dueAt: string;
  ministries?: string[];
  fields?: string[];
  deadline?: string;
}

export async function createRound(body: NewRoundBody): Promise<RoundDetailResponse> {
  return (await followUpFetch<RoundDetailResponse>('/rounds', { method: 'POST', json: body })).body;
}

export async function closeRound(code: string): Promise<RoundDetailResponse> {
  return (await followUpFetch<RoundDetailResponse>(`/rounds/${encodeURIComponent(code)}/close`, { method: 'POST' })).body;
}
