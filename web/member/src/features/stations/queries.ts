import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ok, type ApiBody, type ApiData, type ApiItem } from '../../../../shared/api';
import { api } from '../../api';
import type { stationTypes } from './types';

export type NearbyStation = ApiItem<'/api/v1/stations/nearby'>;
export type Station = ApiData<'/api/v1/stations/{code}'>;
export type TileConfig = Pick<ApiData<'/api/v1/public-config'>, 'mapTileUrl' | 'mapAttribution'>;

type NearbyParams = { lat: number; lng: number; type?: (typeof stationTypes)[number]; openNow: boolean };

export const stationKeys = {
  config: ['/api/v1/public-config'] as const,
  nearby: (p: NearbyParams) => ['/api/v1/stations/nearby', p] as const,
  station: (code: string, via: 'qr' | 'map') => ['/api/v1/stations', code, via] as const,
};

/** The map's tiles; without them (a failed read) the list of stations still works. */
export function useTileConfig() {
  return useQuery({
    queryKey: stationKeys.config,
    queryFn: ({ signal }) => ok(api.GET('/api/v1/public-config', { signal })),
    staleTime: Infinity,
  });
}

export function useNearby(p: NearbyParams) {
  return useQuery({
    queryKey: stationKeys.nearby(p),
    queryFn: ({ signal }) =>
      ok(
        api.GET('/api/v1/stations/nearby', {
          params: {
            query: { lat: p.lat, lng: p.lng, type: p.type, openNow: p.openNow ? 'true' : undefined, limit: 30 },
          },
          signal,
        }),
      ).then((r) => r.items),
  });
}

export function useStation(code: string, via: 'qr' | 'map') {
  return useQuery({
    queryKey: stationKeys.station(code, via),
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/stations/{code}', { params: { path: { code }, query: { via } }, signal })),
  });
}

export function useRateStation(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiBody<'/api/v1/stations/{code}/ratings', 'post'>) =>
      ok(api.POST('/api/v1/stations/{code}/ratings', { params: { path: { code } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['/api/v1/stations', code] }),
  });
}
