import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ok, type ApiBody, type ApiItem } from '../../../../shared/api';
import { useCursorQuery } from '../../../../shared/useCursorQuery';
import { api } from '../../api';

export type MemberRow = ApiItem<'/api/v1/members'>;
export type NewMember = ApiBody<'/api/v1/members', 'post'>;

export const memberKeys = { list: ['/api/v1/members'] as const };

export function useMembers(orgId: string | undefined, q: string) {
  return useCursorQuery([...memberKeys.list, { orgId, q }], (cursor, signal) =>
    ok(api.GET('/api/v1/members', { params: { query: { orgId, q: q || undefined, limit: 50, cursor } }, signal })),
  );
}

export function useCreateMember() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewMember) => ok(api.POST('/api/v1/members', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: memberKeys.list }),
  });
}

/** The unmasked phone and ID number of one member: each read is audited, so it is a write, never cached. */
export const readMemberPii = (id: string) =>
  ok(api.POST('/api/v1/members/{id}/pii-reads', { params: { path: { id } } }));
