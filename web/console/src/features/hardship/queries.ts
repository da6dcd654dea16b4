import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ok, type ApiBody, type ApiData, type ApiItem } from '../../../../shared/api';
import { useCursorQuery } from '../../../../shared/useCursorQuery';
import { api } from '../../api';

/** A household file (the lead and what became of it), as GET /api/v1/hardship/leads/{id} answers. */
export type Household = ApiData<'/api/v1/hardship/leads/{id}'>;
export type LeadRow = ApiItem<'/api/v1/hardship/leads'>;
export type HardshipStatus = Household['status'];
export type HardshipLevel = NonNullable<Household['level']>;
export type HardshipAction = Household['actions'][number];
export type LeadAction = ApiBody<'/api/v1/hardship/leads/{id}/actions', 'post'>;
export type Contact = ApiData<'/api/v1/hardship/leads/{id}/contact'>;
export type Standard = ApiItem<'/api/v1/hardship/standards'>;
export type StandardBody = ApiBody<'/api/v1/hardship/standards/{regionCode}', 'put'>;
export type HardshipStats = ApiData<'/api/v1/hardship/stats'>;
export type HouseholdFile = Household['photos'][number];

/** The queue's filters, as the list and its Excel export take them (the server filters, so both agree). */
export type LeadFilter = {
  orgId?: string;
  status?: HardshipStatus;
  level?: HardshipLevel;
  regionCode?: string;
  q?: string;
  reviewDue?: boolean;
  mine?: boolean;
};

export const hardshipKeys = {
  leads: ['/api/v1/hardship/leads'] as const,
  lead: (id: string) => ['/api/v1/hardship/leads', id] as const,
  standards: ['/api/v1/hardship/standards'] as const,
  stats: (orgId: string | undefined) => ['/api/v1/hardship/stats', { orgId }] as const,
};

export function useLeads(filter: LeadFilter) {
  return useCursorQuery([...hardshipKeys.leads, 'list', filter], (cursor, signal) =>
    ok(api.GET('/api/v1/hardship/leads', { params: { query: { ...filter, limit: 50, cursor } }, signal })),
  );
}

export function useHousehold(id: string) {
  return useQuery({
    queryKey: hardshipKeys.lead(id),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/hardship/leads/{id}', { params: { path: { id } }, signal })),
  });
}

/** The full phone and ID number: each read is audited by the server, so it is asked on demand and never cached. */
export const readContact = (id: string) =>
  ok(api.GET('/api/v1/hardship/leads/{id}/contact', { params: { path: { id } } }));

/** A workflow step: the file answers with its new state; the queue and the figures change with it. */
export function useLeadAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: LeadAction) =>
      ok(api.POST('/api/v1/hardship/leads/{id}/actions', { params: { path: { id } }, body })),
    onSuccess: (updated) => {
      client.setQueryData(hardshipKeys.lead(id), updated);
      return Promise.all([
        client.invalidateQueries({ queryKey: [...hardshipKeys.leads, 'list'] }),
        client.invalidateQueries({ queryKey: ['/api/v1/hardship/stats'] }),
      ]);
    },
  });
}

export function useStandards() {
  return useQuery({
    queryKey: hardshipKeys.standards,
    queryFn: ({ signal }) => ok(api.GET('/api/v1/hardship/standards', { signal })).then((p) => p.items),
  });
}

export function useSaveStandard() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ regionCode, body }: { regionCode: string; body: StandardBody }) =>
      ok(api.PUT('/api/v1/hardship/standards/{regionCode}', { params: { path: { regionCode } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: hardshipKeys.standards }),
  });
}

export function useStats(orgId: string | undefined) {
  return useQuery({
    queryKey: hardshipKeys.stats(orgId),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/hardship/stats', { params: { query: { orgId } }, signal })),
    placeholderData: keepPreviousData,
  });
}

export type UploadedFile = ApiData<'/api/v1/hardship/photos', 'post'>;

/** A photo or verification document (PNG, JPEG or PDF), uploaded before the lead or action that names it. */
export const uploadHardshipFile = (file: File) => {
  const form = new FormData();
  form.append('file', file);
  return api.upload<UploadedFile>('/api/v1/hardship/photos', form);
};

/** Where the API serves one of a household's files (behind the token). */
export const householdFileUrl = (householdId: string, fileId: string) =>
  `/api/v1/hardship/households/${householdId}/files/${fileId}`;
