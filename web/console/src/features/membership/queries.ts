import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ok, type ApiBody, type ApiItem } from '../../../../shared/api';
import { useCursorQuery } from '../../../../shared/useCursorQuery';
import { api } from '../../api';
import { memberKeys } from '../members/queries';

export type ApplicationRow = ApiItem<'/api/v1/membership-applications'>;
export type ApplicationStatus = ApplicationRow['status'];
export type ApplicationAction = ApiBody<'/api/v1/membership-applications/{id}/actions', 'post'>['action'];

export const applicationKeys = { list: ['/api/v1/membership-applications'] as const };

export function useApplications(status: ApplicationStatus | undefined) {
  return useCursorQuery([...applicationKeys.list, { status }], (cursor, signal) =>
    ok(api.GET('/api/v1/membership-applications', { params: { query: { status, limit: 50, cursor } }, signal })),
  );
}

/** Approve or reject: the queue changes, and an approval adds a member to the registry. */
export function useDecideApplication() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & ApiBody<'/api/v1/membership-applications/{id}/actions', 'post'>) =>
      ok(api.POST('/api/v1/membership-applications/{id}/actions', { params: { path: { id } }, body })),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: applicationKeys.list }),
        client.invalidateQueries({ queryKey: memberKeys.list }),
      ]),
  });
}
