import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { idempotent, ok, type ApiBody, type ApiData } from '../../../../shared/api';
import { api } from '../../api';

export type MyCase = ApiData<'/api/v1/legal/cases/{id}'>;
export type FileCaseBody = ApiBody<'/api/v1/legal/cases', 'post'>;
export type StoredEvidence = ApiData<'/api/v1/legal/evidence', 'post'>;

/** Query keys start with the path they read: invalidating `cases` refreshes the list and every case. */
export const legalKeys = {
  cases: ['/api/v1/legal/cases'] as const,
  case: (id: string) => ['/api/v1/legal/cases', id] as const,
};

/** The worker's own cases (the API scopes the list to its caller). */
export function useMyCases() {
  return useQuery({
    queryKey: legalKeys.cases,
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/legal/cases', { params: { query: { limit: 50 } }, signal })).then((p) => p.items),
  });
}

export function useMyCase(id: string) {
  return useQuery({
    queryKey: legalKeys.case(id),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/legal/cases/{id}', { params: { path: { id } }, signal })),
  });
}

export function useFileCase(idempotencyKey: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: FileCaseBody) => ok(api.POST('/api/v1/legal/cases', { body, ...idempotent(idempotencyKey) })),
    onSuccess: () => client.invalidateQueries({ queryKey: legalKeys.cases }),
  });
}

export function useCaseAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiBody<'/api/v1/legal/cases/{id}/actions', 'post'>) =>
      ok(api.POST('/api/v1/legal/cases/{id}/actions', { params: { path: { id } }, body })),
    onSuccess: (updated) => {
      client.setQueryData(legalKeys.case(id), updated);
      return client.invalidateQueries({ queryKey: legalKeys.cases });
    },
  });
}

export function useRateCase(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiBody<'/api/v1/legal/cases/{id}/rating', 'post'>) =>
      ok(api.POST('/api/v1/legal/cases/{id}/rating', { params: { path: { id } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: legalKeys.cases }),
  });
}

/** One evidence file (a photo or a PDF), before the case that cites it is filed. */
export const uploadEvidence = (form: FormData) => api.upload<StoredEvidence>('/api/v1/legal/evidence', form);
