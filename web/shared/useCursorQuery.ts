import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import type { Page } from './api';

/**
 * A list behind `?limit=&cursor=` (TanStack's infinite query): the first page when the key changes, more on demand.
 * `fetchPage` gets the cursor (undefined for the first page) and the abort signal.
 */
export function useCursorQuery<T>(
  queryKey: QueryKey,
  fetchPage: (cursor: string | undefined, signal: AbortSignal) => Promise<Page<T>>,
  enabled = true,
) {
  const q = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
  return {
    items: q.data?.pages.flatMap((p) => p.items) ?? [],
    loading: q.isFetching,
    error: q.error,
    hasMore: q.hasNextPage,
    loadMore: () => void q.fetchNextPage(),
    reload: () => void q.refetch(),
  };
}
