import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { idempotent, ok, type ApiBody, type ApiData, type ApiItem } from '../../../../shared/api';
import { api } from '../../api';
import { programmeKeys } from './queries';

/** 医疗互助, 名额 (疗休养, 体检) and 勤工俭学 work days: what the member reads and sends beyond applications. */
export type MutualAidStanding = ApiItem<'/api/v1/me/mutual-aid'>;
export type ClaimBody = ApiBody<'/api/v1/mutual-aid/claims', 'post'>;
export type ClaimReply = ApiData<'/api/v1/mutual-aid/claims', 'post'>;
export type Signup = ApiItem<'/api/v1/me/signups'>;
export type SignupBody = ApiBody<'/api/v1/programmes/{id}/signups', 'post'>;
export type SignupAction = ApiBody<'/api/v1/signups/{id}/actions', 'post'>;
export type WorkDays = ApiData<'/api/v1/work-study/{applicationId}/work-days'>;

export const kindKeys = {
  mutualAid: ['/api/v1/me/mutual-aid'] as const,
  signups: ['/api/v1/me/signups'] as const,
  signup: (id: string) => ['/api/v1/signups', id] as const,
  workDays: (applicationId: string) => ['/api/v1/work-study', applicationId, 'work-days'] as const,
};

/** Where the member stands in each mutual-aid programme they are enrolled in: the period, the cap, used, left. */
export function useMyMutualAid() {
  return useQuery({
    queryKey: kindKeys.mutualAid,
    queryFn: ({ signal }) => ok(api.GET('/api/v1/me/mutual-aid', { signal })).then((p) => p.items),
  });
}

/** One claim; the key is the form's, so a double tap or a retry on a weak signal files it once. */
export function useClaim(idempotencyKey: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ClaimBody) => ok(api.POST('/api/v1/mutual-aid/claims', { body, ...idempotent(idempotencyKey) })),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: kindKeys.mutualAid }),
        client.invalidateQueries({ queryKey: programmeKeys.applications }),
      ]),
  });
}

/** My signups to quota programmes, newest first. */
export function useMySignups() {
  return useQuery({
    queryKey: kindKeys.signups,
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/me/signups', { params: { query: { limit: 100 } }, signal })).then((p) => p.items),
  });
}

/** One of my signups, with its timeline. */
export function useSignup(id: string) {
  return useQuery({
    queryKey: kindKeys.signup(id),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/signups/{id}', { params: { path: { id } }, signal })),
  });
}

export function useSignUp(programmeId: string, idempotencyKey: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SignupBody) =>
      ok(
        api.POST('/api/v1/programmes/{id}/signups', {
          params: { path: { id: programmeId } },
          body,
          ...idempotent(idempotencyKey),
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: kindKeys.signups }),
  });
}

/** Decline a place or withdraw a signup; a fresh key per tap that is confirmed (one step each). */
export function useSignupAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body, key }: { id: string; body: SignupAction; key: string }) =>
      ok(api.POST('/api/v1/signups/{id}/actions', { params: { path: { id } }, body, ...idempotent(key) })),
    onSuccess: (updated) => {
      client.setQueryData(kindKeys.signup(updated.id), updated);
      return client.invalidateQueries({ queryKey: kindKeys.signups });
    },
  });
}

/** A work-study placement's days, its amount, the caps and the student's month totals. */
export function useWorkDays(applicationId: string, enabled: boolean) {
  return useQuery({
    queryKey: kindKeys.workDays(applicationId),
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/work-study/{applicationId}/work-days', { params: { path: { applicationId } }, signal })),
    enabled,
  });
}
