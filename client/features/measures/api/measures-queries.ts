import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { filtersToQuery } from '../../../lib/filters';
import type { ExplorerState } from '../../../lib/filters';

export const measuresKeys = {
  all: ['measures'] as const,
  list: (state: ExplorerState) => [...measuresKeys.all, 'list', state] as const,
};

export function measureListQuery(state: ExplorerState, language: 'ja' | 'en') {
  return queryOptions({
    queryKey: [...measuresKeys.list(state), language] as const,
    queryFn: () =>
      unwrap(
        api.measures.$get({
          query: {
            ...filtersToQuery(state),
            sort: state.sort,
            page: String(state.page),
            pageSize: String(state.pageSize),
            lang: language,
          },
        }),
      ),
    // Keep the previous page on screen while the next one loads, so the table does not flash.
    placeholderData: keepPreviousData,
  });
}
