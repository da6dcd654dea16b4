import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ok, type ApiBody, type ApiData, type ApiItem } from '../../../../shared/api';
import { api } from '../../api';

export type Motion = ApiItem<'/api/v1/congresses/{id}/motions'>;
export type MotionResult = ApiData<'/api/v1/motions/{id}/result'>;
export type Attendance = ApiData<'/api/v1/motions/{id}/attendance'>;
export type CreateMotionBody = ApiBody<'/api/v1/congresses/{id}/motions', 'post'>;
export type DisclosureVerdict = ApiData<'/api/v1/congresses/{id}/disclosures/verify'>;
export interface UploadedDocument {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
}

/** How often an open vote's counts are read again while the tab shows them. */
export const runningRefreshMs = 3000;

export const motionKeys = {
  list: (congressId: string) => ['/api/v1/congresses', congressId, 'motions'] as const,
  result: (id: string) => ['/api/v1/motions', id, 'result'] as const,
  attendance: (id: string) => ['/api/v1/motions', id, 'attendance'] as const,
};

export function useCongressMotions(congressId: string) {
  return useQuery({
    queryKey: motionKeys.list(congressId),
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/congresses/{id}/motions', { params: { path: { id: congressId } }, signal })).then(
        (l) => l.items,
      ),
  });
}

/** The running counts (refreshed every few seconds while the vote is open), or the fixed result once closed. */
export function useMotionResult(id: string, running: boolean) {
  return useQuery({
    queryKey: motionKeys.result(id),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/motions/{id}/result', { params: { path: { id } }, signal })),
    refetchInterval: running ? runningRefreshMs : false,
  });
}

export function useAttendance(id: string, enabled: boolean) {
  return useQuery({
    queryKey: motionKeys.attendance(id),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/motions/{id}/attendance', { params: { path: { id } }, signal })),
    enabled,
  });
}

export const uploadMotionDocument = (file: File) => {
  const form = new FormData();
  form.append('file', file);
  return api.upload<UploadedDocument>('/api/v1/motions/documents', form);
};

export function useCreateMotion(congressId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateMotionBody) =>
      ok(api.POST('/api/v1/congresses/{id}/motions', { params: { path: { id: congressId } }, body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: motionKeys.list(congressId) }),
  });
}

export function useCloseMotion(congressId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => ok(api.POST('/api/v1/motions/{id}/close', { params: { path: { id } } })),
    onSuccess: (result, id) => {
      client.setQueryData(motionKeys.result(id), result);
      void client.invalidateQueries({ queryKey: motionKeys.list(congressId) });
    },
  });
}

export function useVerifyDisclosures(congressId: string) {
  return useMutation({
    mutationFn: () =>
      ok(api.GET('/api/v1/congresses/{id}/disclosures/verify', { params: { path: { id: congressId } } })),
  });
}
