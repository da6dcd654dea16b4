import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { idempotent, ok, type ApiBody, type ApiData, type ApiItem } from '../../../../shared/api';
import { useCursorQuery } from '../../../../shared/useCursorQuery';
import { api } from '../../api';

export type Visit = ApiData<'/api/v1/hardship/visits/{id}'>;
export type VisitRow = ApiItem<'/api/v1/hardship/visits'>;
export type VisitSubject = Visit['subject'];
export type NewVisit = ApiBody<'/api/v1/hardship/visits', 'post'>;
export type VisitStats = ApiData<'/api/v1/hardship/visits/stats'>;
export type VisitFilter = {
  orgId?: string;
  subject?: VisitSubject;
  householdId?: string;
  from?: string;
  to?: string;
  followUpOpen?: 'true' | 'false';
};

export { visitSubjects } from '../../../../../shared/labels.js';

export type UploadedPhoto = Visit['photos'][number];

/** A photo or document for a visit, uploaded before the visit that cites it (POST /api/v1/hardship/photos). */
export const uploadVisitPhoto = (file: File) => {
  const form = new FormData();
  form.append('file', file);
  return api.upload<UploadedPhoto>('/api/v1/hardship/photos', form);
};

/** Who records visits and marks follow-ups done (hardship.policy: authorizeWorkHouseholds); leaders only read. */
export const recordsVisits = (roles: readonly string[]) =>
  roles.some((r) => r === 'org_admin' || r === 'assistance_officer' || r === 'assistance_worker');

export const visitKeys = {
  visits: ['/api/v1/hardship/visits'] as const,
  visit: (id: string) => ['/api/v1/hardship/visits', id] as const,
  stats: ['/api/v1/hardship/visits', 'stats'] as const,
};

/** The visit log, filtered by the server, so the page and its Excel export agree. */
export function useVisits(filter: VisitFilter, enabled = true) {
  return useCursorQuery(
    [...visitKeys.visits, 'list', filter],
    (cursor, signal) =>
      ok(api.GET('/api/v1/hardship/visits', { params: { query: { ...filter, limit: 50, cursor } }, signal })),
    enabled,
  );
}

export function useVisit(id: string | null) {
  return useQuery({
    queryKey: visitKeys.visit(id ?? ''),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/hardship/visits/{id}', { params: { path: { id: id! } }, signal })),
    enabled: id !== null,
  });
}

/** Records a visit; `key` is the form's Idempotency-Key, the same for every retry of one submit. */
export function useRecordVisit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: NewVisit; key: string }) =>
      ok(api.POST('/api/v1/hardship/visits', { body, ...idempotent(key) })),
    onSuccess: () => client.invalidateQueries({ queryKey: visitKeys.visits }),
  });
}

export function useFollowUpDone(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (note: string | undefined) =>
      ok(
        api.POST('/api/v1/hardship/visits/{id}/follow-up-done', {
          params: { path: { id } },
          body: note ? { note } : {},
        }),
      ),
    onSuccess: (updated) => {
      client.setQueryData(visitKeys.visit(id), updated);
      return client.invalidateQueries({ queryKey: visitKeys.visits });
    },
  });
}

/** The cockpit's counts per child union of `orgId` (the caller's own union by default). */
export function useVisitStats(filter: { orgId?: string; from?: string; to?: string }) {
  return useQuery({
    queryKey: [...visitKeys.stats, filter],
    queryFn: ({ signal }) => ok(api.GET('/api/v1/hardship/visits/stats', { params: { query: filter }, signal })),
    placeholderData: keepPreviousData,
  });
}
