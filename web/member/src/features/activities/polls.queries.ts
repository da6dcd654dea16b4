import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
  type QueryKey,
} from '@tanstack/react-query';
import { ApiError, idempotent, ok, type ApiData, type ApiItem, type Page } from '../../../../shared/api';
import { api } from '../../api';

/** The live results refresh this often (the public page and the poll's ranking). */
export const resultsRefreshMs = 10_000;

/** Query keys start with the path they read: invalidating a poll refreshes its entries, results and my allowance. */
export const pollKeys = {
  list: ['/api/v1/polls', 'list'] as const,
  poll: (id: string) => ['/api/v1/polls', id] as const,
  entries: (id: string, q: string) => ['/api/v1/polls', id, 'entries', q] as const,
  mine: (id: string) => ['/api/v1/polls', id, 'nominations'] as const,
  results: (id: string) => ['/api/v1/public/polls', id, 'results'] as const,
};

/** A list behind `?limit=&cursor=`, page by page; `loadMore` settles when the page is in (antd-mobile's InfiniteScroll). */
function usePaged<T>(
  queryKey: QueryKey,
  fetchPage: (cursor: string | undefined, signal: AbortSignal) => Promise<Page<T>>,
) {
  const q = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return {
    items: q.data?.pages.flatMap((p) => p.items) ?? null,
    error: q.error,
    hasMore: q.hasNextPage,
    loadMore: () => q.fetchNextPage().then(() => undefined),
    reload: () => void q.refetch(),
  };
}

/** The polls of the member's union and the unions above it, open ones first. */
export function usePolls() {
  return usePaged(pollKeys.list, (cursor, signal) =>
    ok(api.GET('/api/v1/polls', { params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } }, signal })),
  );
}

export function usePoll(id: string) {
  return useQuery({
    queryKey: pollKeys.poll(id),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/polls/{id}', { params: { path: { id } }, signal })),
  });
}

/** The live entries, page by page, or those whose name, number or description matches `q` (10,000 in a large poll). */
export function usePollEntries(id: string, q: string) {
  return usePaged(pollKeys.entries(id, q), (cursor, signal) =>
    ok(
      api.GET('/api/v1/polls/{id}/entries', {
        params: { path: { id }, query: { limit: 20, ...(q ? { q } : {}), ...(cursor ? { cursor } : {}) } },
        signal,
      }),
    ),
  );
}

/** My own nominations to this poll, with their review state. */
export function useMyNominations(id: string) {
  return useQuery({
    queryKey: pollKeys.mine(id),
    queryFn: ({ signal }) =>
      ok(
        api.GET('/api/v1/polls/{id}/entries', {
          params: { path: { id }, query: { mine: 'true', limit: 100 } },
          signal,
        }),
      ),
  });
}

/** A poll as anyone may read it (its title, union and window), for the public results page. */
export function usePublicPoll(id: string) {
  return useQuery({
    queryKey: ['/api/v1/public/polls', id],
    queryFn: ({ signal }) => ok(api.GET('/api/v1/public/polls/{id}', { params: { path: { id } }, signal })),
  });
}

/** One entry with its timeline (a rejected nomination: the reason given). */
export function usePollEntry(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['/api/v1/poll-entries', id],
    queryFn: ({ signal }) => ok(api.GET('/api/v1/poll-entries/{id}', { params: { path: { id } }, signal })),
    enabled,
  });
}

/** The public live results (no sign-in), read again every few seconds while the page is open. */
export function usePollResults(id: string, live = true) {
  return useQuery({
    queryKey: pollKeys.results(id),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/public/polls/{id}/results', { params: { path: { id } }, signal })),
    refetchInterval: live ? resultsRefreshMs : false,
  });
}

/** A failure worth sending again with the same key: the network, or a server fault (never a refusal such as 409). */
const transient = (error: unknown) => !(error instanceof ApiError) || error.status >= 500;

/**
 * One ballot per tap. The tap's Idempotency-Key goes with the request and with each retry of it, so a ballot the
 * server counted before the answer was lost is counted once.
 */
