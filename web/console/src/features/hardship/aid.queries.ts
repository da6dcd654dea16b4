import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { idempotent, ok, type ApiBody, type ApiData } from '../../../../shared/api';
import { api } from '../../api';

/** 一户一策 plans, the help given, the household's history, and the donor units of the alliance. */
export type Plans = ApiData<'/api/v1/hardship/households/{id}/plans'>;
export type Plan = NonNullable<Plans['current']>;
export type Measure = Plan['measures'][number];
export type PlanBody = ApiBody<'/api/v1/hardship/households/{id}/plans', 'post'>;
export type AidList = ApiData<'/api/v1/hardship/households/{id}/aid'>;
export type Aid = AidList['items'][number];
export type AidBody = ApiBody<'/api/v1/hardship/households/{id}/aid', 'post'>;
export type AidKind = Aid['kind'];
export type History = ApiData<'/api/v1/hardship/households/{id}/history'>;
export type HistoryItem = History['items'][number];
export type Donor = ApiData<'/api/v1/hardship/donors'>['items'][number];
export type DonorDetail = ApiData<'/api/v1/hardship/donors/{id}'>;
export type DonorBody = ApiBody<'/api/v1/hardship/donors', 'post'>;
export type DonorPatch = ApiBody<'/api/v1/hardship/donors/{id}', 'patch'>;
export type DonorKind = Donor['kind'];

export { aidKinds, donorKinds } from '../../../../../shared/labels.js';

/**
 * What of the household file its plans and history follow: a step on the file (verified, archived… on the household
 * page) changes who may plan and what the history holds, so it is part of their query keys.
 */
export interface FileStamp {
  id: string;
  status: string;
  timeline?: readonly unknown[];
}
const stampOf = (f: FileStamp) => `${f.status}:${f.timeline?.length ?? 0}`;

export const aidKeys = {
  plans: (id: string) => ['/api/v1/hardship/households', id, 'plans'] as const,
  aid: (id: string) => ['/api/v1/hardship/households', id, 'aid'] as const,
  history: (id: string) => ['/api/v1/hardship/households', id, 'history'] as const,
  donors: ['/api/v1/hardship/donors'] as const,
  donor: (id: string) => ['/api/v1/hardship/donors', id] as const,
};

/** Anything written about a household changes its history on one page too. */
function refreshHousehold(client: ReturnType<typeof useQueryClient>, id: string) {
  return client.invalidateQueries({ queryKey: ['/api/v1/hardship/households', id] });
}

export function usePlans(file: FileStamp) {
  return useQuery({
    queryKey: [...aidKeys.plans(file.id), stampOf(file)],
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/hardship/households/{id}/plans', { params: { path: { id: file.id } }, signal })),
  });
}

export function useCreatePlan(householdId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PlanBody) =>
      ok(api.POST('/api/v1/hardship/households/{id}/plans', { params: { path: { id: householdId } }, body })),
    onSuccess: () => refreshHousehold(client, householdId),
  });
}

export function useMeasureDone(householdId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ measureId, note }: { measureId: string; note?: string }) =>
      ok(
        api.POST('/api/v1/hardship/households/{id}/plans/measures/{measureId}/done', {
          params: { path: { id: householdId, measureId } },
          body: note ? { note } : {},
        }),
      ),
    onSuccess: () => refreshHousehold(client, householdId),
  });
}

export function useAid(householdId: string) {
  return useQuery({
    queryKey: aidKeys.aid(householdId),
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/hardship/households/{id}/aid', { params: { path: { id: householdId } }, signal })),
  });
}

/**
 * Records a help given. The form keeps one Idempotency-Key per entry, so a retry after a lost answer records it once;
 * the donors' totals change with it.
 */
export function useRecordAid(householdId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: AidBody; key: string }) =>
      ok(
        api.POST('/api/v1/hardship/households/{id}/aid', {
          params: { path: { id: householdId } },
          body,
          ...idempotent(key),
        }),
      ),
    onSuccess: () =>
      Promise.all([refreshHousehold(client, householdId), client.invalidateQueries({ queryKey: aidKeys.donors })]),
  });
}

export function useHistory(file: FileStamp) {
  return useQuery({
    queryKey: [...aidKeys.history(file.id), stampOf(file)],
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/hardship/households/{id}/history', { params: { path: { id: file.id } }, signal })),
  });
}

/** The donors of a subtree (`orgId`), or with `householdId` those who may give to that household. */
export function useDonors(filter: { orgId?: string; householdId?: string; q?: string }, enabled = true) {
  return useQuery({
    queryKey: [...aidKeys.donors, 'list', filter],
    queryFn: ({ signal }) => ok(api.GET('/api/v1/hardship/donors', { params: { query: filter }, signal })),
    enabled,
  });
}

export function useDonor(id: string | null) {
  return useQuery({
    queryKey: aidKeys.donor(id ?? ''),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/hardship/donors/{id}', { params: { path: { id: id! } }, signal })),
    enabled: id !== null,
  });
}

export function useCreateDonor() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: DonorBody) => ok(api.POST('/api/v1/hardship/donors', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: aidKeys.donors }),
  });
}

export function useUpdateDonor(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: DonorPatch) => ok(api.PATCH('/api/v1/hardship/donors/{id}', { params: { path: { id } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: aidKeys.donors }),
  });
}
