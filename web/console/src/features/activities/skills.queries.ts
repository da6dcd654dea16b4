import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ok, type ApiBody, type ApiData, type ApiItem } from '../../../../shared/api';
import { useCursorQuery } from '../../../../shared/useCursorQuery';
import { api } from '../../api';

export type Competition = ApiData<'/api/v1/skills-competitions/{id}'>;
export type CompetitionRow = ApiItem<'/api/v1/skills-competitions'>;
export type SkillsEvent = Competition['events'][number];
export type NewCompetition = ApiBody<'/api/v1/skills-competitions', 'post'>;
export type NewEvent = ApiBody<'/api/v1/skills-competitions/{id}/events', 'post'>;
export type Entry = ApiItem<'/api/v1/skills-events/{id}/entries'>;
export type NewEntry = ApiBody<'/api/v1/skills-events/{id}/entries', 'post'>;
export type Scores = ApiBody<'/api/v1/skills-events/{id}/scores', 'put'>;
export type Results = ApiData<'/api/v1/skills-competitions/{id}/results'>;

export const skillsKeys = {
  competitions: ['/api/v1/skills-competitions'] as const,
  competition: (id: string) => ['/api/v1/skills-competitions', id] as const,
  entries: (eventId: string) => ['/api/v1/skills-events', eventId, 'entries'] as const,
};

export function useCompetitions(orgId: string | undefined) {
  return useCursorQuery([...skillsKeys.competitions, 'list', { orgId }], (cursor, signal) =>
    ok(api.GET('/api/v1/skills-competitions', { params: { query: { orgId, limit: 50, cursor } }, signal })),
  );
}

export function useCompetition(id: string) {
  return useQuery({
    queryKey: skillsKeys.competition(id),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/skills-competitions/{id}', { params: { path: { id } }, signal })),
  });
}

export function useResults(id: string) {
  return useQuery({
    queryKey: [...skillsKeys.competition(id), 'results'],
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/skills-competitions/{id}/results', { params: { path: { id } }, signal })),
  });
}

export function useEntries(eventId: string | null) {
  return useQuery({
    queryKey: skillsKeys.entries(eventId ?? ''),
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/skills-events/{id}/entries', { params: { path: { id: eventId! } }, signal })),
    enabled: eventId !== null,
  });
}

export function useCreateCompetition() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewCompetition) => ok(api.POST('/api/v1/skills-competitions', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: skillsKeys.competitions }),
  });
}

/** Every change to a competition refreshes it, its results and its events' entries. */
function useCompetitionWrite<B, R>(id: string, write: (body: B) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: skillsKeys.competition(id) }),
        client.invalidateQueries({ queryKey: ['/api/v1/skills-events'] }),
        client.invalidateQueries({ queryKey: [...skillsKeys.competitions, 'list'] }),
      ]),
  });
}

export const useAddEvent = (id: string) =>
  useCompetitionWrite(id, (body: NewEvent) =>
    ok(api.POST('/api/v1/skills-competitions/{id}/events', { params: { path: { id } }, body })),
  );

export const usePublish = (id: string) =>
  useCompetitionWrite(id, () =>
    ok(api.POST('/api/v1/skills-competitions/{id}/publication', { params: { path: { id } } })),
  );

export const useRegister = (competitionId: string, eventId: string) =>
  useCompetitionWrite(competitionId, (body: NewEntry) =>
    ok(api.POST('/api/v1/skills-events/{id}/entries', { params: { path: { id: eventId } }, body })),
  );

export const useWithdraw = (competitionId: string) =>
  useCompetitionWrite(competitionId, (entryId: string) =>
    ok(api.DELETE('/api/v1/skills-entries/{id}', { params: { path: { id: entryId } } })),
  );

export const useEnterScores = (competitionId: string, eventId: string) =>
  useCompetitionWrite(competitionId, (body: Scores) =>
    ok(api.PUT('/api/v1/skills-events/{id}/scores', { params: { path: { id: eventId } }, body })),
  );

function useSettled<T>(value: T, ms = 200): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Members of the officer's subtree whose name or full phone matches what is typed. */
export function useMemberSearch(q: string) {
  const settled = useSettled(q);
  return useQuery<ApiItem<'/api/v1/members'>[]>({
    queryKey: ['/api/v1/members', 'search', { q: settled }],
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/members', { params: { query: { q: settled || undefined, limit: 20 } }, signal })).then(
        (p) => p.items,
      ),
    placeholderData: keepPreviousData,
  });
}
