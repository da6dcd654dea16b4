import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { idempotent, ok, type ApiBody, type ApiData, type ApiItem } from '../../../../shared/api';
import { api } from '../../api';

export type Programme = ApiData<'/api/v1/programmes/{id}'>;
export type ProgrammeKind = Programme['kind'];
export type Application = ApiData<'/api/v1/applications/{id}'>;
export type ApplicationSummary = ApiItem<'/api/v1/applications'>;
export type ApplyBody = ApiBody<'/api/v1/programmes/{id}/applications', 'post'>;
export type ApplicationAction = ApiBody<'/api/v1/applications/{id}/actions', 'post'>;
export type PublicNotice = ApiData<'/api/v1/public/notices/{id}'>;
export type PublicNoticeSummary = ApiItem<'/api/v1/public/programmes/{id}/notices'>;
export type Objection = ApiData<'/api/v1/public/notices/{id}/objections', 'post'>;
export type ObjectionBody = ApiBody<'/api/v1/public/notices/{id}/objections', 'post'>;

/**
 * Where an application's (or a mutual-aid claim's) documents — photos, PDFs — are uploaded, before what cites them
 * is sent: the module's own route (PNG, JPEG or PDF up to 10 MB; images re-encoded without EXIF), answering
 * {id, fileName, mediaType, sizeBytes}. Files are the uploader's own: only they may attach them.
 */
export const documentsUploadUrl = '/api/v1/programmes/documents';
export interface StoredDocument {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
}
export const uploadDocument = (form: FormData) => api.upload<StoredDocument>(documentsUploadUrl, form);

/** Query keys start with the path they read: invalidating `applications` refreshes the list and every application. */
export const programmeKeys = {
  programmes: ['/api/v1/programmes'] as const,
  programme: (id: string) => ['/api/v1/programmes', id] as const,
  applications: ['/api/v1/applications'] as const,
  application: (id: string) => ['/api/v1/applications', id] as const,
  notice: (id: string) => ['/api/v1/public/notices', id] as const,
  notices: (programmeId: string) => ['/api/v1/public/programmes', programmeId, 'notices'] as const,
};

/** The programmes a member may apply to (the API lists those of the member's union chain). */
export function useProgrammes() {
  return useQuery({
    queryKey: programmeKeys.programmes,
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/programmes', { params: { query: { limit: 100 } }, signal })).then((p) => p.items),
  });
}

export function useProgramme(id: string, enabled = true) {
  return useQuery({
    queryKey: programmeKeys.programme(id),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/programmes/{id}', { params: { path: { id } }, signal })),
    enabled,
  });
}

export function useMyApplications() {
  return useQuery({
    queryKey: programmeKeys.applications,
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/applications', { params: { query: { mine: 'true', limit: 100 } }, signal })).then(
        (p) => p.items,
      ),
  });
}

export function useApplication(id: string) {
  return useQuery({
    queryKey: programmeKeys.application(id),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/applications/{id}', { params: { path: { id } }, signal })),
  });
}

/** One application; the key is the form's (a double tap or a retry on a weak signal applies once). */
export function useApply(programmeId: string, idempotencyKey: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ApplyBody) =>
      ok(
        api.POST('/api/v1/programmes/{id}/applications', {
          params: { path: { id: programmeId } },
          body,
          ...idempotent(idempotencyKey),
        }),
      ),
    onSuccess: (created) => {
      client.setQueryData(programmeKeys.application(created.id), created);
      return client.invalidateQueries({ queryKey: programmeKeys.applications });
    },
  });
}

/** Resubmit (corrected) or withdraw; the key is the screen's, so a retried tap takes the step once. */
export function useApplicationAction(id: string, idempotencyKey: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ApplicationAction) =>
      ok(
        api.POST('/api/v1/applications/{id}/actions', {
          params: { path: { id } },
          body,
          ...idempotent(idempotencyKey),
        }),
      ),
    onSuccess: (updated) => {
      client.setQueryData(programmeKeys.application(id), updated);
      return client.invalidateQueries({ queryKey: programmeKeys.applications });
    },
  });
}

/** A public notice (公示): anyone may read it, no sign-in. */
export function usePublicNotice(id: string) {
  return useQuery({
    queryKey: programmeKeys.notice(id),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/public/notices/{id}', { params: { path: { id } }, signal })),
  });
}

/** A programme's public notices, newest first (no sign-in); the programme's title comes with every page. */
export function usePublicNotices(programmeId: string) {
  const q = useInfiniteQuery({
    queryKey: programmeKeys.notices(programmeId),
    queryFn: ({ pageParam, signal }) =>
      ok(
        api.GET('/api/v1/public/programmes/{id}/notices', {
          params: { path: { id: programmeId }, query: { limit: 20, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return {
    programme: q.data?.pages[0]?.programme ?? null,
    items: q.data?.pages.flatMap((p) => p.items) ?? null,
    error: q.error,
    hasMore: q.hasNextPage,
    loadingMore: q.isFetchingNextPage,
    loadMore: () => void q.fetchNextPage(),
    reload: () => void q.refetch(),
  };
}

export function useObject(noticeId: string, idempotencyKey: string) {
  return useMutation({
    mutationFn: (body: ObjectionBody) =>
      ok(
        api.POST('/api/v1/public/notices/{id}/objections', {
          params: { path: { id: noticeId } },
          body,
          ...idempotent(idempotencyKey),
        }),
      ),
  });
}
