import { App as AntApp, ConfigProvider, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { LoginPage } from './features/auth/LoginPage';
import { ApplicationsPage } from './features/membership/ApplicationsPage';
import { MembersPage } from './features/members/MembersPage';
import { OrgsPage } from './features/orgs/OrgsPage';
import { StaffPage } from './features/staff/StaffPage';
import { CasePage } from './features/legal/CasePage';
import { CampaignsPage } from './features/perks/CampaignsPage';
import { RedeemPage } from './features/perks/RedeemPage';
import { BreakfastPage } from './features/perks/BreakfastPage';
import { CalendarPage } from './features/calendar/CalendarPage';
import { CasesPage } from './features/legal/CasesPage';
import { QrSheetPage } from './features/stations/QrSheetPage';
import { StationsPage } from './features/stations/StationsPage';
import { canOpen, homePath } from './sections';
import { Shell } from './Shell';
import { ApiQueryProvider } from '../../shared/query';
import { api } from './api';
import { SessionProvider, useSession } from './session';

/** Staff sign-in, then the section's roles: a page the roles cannot use leads to the person's own work. */
function RequireStaff({ children }: { children: ReactNode }) {
  const { me, loading } = useSession();
  const { pathname } = useLocation();
  const { t } = useTranslation();
  if (loading) return <Spin style={{ display: 'block', marginTop: 120 }} />;
  if (!me) return <Navigate to="/login" replace />;
  if (!canOpen(pathname, me.roles)) {
    const home = homePath(me.roles);
    return canOpen(home, me.roles) ? (
      <Navigate to={home} replace />
    ) : (
      <Shell>
        <Result status="403" title={t('noSections')} />
      </Shell>
    );
  }
  return <Shell>{children}</Shell>;
}

/** The first section the signed-in staff member works in (or sign-in). */
function Home() {
  const { me, loading } = useSession();
  if (loading) return <Spin style={{ display: 'block', marginTop: 120 }} />;
  return <Navigate to={me ? homePath(me.roles) : '/login'} replace />;
}

/**
 * The federation's red, deepened until text in it (links, the selected menu item on its tint) reads at 4.5:1
 * (WCAG AA); secondary text likewise darker than antd's 45 % grey.
 */
const theme = {
  token: {
    colorPrimary: '#b82e08',
    colorLink: '#b82e08',
    colorError: '#cf1322',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
  },
};

/** Every console page sits behind staff sign-in, inside the shell. */
const pages: [string, ReactNode][] = [
  ['/orgs', <OrgsPage />],
  ['/staff', <StaffPage />],
  ['/members', <MembersPage />],
  ['/applications', <ApplicationsPage />],
  ['/stations', <StationsPage />],
  ['/stations/qr-sheet', <QrSheetPage />],
  ['/legal', <CasesPage />],
  ['/legal/:id', <CasePage />],
  ['/perks', <CampaignsPage />],
  ['/breakfast', <BreakfastPage />],
  ['/redeem', <RedeemPage />],
  ['/calendar', <CalendarPage />],
];

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={theme}>
      <AntApp>
        <ApiQueryProvider api={api}>
          <SessionProvider>
            <BrowserRouter basename="/console">
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                {pages.map(([path, page]) => (
                  <Route key={path} path={path} element={<RequireStaff>{page}</RequireStaff>} />
                ))}
                <Route path="*" element={<Home />} />
              </Routes>
            </BrowserRouter>
          </SessionProvider>
        </ApiQueryProvider>
      </AntApp>
    </ConfigProvider>
  );
}
