import { Card, DotLoading, ErrorBlock, List, NavBar } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { describeError } from '../../../../shared/api';
import { api } from '../../api';

interface MemberCard {
  memberId: string;
  cardNumber: string;
  name: string;
  phone: string;
  org: { id: string; name: string };
  joinedAt: string;
}

export function MemberCardPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [card, setCard] = useState<MemberCard | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.get<MemberCard>('/api/v1/me/member-card').then(setCard, (e: unknown) => setError(describeError(e)));
  }, []);
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
      <NavBar onBack={() => navigate('/')}>{t('card.title')}</NavBar>
      {error && <ErrorBlock status="default" title={error} description="" />}
      {!card && !error && (
        <div style={{ padding: 48, textAlign: 'center' }}>
          <DotLoading />
        </div>
      )}
      {card && (
        <Card style={{ margin: 12, background: 'linear-gradient(135deg,#d4380d,#fa8c16)', color: '#fff' }}>
          <div style={{ fontSize: 22, fontWeight: 600 }} data-testid="card-name">
            {card.name}
          </div>
          <div style={{ opacity: 0.9 }}>{card.org.name}</div>
          <List style={{ marginTop: 12, '--background-color': 'transparent', '--font-size': '14px' } as React.CSSProperties}>
            <List.Item extra={card.cardNumber}>{t('card.number')}</List.Item>
            <List.Item extra={card.phone}>{t('card.phone')}</List.Item>
            <List.Item extra={new Date(card.joinedAt).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' })}>{t('card.joinedAt')}</List.Item>
          </List>
        </Card>
      )}
    </div>
  );
}
