import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ok, type ApiData, type ApiItem } from '../../../../shared/api';
import { api } from '../../api';

export type MyCompetition = ApiItem<'/api/v1/me/skills-competitions'>;
export type PublicResults = ApiData<'/api/v1/public/skills-competitions/{id}/results'>;

const mine = ['/api/v1/me/skills-competitions'] as const;

/** The competitions of my union and those above it, with my entry in each event. */
export function useMyCompetitions() {
  return useQuery({
    queryKey: mine,
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/me/skills-competitions', { params: { query: { limit: 50 } }, signal })).then((p) => p.items),
  });
}

export function useRegisterSelf() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (eventId: string) =>
      ok(api.POST('/api/v1/skills-events/{id}/registrations', { params: { path: { id: eventId } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: mine }),
  });
}

export function useWithdrawSelf() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (entryId: string) =>
      ok(api.DELETE('/api/v1/skills-entries/{id}', { params: { path: { id: entryId } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: mine }),
  });
}

/** The published results: public, no sign-in, names masked. */
export function usePublicResults(id: string) {
  return useQuery({
    queryKey: ['/api/v1/public/skills-competitions', id, 'results'],
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/public/skills-competitions/{id}/results', { params: { path: { id } }, signal })),
    retry: false,
  });
}
