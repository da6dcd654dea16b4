import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ok, type ApiBody, type ApiData, type ApiItem } from '../../../../shared/api';
import { useCursorQuery } from '../../../../shared/useCursorQuery';
import { api } from '../../api';

export type Contest = ApiData<'/api/v1/contests/{id}'>;
export type NewContest = ApiBody<'/api/v1/contests', 'post'>;
export type Entry = ApiItem<'/api/v1/contests/{id}/entries'>;
export type Judge = ApiItem<'/api/v1/contests/{id}/judges'>;
export type Candidate = ApiItem<'/api/v1/contests/{id}/judge-candidates'>;
export type Ranking = ApiData<'/api/v1/contests/{id}/ranking'>;
export type RankingRow = Ranking['items'][number];
export type QueueItem = ApiItem<'/api/v1/judging/assignments'>;
export type EntryForJudge = Extract<ApiData<'/api/v1/contest-entries/{id}'>, { myTotal: unknown }>;
export type Award = NonNullable<RankingRow['award']>;
export type AwardBody = ApiBody<'/api/v1/contests/{id}/awards', 'post'>;

export const awards: Award[] = ['first', 'second', 'third', 'excellence'];

export const contestKeys = {
  all: ['/api/v1/contests'] as const,
  one: (id: string) => ['/api/v1/contests', id] as const,
  queue: ['/api/v1/judging/assignments'] as const,
  entry: (id: string) => ['/api/v1/contest-entries', id] as const,
};

export function useContests(orgId: string | undefined) {
  return useCursorQuery([...contestKeys.all, 'list', orgId], (cursor, signal) =>
    ok(api.GET('/api/v1/contests', { params: { query: { orgId, limit: 50, cursor } }, signal })),
  );
}

export function useCreateContest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewContest) => ok(api.POST('/api/v1/contests', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: [...contestKeys.all, 'list'] }),
  });
}

export function useContest(id: string) {
  return useQuery({
    queryKey: contestKeys.one(id),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/contests/{id}', { params: { path: { id } }, signal })),
  });
}

export function useEntries(id: string) {
  return useCursorQuery([...contestKeys.one(id), 'entries'], (cursor, signal) =>
    ok(api.GET('/api/v1/contests/{id}/entries', { params: { path: { id }, query: { limit: 50, cursor } }, signal })),
  );
}

export function useJudges(id: string) {
  return useQuery({
    queryKey: [...contestKeys.one(id), 'judges'],
    queryFn: ({ signal }) => ok(api.GET('/api/v1/contests/{id}/judges', { params: { path: { id } }, signal })),
  });
}

export function useCandidates(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...contestKeys.one(id), 'candidates'],
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/contests/{id}/judge-candidates', { params: { path: { id } }, signal })),
    enabled,
  });
}

export function useRanking(id: string) {
  return useQuery({
    queryKey: [...contestKeys.one(id), 'ranking'],
    queryFn: ({ signal }) => ok(api.GET('/api/v1/contests/{id}/ranking', { params: { path: { id } }, signal })),
    // Judges score while the officer watches: the ranking follows without a reload.
    refetchInterval: 15_000,
  });
}

/** The contest's writes; each refreshes everything the contest page shows. */
export function useContestActions(id: string) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: contestKeys.one(id) });
  const path = { params: { path: { id } } };
  return {
    addJudges: useMutation({
      mutationFn: (staffIds: string[]) => ok(api.POST('/api/v1/contests/{id}/judges', { ...path, body: { staffIds } })),
      onSuccess: refresh,
    }),
    assign: useMutation({
      mutationFn: () => ok(api.POST('/api/v1/contests/{id}/assignments', path)),
      onSuccess: refresh,
    }),
    close: useMutation({
      mutationFn: () => ok(api.POST('/api/v1/contests/{id}/close', path)),
      onSuccess: refresh,
    }),
    award: useMutation({
      mutationFn: (body: AwardBody) => ok(api.POST('/api/v1/contests/{id}/awards', { ...path, body })),
      onSuccess: refresh,
    }),
  };
}

export function useJudgingQueue() {
  return useQuery({
    queryKey: contestKeys.queue,
    queryFn: ({ signal }) => ok(api.GET('/api/v1/judging/assignments', { signal })),
  });
}

/** An entry as its assigned judge reads it (blind). */
export function useEntryForJudge(id: string | null) {
  return useQuery({
    queryKey: contestKeys.entry(id ?? ''),
    queryFn: async ({ signal }) =>
      (await ok(api.GET('/api/v1/contest-entries/{id}', { params: { path: { id: id! } }, signal }))) as EntryForJudge,
    enabled: id !== null,
  });
}

export function useScore(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiBody<'/api/v1/contest-entries/{id}/scores', 'put'>) =>
      ok(api.PUT('/api/v1/contest-entries/{id}/scores', { params: { path: { id } }, body })),
    onSuccess: (updated) => {
      client.setQueryData(contestKeys.entry(id), updated);
      return client.invalidateQueries({ queryKey: contestKeys.queue });
    },
  });
}

/** A judge's weighted total as the server computes it (contests.scoring.ts): Σ w·s/max ÷ Σ w × 100. */
export function weightedTotal(
  rubric: { criterion: string; weight: number; maxScore: number }[],
  scores: Record<string, number | null | undefined>,
): number {
  const weights = rubric.reduce((a, c) => a + c.weight, 0);
  const sum = rubric.reduce((a, c) => a + (c.weight * (scores[c.criterion] ?? 0)) / c.maxScore, 0);
  return weights === 0 ? 0 : (sum / weights) * 100;
}
