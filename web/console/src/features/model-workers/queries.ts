import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ok, type ApiBody, type ApiData, type ApiItem } from '../../../../shared/api';
import { useCursorQuery } from '../../../../shared/useCursorQuery';
import { api } from '../../api';

export type ModelWorker = ApiData<'/api/v1/model-workers/{id}'>;
export type ModelWorkerRow = ApiItem<'/api/v1/model-workers'>;
export type NewModelWorker = ApiBody<'/api/v1/model-workers', 'post'>;
export type ModelWorkerChange = ApiBody<'/api/v1/model-workers/{id}', 'patch'>;
export type NewCheck = ApiBody<'/api/v1/model-workers/{id}/checks', 'post'>;
export type HonourLevel = ModelWorker['honourLevel'];
export type ModelWorkerStatus = ModelWorker['status'];

/** The register's filters, as the list and its Excel export take them. */
export interface ModelWorkerFilter {
  orgId?: string;
  status?: ModelWorkerStatus;
  honourLevel?: HonourLevel;
  q?: string;
  uncheckedIn?: number;
}

export const modelWorkerKeys = {
  all: ['/api/v1/model-workers'] as const,
  entry: (id: string) => ['/api/v1/model-workers', id] as const,
};

/** 劳模名册 of a subtree, filtered by the server (so the page and its export agree). */
export function useModelWorkers(filter: ModelWorkerFilter) {
  return useCursorQuery([...modelWorkerKeys.all, 'list', filter], (cursor, signal) =>
    ok(api.GET('/api/v1/model-workers', { params: { query: { ...filter, limit: 50, cursor } }, signal })),
  );
}

/** One entry with its yearly checks, newest first. */
export function useModelWorker(id: string | null) {
  return useQuery({
    queryKey: modelWorkerKeys.entry(id ?? ''),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/model-workers/{id}', { params: { path: { id: id! } }, signal })),
    enabled: id !== null,
  });
}

/** After a write: the entry takes the server's answer, the lists are read again. */
function useWrite<V>(write: (v: V) => Promise<ModelWorker>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (entry) => {
      client.setQueryData(modelWorkerKeys.entry(entry.id), entry);
      return client.invalidateQueries({ queryKey: [...modelWorkerKeys.all, 'list'] });
    },
  });
}

export const useCreateModelWorker = () =>
  useWrite((body: NewModelWorker) => ok(api.POST('/api/v1/model-workers', { body })));

export const useUpdateModelWorker = (id: string) =>
  useWrite((body: ModelWorkerChange) =>
    ok(api.PATCH('/api/v1/model-workers/{id}', { params: { path: { id } }, body })),
  );

export const useCheckModelWorker = (id: string) =>
  useWrite((body: NewCheck) => ok(api.POST('/api/v1/model-workers/{id}/checks', { params: { path: { id } }, body })));
