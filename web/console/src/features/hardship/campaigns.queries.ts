import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { idempotent, ok, type ApiBody, type ApiData, type ApiItem } from '../../../../shared/api';
import { useCursorQuery } from '../../../../shared/useCursorQuery';
import { api } from '../../api';

export { aidKinds, aidSeasons, hardshipLevels } from '../../../../../shared/labels.js';

export type AidCampaign = ApiData<'/api/v1/aid-campaigns/{id}'>;
export type NewAidCampaign = ApiBody<'/api/v1/aid-campaigns', 'post'>;
export type AidTarget = ApiItem<'/api/v1/aid-campaigns/{id}/targets'>;
export type AddTargets = ApiBody<'/api/v1/aid-campaigns/{id}/targets', 'post'>;
export type Distribution = ApiBody<'/api/v1/aid-campaigns/{id}/distributions', 'post'>;
export type AidReport = ApiData<'/api/v1/aid-campaigns/{id}/report'>;
export type CampaignFilter = { orgId?: string; year?: number; season?: AidCampaign['season'] };

const base = '/api/v1/aid-campaigns';
export const campaignKeys = {
  list: [base, 'list'] as const,
  campaign: (id: string) => [base, id] as const,
};

/** Money is kept in fen and shown in yuan with two decimals. */
export const yuan = (fen: number | null | undefined) =>
  fen === null || fen === undefined
    ? '—'
    : (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Yuan typed into a form → integer fen. */
export const toFen = (yuanValue: number) => Math.round(yuanValue * 100);

export function useAidCampaigns(filter: CampaignFilter) {
  return useCursorQuery([...campaignKeys.list, filter], (cursor, signal) =>
    ok(api.GET('/api/v1/aid-campaigns', { params: { query: { ...filter, limit: 50, cursor } }, signal })),
  );
}

export function useCreateAidCampaign() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewAidCampaign) => ok(api.POST('/api/v1/aid-campaigns', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: campaignKeys.list }),
  });
}

export function useAidCampaign(id: string) {
  return useQuery({
    queryKey: campaignKeys.campaign(id),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/aid-campaigns/{id}', { params: { path: { id } }, signal })),
  });
}

export function useAidTargets(id: string, filter: { received?: 'true' | 'false'; q?: string }) {
  return useCursorQuery([...campaignKeys.campaign(id), 'targets', filter], (cursor, signal) =>
    ok(
      api.GET('/api/v1/aid-campaigns/{id}/targets', {
        params: { path: { id }, query: { ...filter, limit: 100, cursor } },
        signal,
      }),
    ),
  );
}

export function useAidReport(id: string) {
  return useQuery({
    queryKey: [...campaignKeys.campaign(id), 'report'],
    queryFn: ({ signal }) => ok(api.GET('/api/v1/aid-campaigns/{id}/report', { params: { path: { id } }, signal })),
  });
}

/** Every write on a campaign changes its figures, its list and its report: all are read again. */
function useCampaignWrite<B, R>(id: string, write: (body: B) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: campaignKeys.campaign(id) }),
        client.invalidateQueries({ queryKey: campaignKeys.list }),
      ]),
  });
}

export function useAddTargets(id: string) {
  return useCampaignWrite(id, (body: AddTargets) =>
    ok(api.POST('/api/v1/aid-campaigns/{id}/targets', { params: { path: { id } }, body })),
  );
}

export function useRemoveTarget(id: string) {
  return useCampaignWrite(id, (householdId: string) =>
    ok(api.DELETE('/api/v1/aid-campaigns/{id}/targets/{householdId}', { params: { path: { id, householdId } } })),
  );
}

/** One distribution, sent with its own Idempotency-Key: a retried request records it once. */
export function useDistribute(id: string) {
  return useCampaignWrite(id, (body: Distribution) =>
    ok(
      api.POST('/api/v1/aid-campaigns/{id}/distributions', {
        params: { path: { id } },
        body,
        ...idempotent(crypto.randomUUID()),
      }),
    ),
  );
}

export function useCloseCampaign(id: string) {
  return useCampaignWrite(id, () => ok(api.POST('/api/v1/aid-campaigns/{id}/close', { params: { path: { id } } })));
}
