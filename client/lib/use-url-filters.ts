import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { explorerStateToParams, filtersToParams, parseExplorerState, parseFilters } from './filters';
import type { ExplorerState, Filters } from './filters';

/** Dashboard filters (plus the deadline) read from and written to the URL. */
export function useUrlFilters(): [Filters & { deadline: string }, (next: Filters & { deadline?: string }) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => ({ ...parseFilters(params), deadline: params.get('deadline') ?? '' }), [params]);
  const set = useCallback(
    (next: Filters & { deadline?: string }) => setParams(filtersToParams(next, { deadline: next.deadline || undefined })),
    [setParams],
  );
  return [filters, set];
}

/** The explorer's full state (filters, sort, page) read from and written to the URL. */
export function useExplorerState(): [ExplorerState, (next: ExplorerState) => void] {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseExplorerState(params), [params]);
  const set = useCallback((next: ExplorerState) => setParams(explorerStateToParams(next)), [setParams]);
  return [state, set];
}
