import { Badge, Button, Card, Grid, NavBar, Tag, Toast } from 'antd-mobile';
import {
  BillOutline,
  ShopbagOutline,
  FileOutline,
  GiftOutline,
  HeartOutline,
  LocationOutline,
  SmileOutline,
  UserAddOutline,
  UserContactOutline,
} from 'antd-mobile-icons';
import { useEffect, useState, type ReactNode } from 'react';
import { api } from '../../api';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession } from '../../session';

/** The service grid: each tile is one capability of the member app. */
const services: { key: string; icon: ReactNode; path: string | null; membersOnly?: boolean }[] = [
  { key: 'map', icon: <LocationOutline />, path: '/map' },
  { key: 'legal', icon: <FileOutline />, path: '/legal' },
  { key: 'hardship', icon: <HeartOutline />, path: null },
  { key: 'perks', icon: <GiftOutline />, path: '/perks', membersOnly: true },
  { key: 'activities', icon: <SmileOutline />, path: null },
  { key: 'jobs', icon: <BillOutline />, path: null },
  { key: 'card', icon: <UserContactOutline />, path: '/card', membersOnly: true },
  { key: 'breakfast', icon: <ShopbagOutline />, path: '/breakfast', membersOnly: true },
  { key: 'join', icon: <UserAddOutline />, path: '/join' },
];

export function HomePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me, signOut } = useSession();
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    api.get<{ unread: number }>('/api/v1/me/notifications').then(
      (r) => setUnread(r.unread),
      () => setUnread(0),
    );
  }, []);
  if (!me) return null;
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
      <NavBar
        back={null}
        left={
          <Badge content={unread > 0 ? unread : null}>
            <a onClick={() => navigate('/messages')} data-testid="messages">
              {t('messages.title')}
            </a>
          </Badge>
        }
        right={<a onClick={() => void signOut()}>{t('logout')}</a>}
      >
        {t('appName')}
      </NavBar>
      <Card style={{ margin: 12 }}>
        <div style={{ fontSize: 18, fontWeight: 600 }} data-testid="greeting">
          {me.name ? t('hello', { name: me.name }) : t('helloWorker')}
        </div>
        <div style={{ marginTop: 8, color: '#666' }}>
          {me.isMember && me.org ? (
            <Tag color="danger">{t('memberOf', { org: me.org.name })}</Tag>
          ) : (
            <span>
              {t('notMember')}{' '}
              <Button size="mini" color="primary" onClick={() => navigate('/join')}>
                {t('joinNow')}
              </Button>
            </span>
          )}
        </div>
        <div style={{ marginTop: 4, color: '#999', fontSize: 12 }}>{me.phone}</div>
      </Card>
      <Card title={t('services')} style={{ margin: 12 }}>
        <Grid columns={4} gap={12}>
          {services.map((s) => (
            <Grid.Item
              key={s.key}
              data-testid={`svc-${s.key}`}
              onClick={() => {
                if (!s.path) return Toast.show({ content: t('comingSoon') });
                if (s.membersOnly && !me.isMember) return navigate('/join');
                navigate(s.path);
              }}
            >
              <div style={{ textAlign: 'center', cursor: 'pointer' }}>
                <div style={{ fontSize: 28, color: 'var(--adm-color-primary)' }}>{s.icon}</div>
                <div style={{ fontSize: 12, marginTop: 4 }}>{t(`svc.${s.key}`)}</div>
              </div>
            </Grid.Item>
          ))}
        </Grid>
      </Card>
    </div>
  );
}
