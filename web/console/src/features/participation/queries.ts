import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ok, type ApiBody, type ApiData, type ApiItem } from '../../../../shared/api';
import { useCursorQuery } from '../../../../shared/useCursorQuery';
import { api } from '../../api';

export type Congress = ApiData<'/api/v1/congresses/{id}'>;
export type NewCongress = ApiBody<'/api/v1/congresses', 'post'>;
export type CongressKind = Congress['kind'];
export type CongressStatus = Congress['status'];
export type Representative = ApiItem<'/api/v1/congresses/{id}/representatives'>;
export type NewRepresentative = ApiBody<'/api/v1/congresses/{id}/representatives', 'post'>;
export type MemberOption = ApiItem<'/api/v1/members'>;

/** The congresses' filters, as the list takes them. */
export interface CongressFilter {
  orgId?: string;
  status?: CongressStatus;
}

/** A representative list's filters, as the list and its Excel export take them. */
export interface RepresentativeFilter {
  q?: string;
  status?: Representative['status'];
}

export const congressKeys = {
  all: ['/api/v1/congresses'] as const,
  one: (id: string) => ['/api/v1/congresses', id] as const,
  representatives: (id: string) => ['/api/v1/congresses', id, 'representatives'] as const,
};

/** The congress terms of a subtree, newest first. */
export function useCongresses(filter: CongressFilter) {
  return useCursorQuery([...congressKeys.all, 'list', filter], (cursor, signal) =>
    ok(api.GET('/api/v1/congresses', { params: { query: { ...filter, limit: 50, cursor } }, signal })),
  );
}

export function useCongress(id: string) {
  return useQuery({
    queryKey: congressKeys.one(id),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/congresses/{id}', { params: { path: { id } }, signal })),
  });
}

/** After a write to a term: the term and the lists of terms are read again. */
function refreshCongress(client: QueryClient, id: string) {
  return Promise.all([
    client.invalidateQueries({ queryKey: congressKeys.one(id) }),
    client.invalidateQueries({ queryKey: [...congressKeys.all, 'list'] }),
  ]);
}

export function useCreateCongress() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewCongress) => ok(api.POST('/api/v1/congresses', { body })),
    onSuccess: (created) => {
      client.setQueryData(congressKeys.one(created.id), created);
      return client.invalidateQueries({ queryKey: [...congressKeys.all, 'list'] });
    },
  });
}

export function useArchiveCongress(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => ok(api.POST('/api/v1/congresses/{id}/archive', { params: { path: { id } } })),
    onSuccess: (congress) => {
      client.setQueryData(congressKeys.one(id), congress);
      return client.invalidateQueries({ queryKey: [...congressKeys.all, 'list'] });
    },
  });
}

/** A term's representatives by name, filtered by the server (so the page and its export agree). */
export function useRepresentatives(congressId: string, filter: RepresentativeFilter) {
  return useCursorQuery([...congressKeys.representatives(congressId), filter], (cursor, signal) =>
    ok(
      api.GET('/api/v1/congresses/{id}/representatives', {
        params: { path: { id: congressId }, query: { ...filter, limit: 50, cursor } },
        signal,
      }),
    ),
  );
}

/** Adding or removing a representative: the list and the term's count are read again. */
function useRepresentativeWrite<V>(congressId: string, write: (v: V) => Promise<Representative>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: congressKeys.representatives(congressId) }),
        refreshCongress(client, congressId),
      ]),
  });
}

export const useAddRepresentative = (congressId: string) =>
  useRepresentativeWrite(congressId, (body: NewRepresentative) =>
    ok(api.POST('/api/v1/congresses/{id}/representatives', { params: { path: { id: congressId } }, body })),
  );

export const useRemoveRepresentative = (congressId: string) =>
  useRepresentativeWrite(congressId, (representativeId: string) =>
    ok(
      api.DELETE('/api/v1/congresses/{id}/representatives/{representativeId}', {
        params: { path: { id: congressId, representativeId } },
      }),
    ),
  );

/** A value that follows `value` a moment after it stops changing (a search box). */
function useSettled<T>(value: T, ms = 200): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Members of the congress's subtree whose name or full phone matches what is typed. */
export function useSubtreeMemberSearch(orgId: string, q: string) {
  const settled = useSettled(q);
  return useQuery<MemberOption[]>({
    queryKey: ['/api/v1/members', 'search', { orgId, q: settled }],
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/members', { params: { query: { orgId, q: settled || undefined, limit: 20 } }, signal })).then(
        (p) => p.items,
      ),
    placeholderData: keepPreviousData,
  });
}
