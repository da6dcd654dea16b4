import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ok, type ApiBody, type ApiItem } from '../../../../shared/api';
import { useCursorQuery } from '../../../../shared/useCursorQuery';
import { api } from '../../api';

export type StaffRow = ApiItem<'/api/v1/staff'>;

export type NewStaff = ApiBody<'/api/v1/staff', 'post'>;

export const staffKeys = { list: ['/api/v1/staff'] as const };

export function useStaffList(orgId: string | undefined) {
  return useCursorQuery([...staffKeys.list, { orgId }], (cursor, signal) =>
    ok(api.GET('/api/v1/staff', { params: { query: { orgId, limit: 50, cursor } }, signal })),
  );
}

export function useCreateStaff() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewStaff) => ok(api.POST('/api/v1/staff', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: staffKeys.list }),
  });
}

export function useUpdateStaff() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & ApiBody<'/api/v1/staff/{id}', 'patch'>) =>
      ok(api.PATCH('/api/v1/staff/{id}', { params: { path: { id } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: staffKeys.list }),
  });
}
