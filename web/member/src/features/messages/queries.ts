import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ok, type ApiData } from '../../../../shared/api';
import { api } from '../../api';

export type Notices = ApiData<'/api/v1/me/notifications'>;

export const messageKeys = { notifications: ['/api/v1/me/notifications'] as const };

/** My messages with the unread count (the home page's badge and the messages page read the same query). */
export function useNotifications() {
  return useQuery({
    queryKey: messageKeys.notifications,
    queryFn: ({ signal }) => ok(api.GET('/api/v1/me/notifications', { signal })),
  });
}

/** Marks every message read; the badge follows. Marking is a side effect of reading: a failure hides nothing. */
export function useMarkRead() {
  const client = useQueryClient();
  return useCallback(
    () =>
      ok(api.POST('/api/v1/me/notifications/read')).then(
        // Not refetched here: the open list keeps showing which ones were new; the badge reads afresh.
        () => client.invalidateQueries({ queryKey: messageKeys.notifications, refetchType: 'none' }),
        () => undefined,
      ),
    [client],
  );
}
