import { Button, Card, DotLoading, Empty, NavBar, ProgressBar, Space, Tag, Toast } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { describeError, type Page } from '../../../../shared/api';
import { api } from '../../api';

interface Campaign {
  id: string;
  title: string;
  quantity: number;
  remaining: number;
  perMemberLimit: number;
  startsAt: string;
  endsAt: string;
  faceValueFen: number | null;
  merchant: { id: string; name: string } | null;
  open: boolean;
  claimedByMe?: number;
}

function countdown(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86400);
  const hms = [Math.floor((s % 86400) / 3600), Math.floor((s % 3600) / 60), s % 60].map((n) => String(n).padStart(2, '0')).join(':');
  return d > 0 ? `${d}天 ${hms}` : hms;
}

/** 会员福利: campaigns of my union chain, with a countdown to the start and the stock left. */
export function PerksPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [items, setItems] = useState<Campaign[] | null>(null);
  const [now, setNow] = useState(Date.now());
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(
    () =>
      api.get<Page<Campaign>>('/api/v1/voucher-campaigns?limit=50').then(
        (p) => setItems(p.items),
        (e: unknown) => Toast.show({ content: describeError(e) }),
      ),
    [],
  );
  useEffect(() => {
    void load();
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [load]);

  async function claim(c: Campaign) {
    setBusy(c.id);
    try {
      await api.post(`/api/v1/voucher-campaigns/${c.id}/claims`, undefined, { 'idempotency-key': crypto.randomUUID() });
      Toast.show({ icon: 'success', content: t('perks.claimed') });
      navigate('/vouchers');
    } catch (e) {
      Toast.show({ content: describeError(e) });
      await load();
    } finally {
      setBusy(null);
    }
  }

  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
      <NavBar onBack={() => navigate('/')} right={<a onClick={() => navigate('/vouchers')}>{t('perks.mine')}</a>}>
        {t('svc.perks')}
      </NavBar>
      {!items && (
        <div style={{ textAlign: 'center', padding: 32 }}>
          <DotLoading />
        </div>
      )}
      {items && items.length === 0 && <Empty description={t('perks.none')} />}
      {items?.map((c) => {
        const starts = Date.parse(c.startsAt);
        const notYet = now < starts;
        const soldOut = c.remaining <= 0;
        const reached = (c.claimedByMe ?? 0) >= c.perMemberLimit;
        return (
          <Card
            key={c.id}
            style={{ margin: 12 }}
            title={c.title}
            extra={c.faceValueFen !== null && <Tag color="danger">¥{(c.faceValueFen / 100).toFixed(0)}</Tag>}
          >
            <Space direction="vertical" style={{ width: '100%' }}>
              {c.merchant && <span style={{ color: '#666' }}>{c.merchant.name}</span>}
              <ProgressBar percent={((c.quantity - c.remaining) / c.quantity) * 100} />
              <span style={{ fontSize: 12, color: '#999' }} data-testid="remaining">
                {t('perks.remaining', { n: c.remaining, total: c.quantity })}
              </span>
              <Button block color="primary" disabled={notYet || soldOut || reached} loading={busy === c.id} onClick={() => void claim(c)} data-testid="claim">
                {notYet ? t('perks.startsIn', { t: countdown(starts - now) }) : soldOut ? t('perks.soldOut') : reached ? t('perks.reached') : t('perks.claim')}
              </Button>
            </Space>
          </Card>
        );
      })}
    </div>
  );
}
