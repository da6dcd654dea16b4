import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ok, type ApiBody, type ApiData } from '../../../../shared/api';
import { api, type Org, type orgKinds } from '../../api';

export type OrgDetail = ApiData<'/api/v1/orgs/{id}'>;
export type OrgKind = (typeof orgKinds)[number];

export const orgKeys = {
  all: ['/api/v1/orgs'] as const,
  org: (id: string) => ['/api/v1/orgs', id] as const,
  children: (id: string) => ['/api/v1/orgs', id, 'children'] as const,
  search: (q: string, kind: OrgKind | undefined) => ['/api/v1/orgs', 'search', { q, kind }] as const,
};

export function useOrg(id: string | undefined) {
  return useQuery({
    queryKey: orgKeys.org(id ?? ''),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/orgs/{id}', { params: { path: { id: id! } }, signal })),
    enabled: id !== undefined,
  });
}

/** Every child of an org (all pages), for the tree: through the cache, so a second expand reads it once. */
export function fetchChildren(client: QueryClient, id: string): Promise<Org[]> {
  return client.fetchQuery({
    queryKey: orgKeys.children(id),
    queryFn: async ({ signal }) => {
      const items: Org[] = [];
      let cursor: string | undefined;
      do {
        const page = await ok(
          api.GET('/api/v1/orgs/{id}/children', { params: { path: { id }, query: { limit: 100, cursor } }, signal }),
        );
        items.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return items;
    },
  });
}

export function useCreateOrg() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiBody<'/api/v1/orgs', 'post'>) => ok(api.POST('/api/v1/orgs', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: orgKeys.all }),
  });
}

/** Orgs in the caller's subtree whose name matches what is typed, a moment after the typing stops. */
export function useOrgSearch(q: string, kind: OrgKind | undefined) {
  const [settled, setSettled] = useState(q);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(q), 200);
    return () => clearTimeout(timer);
  }, [q]);
  return useQuery<Org[]>({
    queryKey: orgKeys.search(settled, kind),
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/orgs', { params: { query: { q: settled || undefined, kind, limit: 30 } }, signal })).then(
        (p) => p.items,
      ),
    placeholderData: keepPreviousData,
  });
}
