import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { idempotent, ok, type ApiBody, type ApiData, type ApiItem } from '../../../../shared/api';
import { useCursorQuery } from '../../../../shared/useCursorQuery';
import { api } from '../../api';
import { programmeKeys, type NewProgramme, type Programme } from './queries';

/** Quota programmes 名额类项目 (劳模疗休养, 免费体检): places, signups, the allocation, the waiting list, attendance. */
export type QuotaRules = NonNullable<NonNullable<NewProgramme['rules']>['quota']>;
export type PriorityRule = NonNullable<QuotaRules['priority']>[number];
export type Signup = ApiData<'/api/v1/signups/{id}'>;
export type SignupRow = ApiItem<'/api/v1/programmes/{id}/signups'>;
export type SignupStatus = Signup['status'];
export type SignupAction = ApiBody<'/api/v1/signups/{id}/actions', 'post'>;
export type NewSignup = ApiBody<'/api/v1/programmes/{id}/signups', 'post'>;
export type SignupCorrection = ApiBody<'/api/v1/signups/{id}', 'patch'>;
export type Attendance = ApiBody<'/api/v1/programmes/{id}/attendance', 'post'>['items'][number];
export type AllocationStatus = ApiData<'/api/v1/programmes/{id}/allocation'>;

export const quotaKinds = ['recuperation', 'health_check'] as const;
export const isQuota = (p: Pick<Programme, 'kind'>) => (quotaKinds as readonly string[]).includes(p.kind);

/** Under the programme's key, so one refresh reaches the list, the summary and the programme. */
const signupKeys = {
  list: (programmeId: string) => [...programmeKeys.programme(programmeId), 'signups'] as const,
  allocation: (programmeId: string) => [...programmeKeys.programme(programmeId), 'allocation'] as const,
};

/** The allocation list in the server's order: places, then the waiting list, then signups not yet ranked. */
export function useSignups(programmeId: string, status: SignupStatus | undefined) {
  return useCursorQuery([...signupKeys.list(programmeId), { status }], (cursor, signal) =>
    ok(
      api.GET('/api/v1/programmes/{id}/signups', {
        params: { path: { id: programmeId }, query: { status, limit: 100, cursor } },
        signal,
      }),
    ),
  );
}

/** Every signup holding a place now (to tell who took a freed one). */
export const allocatedSignups = (programmeId: string) =>
  ok(
    api.GET('/api/v1/programmes/{id}/signups', {
      params: { path: { id: programmeId }, query: { status: 'allocated', limit: 100 } },
    }),
  ).then((p) => p.items);

export function useAllocation(programmeId: string) {
  return useQuery({
    queryKey: signupKeys.allocation(programmeId),
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/programmes/{id}/allocation', { params: { path: { id: programmeId } }, signal })),
  });
}

function useRefresh(programmeId: string) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: signupKeys.list(programmeId) }),
      client.invalidateQueries({ queryKey: signupKeys.allocation(programmeId) }),
      client.invalidateQueries({ queryKey: ['/api/v1/signups'] }),
    ]);
}

/** Staff sign a member up (`memberId`); one key per dialog, so a retried submit is the same signup. */
export function useSignUp(programmeId: string) {
  const refresh = useRefresh(programmeId);
  return useMutation({
    mutationFn: ({ body, key }: { body: NewSignup; key: string }) =>
      ok(
        api.POST('/api/v1/programmes/{id}/signups', {
          params: { path: { id: programmeId } },
          body,
          ...idempotent(key),
        }),
      ),
    onSuccess: refresh,
  });
}

export function useAllocate(programmeId: string) {
  const refresh = useRefresh(programmeId);
  return useMutation({
    mutationFn: () => ok(api.POST('/api/v1/programmes/{id}/allocation', { params: { path: { id: programmeId } } })),
    onSuccess: refresh,
  });
}

export function useSignupAction(programmeId: string) {
  const refresh = useRefresh(programmeId);
  return useMutation({
    mutationFn: ({ id, body, key }: { id: string; body: SignupAction; key: string }) =>
      ok(api.POST('/api/v1/signups/{id}/actions', { params: { path: { id } }, body, ...idempotent(key) })),
    onSuccess: refresh,
  });
}

export function useCorrectSignup(programmeId: string) {
  const refresh = useRefresh(programmeId);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: SignupCorrection }) =>
      ok(api.PATCH('/api/v1/signups/{id}', { params: { path: { id } }, body })),
    onSuccess: refresh,
  });
}

export function useAttendance(programmeId: string) {
  const refresh = useRefresh(programmeId);
  return useMutation({
    mutationFn: ({ items, key }: { items: Attendance[]; key: string }) =>
      ok(
        api.POST('/api/v1/programmes/{id}/attendance', {
          params: { path: { id: programmeId } },
          body: { items },
          ...idempotent(key),
        }),
      ),
    onSuccess: refresh,
  });
}

/** One signup with its timeline (who signed up, the allocation, a promotion, attendance). */
export function useSignup(id: string | null) {
  return useQuery({
    queryKey: ['/api/v1/signups', id ?? ''],
    queryFn: ({ signal }) => ok(api.GET('/api/v1/signups/{id}', { params: { path: { id: id! } }, signal })),
    enabled: id !== null,
  });
}
