import { useQuery } from '@tanstack/react-query';
import { ok, type ApiItem } from '../../../../shared/api';
import { api } from '../../api';

export type MyCongress = ApiItem<'/api/v1/me/congresses'>;

export const participationKeys = { myCongresses: ['/api/v1/me/congresses'] as const };

/**
 * The congress terms I represent (the home page's entry and the representative's page read the same query). Only a
 * member can represent: for anyone else it is not asked.
 */
export function useMyCongresses(isMember: boolean) {
  return useQuery({
    queryKey: participationKeys.myCongresses,
    queryFn: ({ signal }) => ok(api.GET('/api/v1/me/congresses', { signal })).then((r) => r.items),
    enabled: isMember,
  });
}
