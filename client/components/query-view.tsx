import type { ReactNode } from 'react';
import { EmptyState, ErrorState, Skeleton } from './query-state';

/** What QueryView reads of a TanStack query result (a `useQuery` result is one). */
export interface QueryStatus {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

interface QueryViewProps<T> {
  query: QueryStatus;
  /**
   * What `children` render: `query.data`, or something derived from it (and from other data, such as
   * /meta). Null or undefined while it is not ready, which shows the skeleton.
   */
  data: T | null | undefined;
  /** Height of the loading skeleton, about that of what it stands for, so the page does not jump. */
  skeletonHeight?: number;
  /** Shown while loading instead of the bare skeleton. */
  pending?: ReactNode;
  /** A particular error's own view (a 404 as a not-found page, say); undefined falls back to "retry". */
  renderError?: (error: unknown) => ReactNode;
  /** Whether the data holds nothing to show; then `empty` is rendered instead of `children`. */
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}

/** A query's four states, the same everywhere: loading (skeleton), error with retry, empty, data. */
export function QueryView<T>({
  query,
  data,
  skeletonHeight = 120,
  pending,
  renderError,
  isEmpty,
  empty = <EmptyState />,
  children,
}: QueryViewProps<T>) {
  if (query.isError) {
    return renderError?.(query.error) ?? <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (query.isPending || data === undefined || data === null) return pending ?? <Skeleton height={skeletonHeight} />;
  if (isEmpty?.(data)) return empty;
  return children(data);
}
