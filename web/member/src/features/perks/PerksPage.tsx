import { Button, Card, Empty, ProgressBar, Space, Tag, Toast } from 'antd-mobile';
import { NavBar } from '../../NavBar';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { humanError } from '../../errors';
import { useCampaigns, useClaim, type Campaign } from './queries';

function countdown(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86400);
  const hms = [Math.floor((s % 86400) / 3600), Math.floor((s % 3600) / 60), s % 60]
    .map((n) => String(n).padStart(2, '0'))
    .join(':');
  return d > 0 ? `${d}天 ${hms}` : hms;
}

/** 会员福利: campaigns of my union chain, with a countdown to the start and the stock left. */
export function PerksPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [now, setNow] = useState(Date.now());
  const { data: items, error, refetch } = useCampaigns();
  const claiming = useClaim();
  const busy = claiming.isPending ? claiming.variables : null;
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  async function claim(c: Campaign) {
    try {
      await claiming.mutateAsync(c.id);
      Toast.show({ icon: 'success', content: t('perks.claimed') });
      navigate('/vouchers');
    } catch (e) {
      // SOLD_OUT, LIMIT_REACHED, CAMPAIGN_NOT_OPEN: the server's sentence, then the stock as it is now.
      Toast.show({ content: humanError(e, t) });
    }
  }

  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
      <NavBar
        onBack={() => navigate('/')}
        right={
          <button type="button" className="su-link su-tap" onClick={() => navigate('/vouchers')}>
            {t('perks.mine')}
          </button>
        }
      >
        {t('svc.perks')}
      </NavBar>
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !items ? (
        <PageLoading />
      ) : items.length === 0 ? (
        <Empty description={t('perks.none')} />
      ) : null}
      {(error ? [] : (items ?? [])).map((c) => {
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
              {c.merchant && <span className="su-muted">{c.merchant.name}</span>}
              <ProgressBar percent={((c.quantity - c.remaining) / c.quantity) * 100} />
              <span className="su-hint" data-testid="remaining">
                {t('perks.remaining', { n: c.remaining, total: c.quantity })}
              </span>
              <Button
                block
                color="primary"
                disabled={notYet || soldOut || reached}
                loading={busy === c.id}
                onClick={() => void claim(c)}
                data-testid="claim"
              >
                {notYet
                  ? t('perks.startsIn', { t: countdown(starts - now) })
                  : soldOut
                    ? t('perks.soldOut')
                    : reached
                      ? t('perks.reached')
                      : t('perks.claim')}
              </Button>
            </Space>
          </Card>
        );
      })}
    </div>
  );
}
