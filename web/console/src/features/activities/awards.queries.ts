import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ok, type ApiBody, type ApiData, type ApiItem } from '../../../../shared/api';
import { useCursorQuery } from '../../../../shared/useCursorQuery';
import { api } from '../../api';

export type Selection = ApiData<'/api/v1/award-selections/{id}'>;
export type NewSelection = ApiBody<'/api/v1/award-selections', 'post'>;
export type Nomination = ApiData<'/api/v1/award-nominations/{id}'>;
export type NominationRow = ApiItem<'/api/v1/award-selections/{id}/nominations'>;
export type NominationStatus = Nomination['status'];
export type NewNomination = ApiBody<'/api/v1/award-selections/{id}/nominations', 'post'>;
export type NominationAction = ApiBody<'/api/v1/award-nominations/{id}/actions', 'post'>;
export type Objection = ApiItem<'/api/v1/award-selections/{id}/objections'>;
export type Resolution = ApiBody<'/api/v1/award-objections/{id}/resolution', 'post'>;
export type StartVote = ApiBody<'/api/v1/award-selections/{id}/vote', 'post'>;
export type OpenPublicity = ApiBody<'/api/v1/award-selections/{id}/publicity', 'post'>;
export type UploadedAwardPhoto = ApiData<'/api/v1/awards/photos', 'post'>;
export type SelectionChanges = ApiBody<'/api/v1/award-selections/{id}', 'patch'>;

export const nominationStatuses: NominationStatus[] = [
  'pending',
  'approved',
  'rejected',
  'voting',
  'not_selected',
  'publicized',
  'revoked',
  'awarded',
  'withdrawn',
];

export const awardsKeys = {
  selections: ['/api/v1/award-selections'] as const,
  selection: (id: string) => ['/api/v1/award-selections', id] as const,
  nomination: (id: string) => ['/api/v1/award-nominations', id] as const,
};

export function useSelections(orgId: string | undefined) {
  return useCursorQuery([...awardsKeys.selections, 'list', { orgId }], (cursor, signal) =>
    ok(api.GET('/api/v1/award-selections', { params: { query: { orgId, limit: 50, cursor } }, signal })),
  );
}

export function useSelection(id: string) {
  return useQuery({
    queryKey: awardsKeys.selection(id),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/award-selections/{id}', { params: { path: { id } }, signal })),
  });
}

export function useNominations(id: string, status: NominationStatus | undefined) {
  return useQuery({
    queryKey: [...awardsKeys.selection(id), 'nominations', { status }],
    queryFn: ({ signal }) =>
      ok(
        api.GET('/api/v1/award-selections/{id}/nominations', {
          params: { path: { id }, query: status ? { status } : {} },
          signal,
        }),
      ).then((p) => p.items),
  });
}

export function useNomination(id: string | null) {
  return useQuery({
    queryKey: awardsKeys.nomination(id ?? ''),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/award-nominations/{id}', { params: { path: { id: id! } }, signal })),
    enabled: id !== null,
  });
}

export function useObjections(id: string) {
  return useQuery({
    queryKey: [...awardsKeys.selection(id), 'objections'],
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/award-selections/{id}/objections', { params: { path: { id } }, signal })).then(
        (p) => p.items,
      ),
  });
}

export function useCreateSelection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewSelection) => ok(api.POST('/api/v1/award-selections', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: awardsKeys.selections }),
  });
}

/** Every change refreshes the selection (its counts and stage), its nominations and objections, and the nomination. */
function useSelectionWrite<B, R>(id: string, write: (body: B) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: awardsKeys.selection(id) }),
        client.invalidateQueries({ queryKey: ['/api/v1/award-nominations'] }),
        client.invalidateQueries({ queryKey: [...awardsKeys.selections, 'list'] }),
      ]),
  });
}

export const useNominate = (id: string) =>
  useSelectionWrite(id, (body: NewNomination) =>
    ok(api.POST('/api/v1/award-selections/{id}/nominations', { params: { path: { id } }, body })),
  );

export const useNominationAction = (selectionId: string, nominationId: string) =>
  useSelectionWrite(selectionId, (body: NominationAction) =>
    ok(api.POST('/api/v1/award-nominations/{id}/actions', { params: { path: { id: nominationId } }, body })),
  );

export const useUpdateSelection = (id: string) =>
  useSelectionWrite(id, (body: SelectionChanges) =>
    ok(api.PATCH('/api/v1/award-selections/{id}', { params: { path: { id } }, body })),
  );

export const useStartVote = (id: string) =>
  useSelectionWrite(id, (body: StartVote) =>
    ok(api.POST('/api/v1/award-selections/{id}/vote', { params: { path: { id } }, body })),
  );

export const useOpenPublicity = (id: string) =>
  useSelectionWrite(id, (body: OpenPublicity) =>
    ok(api.POST('/api/v1/award-selections/{id}/publicity', { params: { path: { id } }, body })),
  );

export const useAward = (id: string) =>
  useSelectionWrite(id, () => ok(api.POST('/api/v1/award-selections/{id}/awarding', { params: { path: { id } } })));

export const useResolve = (selectionId: string) =>
  useSelectionWrite(selectionId, ({ id, body }: { id: string; body: Resolution }) =>
    ok(api.POST('/api/v1/award-objections/{id}/resolution', { params: { path: { id } }, body })),
  );

/** A nominee's photo, uploaded before the nomination that cites it. */
export const uploadAwardPhoto = (file: File) => {
  const form = new FormData();
  form.append('file', file);
  return api.upload<UploadedAwardPhoto>('/api/v1/awards/photos', form);
};
