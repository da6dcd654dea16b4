import net from 'node:net';
import path from 'node:path';
import type { DailyLimit } from './quota.js';
import type { StorageConfig } from './storage.js';

/** Runtime settings, read once from the environment (names and defaults: API.md "Running it"). */
export interface Config {
  port: number;
  /** The address to listen on: all interfaces by default; 127.0.0.1 behind a reverse proxy on the same machine. */
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  publicUrl: string;
  production: boolean;
  smsProvider: SmsProviderName;
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
  /**
   * Poll ballots one client address may send a minute (`POLL_BALLOT_LIMIT_PER_ADDRESS`, 429 beyond): a factory's
   * workers vote from behind one NAT, so it is generous; and ballots for one entry from one address, or from accounts
   * created minutes before, beyond which a burst is flagged for staff (docs/modules/activities-polls.md).
   */
  pollBallots: { perAddressPerMinute: number; flagPerAddress: number; flagNewAccounts: number };
  /** Reverse proxies (addresses, CIDRs) whose X-Forwarded-For is believed; empty → the peer's address is the client's. */
  trustProxy: string[];
  /** Writes that fill staff queues, a day per applicant and per client address (429 beyond). */
  queueLimits: { legalCases: DailyLimit; membershipApplications: DailyLimit; suggestions: DailyLimit };
  /** Server processes sharing the port (node's cluster module); more than one needs a PostgreSQL server. */
  workers: number;
  /** Redis for the rate limits' counters (REDIS_URL); null → they are kept in the database. */
  redisUrl: string | null;
  /** The SMS provider's account (SMS_PROVIDER=aliyun|tencent); null for the console provider. */
  aliyunSms: AliyunSmsSettings | null;
  tencentSms: TencentSmsSettings | null;
  /** `METRICS_TOKEN`: the bearer token GET /api/metrics asks for; null → the route answers 404. */
  metricsToken: string | null;
  /** Where uploaded files' bytes live: a directory (`UPLOADS_DIR`, default DATA_DIR/uploads), or S3 when `S3_ENDPOINT` is set. */
  storage: StorageConfig;
}

// ── SMS provider settings (kernel/sms-providers.ts) ──────────────────────────────────────────────
export type SmsProviderName = 'console' | 'aliyun' | 'tencent';

/** Alibaba Cloud SMS (阿里云短信服务, Dysmsapi SendSms 2017-05-25). */
export interface AliyunSmsSettings {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templateCode: string;
  endpoint: string;
}

/** Tencent Cloud SMS (腾讯云短信, SendSms 2021-01-11). */
export interface TencentSmsSettings {
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  templateId: string;
  region: string;
  endpoint: string;
}

/** Reads the chosen provider's variables; names every missing one. The dev outbox (console) is refused in production. */
function smsFrom(
  env: NodeJS.ProcessEnv,
  production: boolean,
): Pick<Config, 'smsProvider' | 'aliyunSms' | 'tencentSms'> {
  const provider = env.SMS_PROVIDER || 'console';
  if (provider === 'console') {
    if (production) throw new Error('the dev SMS outbox is not for production; set SMS_PROVIDER=aliyun or tencent');
    return { smsProvider: 'console', aliyunSms: null, tencentSms: null };
  }
  const need = (names: string[]): Record<string, string> => {
    const missing = names.filter((n) => !env[n]);
    if (missing.length > 0) throw new Error(`SMS_PROVIDER=${provider} needs ${missing.join(', ')}`);
    return Object.fromEntries(names.map((n) => [n, env[n]!]));
  };
  if (provider === 'aliyun') {
    const v = need([
      'ALIYUN_SMS_ACCESS_KEY_ID',
      'ALIYUN_SMS_ACCESS_KEY_SECRET',
      'ALIYUN_SMS_SIGN_NAME',
      'ALIYUN_SMS_TEMPLATE_CODE',
    ]);
    const aliyunSms: AliyunSmsSettings = {
      accessKeyId: v.ALIYUN_SMS_ACCESS_KEY_ID!,
      accessKeySecret: v.ALIYUN_SMS_ACCESS_KEY_SECRET!,
      signName: v.ALIYUN_SMS_SIGN_NAME!,
      templateCode: v.ALIYUN_SMS_TEMPLATE_CODE!,
      endpoint: endpointFrom('ALIYUN_SMS_ENDPOINT', env.ALIYUN_SMS_ENDPOINT || 'https://dysmsapi.aliyuncs.com'),
    };
    return { smsProvider: 'aliyun', aliyunSms, tencentSms: null };
  }
  if (provider === 'tencent') {
    const v = need([
      'TENCENT_SMS_SECRET_ID',
      'TENCENT_SMS_SECRET_KEY',
      'TENCENT_SMS_SDK_APP_ID',
      'TENCENT_SMS_SIGN_NAME',
      'TENCENT_SMS_TEMPLATE_ID',
    ]);
    const tencentSms: TencentSmsSettings = {
      secretId: v.TENCENT_SMS_SECRET_ID!,
      secretKey: v.TENCENT_SMS_SECRET_KEY!,
      sdkAppId: v.TENCENT_SMS_SDK_APP_ID!,
      signName: v.TENCENT_SMS_SIGN_NAME!,
      templateId: v.TENCENT_SMS_TEMPLATE_ID!,
      region: env.TENCENT_SMS_REGION || 'ap-guangzhou',
      endpoint: endpointFrom('TENCENT_SMS_ENDPOINT', env.TENCENT_SMS_ENDPOINT || 'https://sms.tencentcloudapi.com'),
    };
    return { smsProvider: 'tencent', aliyunSms: null, tencentSms };
  }
  throw new Error(`SMS_PROVIDER: expected aliyun, tencent or console, got "${provider}"`);
}

function endpointFrom(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name}: expected an http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`${name}: expected an http(s) URL, got "${value}"`);
  return url.origin;
}
// ─────────────────────────────────────────────────────────────────────────────────────────────────

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
  // Refused here, before anything starts: without the key, personal data at rest could not be read back.
  if (production && !env.PII_KEY) throw new Error('PII_KEY must be set in production (32 bytes, hex or base64)');
  const workers = intFrom(env.WORKERS, 1);
  if (workers < 1) throw new Error('WORKERS: expected at least 1');
  if (workers > 1 && !env.DATABASE_URL)
    throw new Error('WORKERS > 1 needs a PostgreSQL server (DATABASE_URL): the embedded database serves one process');
  const sms = smsFrom(env, production);
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  return {
    port,
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL ? env.DATABASE_URL : null,
    dataDir,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    production,
    ...sms,
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
    pollBallots: {
      perAddressPerMinute: intFrom(env.POLL_BALLOT_LIMIT_PER_ADDRESS, 3000),
      flagPerAddress: intFrom(env.POLL_FLAG_PER_ADDRESS, 300),
      flagNewAccounts: intFrom(env.POLL_FLAG_NEW_ACCOUNTS, 100),
    },
    trustProxy: proxiesFrom(env.TRUST_PROXY),
    queueLimits: {
      legalCases: { perApplicant: 5, perAddress: 100 },
      membershipApplications: { perApplicant: 3, perAddress: 100 },
      suggestions: { perApplicant: 10, perAddress: 200 },
    },
    workers,
    redisUrl: env.REDIS_URL ? env.REDIS_URL : null,
    metricsToken: env.METRICS_TOKEN ? env.METRICS_TOKEN : null,
    storage: storageFrom(env, dataDir),
  };
}
