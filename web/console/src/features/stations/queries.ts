import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ok, type ApiBody, type ApiData, type ApiItem } from '../../../../shared/api';
import { useCursorQuery } from '../../../../shared/useCursorQuery';
import { api } from '../../api';
import type { stationTypes } from './types';

export type StaffStation = ApiItem<'/api/v1/stations'>;
export type StationStats = ApiData<'/api/v1/stations/{code}/stats'>;
export type StationType = (typeof stationTypes)[number];
export type NewStation = ApiBody<'/api/v1/stations', 'post'>;
export type StationChange = ApiBody<'/api/v1/stations/{code}', 'patch'>;
export type StationFilter = { orgId?: string; type?: StationType; q?: string };

export const stationKeys = {
  all: ['/api/v1/stations'] as const,
  list: (filter: StationFilter) => ['/api/v1/stations', 'list', filter] as const,
  sheet: (filter: StationFilter) => ['/api/v1/stations', 'sheet', filter] as const,
  stats: (code: string) => ['/api/v1/stations', code, 'stats'] as const,
};

export function useStations(filter: StationFilter) {
  return useCursorQuery(stationKeys.list(filter), (cursor, signal) =>
    ok(
      api.GET('/api/v1/stations', {
        params: { query: { ...filter, q: filter.q || undefined, limit: 50, cursor } },
        signal,
      }),
    ),
  );
}

/** Every active station of the filter (all pages): the printable QR sheet. */
export function useAllActiveStations(filter: StationFilter) {
  return useQuery({
    queryKey: stationKeys.sheet(filter),
    queryFn: async ({ signal }) => {
      const all: StaffStation[] = [];
      let cursor: string | undefined;
      do {
        const page = await ok(
          api.GET('/api/v1/stations', {
            params: { query: { ...filter, status: 'active', limit: 100, cursor } },
            signal,
          }),
        );
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return all;
    },
  });
}

export function useStationStats(code: string | undefined) {
  return useQuery({
    queryKey: stationKeys.stats(code ?? ''),
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/stations/{code}/stats', { params: { path: { code: code! }, query: { days: 30 } }, signal })),
    enabled: code !== undefined,
  });
}

/** Every write to a station changes the lists it is in. */
function useStationWrite<V>(write: (v: V) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: write, onSuccess: () => client.invalidateQueries({ queryKey: stationKeys.all }) });
}

export const useCreateStation = () => useStationWrite((body: NewStation) => ok(api.POST('/api/v1/stations', { body })));
export const useUpdateStation = () =>
  useStationWrite(({ code, ...body }: { code: string } & StationChange) =>
    ok(api.PATCH('/api/v1/stations/{code}', { params: { path: { code } }, body })),
  );
export const useRetireStation = () =>
  useStationWrite((code: string) => ok(api.POST('/api/v1/stations/{code}/retire', { params: { path: { code } } })));
export const useSetToday = () =>
  useStationWrite(({ code, ...body }: { code: string } & ApiBody<'/api/v1/stations/{code}/today', 'put'>) =>
    ok(api.PUT('/api/v1/stations/{code}/today', { params: { path: { code } }, body })),
  );
export const useUploadPhoto = () =>
  useStationWrite(({ code, file }: { code: string; file: File }) => {
    const form = new FormData();
    form.append('file', file);
    return api.upload(`/api/v1/stations/${encodeURIComponent(code)}/photos`, form);
  });
