import { useQuery } from '@tanstack/react-query';
import { Card, List } from 'antd-mobile';
import QRCode from 'qrcode';
import { NavBar } from '../../NavBar';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { useMemberCard } from './queries';

export function MemberCardPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: card, error, refetch } = useMemberCard();
  // The card's number as a QR code, for staff to scan (四季送 distributions take the member by it); no new words, so
  // the first screen's budget is untouched.
  const qr = useQuery({
    queryKey: ['member-card-qr', card?.cardNumber],
    queryFn: () => QRCode.toDataURL(card!.cardNumber, { margin: 1, width: 200 }),
    enabled: card !== undefined,
  });
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
      <NavBar onBack={() => navigate('/')}>{t('card.title')}</NavBar>
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !card ? (
        <PageLoading />
      ) : (
        <Card className="su-member-card" style={{ margin: 12 }} data-testid="member-card">
          <div style={{ fontSize: '1.375rem', fontWeight: 600, paddingTop: 12 }} data-testid="card-name">
            {card.name}
          </div>
          <div>{card.org.name}</div>
          <List style={{ marginTop: 12 }}>
            <List.Item extra={card.cardNumber}>{t('card.number')}</List.Item>
            <List.Item extra={card.phone}>{t('card.phone')}</List.Item>
            <List.Item extra={new Date(card.joinedAt).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' })}>
              {t('card.joinedAt')}
            </List.Item>
          </List>
          {qr.data && (
            <div style={{ textAlign: 'center', paddingTop: 12 }}>
              <img src={qr.data} width={200} height={200} alt={card.cardNumber} data-testid="member-card-qr" />
            </div>
          )}
        </Card>
      )}
    </div>
  );
}
