/**
 * The member app's service worker, compiled alone to /sw.js by the build (web/build/vite-plugins.ts,
 * which puts `BUILD_ID` and `SHELL` in front of it). It may not import anything.
 *
 * - Install: caches the app shell of this build (index.html, the entry's scripts and styles, the offline
 *   page, the manifest and icons). Activate: drops earlier builds' caches.
 * - Hashed build files (/assets/*): from the cache, else from the network and kept (they never change);
 *   the ones the first page loaded before the worker took control are handed over by the app.
 * - Pages (navigations): from the network; offline, a page the member has opened before gets the app
 *   shell, any other the offline page (not the browser's error).
 * - Public station answers (GET /api/v1/stations/nearby, /api/v1/stations/{code}): from the network and
 *   kept; offline, the last answer seen (the same query's, else for "nearby" the latest one, for a
 *   station the one fetched with other query parameters).
 * - Background Sync (`su-field-outbox`, registered when a field worker's survey is queued offline): wakes the
 *   open app's outbox (features/hardship/outbox.ts), which sends it with its Idempotency-Key.
 * The console (/console/) and everything else go to the network untouched.
 */
export {};

declare const BUILD_ID: string;
declare const SHELL: string[];

// The few service-worker types used here (the web apps compile against the DOM library, not WebWorker).
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Response | Promise<Response>): void;
}
interface ExtendableMessageEvent extends ExtendableEvent {
  readonly data: unknown;
}
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}
interface WorkerScope {
  readonly location: Location;
  readonly clients: {
    claim(): Promise<void>;
    matchAll(options: { type: 'window' }): Promise<{ postMessage(message: unknown): void }[]>;
  };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (event: ExtendableMessageEvent) => void): void;
  addEventListener(type: 'sync', listener: (event: SyncEvent) => void): void;
}
const worker = self as unknown as WorkerScope;

const shellCache = `su-shell-${BUILD_ID}`;
/** Paths of pages opened (kept across builds: any of them gets the current shell). */
const visitedCache = 'su-visited';
/** Station answers last seen (JSON, independent of the build). */
const stationsCache = 'su-stations';
const lastNearby = '/__last-nearby';
const maxStationAnswers = 60;
const offlinePage = '/offline.html';

const stationAnswer = /^\/api\/v1\/stations\/(nearby|[A-Za-z0-9_-]+)$/;

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(shellCache)
      .then((cache) => cache.addAll(SHELL))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((n) => n.startsWith('su-shell-') && n !== shellCache).map((n) => caches.delete(n))),
      )
      .then(() => worker.clients.claim()),
  );
});

/**
 * The app tells the worker which page it shows (client-side navigations are not fetches) and, when the
 * worker first takes control, which build files it loaded before (the first page's chunks).
 */
worker.addEventListener('message', (event) => {
  const data = event.data as { type?: string; path?: unknown; urls?: unknown } | null;
  if (data?.type === 'visited' && typeof data.path === 'string' && data.path.startsWith('/'))
    event.waitUntil(rememberVisit(data.path));
  if (data?.type === 'loaded' && Array.isArray(data.urls))
    event.waitUntil(keepLoaded(data.urls.filter((u): u is string => typeof u === 'string')));
});

async function keepLoaded(urls: string[]): Promise<void> {
  const cache = await caches.open(shellCache);
  const files = urls
    .map((u) => new URL(u, worker.location.href))
    .filter((u) => u.origin === worker.location.origin && u.pathname.startsWith('/assets/'));
  // From the browser's HTTP cache as a rule: these files were just downloaded and never change.
  await Promise.all(files.map(async (u) => (await cache.match(u.pathname)) ?? cache.add(u.pathname)));
}

async function rememberVisit(path: string): Promise<void> {
  const cache = await caches.open(visitedCache);
  await cache.put(new Request(path), new Response(''));
}

async function page(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname;
  try {
    const response = await fetch(request);
    if (response.ok) await rememberVisit(path);
    return response;
  } catch (error) {
    const shell = await caches.open(shellCache);
    const visited = path === '/' || (await (await caches.open(visitedCache)).match(path)) !== undefined;
    const cached = visited ? await shell.match('/') : await shell.match(offlinePage);
    if (cached) return cached;
    throw error;
  }
}

async function hashedFile(request: Request): Promise<Response> {
  const cache = await caches.open(shellCache);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function stations(request: Request, nearby: boolean): Promise<Response> {
  const cache = await caches.open(stationsCache);
  try {
    const response = await fetch(request);
    if (response.ok) {
      await cache.put(request, response.clone());
      if (nearby) await cache.put(lastNearby, response.clone());
      const keys = await cache.keys();
      await Promise.all(keys.slice(0, Math.max(0, keys.length - maxStationAnswers)).map((key) => cache.delete(key)));
    }
    return response;
  } catch (error) {
    // "nearby" for another point: the latest answer; a station opened another way (?via=): the same station.
    const cached =
      (await cache.match(request)) ??
      (nearby ? await cache.match(lastNearby) : await cache.match(request, { ignoreSearch: true }));
    if (cached) return cached;
    throw error;
  }
}

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== worker.location.origin || url.pathname.startsWith('/console')) return;
  if (request.mode === 'navigate') {
    if (!url.pathname.startsWith('/api/')) event.respondWith(page(request));
    return;
  }
  if (url.pathname.startsWith('/assets/') || SHELL.includes(url.pathname)) {
    event.respondWith(hashedFile(request));
    return;
  }
  const station = stationAnswer.exec(url.pathname);
  if (station) event.respondWith(stations(request, station[1] === 'nearby'));
});

/** The connection is back (the browser decides): the open app sends the field worker's queued surveys. */
worker.addEventListener('sync', (event) => {
  if (event.tag !== 'su-field-outbox') return;
  event.waitUntil(
    worker.clients
      .matchAll({ type: 'window' })
      .then((windows) => windows.forEach((w) => w.postMessage({ type: 'field-outbox-sync' }))),
  );
});
