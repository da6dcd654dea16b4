import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { idempotent, ok, type ApiBody, type ApiData, type ApiItem } from '../../../../shared/api';
import { api } from '../../api';

export type OpenContest = ApiItem<'/api/v1/me/contests'>;
export type MyEntry = ApiItem<'/api/v1/me/contest-entries'>;
export type EntryBody = ApiBody<'/api/v1/contests/{id}/entries', 'post'>;
export type Certificate = ApiData<'/api/v1/public/certificates/{code}'>;
export type UploadedFile = { id: string; fileName: string; mediaType: string; sizeBytes: number };

export const contestKeys = {
  open: ['/api/v1/me/contests'] as const,
  mine: ['/api/v1/me/contest-entries'] as const,
  certificate: (code: string) => ['/api/v1/public/certificates', code] as const,
};

/** The contests my union may enter (run by it or a union above it). */
export function useOpenContests() {
  return useQuery({
    queryKey: contestKeys.open,
    queryFn: ({ signal }) => ok(api.GET('/api/v1/me/contests', { params: { query: { limit: 50 } }, signal })),
  });
}

/** My entries, with their awards and certificate codes. */
export function useMyEntries() {
  return useQuery({
    queryKey: contestKeys.mine,
    queryFn: ({ signal }) => ok(api.GET('/api/v1/me/contest-entries', { params: { query: { limit: 50 } }, signal })),
  });
}

/** One entry, sent once whatever the retries (one Idempotency-Key per filled form). */
export function useSubmitEntry(contestId: string, key: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: EntryBody) =>
      ok(api.POST('/api/v1/contests/{id}/entries', { params: { path: { id: contestId } }, body, ...idempotent(key) })),
    onSuccess: () => client.invalidateQueries({ queryKey: contestKeys.mine }),
  });
}

export const uploadContestFile = (form: FormData) => api.upload<UploadedFile>('/api/v1/contest-files', form);

export function useCertificate(code: string) {
  return useQuery({
    queryKey: contestKeys.certificate(code),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/public/certificates/{code}', { params: { path: { code } }, signal })),
  });
}
