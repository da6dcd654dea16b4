import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ok, type ApiBody, type ApiData, type ApiItem } from '../../../../shared/api';
import { useCursorQuery } from '../../../../shared/useCursorQuery';
import { api } from '../../api';

export type LegalCase = ApiData<'/api/v1/legal/cases/{id}'>;
export type CaseRow = ApiItem<'/api/v1/legal/cases'>;
export type CaseAction = ApiBody<'/api/v1/legal/cases/{id}/actions', 'post'>;
export type CaseFilter = {
  centerId?: string;
  status?: LegalCase['status'] | 'open';
  overdue?: 'true';
};
export type HandlerOption = ApiItem<'/api/v1/legal/centers/{id}/handlers'>;

export const legalKeys = {
  cases: ['/api/v1/legal/cases'] as const,
  case: (id: string) => ['/api/v1/legal/cases', id] as const,
  figures: (centerId: string | undefined) => ['/api/v1/legal/figures', { centerId }] as const,
  handlers: (centerId: string) => ['/api/v1/legal/centers', centerId, 'handlers'] as const,
};

/** The queue, filtered by the server (open = every state but closed and withdrawn), so the pages and the Excel ledger agree. */
export function useCases(filter: CaseFilter) {
  return useCursorQuery([...legalKeys.cases, 'list', filter], (cursor, signal) =>
    ok(api.GET('/api/v1/legal/cases', { params: { query: { ...filter, limit: 50, cursor } }, signal })),
  );
}

export function useFigures(centerId: string | undefined) {
  return useQuery({
    queryKey: legalKeys.figures(centerId),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/legal/figures', { params: { query: { centerId } }, signal })),
  });
}

export function useCase(id: string) {
  return useQuery({
    queryKey: legalKeys.case(id),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/legal/cases/{id}', { params: { path: { id } }, signal })),
  });
}

/** Who the assign action accepts (asked only while assigning). */
export function useHandlers(centerId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: legalKeys.handlers(centerId ?? ''),
    queryFn: ({ signal }) =>
      ok(
        api.GET('/api/v1/legal/centers/{id}/handlers', {
          params: { path: { id: centerId! }, query: { limit: 100 } },
          signal,
        }),
      ).then((p) => p.items),
    enabled: enabled && centerId !== undefined,
  });
}

/** A workflow step: the case answers with its new state; the queue and the figures change with it. */
export function useCaseAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CaseAction) =>
      ok(api.POST('/api/v1/legal/cases/{id}/actions', { params: { path: { id } }, body })),
    onSuccess: (updated) => {
      client.setQueryData(legalKeys.case(id), updated);
      return Promise.all([
        client.invalidateQueries({ queryKey: [...legalKeys.cases, 'list'] }),
        client.invalidateQueries({ queryKey: ['/api/v1/legal/figures'] }),
      ]);
    },
  });
}

/** The applicant's full number: each read is recorded, so it is a write, never cached. */
export const readApplicantPhone = (id: string) =>
  ok(api.POST('/api/v1/legal/cases/{id}/applicant-phone-reads', { params: { path: { id } } }));
