import { DotLoading } from 'antd-mobile';
import type { ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { LoginPage } from './features/auth/LoginPage';
import { HomePage } from './features/home/HomePage';
import { JoinPage } from './features/membership/JoinPage';
import { MemberCardPage } from './features/membership/MemberCardPage';
import { CasePage } from './features/legal/CasePage';
import { MyCasesPage } from './features/legal/MyCasesPage';
import { NewCasePage } from './features/legal/NewCasePage';
import { MessagesPage } from './features/messages/MessagesPage';
import { BreakfastPage } from './features/perks/BreakfastPage';
import { PerksPage } from './features/perks/PerksPage';
import { VouchersPage } from './features/perks/VouchersPage';
import { MapPage } from './features/stations/MapPage';
import { StationPage } from './features/stations/StationPage';
import { ApiQueryProvider } from '../../shared/query';
import { api } from './api';
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

/** Pages for signed-in workers (the map and station pages are public). */
const signedInPages: [string, ReactNode][] = [
  ['/', <HomePage />],
  ['/card', <MemberCardPage />],
  ['/join', <JoinPage />],
  ['/legal', <MyCasesPage />],
  ['/legal/new', <NewCasePage />],
  ['/legal/cases/:id', <CasePage />],
  ['/messages', <MessagesPage />],
  ['/perks', <PerksPage />],
  ['/vouchers', <VouchersPage />],
  ['/breakfast', <BreakfastPage />],
];

export function App() {
  return (
    <ApiQueryProvider api={api}>
      <SessionProvider>
        <BrowserRouter>
          <main>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route path="/map" element={<MapPage />} />
              <Route path="/s/:code" element={<StationPage />} />
              {signedInPages.map(([path, page]) => (
                <Route key={path} path={path} element={<RequireSignIn>{page}</RequireSignIn>} />
              ))}
              <Route path="*" element={<Navigate to="/" replace />} />
            </Routes>
          </main>
        </BrowserRouter>
      </SessionProvider>
    </ApiQueryProvider>
  );
}
