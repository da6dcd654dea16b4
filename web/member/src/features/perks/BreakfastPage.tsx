import { Card, DotLoading, ErrorBlock, NavBar, Tag } from 'antd-mobile';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../../../shared/api';
import { api } from '../../api';

interface Card {
  cardCode: string;
  name: string;
  servedToday: boolean;
}

/** 爱心早餐卡: shown at the counter of any partner shop, one breakfast a day. */
export function BreakfastPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [card, setCard] = useState<(Card & { qr: string }) | null>(null);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    api.get<Card>('/api/v1/me/breakfast-card').then(
      async (c) => setCard({ ...c, qr: await QRCode.toDataURL(c.cardCode, { margin: 1, width: 220 }) }),
      (e: unknown) => setMissing(e instanceof ApiError && e.status === 404),
    );
  }, []);
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
      <NavBar onBack={() => navigate('/')}>{t('svc.breakfast')}</NavBar>
      {missing && <ErrorBlock status="empty" title={t('breakfast.notEnrolled')} description={t('breakfast.ask')} />}
      {!card && !missing && (
        <div style={{ textAlign: 'center', padding: 32 }}>
          <DotLoading />
        </div>
      )}
      {card && (
        <Card style={{ margin: 12, textAlign: 'center' }}>
          <div style={{ fontSize: 18, fontWeight: 600 }}>{card.name}</div>
          <img src={card.qr} width={200} height={200} alt={card.cardCode} />
          <div style={{ fontFamily: 'monospace', fontSize: 20, letterSpacing: 2 }} data-testid="breakfast-code">
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
