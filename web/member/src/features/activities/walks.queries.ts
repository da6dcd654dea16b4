import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ok, type ApiBody, type ApiData } from '../../../../shared/api';
import { api } from '../../api';

export type WalkChallenge = ApiData<'/api/v1/walk-challenges/{id}'>;
export type MyWalk = ApiData<'/api/v1/walk-challenges/{id}/me'>;
export type WalkBoard = ApiData<'/api/v1/walk-challenges/{id}/leaderboard'>;
export type RecordSteps = ApiBody<'/api/v1/walk-challenges/{id}/steps/{date}', 'put'>;

const base = '/api/v1/walk-challenges';
export const walkKeys = {
  list: [base, 'list'] as const,
  challenge: (id: string) => [base, id] as const,
};

/** The challenges of my union and the unions above it, newest first. */
export function useWalkChallenges() {
  return useQuery({
    queryKey: walkKeys.list,
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/walk-challenges', { params: { query: { limit: 100 } }, signal })).then((p) => p.items),
  });
}

export function useMyWalk(id: string) {
  return useQuery({
    queryKey: [...walkKeys.challenge(id), 'me'],
    queryFn: ({ signal }) => ok(api.GET('/api/v1/walk-challenges/{id}/me', { params: { path: { id } }, signal })),
  });
}

export function useWalkBoard(id: string, by: WalkBoard['by'], date: string | undefined) {
  return useQuery({
    queryKey: [...walkKeys.challenge(id), 'board', by, date ?? ''],
    queryFn: ({ signal }) =>
      ok(
        api.GET('/api/v1/walk-challenges/{id}/leaderboard', {
          params: { path: { id }, query: { by, date, limit: 50 } },
          signal,
        }),
      ),
  });
}

/** Records (or replaces) one day's count; my page and the boards refresh. */
export function useRecordSteps(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ date, ...body }: RecordSteps & { date: string }) =>
      ok(api.PUT('/api/v1/walk-challenges/{id}/steps/{date}', { params: { path: { id, date } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: walkKeys.challenge(id) }),
  });
}
