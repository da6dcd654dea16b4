import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ok, query, type ApiBody, type ApiData, type ApiItem } from '../../../../shared/api';
import { useCursorQuery } from '../../../../shared/useCursorQuery';
import { api } from '../../api';

export type Congress = ApiData<'/api/v1/congresses/{id}'>;
export type ScoringModel = ApiData<'/api/v1/congresses/{id}/indicators'>;
export type ScoringModelBody = ApiBody<'/api/v1/congresses/{id}/indicators', 'put'>;
export type ScoreRow = ApiItem<'/api/v1/congresses/{id}/scores'>;
export type DutyRow = ApiItem<'/api/v1/congresses/{id}/duties'>;
export type DutyStatus = DutyRow['status'];
export type DutyAction = ApiBody<'/api/v1/duties/{id}/actions', 'post'>;
export type NewDuty = ApiBody<'/api/v1/congresses/{id}/duties', 'post'>;
export type RepresentativeRow = ApiItem<'/api/v1/congresses/{id}/representatives'>;

/** Keys start with the congress's path: a duty confirmed refreshes the queue and the leaderboard under it. */
export const scoringKeys = {
  congress: (id: string) => ['/api/v1/congresses', id] as const,
  indicators: (id: string) => ['/api/v1/congresses', id, 'indicators'] as const,
  scores: (id: string) => ['/api/v1/congresses', id, 'scores'] as const,
  duties: (id: string) => ['/api/v1/congresses', id, 'duties'] as const,
};

export function useCongress(id: string) {
  return useQuery({
    queryKey: scoringKeys.congress(id),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/congresses/{id}', { params: { path: { id } }, signal })),
  });
}

export function useIndicators(congressId: string) {
  return useQuery({
    queryKey: scoringKeys.indicators(congressId),
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/congresses/{id}/indicators', { params: { path: { id: congressId } }, signal })),
  });
}

export function useSaveIndicators(congressId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ScoringModelBody) =>
      ok(api.PUT('/api/v1/congresses/{id}/indicators', { params: { path: { id: congressId } }, body })),
    onSuccess: (saved) => {
      client.setQueryData(scoringKeys.indicators(congressId), saved);
      return Promise.all([
        client.invalidateQueries({ queryKey: scoringKeys.scores(congressId) }),
        client.invalidateQueries({ queryKey: scoringKeys.duties(congressId) }),
      ]);
    },
  });
}

/** The leaderboard, filtered by the server (the export takes the same filter); count, delegations and frozen from its first page. */
export function useScores(congressId: string, delegation: string | undefined) {
  const q = useInfiniteQuery({
    queryKey: [...scoringKeys.scores(congressId), { delegation }],
    queryFn: ({ pageParam, signal }) =>
      ok(
        api.GET('/api/v1/congresses/{id}/scores', {
          params: { path: { id: congressId }, query: { delegation, limit: 100, cursor: pageParam } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const first = q.data?.pages[0];
  return {
    items: q.data?.pages.flatMap((p) => p.items) ?? [],
    total: first?.representatives ?? 0,
    /** The term's delegations, whatever the filter: the filter's choices. */
    delegations: first?.delegations ?? [],
    frozen: first?.frozen ?? false,
    frozenAt: first?.frozenAt ?? null,
    loading: q.isFetching,
    error: q.error,
    hasMore: q.hasNextPage,
    loadMore: () => void q.fetchNextPage(),
    reload: () => void q.refetch(),
  };
}

export function exportScores(congressId: string, delegation: string | undefined) {
  return api.download(
    `/api/v1/congresses/${congressId}/scores/export.xlsx${query({ delegation })}`,
    '代表履职积分.xlsx',
  );
}

export function useDuties(congressId: string, filter: { status?: DutyStatus; representativeId?: string }) {
  return useCursorQuery([...scoringKeys.duties(congressId), filter], (cursor, signal) =>
    ok(
      api.GET('/api/v1/congresses/{id}/duties', {
        params: { path: { id: congressId }, query: { ...filter, limit: 50, cursor } },
        signal,
      }),
    ),
  );
}

function useInvalidateDuties(congressId: string) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: scoringKeys.duties(congressId) }),
      client.invalidateQueries({ queryKey: scoringKeys.scores(congressId) }),
    ]);
}

export function useDutyAction(congressId: string) {
  const invalidate = useInvalidateDuties(congressId);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: DutyAction }) =>
      ok(api.POST('/api/v1/duties/{id}/actions', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

export function useRecordDuty(congressId: string) {
  const invalidate = useInvalidateDuties(congressId);
  return useMutation({
    mutationFn: (body: NewDuty) =>
      ok(api.POST('/api/v1/congresses/{id}/duties', { params: { path: { id: congressId } }, body })),
    onSuccess: invalidate,
  });
}

/** The term's active representatives matching `q` (a picker's search). */
export function useRepresentatives(congressId: string, q: string) {
  return useQuery({
    queryKey: ['/api/v1/congresses', congressId, 'representatives', { q }],
    queryFn: ({ signal }) =>
      ok(
        api.GET('/api/v1/congresses/{id}/representatives', {
          params: { path: { id: congressId }, query: { q: q || undefined, limit: 50 } },
          signal,
        }),
      ).then((p) => p.items),
  });
}

/** Points as shown: at most one decimal. */
export const points = (n: number) => String(Math.round(n * 10) / 10);
