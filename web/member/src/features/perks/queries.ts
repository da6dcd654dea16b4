import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { ApiError, idempotent, ok, type ApiItem } from '../../../../shared/api';
import { api } from '../../api';

export type Campaign = ApiItem<'/api/v1/voucher-campaigns'>;

export const perksKeys = {
  campaigns: ['/api/v1/voucher-campaigns'] as const,
  vouchers: ['/api/v1/me/vouchers'] as const,
  breakfastCard: ['/api/v1/me/breakfast-card'] as const,
};

export function useCampaigns() {
  return useQuery({
    queryKey: perksKeys.campaigns,
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/voucher-campaigns', { params: { query: { limit: 50 } }, signal })).then((p) => p.items),
  });
}

/** One claim: a new key per tap (the claim is the member's intent that moment), then the stock and my vouchers change. */
export function useClaim() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      ok(
        api.POST('/api/v1/voucher-campaigns/{id}/claims', {
          params: { path: { id } },
          ...idempotent(crypto.randomUUID()),
        }),
      ),
    // SOLD_OUT, LIMIT_REACHED, CAMPAIGN_NOT_OPEN too: the stock shown is the stock as it is now.
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: perksKeys.campaigns }),
        client.invalidateQueries({ queryKey: perksKeys.vouchers }),
      ]),
  });
}

/** My vouchers, each with its code drawn as a QR code for the shop to scan. */
export function useMyVouchers() {
  return useQuery({
    queryKey: perksKeys.vouchers,
    queryFn: async ({ signal }) => {
      const r = await ok(api.GET('/api/v1/me/vouchers', { signal }));
      return Promise.all(
        r.items.map(async (v) => ({ ...v, qr: await QRCode.toDataURL(v.code, { margin: 1, width: 200 }) })),
      );
    },
  });
}

/** 爱心早餐卡 with its QR code; null when the worker is not enrolled (404). */
export function useBreakfastCard() {
  return useQuery({
    queryKey: perksKeys.breakfastCard,
    queryFn: async ({ signal }) => {
      try {
        const c = await ok(api.GET('/api/v1/me/breakfast-card', { signal }));
        return { ...c, qr: await QRCode.toDataURL(c.cardCode, { margin: 1, width: 220 }) };
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
  });
}
