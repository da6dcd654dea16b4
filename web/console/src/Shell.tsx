import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BulbOutlined,
  CalendarOutlined,
  EnvironmentOutlined,
  FileTextOutlined,
  FundOutlined,
  CoffeeOutlined,
  GiftOutlined,
  FlagOutlined,
  HeartOutlined,
  LikeOutlined,
  SafetyOutlined,
  ScanOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { canOpen } from './sections';
import { useSession } from './session';

export function Shell({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { me, signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const items = [
    { key: '/orgs', icon: <ApartmentOutlined />, label: t('nav.orgs') },
    { key: '/staff', icon: <UserOutlined />, label: t('nav.staff') },
    { key: '/members', icon: <TeamOutlined />, label: t('nav.members') },
    { key: '/applications', icon: <AuditOutlined />, label: t('nav.applications') },
    { key: '/stations', icon: <EnvironmentOutlined />, label: t('nav.stations') },
    { key: '/legal', icon: <SafetyOutlined />, label: t('nav.legal') },
    { key: '/perks', icon: <GiftOutlined />, label: t('nav.perks') },
    { key: '/breakfast', icon: <CoffeeOutlined />, label: t('nav.breakfast') },
    { key: '/programmes', icon: <FundOutlined />, label: t('nav.programmes') },
    { key: '/model-workers', icon: <TrophyOutlined />, label: t('nav.modelWorkers') },
    { key: '/congresses', icon: <BankOutlined />, label: t('nav.participation') },
    { key: '/suggestions', icon: <BulbOutlined />, label: t('nav.suggestions') },
    { key: '/union-reviews', icon: <LikeOutlined />, label: t('nav.unionReviews') },
    { key: '/proposals', icon: <FileTextOutlined />, label: t('nav.proposals') },
    { key: '/hardship', icon: <HeartOutlined />, label: t('nav.hardship') },
    { key: '/activities', icon: <FlagOutlined />, label: t('nav.activities') },
    { key: '/redeem', icon: <ScanOutlined />, label: t('nav.redeem') },
    { key: '/calendar', icon: <CalendarOutlined />, label: t('nav.calendar') },
  ].filter((item) => canOpen(item.key, me?.roles ?? []));
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider theme="light" width={200} breakpoint="lg" collapsedWidth={0}>
        <div style={{ padding: 16, fontWeight: 600, color: '#d4380d' }}>{t('appName')}</div>
        <Menu
          mode="inline"
          selectedKeys={['/' + (location.pathname.split('/')[1] ?? '')]}
          items={items}
          onClick={(e) => navigate(e.key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            display: 'flex',
            justifyContent: 'flex-end',
            alignItems: 'center',
            paddingInline: 24,
          }}
        >
          <Space>
            <Typography.Text data-testid="whoami">
              {me?.username} · {me?.org.name}
            </Typography.Text>
            <Button type="link" onClick={() => void i18n.changeLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}>
              {t('lang')}
            </Button>
            <Button onClick={() => void signOut()}>{t('logout')}</Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: 16 }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
