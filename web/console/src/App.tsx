import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { LoginPage } from './features/auth/LoginPage';
import { ApplicationsPage } from './features/membership/ApplicationsPage';
import { MembersPage } from './features/members/MembersPage';
import { OrgsPage } from './features/orgs/OrgsPage';
import { StaffPage } from './features/staff/StaffPage';
import { Shell } from './Shell';
import { SessionProvider, useSession } from './session';

function RequireStaff({ children }: { children: ReactNode }) {
  const { me, loading } = useSession();
  if (loading) return <Spin style={{ display: 'block', marginTop: 120 }} />;
  return me ? <Shell>{children}</Shell> : <Navigate to="/login" replace />;
}

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#d4380d' } }}>
      <AntApp>
        <SessionProvider>
          <BrowserRouter basename="/console">
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route
                path="/orgs"
                element={
                  <RequireStaff>
                    <OrgsPage />
                  </RequireStaff>
                }
              />
              <Route
                path="/staff"
                element={
                  <RequireStaff>
                    <StaffPage />
                  </RequireStaff>
                }
              />
              <Route
                path="/members"
                element={
                  <RequireStaff>
                    <MembersPage />
                  </RequireStaff>
                }
              />
              <Route
                path="/applications"
                element={
                  <RequireStaff>
                    <ApplicationsPage />
                  </RequireStaff>
                }
              />
              <Route path="*" element={<Navigate to="/orgs" replace />} />
            </Routes>
          </BrowserRouter>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}
