import { Card, Empty, Tag } from 'antd-mobile';
import { NavBar } from '../../NavBar';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { useMyVouchers } from './queries';

/** My vouchers: each code as text and as a QR code for the shop to scan. */
export function VouchersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: items, error, refetch } = useMyVouchers();
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
      <NavBar onBack={() => navigate('/perks')}>{t('perks.mine')}</NavBar>
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !items ? (
        <PageLoading />
      ) : items.length === 0 ? (
        <Empty description={t('perks.noVouchers')} />
      ) : null}
      {!error &&
        items?.map((v) => (
          <Card
            key={v.id}
            style={{ margin: 12 }}
            title={v.campaign.title}
            extra={<Tag color={v.state === 'issued' ? 'success' : 'default'}>{t(`perks.state.${v.state}`)}</Tag>}
          >
            <div style={{ textAlign: 'center' }}>
              {/* A used code is faded; its text keeps full contrast. */}
              <img
                src={v.qr}
                width={160}
                height={160}
                alt={v.code}
                style={{ opacity: v.state === 'issued' ? 1 : 0.35 }}
              />
              <div
                style={{ fontFamily: 'monospace', fontSize: '1.25rem', letterSpacing: 2 }}
                data-testid="voucher-code"
              >
                {v.code}
              </div>
              {v.merchant && <div className="su-muted">{v.merchant.name}</div>}
            </div>
          </Card>
        ))}
    </div>
  );
}
