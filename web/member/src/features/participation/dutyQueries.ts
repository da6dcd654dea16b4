import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ok, type ApiBody, type ApiData, type ApiItem } from '../../../../shared/api';
import { useCursorQuery } from '../../../../shared/useCursorQuery';
import { api } from '../../api';

export type MyCongress = ApiItem<'/api/v1/me/congresses'>;
export type ScoringModel = ApiData<'/api/v1/congresses/{id}/indicators'>;
export type Duty = ApiItem<'/api/v1/me/duties'>;
export type MyScore = ApiData<'/api/v1/me/scores'>;
export type RecordDutyBody = ApiBody<'/api/v1/congresses/{id}/duties', 'post'>;

/** Keys start with the path they read: recording a duty refreshes my records and my score. */
export const dutyKeys = {
  congresses: ['/api/v1/me/congresses'] as const,
  indicators: (congressId: string) => ['/api/v1/congresses', congressId, 'indicators'] as const,
  duties: (congressId: string) => ['/api/v1/me/duties', congressId] as const,
  score: (congressId: string) => ['/api/v1/me/scores', congressId] as const,
};

/** The congress terms I represent (the way into duty records and scores). */
export function useMyCongresses() {
  return useQuery({
    queryKey: dutyKeys.congresses,
    queryFn: ({ signal }) => ok(api.GET('/api/v1/me/congresses', { signal })).then((r) => r.items),
  });
}

/** The term's scoring model: the indicators a duty is recorded against. */
export function useIndicators(congressId: string | undefined) {
  return useQuery({
    queryKey: dutyKeys.indicators(congressId ?? ''),
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/congresses/{id}/indicators', { params: { path: { id: congressId! } }, signal })),
    enabled: !!congressId,
  });
}

export function useMyDuties(congressId: string | undefined) {
  return useCursorQuery(
    dutyKeys.duties(congressId ?? ''),
    (cursor, signal) =>
      ok(api.GET('/api/v1/me/duties', { params: { query: { congressId: congressId!, limit: 20, cursor } }, signal })),
    !!congressId,
  );
}

export function useMyScore(congressId: string | undefined) {
  return useQuery({
    queryKey: dutyKeys.score(congressId ?? ''),
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/me/scores', { params: { query: { congressId: congressId! } }, signal })),
    enabled: !!congressId,
  });
}

export function useRecordDuty(congressId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RecordDutyBody) =>
      ok(api.POST('/api/v1/congresses/{id}/duties', { params: { path: { id: congressId } }, body })),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: dutyKeys.duties(congressId) }),
        client.invalidateQueries({ queryKey: dutyKeys.score(congressId) }),
      ]),
  });
}

/** The indicator a representative may record themself: the model's duty-record ones, grouped by first level. */
export function recordableGroups(model: ScoringModel) {
  return model.groups
    .map((g) => ({ ...g, indicators: g.indicators.filter((i) => !i.automatic) }))
    .filter((g) => g.indicators.length > 0);
}

/** Today's date in Asia/Shanghai, as the server checks it (a duty is not recorded for tomorrow). */
export function shanghaiToday(): string {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

export interface UploadedPhoto {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
}

/** A photo of a duty (PNG or JPEG, 10 MB at most), uploaded as it is picked and attached by id when recording. */
export const uploadDutyPhoto = (form: FormData) => api.upload<UploadedPhoto>('/api/v1/duties/photos', form);

/** A record's photo fetched behind the token into a local copy (the API serves it sandboxed, never cached). */
export const dutyPhotoBlob = (dutyId: string, fileId: string, signal?: AbortSignal) =>
  api.blob(`/api/v1/duties/${dutyId}/photos/${fileId}`, signal);
