import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';

// The list of frozen editions (docs/product.md §2 "Meetings and editions"). New ones appear as they
// are frozen; the freeze dialog invalidates `editions` after a success.

export const editionKeys = {
  all: ['editions'] as const,
  list: () => [...editionKeys.all, 'list'] as const,
};

export function editionListQuery() {
  return queryOptions({
    queryKey: editionKeys.list(),
    queryFn: () => unwrap(api.editions.$get({ query: {} })),
  });
}
