import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { idempotent, ok, type ApiData } from '../../../../shared/api';
import { api } from '../../api';

export type Motion = ApiData<'/api/v1/motions/{id}'>;
export type MotionResult = ApiData<'/api/v1/motions/{id}/result'>;
export type Disclosure = ApiData<'/api/v1/public/disclosures/{id}'>;
export type BallotChoice = NonNullable<Motion['myChoice']>;
export const ballotChoices: BallotChoice[] = ['for', 'against', 'abstain'];

/** Query keys start with the path they read: invalidating `motions` refreshes the list and every motion. */
export const motionKeys = {
  mine: ['/api/v1/me/motions'] as const,
  motion: (id: string) => ['/api/v1/motions', id] as const,
  result: (id: string) => ['/api/v1/motions', id, 'result'] as const,
  disclosure: (id: string) => ['/api/v1/public/disclosures', id] as const,
};

/** The motions of the congresses the member represents, open ones first. */
export function useMyMotions() {
  return useQuery({
    queryKey: motionKeys.mine,
    queryFn: ({ signal }) => ok(api.GET('/api/v1/me/motions', { signal })).then((l) => l.items),
  });
}

export function useMotion(id: string) {
  return useQuery({
    queryKey: motionKeys.motion(id),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/motions/{id}', { params: { path: { id } }, signal })),
  });
}

/** The fixed result, once the motion is closed (while it runs the ballots are secret). */
export function useMotionResult(id: string, enabled: boolean) {
  return useQuery({
    queryKey: motionKeys.result(id),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/motions/{id}/result', { params: { path: { id } }, signal })),
    enabled,
  });
}

/** One ballot; the key is the page's (a double tap or a retry on a weak signal votes once). */
export function useVote(id: string, idempotencyKey: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (choice: BallotChoice) =>
      ok(
        api.POST('/api/v1/motions/{id}/ballots', {
          params: { path: { id } },
          body: { choice },
          ...idempotent(idempotencyKey),
        }),
      ),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: motionKeys.motion(id) });
      void client.invalidateQueries({ queryKey: motionKeys.mine });
    },
  });
}

export function usePublicDisclosure(id: string) {
  return useQuery({
    queryKey: motionKeys.disclosure(id),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/public/disclosures/{id}', { params: { path: { id } }, signal })),
  });
}

export const motionTime = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
