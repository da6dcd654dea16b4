import { Card, ErrorBlock, Tag } from 'antd-mobile';
import { NavBar } from '../../NavBar';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { useBreakfastCard } from './queries';

/** 爱心早餐卡: shown at the counter of any partner shop, one breakfast a day; `null` when not enrolled. */
export function BreakfastPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: card, error, refetch } = useBreakfastCard();
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
      <NavBar onBack={() => navigate('/')}>{t('svc.breakfast')}</NavBar>
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : card === undefined ? (
        <PageLoading />
      ) : card === null ? (
        <ErrorBlock status="empty" title={t('breakfast.notEnrolled')} description={t('breakfast.ask')} />
      ) : (
        <Card style={{ margin: 12, textAlign: 'center' }}>
          <div className="su-title">{card.name}</div>
          <img src={card.qr} width={200} height={200} alt={card.cardCode} />
          <div style={{ fontFamily: 'monospace', fontSize: '1.25rem', letterSpacing: 2 }} data-testid="breakfast-code">
            {card.cardCode}
          </div>
          <Tag color={card.servedToday ? 'default' : 'success'} style={{ marginTop: 8 }} data-testid="breakfast-today">
            {card.servedToday ? t('breakfast.servedToday') : t('breakfast.available')}
          </Tag>
        </Card>
      )}
    </div>
  );
}
