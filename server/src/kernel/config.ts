import net from 'node:net';
import path from 'node:path';
import type { DailyLimit } from './quota.js';
import type { StorageConfig } from './storage.js';

/** Runtime settings, read once from the environment (names and defaults: API.md "Running it"). */
export interface Config {
  port: number;
  databaseUrl: string | null;
  dataDir: string;
  publicUrl: string;
  production: boolean;
  smsProvider: 'console';
  adminPassword: string | null;
  demoData: boolean;
  smsLimitPerAddressPerDay: number;
  smsLimitPerPhonePerDay: number;
  /** 32-byte key (base64 or hex) for personal data at rest; null → generated into dataDir outside production. */
  piiKey: string | null;
  staffIdleMinutes: number;
  staffAbsoluteHours: number;
  workerIdleDays: number;
  workerAbsoluteDays: number;
  /** Where the built web apps live; null → not served. */
  webDir: string | null;
  logLevel: string;
  /** Leaflet tile URL template for the member app's map, and its attribution. */
  mapTileUrl: string;
  mapAttribution: string;
  /** How nearby-station search is answered: an in-memory grid refreshed from the database, or the GiST KNN query each time. */
  stationIndex: 'memory' | 'sql';
  /** Voucher claims one client address may make in 10 s (a workplace behind one NAT needs a high one). */
  claimLimitPerAddress: number;
  /** Reverse proxies (addresses, CIDRs) whose X-Forwarded-For is believed; empty → the peer's address is the client's. */
  trustProxy: string[];
  /** Writes that fill staff queues, a day per applicant and per client address (429 beyond). */
  queueLimits: { legalCases: DailyLimit; membershipApplications: DailyLimit };
  /** Where uploaded files' bytes live: a directory (`UPLOADS_DIR`, default DATA_DIR/uploads), or S3 when `S3_ENDPOINT` is set. */
  storage: StorageConfig;
}

function intFrom(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`expected a whole number, got "${value}"`);
  return n;
}

const proxyKeywords = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** `TRUST_PROXY`: comma-separated addresses or CIDRs (or loopback / linklocal / uniquelocal); unset → none. */
function proxiesFrom(value: string | undefined): string[] {
  const entries = (value ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, bits, ...rest] = entry.split('/');
    const family = net.isIP(address ?? '');
    const prefixOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!proxyKeywords.has(entry) && (family === 0 || !prefixOk || rest.length > 0))
      throw new Error(`TRUST_PROXY: expected addresses or CIDRs, got "${entry}"`);
  }
  return entries;
}

/** `S3_ENDPOINT` set → an S3-compatible bucket (every other S3_ setting required); else the uploads directory. */
function storageFrom(env: NodeJS.ProcessEnv, dataDir: string): StorageConfig {
  if (!env.S3_ENDPOINT) return { kind: 'local', dir: path.resolve(env.UPLOADS_DIR || path.join(dataDir, 'uploads')) };
  const required = ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;
  const missing = required.filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`S3_ENDPOINT is set: ${missing.join(', ')} must be set too`);
  let endpoint: URL;
  try {
    endpoint = new URL(env.S3_ENDPOINT);
  } catch {
    throw new Error(`S3_ENDPOINT: expected a URL such as https://s3.example.com, got "${env.S3_ENDPOINT}"`);
  }
  if (endpoint.protocol !== 'https:' && endpoint.protocol !== 'http:')
    throw new Error(`S3_ENDPOINT: expected http or https, got "${env.S3_ENDPOINT}"`);
  return {
    kind: 's3',
    endpoint: endpoint.toString(),
    bucket: env.S3_BUCKET!,
    accessKeyId: env.S3_ACCESS_KEY_ID!,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
    region: env.S3_REGION || 'us-east-1',
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const port = intFrom(env.PORT, 3000);
  const smsProvider = env.SMS_PROVIDER ?? 'console';
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  if (smsProvider !== 'console') throw new Error(`SMS_PROVIDER "${smsProvider}" is not available (only "console")`);
  return {
    port,
    databaseUrl: env.DATABASE_URL ? env.DATABASE_URL : null,
    dataDir,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    production,
    smsProvider,
    adminPassword: env.ADMIN_PASSWORD ? env.ADMIN_PASSWORD : null,
    demoData: env.DEMO_DATA === '1',
    smsLimitPerAddressPerDay: intFrom(env.SMS_LIMIT_PER_ADDRESS_PER_DAY, 100),
    smsLimitPerPhonePerDay: intFrom(env.SMS_LIMIT_PER_PHONE_PER_DAY, 10),
    piiKey: env.PII_KEY ? env.PII_KEY : null,
    staffIdleMinutes: intFrom(env.STAFF_IDLE_MINUTES, 30),
    staffAbsoluteHours: intFrom(env.STAFF_ABSOLUTE_HOURS, 12),
    workerIdleDays: intFrom(env.WORKER_IDLE_DAYS, 30),
    workerAbsoluteDays: intFrom(env.WORKER_ABSOLUTE_DAYS, 90),
    webDir: env.WEB_DIR === '' ? null : path.resolve(env.WEB_DIR ?? './dist/web'),
    logLevel: env.LOG_LEVEL ?? (production ? 'info' : 'warn'),
    mapTileUrl: env.MAP_TILE_URL ?? 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    mapAttribution: env.MAP_ATTRIBUTION ?? '© OpenStreetMap contributors',
    stationIndex: env.STATION_INDEX === 'sql' ? 'sql' : 'memory',
    claimLimitPerAddress: intFrom(env.CLAIM_LIMIT_PER_ADDRESS, 200),
    trustProxy: proxiesFrom(env.TRUST_PROXY),
    queueLimits: {
      legalCases: { perApplicant: 5, perAddress: 100 },
      membershipApplications: { perApplicant: 3, perAddress: 100 },
    },
    storage: storageFrom(env, dataDir),
  };
}
