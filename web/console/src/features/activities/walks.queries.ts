import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ok, type ApiBody, type ApiData } from '../../../../shared/api';
import { useCursorQuery } from '../../../../shared/useCursorQuery';
import { api } from '../../api';

export type WalkChallenge = ApiData<'/api/v1/walk-challenges/{id}'>;
export type NewWalkChallenge = ApiBody<'/api/v1/walk-challenges', 'post'>;
export type WalkBoard = ApiData<'/api/v1/walk-challenges/{id}/leaderboard'>;
export type BoardBy = WalkBoard['by'];

const base = '/api/v1/walk-challenges';
export const walkKeys = {
  list: [base, 'list'] as const,
  challenge: (id: string) => [base, id] as const,
};

export function useWalkChallenges(orgId: string | undefined) {
  return useCursorQuery([...walkKeys.list, orgId ?? ''], (cursor, signal) =>
    ok(api.GET('/api/v1/walk-challenges', { params: { query: { orgId, limit: 50, cursor } }, signal })),
  );
}

export function useCreateWalkChallenge() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewWalkChallenge) => ok(api.POST('/api/v1/walk-challenges', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: walkKeys.list }),
  });
}

export function useWalkChallenge(id: string) {
  return useQuery({
    queryKey: walkKeys.challenge(id),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/walk-challenges/{id}', { params: { path: { id } }, signal })),
  });
}

export function useWalkBoard(id: string, by: BoardBy, date: string | undefined) {
  return useQuery({
    queryKey: [...walkKeys.challenge(id), 'board', by, date ?? ''],
    queryFn: ({ signal }) =>
      ok(
        api.GET('/api/v1/walk-challenges/{id}/leaderboard', {
          params: { path: { id }, query: { by, date, limit: 100 } },
          signal,
        }),
      ),
  });
}

export type WalkChallengeChanges = ApiBody<'/api/v1/walk-challenges/{id}', 'patch'>;

/** An officer's edit, or closing it now: the challenge, its board and the list are read again. */
export function useChangeWalkChallenge(id: string) {
  const client = useQueryClient();
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: walkKeys.challenge(id) }),
      client.invalidateQueries({ queryKey: walkKeys.list }),
    ]);
  return {
    update: useMutation({
      mutationFn: (body: WalkChallengeChanges) =>
        ok(api.PATCH('/api/v1/walk-challenges/{id}', { params: { path: { id } }, body })),
      onSuccess: refresh,
    }),
    close: useMutation({
      mutationFn: () => ok(api.POST('/api/v1/walk-challenges/{id}/close', { params: { path: { id } } })),
      onSuccess: refresh,
    }),
  };
}
