import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { idempotent, ok, type ApiBody, type ApiData, type ApiItem } from '../../../../shared/api';
import { useCursorQuery } from '../../../../shared/useCursorQuery';
import { api } from '../../api';
import { programmeKeys } from './queries';

/** 勤工俭学 and 医疗互助: a placement's work days, a mutual-aid programme's enrolments and claims. */
export type WorkDays = ApiData<'/api/v1/work-study/{applicationId}/work-days'>;
export type NewWorkDay = ApiBody<'/api/v1/work-study/{applicationId}/work-days', 'post'>;
export type RecordedWorkDay = ApiData<'/api/v1/work-study/{applicationId}/work-days', 'post'>;
export type Enrolment = ApiItem<'/api/v1/programmes/{id}/enrolments'>;
export type NewEnrolment = ApiBody<'/api/v1/programmes/{id}/enrolments', 'post'>;
export type NewClaim = ApiBody<'/api/v1/mutual-aid/claims', 'post'>;
export type Claim = ApiData<'/api/v1/mutual-aid/claims', 'post'>;
export type ClaimComputation = Claim['computation'];

const workDaysKey = (applicationId: string) => ['/api/v1/work-study', applicationId, 'work-days'] as const;

export function useWorkDays(applicationId: string | null) {
  return useQuery({
    queryKey: workDaysKey(applicationId ?? ''),
    queryFn: ({ signal }) =>
      ok(
        api.GET('/api/v1/work-study/{applicationId}/work-days', {
          params: { path: { applicationId: applicationId! } },
          signal,
        }),
      ),
    enabled: applicationId !== null,
  });
}

/** A day's pay: the placement's amount grows with it, so the programme's lists and figures are read again too. */
export function useRecordWorkDay(applicationId: string, programmeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: NewWorkDay; key: string }) =>
      ok(
        api.POST('/api/v1/work-study/{applicationId}/work-days', {
          params: { path: { applicationId } },
          body,
          ...idempotent(key),
        }),
      ),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: workDaysKey(applicationId) }),
        client.invalidateQueries({ queryKey: [...programmeKeys.applications, 'list'] }),
        client.invalidateQueries({ queryKey: programmeKeys.application(applicationId) }),
        client.invalidateQueries({ queryKey: programmeKeys.programme(programmeId) }),
      ]),
  });
}

const enrolmentsKey = (programmeId: string) => ['/api/v1/programmes', programmeId, 'enrolments'] as const;

/** The programme's enrolments of the caller's subtree (or `orgId`'s), newest first. */
export function useEnrolments(programmeId: string, orgId: string | undefined) {
  return useCursorQuery([...enrolmentsKey(programmeId), { orgId }], (cursor, signal) =>
    ok(
      api.GET('/api/v1/programmes/{id}/enrolments', {
        params: { path: { id: programmeId }, query: { orgId, limit: 50, cursor } },
        signal,
      }),
    ),
  );
}

export function useEnrol(programmeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewEnrolment) =>
      ok(api.POST('/api/v1/programmes/{id}/enrolments', { params: { path: { id: programmeId } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: enrolmentsKey(programmeId) }),
  });
}

/** The list the import fills: ImportModal reads it again when it closes. */
export const enrolmentsQueryKey = enrolmentsKey;

/** A claim for a member: the answer carries the server's computation, which the page shows as it is. */
export function useFileClaim(programmeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: NewClaim; key: string }) =>
      ok(api.POST('/api/v1/mutual-aid/claims', { body, ...idempotent(key) })),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: [...programmeKeys.applications, 'list'] }),
        client.invalidateQueries({ queryKey: programmeKeys.programme(programmeId) }),
      ]),
  });
}
