/**
 * The service worker (src/sw.ts, built to /sw.js) in production builds only: in development Vite serves
 * unbundled modules that the worker must not cache. It is registered after the page has loaded, so it
 * never competes with the first screen for the network.
 */
const enabled = import.meta.env.PROD && 'serviceWorker' in navigator;

function post(message: unknown): void {
  navigator.serviceWorker.controller?.postMessage(message);
}

export function registerServiceWorker(): void {
  if (!enabled) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  });
  // The first visit: the worker takes control after this page loaded its files; hand them over with the page.
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    const urls = performance.getEntriesByType('resource').map((e) => e.name);
    post({ type: 'loaded', urls });
    post({ type: 'visited', path: location.pathname });
  });
}

/** A page the member opened: offline, it gets the app shell again instead of the offline page. */
export function rememberPage(path: string): void {
  if (enabled) post({ type: 'visited', path });
}
