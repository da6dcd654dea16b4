import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ok, type ApiBody, type ApiData, type ApiItem } from '../../../../shared/api';
import { useCursorQuery } from '../../../../shared/useCursorQuery';
import { api } from '../../api';

export type Proposal = ApiData<'/api/v1/proposals/{id}'>;
export type ProposalRow = ApiItem<'/api/v1/proposals'>;
export type ProposalStatus = Proposal['status'];
export type ProposalCategory = Proposal['category'];
export type ProposalAction = ApiBody<'/api/v1/proposals/{id}/actions', 'post'>;
export type ProposalActionName = ProposalAction['action'];
export type ProposalStats = ApiData<'/api/v1/congresses/{id}/proposal-stats'>;
export type CongressOption = ApiItem<'/api/v1/congresses'>;

export { proposalCategories, proposalStatuses } from '../../../../../shared/labels.js';

/** The queue's filters, as the list and its Excel ledger take them (the server filters, so both agree). */
export interface ProposalFilter {
  congressId?: string;
  status?: ProposalStatus | 'open';
  category?: ProposalCategory;
  overdue?: 'true';
  handlerOrgId?: string;
  q?: string;
}

export const proposalKeys = {
  proposals: ['/api/v1/proposals'] as const,
  proposal: (id: string) => ['/api/v1/proposals', id] as const,
  stats: (congressId: string) => ['/api/v1/congresses', congressId, 'proposal-stats'] as const,
  congresses: ['/api/v1/congresses', 'options'] as const,
};

/** The committee's queue (and the handling body's): newest first, a page at a time. */
export function useProposals(filter: ProposalFilter) {
  return useCursorQuery([...proposalKeys.proposals, 'list', filter], (cursor, signal) =>
    ok(api.GET('/api/v1/proposals', { params: { query: { ...filter, limit: 50, cursor } }, signal })),
  );
}

export function useProposal(id: string | null) {
  return useQuery({
    queryKey: proposalKeys.proposal(id ?? ''),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/proposals/{id}', { params: { path: { id: id! } }, signal })),
    enabled: id !== null,
  });
}

/** A congress's proposals in figures. */
export function useProposalStats(congressId: string | undefined) {
  return useQuery({
    queryKey: proposalKeys.stats(congressId ?? ''),
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/congresses/{id}/proposal-stats', { params: { path: { id: congressId! } }, signal })),
    enabled: congressId !== undefined,
  });
}

/** The congress terms of the caller's subtree, to filter the queue by (the first 100, newest first). */
export function useCongressOptions() {
  return useQuery({
    queryKey: proposalKeys.congresses,
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/congresses', { params: { query: { limit: 100 } }, signal })).then((p) => p.items),
  });
}

/** A step of the loop; the proposal, the queue and the congress's figures are read again after it. */
export function useProposalAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ProposalAction) =>
      ok(api.POST('/api/v1/proposals/{id}/actions', { params: { path: { id } }, body })),
    onSuccess: (updated) => {
      client.setQueryData(proposalKeys.proposal(id), updated);
      return Promise.all([
        client.invalidateQueries({ queryKey: [...proposalKeys.proposals, 'list'] }),
        client.invalidateQueries({ queryKey: proposalKeys.stats(updated.congress.id) }),
      ]);
    },
  });
}
