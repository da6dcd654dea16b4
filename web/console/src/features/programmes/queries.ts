import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { idempotent, ok, type ApiBody, type ApiData, type ApiItem } from '../../../../shared/api';
import { useCursorQuery } from '../../../../shared/useCursorQuery';
import { api } from '../../api';

export type Programme = ApiData<'/api/v1/programmes/{id}'>;
export type ProgrammeKind = Programme['kind'];
export type NewProgramme = ApiBody<'/api/v1/programmes', 'post'>;
export type Application = ApiData<'/api/v1/applications/{id}'>;
export type ApplicationRow = ApiItem<'/api/v1/applications'>;
export type ApplicationStatus = Application['status'];
export type ApplicationAction = ApiBody<'/api/v1/applications/{id}/actions', 'post'>;
export type NewApplication = ApiBody<'/api/v1/programmes/{id}/applications', 'post'>;
export type Notice = ApiItem<'/api/v1/programmes/{id}/notices'>;
export type Objection = ApiItem<'/api/v1/programmes/{id}/objections'>;
export type Disbursement = ApiData<'/api/v1/disbursements/{id}'>;
export type Payment = Disbursement['payments'][number];
export type BatchSummary = ApiItem<'/api/v1/programmes/{id}/disbursements'>;
export type Settlement = ApiBody<'/api/v1/disbursements/{id}/results', 'post'>['items'][number];
export type Reconciliation = ApiData<'/api/v1/programmes/{id}/reconciliation'>;
export type MemberOption = ApiItem<'/api/v1/members'>;

export type ApplicationFilter = {
  programmeId?: string;
  status?: ApplicationStatus;
  awaitingMe?: 'true';
};

export const programmeKeys = {
  programmes: ['/api/v1/programmes'] as const,
  programme: (id: string) => ['/api/v1/programmes', id] as const,
  applications: ['/api/v1/applications'] as const,
  application: (id: string) => ['/api/v1/applications', id] as const,
  disbursement: (id: string) => ['/api/v1/disbursements', id] as const,
};

/** The programmes of the subtree of `orgId` (the caller's by default), of one kind or all. */
export function useProgrammes(filter: { orgId?: string; kind?: ProgrammeKind }) {
  return useCursorQuery([...programmeKeys.programmes, 'list', filter], (cursor, signal) =>
    ok(api.GET('/api/v1/programmes', { params: { query: { ...filter, limit: 50, cursor } }, signal })),
  );
}

export function useProgramme(id: string) {
  return useQuery({
    queryKey: programmeKeys.programme(id),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/programmes/{id}', { params: { path: { id } }, signal })),
  });
}

export function useCreateProgramme() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewProgramme) => ok(api.POST('/api/v1/programmes', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: [...programmeKeys.programmes, 'list'] }),
  });
}

/** The applications of a programme, filtered by the server, so the page and its Excel export agree. */
export function useApplications(filter: ApplicationFilter) {
  return useCursorQuery([...programmeKeys.applications, 'list', filter], (cursor, signal) =>
    ok(api.GET('/api/v1/applications', { params: { query: { ...filter, limit: 50, cursor } }, signal })),
  );
}

/** Every reviewed application of a programme (they are what a notice may list), up to the server's page size. */
export function useReviewed(programmeId: string) {
  return useQuery({
    queryKey: [...programmeKeys.applications, 'list', { programmeId, status: 'reviewed', all: true }],
    queryFn: ({ signal }) =>
      ok(
        api.GET('/api/v1/applications', {
          params: { query: { programmeId, status: 'reviewed', limit: 100 } },
          signal,
        }),
      ).then((p) => p.items),
  });
}

export function useApplication(id: string | null) {
  return useQuery({
    queryKey: programmeKeys.application(id ?? ''),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/applications/{id}', { params: { path: { id: id! } }, signal })),
    enabled: id !== null,
  });
}

/** Everything that changes with an application's state: the lists, the notices, the figures. */
function refreshProgramme(client: ReturnType<typeof useQueryClient>, programmeId: string) {
  return Promise.all([
    client.invalidateQueries({ queryKey: [...programmeKeys.applications, 'list'] }),
    client.invalidateQueries({ queryKey: [...programmeKeys.programme(programmeId)] }),
  ]);
}

/**
 * A workflow step. The key is made once per dialog (a retried click sends the same one), so a step the server took
 * but whose answer was lost is not taken twice.
 */
export function useApplicationAction(id: string, programmeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: ApplicationAction; key: string }) =>
      ok(api.POST('/api/v1/applications/{id}/actions', { params: { path: { id } }, body, ...idempotent(key) })),
    onSuccess: (updated) => {
      client.setQueryData(programmeKeys.application(id), updated);
      return refreshProgramme(client, programmeId);
    },
  });
}

