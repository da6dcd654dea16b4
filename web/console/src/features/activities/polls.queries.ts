import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ok, type ApiBody, type ApiData, type ApiItem } from '../../../../shared/api';
import { useCursorQuery } from '../../../../shared/useCursorQuery';
import { api } from '../../api';

export type Poll = ApiData<'/api/v1/polls/{id}'>;
export type NewPoll = ApiBody<'/api/v1/polls', 'post'>;
export type PollChange = ApiBody<'/api/v1/polls/{id}', 'patch'>;
export type PollEntry = ApiItem<'/api/v1/polls/{id}/entries'>;
export type EntryStatus = PollEntry['status'];
export type NewEntry = ApiBody<'/api/v1/polls/{id}/entries', 'post'>;
export type EntryAction = ApiBody<'/api/v1/poll-entries/{id}/actions', 'post'>;
export type PollFlag = ApiItem<'/api/v1/polls/{id}/flags'>;
export type FlagStatus = PollFlag['status'];
export type Finalists = ApiBody<'/api/v1/polls/{id}/finalists', 'post'>;
export type UploadedPhoto = ApiData<'/api/v1/polls/photos', 'post'>;
export type PollStatus = 'scheduled' | 'open' | 'ended';

export const entryStatuses: EntryStatus[] = ['pending', 'live', 'rejected', 'removed'];

/** The results on screen are read again this often while the poll runs. */
export const resultsRefreshMs = 10_000;

const base = '/api/v1/polls';
export const pollKeys = {
  list: [base, 'list'] as const,
  poll: (id: string) => [base, id] as const,
};

/** Before its window, taking ballots, or over. */
export const pollStatus = (p: Pick<Poll, 'open' | 'startsAt'>, now = Date.now()): PollStatus =>
  p.open ? 'open' : now < Date.parse(p.startsAt) ? 'scheduled' : 'ended';

export const when = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });

export function usePolls(filter: { orgId?: string; q?: string }) {
  return useCursorQuery([...pollKeys.list, filter], (cursor, signal) =>
    ok(api.GET('/api/v1/polls', { params: { query: { ...filter, limit: 50, cursor } }, signal })),
  );
}

export function useCreatePoll() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewPoll) => ok(api.POST('/api/v1/polls', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: pollKeys.list }),
  });
}

export function usePoll(id: string) {
  return useQuery({
    queryKey: pollKeys.poll(id),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/polls/{id}', { params: { path: { id } }, signal })),
  });
}

export function usePollEntries(id: string, status: EntryStatus | undefined) {
  return useCursorQuery([...pollKeys.poll(id), 'entries', status ?? 'all'], (cursor, signal) =>
    ok(
      api.GET('/api/v1/polls/{id}/entries', {
        params: { path: { id }, query: { ...(status ? { status } : {}), limit: 50, cursor } },
        signal,
      }),
    ),
  );
}

/** The staff's live results (voided ballots apart), read again every few seconds while the poll is open. */
export function usePollResults(id: string, live: boolean) {
  return useQuery({
    queryKey: [...pollKeys.poll(id), 'results'],
    queryFn: ({ signal }) => ok(api.GET('/api/v1/polls/{id}/results', { params: { path: { id } }, signal })),
    refetchInterval: live ? resultsRefreshMs : false,
  });
}

export function usePollFlags(id: string, status: FlagStatus | undefined) {
  return useCursorQuery([...pollKeys.poll(id), 'flags', status ?? 'all'], (cursor, signal) =>
    ok(
      api.GET('/api/v1/polls/{id}/flags', {
        params: { path: { id }, query: { ...(status ? { status } : {}), limit: 50, cursor } },
        signal,
      }),
    ),
  );
}

/** Every write on a poll changes its counts, its entries, results and flags: all are read again. */
function usePollWrite<B, R>(id: string, write: (body: B) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: pollKeys.poll(id) }),
        client.invalidateQueries({ queryKey: pollKeys.list }),
      ]),
  });
}

/** A change of the poll's title, window or limits (ending it now: its window closes at this instant). */
export function useUpdatePoll(id: string) {
  return usePollWrite(id, (body: PollChange) =>
    ok(api.PATCH('/api/v1/polls/{id}', { params: { path: { id } }, body })),
  );
}

export function useAddEntry(pollId: string) {
  return usePollWrite(pollId, (body: NewEntry) =>
    ok(api.POST('/api/v1/polls/{id}/entries', { params: { path: { id: pollId } }, body })),
  );
}

export function useEntryAction(pollId: string) {
  return usePollWrite(pollId, ({ entryId, body }: { entryId: string; body: EntryAction }) =>
    ok(api.POST('/api/v1/poll-entries/{id}/actions', { params: { path: { id: entryId } }, body })),
  );
}

export function useFlagAction(pollId: string) {
  return usePollWrite(pollId, ({ flagId, action }: { flagId: string; action: 'void' | 'dismiss' }) =>
    action === 'void'
      ? ok(api.POST('/api/v1/poll-flags/{id}/void', { params: { path: { id: flagId } }, body: {} }))
      : ok(api.POST('/api/v1/poll-flags/{id}/dismiss', { params: { path: { id: flagId } }, body: {} })),
  );
}

export function useFinalists(pollId: string) {
  return usePollWrite(pollId, (body: Finalists) =>
    ok(api.POST('/api/v1/polls/{id}/finalists', { params: { path: { id: pollId } }, body })),
  );
}

/** A photo of an entry (PNG or JPEG), uploaded as it is picked and named by id when the entry is added. */
export const uploadPollPhoto = (file: File) => {
  const form = new FormData();
  form.append('file', file);
  return api.upload<UploadedPhoto>('/api/v1/polls/photos', form);
};

/** The results as a workbook (rank, entry, votes), as the server writes it. */
export const exportResults = (poll: Pick<Poll, 'id' | 'title'>) =>
  api.download(`/api/v1/polls/${poll.id}/results.xlsx`, `${poll.title}.xlsx`);

/** Competition ranking (1, 2, 2, 4) as the export writes it: entries with the same votes share a rank. */
export function ranked<T extends { votes: number }>(items: readonly T[]): (T & { rank: number })[] {
  return items.map((item) => ({ ...item, rank: items.findIndex((x) => x.votes === item.votes) + 1 }));
}
