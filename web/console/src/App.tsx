import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { lazyPage } from '../../shared/lazyPage';
import { homePath } from './sections';
import { Shell } from './Shell';
import { SessionProvider, useSession } from './session';

/**
 * Each section is its own chunk, loaded when first opened: ECharts comes with the stations page, the QR
 * scanner with redemption, and sign-in downloads neither.
 */
const LoginPage = lazyPage(() => import('./features/auth/LoginPage'), 'LoginPage');
const ApplicationsPage = lazyPage(() => import('./features/membership/ApplicationsPage'), 'ApplicationsPage');
const MembersPage = lazyPage(() => import('./features/members/MembersPage'), 'MembersPage');
const OrgsPage = lazyPage(() => import('./features/orgs/OrgsPage'), 'OrgsPage');
const StaffPage = lazyPage(() => import('./features/staff/StaffPage'), 'StaffPage');
const CasePage = lazyPage(() => import('./features/legal/CasePage'), 'CasePage');
const CampaignsPage = lazyPage(() => import('./features/perks/CampaignsPage'), 'CampaignsPage');
const RedeemPage = lazyPage(() => import('./features/perks/RedeemPage'), 'RedeemPage');
const BreakfastPage = lazyPage(() => import('./features/perks/BreakfastPage'), 'BreakfastPage');
const CalendarPage = lazyPage(() => import('./features/calendar/CalendarPage'), 'CalendarPage');
const CasesPage = lazyPage(() => import('./features/legal/CasesPage'), 'CasesPage');
const QrSheetPage = lazyPage(() => import('./features/stations/QrSheetPage'), 'QrSheetPage');
const StationsPage = lazyPage(() => import('./features/stations/StationsPage'), 'StationsPage');

const spinner = <Spin style={{ display: 'block', marginTop: 120 }} />;

function RequireStaff({ children }: { children: ReactNode }) {
  const { me, loading } = useSession();
  if (loading) return spinner;
  // Inside the shell: opening a section keeps the menu in place while its chunk loads.
  return me ? (
    <Shell>
      <Suspense fallback={spinner}>{children}</Suspense>
    </Shell>
  ) : (
    <Navigate to="/login" replace />
  );
}

/** The first section the signed-in staff member works in (or sign-in). */
function Home() {
  const { me, loading } = useSession();
  if (loading) return spinner;
  return <Navigate to={me ? homePath(me.roles) : '/login'} replace />;
}

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
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#d4380d' } }}>
      <AntApp>
        <SessionProvider>
          <BrowserRouter basename="/console">
            <Suspense fallback={spinner}>
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                {pages.map(([path, page]) => (
                  <Route key={path} path={path} element={<RequireStaff>{page}</RequireStaff>} />
                ))}
                <Route path="*" element={<Home />} />
              </Routes>
            </Suspense>
          </BrowserRouter>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}