/** Staff apply for a member (`memberId`): the same fields the member fills in. */
export function useApplyForMember(programmeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: NewApplication; key: string }) =>
      ok(
        api.POST('/api/v1/programmes/{id}/applications', {
          params: { path: { id: programmeId } },
          body,
          ...idempotent(key),
        }),
      ),
    onSuccess: () => refreshProgramme(client, programmeId),
  });
}

export function useNotices(programmeId: string) {
  return useQuery({
    queryKey: [...programmeKeys.programme(programmeId), 'notices'],
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/programmes/{id}/notices', { params: { path: { id: programmeId } }, signal })).then(
        (p) => p.items,
      ),
  });
}

export function usePublishNotice(programmeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiBody<'/api/v1/programmes/{id}/notices', 'post'>) =>
      ok(api.POST('/api/v1/programmes/{id}/notices', { params: { path: { id: programmeId } }, body })),
    onSuccess: () => refreshProgramme(client, programmeId),
  });
}

/** The verifier's answer: asked on demand, never cached (it is the point to recompute). */
export const verifyNotices = (programmeId: string) =>
  ok(api.GET('/api/v1/programmes/{id}/notices/verify', { params: { path: { id: programmeId } } }));

export function useObjections(programmeId: string, unanswered: boolean) {
  return useCursorQuery([...programmeKeys.programme(programmeId), 'objections', { unanswered }], (cursor, signal) =>
    ok(
      api.GET('/api/v1/programmes/{id}/objections', {
        params: { path: { id: programmeId }, query: { unanswered: unanswered ? 'true' : undefined, cursor } },
        signal,
      }),
    ),
  );
}

export function useAnswerObjection(programmeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, answer }: { id: string; answer: string }) =>
      ok(api.POST('/api/v1/objections/{id}/answer', { params: { path: { id } }, body: { answer } })),
    onSuccess: () => client.invalidateQueries({ queryKey: [...programmeKeys.programme(programmeId), 'objections'] }),
  });
}

export function useReconciliation(programmeId: string) {
  return useQuery({
    queryKey: [...programmeKeys.programme(programmeId), 'reconciliation'],
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/programmes/{id}/reconciliation', { params: { path: { id: programmeId } }, signal })),
  });
}

export function useCreateDisbursement(programmeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => ok(api.POST('/api/v1/programmes/{id}/disbursements', { params: { path: { id: programmeId } } })),
    onSuccess: (batch) => {
      client.setQueryData(programmeKeys.disbursement(batch.id), batch);
      return refreshProgramme(client, programmeId);
    },
  });
}

/** The programme's batches, newest first (the key sits under the programme's, so its refresh reaches them). */
export function useBatches(programmeId: string) {
  return useCursorQuery([...programmeKeys.programme(programmeId), 'disbursements'], (cursor, signal) =>
    ok(
      api.GET('/api/v1/programmes/{id}/disbursements', {
        params: { path: { id: programmeId }, query: { limit: 20, cursor } },
        signal,
      }),
    ),
  );
}

/** A batch's payments, a page of 100 at a time (a batch may hold 100,000). */
export function useBatchPayments(batchId: string) {
  return useCursorQuery([...programmeKeys.disbursement(batchId), 'payments'], (cursor, signal) =>
    ok(
      api.GET('/api/v1/disbursements/{id}/payments', {
        params: { path: { id: batchId }, query: { limit: 100, cursor } },
        signal,
      }),
    ),
  );
}

export function useDisbursement(id: string) {
  return useQuery({
    queryKey: programmeKeys.disbursement(id),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/disbursements/{id}', { params: { path: { id } }, signal })),
  });
}

export function useSettle(batchId: string, programmeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (items: Settlement[]) =>
      ok(api.POST('/api/v1/disbursements/{id}/results', { params: { path: { id: batchId } }, body: { items } })),
    onSuccess: (batch) => {
      client.setQueryData(programmeKeys.disbursement(batchId), batch);
      return Promise.all([
        client.invalidateQueries({ queryKey: [...programmeKeys.disbursement(batchId), 'payments'] }),
        refreshProgramme(client, programmeId),
      ]);
    },
  });
}

/** A value that follows `value` a moment after it stops changing (a search box). */
function useSettled<T>(value: T, ms = 200): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Members of the subtree whose name or full phone matches what is typed. */
export function useMemberSearch(q: string) {
  const settled = useSettled(q);
  return useQuery<MemberOption[]>({
    queryKey: ['/api/v1/members', 'search', { q: settled }],
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/members', { params: { query: { q: settled || undefined, limit: 20 } }, signal })).then(
        (p) => p.items,
      ),
    placeholderData: keepPreviousData,
  });
}
