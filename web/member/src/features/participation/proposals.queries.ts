import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { idempotent, ok, type ApiBody, type ApiData, type ApiItem } from '../../../../shared/api';
import { api } from '../../api';
import type { StoredDocument } from '../programmes/queries';

export type Proposal = ApiData<'/api/v1/proposals/{id}'>;
export type ProposalSummary = ApiItem<'/api/v1/proposals'>;
export type ProposalStatus = Proposal['status'];
export type ProposalCategory = Proposal['category'];
export type ProposalAction = ApiBody<'/api/v1/proposals/{id}/actions', 'post'>;
export type NewProposal = ApiBody<'/api/v1/proposals', 'post'>;
export type CosignerCandidate = ApiItem<'/api/v1/congresses/{id}/cosigner-candidates'>;
export type RepresentedCongress = ApiItem<'/api/v1/me/congresses'>;

export { proposalCategories } from '../../../../../shared/labels.js';

/** Query keys start with the path they read: a step on a proposal refreshes the list and the proposal. */
export const proposalKeys = {
  proposals: ['/api/v1/proposals'] as const,
  proposal: (id: string) => ['/api/v1/proposals', id] as const,
  candidates: (congressId: string, q: string) => ['/api/v1/congresses', congressId, 'cosigner-candidates', q] as const,
  // The same key as the 代表履职 page's query (GET /api/v1/me/congresses → its items): one cache for both.
};

/** A proposal's attachment (PNG, JPEG or PDF up to 10 MB), uploaded as it is picked, named in attachmentIds. */
export const uploadProposalAttachment = (form: FormData) =>
  api.upload<StoredDocument>('/api/v1/proposals/attachments', form);

/** The proposals I made and those I was named to co-sign, newest first. */
export function useMyProposals() {
  return useQuery({
    queryKey: proposalKeys.proposals,
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/proposals', { params: { query: { limit: 100 } }, signal })).then((p) => p.items),
  });
}

export function useProposal(id: string) {
  return useQuery({
    queryKey: proposalKeys.proposal(id),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/proposals/{id}', { params: { path: { id } }, signal })),
  });
}

/** The congress's other representatives whose names match `q`, to name as co-signers. */
export function useCosignerCandidates(congressId: string | undefined, q: string) {
  return useQuery<CosignerCandidate[]>({
    queryKey: proposalKeys.candidates(congressId ?? '', q),
    queryFn: ({ signal }) =>
      ok(
        api.GET('/api/v1/congresses/{id}/cosigner-candidates', {
          params: { path: { id: congressId! }, query: { limit: 50, ...(q ? { q } : {}) } },
          signal,
        }),
      ).then((p) => p.items),
    enabled: congressId !== undefined,
    // The names found so far stay while the next search is on its way (no flicker as one types).
    placeholderData: keepPreviousData,
  });
}

/** Submits a proposal; the key is the form's (a double tap or a retry on a weak signal submits once). */
export function useSubmitProposal(idempotencyKey: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewProposal) => ok(api.POST('/api/v1/proposals', { body, ...idempotent(idempotencyKey) })),
    onSuccess: (created) => {
      client.setQueryData(proposalKeys.proposal(created.id), created);
      return client.invalidateQueries({ queryKey: proposalKeys.proposals, exact: true });
    },
  });
}

function useProposalWrite<T>(id: string, write: (body: T) => Promise<Proposal>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (updated) => {
      client.setQueryData(proposalKeys.proposal(id), updated);
      return client.invalidateQueries({ queryKey: proposalKeys.proposals, exact: true });
    },
  });
}

/** The proposer's steps: resubmit after a return, withdraw, rate the answer. */
export function useProposalAction(id: string) {
  return useProposalWrite(id, (body: ProposalAction) =>
    ok(api.POST('/api/v1/proposals/{id}/actions', { params: { path: { id } }, body })),
  );
}

/** A named co-signer's answer: co-sign (附议) or decline, once. */
export function useCosign(id: string) {
  return useProposalWrite(id, (agree: boolean) =>
    ok(api.POST('/api/v1/proposals/{id}/cosignatures', { params: { path: { id } }, body: { agree } })),
  );
}
