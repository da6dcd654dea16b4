import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { idempotent, ok, type ApiBody, type ApiItem } from '../../../../shared/api';
import { api } from '../../api';

export type Union = ApiItem<'/api/v1/union-directory'>;
export type Application = ApiItem<'/api/v1/membership-applications'>;
export type ApplicationBody = ApiBody<'/api/v1/membership-applications', 'post'>;

export const membershipKeys = {
  applications: ['/api/v1/membership-applications'] as const,
  unions: (q: string) => ['/api/v1/union-directory', q] as const,
  card: ['/api/v1/me/member-card'] as const,
};

/** The worker's own applications (the API scopes the list to its caller). */
export function useMyApplications() {
  return useQuery({
    queryKey: membershipKeys.applications,
    queryFn: ({ signal }) => ok(api.GET('/api/v1/membership-applications', { signal })).then((p) => p.items),
  });
}

/** Unions whose name matches what is typed, a quarter second after the typing stops. */
export function useUnionSearch(q: string) {
  const [settled, setSettled] = useState(q);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(q), 250);
    return () => clearTimeout(timer);
  }, [q]);
  return useQuery<Union[]>({
    queryKey: membershipKeys.unions(settled),
    queryFn: ({ signal }) =>
      ok(
        api.GET('/api/v1/union-directory', { params: { query: { q: settled || undefined, limit: 10 } }, signal }),
      ).then((p) => p.items),
    placeholderData: keepPreviousData,
  });
}

export function useApply(idempotencyKey: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ApplicationBody) =>
      ok(api.POST('/api/v1/membership-applications', { body, ...idempotent(idempotencyKey) })),
    onSuccess: () => client.invalidateQueries({ queryKey: membershipKeys.applications }),
  });
}

export function useWithdrawApplication() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      ok(
        api.POST('/api/v1/membership-applications/{id}/actions', {
          params: { path: { id } },
          body: { action: 'withdraw' },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: membershipKeys.applications }),
  });
}

export function useMemberCard() {
  return useQuery({
    queryKey: membershipKeys.card,
    queryFn: ({ signal }) => ok(api.GET('/api/v1/me/member-card', { signal })),
  });
}
