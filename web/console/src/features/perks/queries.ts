import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ok, type ApiBody, type ApiItem } from '../../../../shared/api';
import { useCursorQuery } from '../../../../shared/useCursorQuery';
import { api } from '../../api';

export type Campaign = ApiItem<'/api/v1/voucher-campaigns'>;
export type NewCampaign = ApiBody<'/api/v1/voucher-campaigns', 'post'>;
export type MerchantRow = ApiItem<'/api/v1/merchants'>;
export type EnrolmentRow = ApiItem<'/api/v1/breakfast/enrolments'>;
export type PartnerRow = ApiItem<'/api/v1/breakfast/partners'>;

export const perksKeys = {
  campaigns: ['/api/v1/voucher-campaigns'] as const,
  merchants: ['/api/v1/merchants'] as const,
  enrolments: ['/api/v1/breakfast/enrolments'] as const,
  partners: ['/api/v1/breakfast/partners'] as const,
  month: (month: string) => ['/api/v1/merchant/redemptions', month] as const,
};

/** A write that changes the lists under `keys`. */
function useWrite<V, R>(write: (v: V) => Promise<R>, ...keys: QueryKey[]) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey }))),
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

/** Campaigns of the subtree; the stock left is read again every few seconds while the page is open. */
export function useCampaigns() {
  return useQuery({
    queryKey: perksKeys.campaigns,
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/voucher-campaigns', { params: { query: { limit: 100 } }, signal })).then((p) => p.items),
    refetchInterval: 3000,
  });
}

export const useCreateCampaign = () =>
  useWrite((body: NewCampaign) => ok(api.POST('/api/v1/voucher-campaigns', { body })), perksKeys.campaigns);

/** The shops of the caller's subtree, for a picker. */
export function useMerchantOptions() {
  return useQuery({
    queryKey: [...perksKeys.merchants, 'options'],
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/merchants', { params: { query: { limit: 100 } }, signal })).then((p) => p.items),
  });
}

export function useMerchants(orgId: string | undefined) {
  return useCursorQuery([...perksKeys.merchants, 'list', { orgId }], (cursor, signal) =>
    ok(api.GET('/api/v1/merchants', { params: { query: { orgId, limit: 50, cursor } }, signal })),
  );
}

export const useCreateMerchant = () =>
  useWrite(
    (body: ApiBody<'/api/v1/merchants', 'post'>) => ok(api.POST('/api/v1/merchants', { body })),
    perksKeys.merchants,
  );

export const useBindCashier = () =>
  useWrite(
    ({ id, staffId }: { id: string; staffId: string }) =>
      ok(api.POST('/api/v1/merchants/{id}/staff', { params: { path: { id } }, body: { staffId } })),
    perksKeys.merchants,
  );

/** Cashier accounts (role merchant) whose name matches what is typed. */
export function useCashierSearch(q: string, enabled: boolean) {
  const settled = useSettled(q);
  return useQuery<ApiItem<'/api/v1/staff'>[]>({
    queryKey: ['/api/v1/staff', 'cashiers', settled],
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/staff', { params: { query: { q: settled || undefined, limit: 20 } }, signal })).then((p) =>
        p.items.filter((s) => s.roles.includes('merchant')),
      ),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useEnrolments(orgId: string | undefined, q: string) {
  return useCursorQuery([...perksKeys.enrolments, 'list', { orgId, q }], (cursor, signal) =>
    ok(
      api.GET('/api/v1/breakfast/enrolments', {
        params: { query: { orgId, q: q || undefined, limit: 50, cursor } },
        signal,
      }),
    ),
  );
}

export const useEnrol = () =>
  useWrite(
    (body: ApiBody<'/api/v1/breakfast/enrolments', 'post'>) => ok(api.POST('/api/v1/breakfast/enrolments', { body })),
    perksKeys.enrolments,
  );

/** Members of the programme's subtree whose name or full phone matches what is typed. */
export function useMemberSearch(orgId: string | undefined, q: string) {
  const settled = useSettled(q);
  return useQuery<ApiItem<'/api/v1/members'>[]>({
    queryKey: ['/api/v1/members', 'search', { orgId, q: settled }],
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/members', { params: { query: { orgId, q: settled || undefined, limit: 20 } }, signal })).then(
        (p) => p.items,
      ),
    placeholderData: keepPreviousData,
  });
}

export function usePartners(orgId: string | undefined) {
  return useQuery({
    queryKey: [...perksKeys.partners, { orgId }],
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/breakfast/partners', { params: { query: { orgId } }, signal })).then((p) => p.items),
  });
}

/** A new partner shop: the partners and the shops' programme column change. */
export const useAddPartner = () =>
  useWrite(
    (body: ApiBody<'/api/v1/breakfast/partners', 'post'>) => ok(api.POST('/api/v1/breakfast/partners', { body })),
    perksKeys.partners,
    perksKeys.merchants,
  );

/** The shop's month: what it redeemed and what the union owes it. */
export function useRedemptionMonth(month: string) {
  return useQuery({
    queryKey: perksKeys.month(month),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/merchant/redemptions', { params: { query: { month } }, signal })),
  });
}

export const useRedeem = () =>
  useWrite(
    (code: string) => ok(api.POST('/api/v1/merchant/redemptions', { body: { code } })),
    ['/api/v1/merchant/redemptions'],
  );

export const useServeBreakfast = () =>
  useWrite((code: string) => ok(api.POST('/api/v1/merchant/breakfasts', { body: { code } })), perksKeys.enrolments);
