import { Badge, Button, Card, Grid, Tag, Toast } from 'antd-mobile';
import { NavBar } from '../../NavBar';
import {
  BillOutline,
  CheckShieldOutline,
  ShopbagOutline,
  FileOutline,
  GiftOutline,
  HandPayCircleOutline,
  HeartOutline,
  LikeOutline,
  LocationOutline,
  MessageOutline,
  SmileOutline,
  TeamOutline,
  UserAddOutline,
  UserContactOutline,
  EditSOutline,
} from 'antd-mobile-icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { setElderMode, useElderMode } from '../../elder';
import { useSession } from '../../session';
import { useNotifications } from '../messages/queries';
import { useMyCongresses } from '../participation/queries';

interface Service {
  key: string;
  icon: ReactNode;
  path: string | null;
  membersOnly?: boolean;
}

/** The service grid: each tile is one capability of the member app. */
const services: Service[] = [
  { key: 'map', icon: <LocationOutline />, path: '/map' },
  { key: 'legal', icon: <FileOutline />, path: '/legal' },
  { key: 'hardship', icon: <HeartOutline />, path: '/hardship', membersOnly: true },
  { key: 'perks', icon: <GiftOutline />, path: '/perks', membersOnly: true },
  { key: 'programmes', icon: <HandPayCircleOutline />, path: '/programmes', membersOnly: true },
  { key: 'activities', icon: <SmileOutline />, path: '/activities' },
  { key: 'jobs', icon: <BillOutline />, path: null },
  { key: 'card', icon: <UserContactOutline />, path: '/card', membersOnly: true },
  { key: 'breakfast', icon: <ShopbagOutline />, path: '/breakfast', membersOnly: true },
  { key: 'suggestions', icon: <TeamOutline />, path: '/suggestions', membersOnly: true },
  { key: 'reviews', icon: <LikeOutline />, path: '/reviews', membersOnly: true },
  { key: 'join', icon: <UserAddOutline />, path: '/join' },
];

/** Large-text mode shows only what older members use most, in this order. */
const elderServices: Service[] = [
  { key: 'map', icon: <LocationOutline />, path: '/map' },
  { key: 'legal', icon: <FileOutline />, path: '/legal' },
  { key: 'card', icon: <UserContactOutline />, path: '/card', membersOnly: true },
  { key: 'perks', icon: <GiftOutline />, path: '/perks', membersOnly: true },
  { key: 'messages', icon: <MessageOutline />, path: '/messages' },
];

/** 代表履职: shown only to a member who represents a congress term (GET /api/v1/me/congresses). */
const representativeService: Service = {
  key: 'representative',
  icon: <TeamOutline />,
  path: '/congresses',
  membersOnly: true,
};
/** What a representative does, after 代表履职: proposals, motions to vote on, duty records and score. */
const representativeWork: Service[] = [
  { key: 'proposals', icon: <EditSOutline />, path: '/proposals', membersOnly: true },
  { key: 'motions', icon: <CheckShieldOutline />, path: '/motions', membersOnly: true },
  { key: 'duties', icon: <TeamOutline />, path: '/duties', membersOnly: true },
];

export function HomePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me, signOut } = useSession();
  const elder = useElderMode();
  // The badge is a hint; the messages page itself reports a failed load.
  const unread = useNotifications().data?.unread ?? 0;
  // Likewise a hint: without an answer, no representative's tile.
  const represents = (useMyCongresses(me?.isMember ?? false).data?.length ?? 0) > 0;
  if (!me) return null;
  const shown = represents ? [representativeService, ...representativeWork, ...services] : services;
  const elderShown = represents ? [...elderServices, representativeService] : elderServices;

  function open(s: Service) {
    if (!s.path) return Toast.show({ content: t('comingSoon') });
    if (s.membersOnly && !me?.isMember) return navigate('/join?reason=members-only');
    navigate(s.path);
  }

  const elderToggle = (
    <Button
      block={elder}
      size={elder ? 'large' : 'small'}
      fill="outline"
      color="primary"
      className="su-tap"
      onClick={() => setElderMode(!elder)}
      aria-pressed={elder}
      data-testid="elder-toggle"
    >
      {elder ? t('elder.off') : t('elder.on')}
    </Button>
  );

  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
      <NavBar
        back={null}
        left={
          elder ? null : (
            <Badge content={unread > 0 ? unread : null}>
              <button
                type="button"
                className="su-link su-tap"
                onClick={() => navigate('/messages')}
                data-testid="messages"
              >
                {t('messages.title')}
              </button>
            </Badge>
          )
        }
        right={
          <button type="button" className="su-link su-tap" onClick={() => void signOut()} data-testid="logout">
            {t('logout')}
          </button>
        }
      >
        {t('appName')}
      </NavBar>
      <Card style={{ margin: 12 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
          <h1
            className="su-title"
            style={{ margin: 0, fontSize: elder ? '1.3333rem' : undefined }}
            data-testid="greeting"
          >
            {me.name ? t('hello', { name: me.name }) : t('helloWorker')}
          </h1>
          {!elder && elderToggle}
        </div>
        <div style={{ marginTop: 8 }} className="su-muted">
          {me.isMember && me.org ? (
            <Tag color="danger">{t('memberOf', { org: me.org.name })}</Tag>
          ) : (
            <span>
              {t('notMember')}{' '}
              <Button size={elder ? 'middle' : 'mini'} color="primary" onClick={() => navigate('/join')}>
                {t('joinNow')}
              </Button>
            </span>
          )}
        </div>
        {!elder && (
          <div className="su-hint" style={{ marginTop: 4 }}>
            {me.phone}
          </div>
        )}
      </Card>
      {elder ? (
        <>
          <nav className="su-elder-grid" aria-label={t('services')} data-testid="elder-home">
            {elderShown.map((s) => (
              <button
                key={s.key}
                type="button"
                className="su-elder-tile"
                onClick={() => open(s)}
                data-testid={`svc-${s.key}`}
              >
                <span className="su-elder-tile-icon" aria-hidden="true">
                  {s.icon}
                </span>
                {s.key === 'messages' ? t('messages.title') : t(`svc.${s.key}`)}
                {s.key === 'messages' && unread > 0 && <span className="su-elder-badge">{unread}</span>}
              </button>
            ))}
          </nav>
          <div style={{ padding: '0 12px 24px' }}>{elderToggle}</div>
        </>
      ) : (
        <Card title={t('services')} style={{ margin: 12 }}>
          <Grid columns={4} gap={12}>
            {shown.map((s) => (
              <Grid.Item key={s.key} data-testid={`svc-${s.key}`} onClick={() => open(s)}>
                <div style={{ textAlign: 'center', cursor: 'pointer', minHeight: 48 }}>
                  <div style={{ fontSize: 28, color: 'var(--adm-color-primary)' }}>{s.icon}</div>
                  <div className="su-tile-label">{t(`svc.${s.key}`)}</div>
                </div>
              </Grid.Item>
            ))}
          </Grid>
        </Card>
      )}
    </div>
  );
}
