import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ok, type ApiBody, type ApiData, type ApiItem } from '../../../../shared/api';
import { api } from '../../api';

export type MySelection = ApiItem<'/api/v1/me/award-selections'>;
export type NominateBody = ApiBody<'/api/v1/award-selections/{id}/nominations', 'post'>;
export type Publicity = ApiData<'/api/v1/public/award-selections/{id}/publicity'>;
export type StoredPhoto = ApiData<'/api/v1/awards/photos', 'post'>;

const mine = ['/api/v1/me/award-selections'] as const;

export function useMySelections() {
  return useQuery({
    queryKey: mine,
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/me/award-selections', { params: { query: { limit: 50 } }, signal })).then((p) => p.items),
  });
}

export function useNominate(selectionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NominateBody) =>
      ok(api.POST('/api/v1/award-selections/{id}/nominations', { params: { path: { id: selectionId } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: mine }),
  });
}

/** The nominator withdraws their nomination (in review or approved, before the vote). */
export function useWithdraw() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      ok(api.POST('/api/v1/award-nominations/{id}/withdrawal', { params: { path: { id } }, body: {} })),
    onSuccess: () => client.invalidateQueries({ queryKey: mine }),
  });
}

export const uploadAwardPhoto = (form: FormData) => api.upload<StoredPhoto>('/api/v1/awards/photos', form);

/** 公示: public, no sign-in. */
export function usePublicity(id: string) {
  return useQuery({
    queryKey: ['/api/v1/public/award-selections', id, 'publicity'],
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/public/award-selections/{id}/publicity', { params: { path: { id } }, signal })),
    retry: false,
  });
}

export function useObject() {
  return useMutation({
    mutationFn: ({ nominationId, content }: { nominationId: string; content: string }) =>
      ok(
        api.POST('/api/v1/award-nominations/{id}/objections', {
          params: { path: { id: nominationId } },
          body: { content },
        }),
      ),
  });
}