export function useVote(pollId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ entryId, key }: { entryId: string; key: string }) =>
      ok(
        api.POST('/api/v1/polls/{id}/ballots', {
          params: { path: { id: pollId } },
          body: { entryId },
          ...idempotent(key),
        }),
      ),
    retry: (count, error) => count < 2 && transient(error),
    retryDelay: (attempt) => 500 * 2 ** attempt,
    // The answer says what is left: the allowance and the entry's count change at once, without reading 10,000 again.
    onSuccess: (cast) => {
      client.setQueryData<Poll>(pollKeys.poll(pollId), (p) =>
        p?.myVotesToday
          ? {
              ...p,
              totalVotes: p.totalVotes + 1,
              myVotesToday: { total: p.myVotesToday.total + 1, left: cast.leftToday },
            }
          : p,
      );
      client.setQueriesData<InfiniteData<Page<PollEntry>>>(
        { queryKey: [...pollKeys.poll(pollId), 'entries'] },
        (data) =>
          data
            ? {
                ...data,
                pages: data.pages.map((page) => ({
                  ...page,
                  items: page.items.map((e) =>
                    e.id === cast.entryId ? { ...e, votes: e.votes + 1, myVotesToday: (e.myVotesToday ?? 0) + 1 } : e,
                  ),
                })),
              }
            : data,
      );
    },
    onSettled: (_cast, error) =>
      Promise.all([
        client.invalidateQueries({ queryKey: pollKeys.poll(pollId), exact: true }),
        // A refusal (a limit reached elsewhere, from another phone) makes the entries' own counts worth reading again.
        ...(error ? [client.invalidateQueries({ queryKey: [...pollKeys.poll(pollId), 'entries'] })] : []),
        client.invalidateQueries({ queryKey: pollKeys.results(pollId) }),
      ]),
  });
}

export function useNominate(pollId: string, idempotencyKey: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { title: string; description?: string; photoIds?: string[] }) =>
      ok(
        api.POST('/api/v1/polls/{id}/entries', {
          params: { path: { id: pollId } },
          body,
          ...idempotent(idempotencyKey),
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: pollKeys.mine(pollId) }),
  });
}

/** The next midnight in Beijing (the API's "day" is the calendar day in Asia/Shanghai), when daily ballots return. */
export function nextBeijingMidnight(now = new Date()): Date {
  const beijing = new Date(now.getTime() + 8 * 3_600_000);
  return new Date(Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth(), beijing.getUTCDate() + 1) - 8 * 3_600_000);
}

export const pollTime = (iso: string | Date) =>
  new Date(iso).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });

export const isDailyLimit = (e: unknown): e is ApiError => e instanceof ApiError && e.code === 'DAILY_LIMIT_REACHED';
export const isNotOpen = (e: unknown) => e instanceof ApiError && e.code === 'ACTIVITY_NOT_OPEN';
export const isRateLimited = (e: unknown) => e instanceof ApiError && e.status === 429;

export type Poll = ApiData<'/api/v1/polls/{id}'>;
export type PollEntry = ApiItem<'/api/v1/polls/{id}/entries'>;
export type PollResults = ApiData<'/api/v1/public/polls/{id}/results'>;
export type PollStatus = 'scheduled' | 'open' | 'ended';

/** Before its window, taking ballots, or over (`open` is the server's word for now). */
export const pollStatus = (p: Pick<Poll, 'open' | 'startsAt'>, now = Date.now()): PollStatus =>
  p.open ? 'open' : now < Date.parse(p.startsAt) ? 'scheduled' : 'ended';

export const pollStatusColor = { open: 'success', scheduled: 'primary', ended: 'default' } as const;

/** The ballots the member may still cast today (a poll read by someone who cannot vote: none). */
export const ballotsLeft = (p: Pick<Poll, 'myVotesToday'>) => p.myVotesToday?.left ?? 0;

/** A nomination takes at most this many photos (the API's limit). */
export const maxEntryPhotos = 9;

/** A photo of an entry (PNG or JPEG), uploaded as it is picked and named by id in the nomination. */
export const uploadPollPhoto = (form: FormData) =>
  api.upload<ApiData<'/api/v1/polls/photos', 'post'>>('/api/v1/polls/photos', form);
