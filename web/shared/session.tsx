import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { ok, type Api, type ApiData } from './api';

export type Me = ApiData<'/api/v1/me'>;

export interface Session<T> {
  me: T | null;
  loading: boolean;
  refresh(): Promise<void>;
  signOut(): Promise<void>;
}

/** Who is signed in, from GET /api/v1/me; `pick` keeps only the kind of principal this app serves. */
export function createSession<T>(api: Api, pick: (me: Me) => T | null) {
  const SessionContext = createContext<Session<T> | null>(null);

  function SessionProvider({ children }: { children: ReactNode }) {
    const [me, setMe] = useState<T | null>(null);
    const [loading, setLoading] = useState(true);
    const refresh = useCallback(async () => {
      if (!api.token) {
        setMe(null);
        setLoading(false);
        return;
      }
      try {
        setMe(pick(await ok(api.GET('/api/v1/me'))));
      } catch {
        setMe(null);
      } finally {
        setLoading(false);
      }
    }, []);
    useEffect(() => {
      void refresh();
      return api.onTokenChange(() => void refresh());
    }, [refresh]);
    const signOut = useCallback(async () => {
      try {
        await api.POST('/api/v1/auth/logout');
      } finally {
        api.setToken(null);
      }
    }, []);
    return <SessionContext.Provider value={{ me, loading, refresh, signOut }}>{children}</SessionContext.Provider>;
  }

  function useSession(): Session<T> {
    const s = useContext(SessionContext);
    if (!s) throw new Error('useSession outside SessionProvider');
    return s;
  }

  return { SessionProvider, useSession };
}
