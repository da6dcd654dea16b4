import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import type { Api } from './api';

/**
 * The data-fetching convention of both apps (TanStack Query): hooks per feature in features/<module>/queries.ts,
 * keys that start with the API path they read (so a write invalidates the lists under it), the abort signal
 * TanStack passes handed to the call (a page left mid-load cancels its request), and one loading/error
 * presentation per app (ErrorState with its retry in the member app, the page's Alert in the console).
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // A failed read shows its error and a retry at once; a page opened again reads afresh.
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 0 },
      mutations: { retry: false },
    },
  });
}

/** The QueryClient of an app; what one principal read is forgotten when the session changes hands. */
export function ApiQueryProvider({ api, children }: { api: Api; children: ReactNode }) {
  const [client] = useState(createQueryClient);
  useEffect(() => api.onTokenChange(() => client.clear()), [api, client]);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
