import { DotLoading } from 'antd-mobile';
import type { ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { LoginPage } from './features/auth/LoginPage';
import { HomePage } from './features/home/HomePage';
import { JoinPage } from './features/membership/JoinPage';
import { MemberCardPage } from './features/membership/MemberCardPage';
import { MapPage } from './features/stations/MapPage';
import { StationPage } from './features/stations/StationPage';
import { SessionProvider, useSession } from './session';

function RequireSignIn({ children }: { children: ReactNode }) {
  const { me, loading } = useSession();
  if (loading) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <DotLoading />
      </div>
    );
  }
  return me ? <>{children}</> : <Navigate to="/login" replace />;
}

export function App() {
  return (
    <SessionProvider>
      <BrowserRouter>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route path="/map" element={<MapPage />} />
          <Route path="/s/:code" element={<StationPage />} />
          <Route
            path="/"
            element={
              <RequireSignIn>
                <HomePage />
              </RequireSignIn>
            }
          />
          <Route
            path="/card"
            element={
              <RequireSignIn>
                <MemberCardPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/join"
            element={
              <RequireSignIn>
                <JoinPage />
              </RequireSignIn>
            }
          />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </BrowserRouter>
    </SessionProvider>
  );
}
