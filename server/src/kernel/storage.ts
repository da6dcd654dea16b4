import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Where the bytes of uploaded files live (ctx.fileStorage); their metadata stays in the `files` table. Keys are
 * made by the server (kernel/files.ts), never taken from a request: `ab/<uuid>`.
 */
export interface FileStorage {
  readonly kind: 'local' | 's3';
  /** Stores the bytes under the key, replacing what was there; resolves once they are durable. */
  put(key: string, bytes: Buffer, mediaType: string): Promise<void>;
  /** The bytes under the key, or null when there are none. */
  get(key: string): Promise<Buffer | null>;
  /** Removes the key; removing a key that is not there is not an error. */
  delete(key: string): Promise<void>;
}

export type StorageConfig =
  | { kind: 'local'; dir: string }
  | { kind: 's3'; endpoint: string; bucket: string; accessKeyId: string; secretAccessKey: string; region: string };

export function createFileStorage(config: StorageConfig): FileStorage {
  return config.kind === 's3' ? new S3Storage(config) : new LocalStorage(config.dir);
}

/** A key that names something outside the storage, or in a form no key of ours takes. */
export class InvalidStorageKey extends Error {
  constructor(key: string) {
    super(`invalid storage key ${JSON.stringify(key.slice(0, 100))}`);
  }
}

/** Segments of letters, digits, `-`, `_` and inner dots, joined by `/`: no `..`, no absolute path, no backslash. */
const keyPattern = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}(\/[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}){0,7}$/;

export function checkStorageKey(key: string): string {
  if (!keyPattern.test(key) || key.split('/').some((s) => s === '.' || s === '..')) throw new InvalidStorageKey(key);
  return key;
}

/** Makes a rename into `dir` survive a power cut (the directory entry is data too). */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Files under one directory (`DATA_DIR/uploads`, or `UPLOADS_DIR`). */
export class LocalStorage implements FileStorage {
  readonly kind = 'local';
  /** Half-written files go here, on the same file system as their final place, so the rename is atomic. */
  private readonly tmpDir: string;

  constructor(readonly dir: string) {
    this.dir = path.resolve(dir);
    this.tmpDir = path.join(this.dir, '.tmp');
  }

  private pathOf(key: string): string {
    const file = path.resolve(this.dir, checkStorageKey(key));
    // The pattern already forbids it; this is the second lock on the same door.
    if (!file.startsWith(this.dir + path.sep)) throw new InvalidStorageKey(key);
    return file;
  }

  async put(key: string, bytes: Buffer, _mediaType?: string): Promise<void> {
    const file = this.pathOf(key);
    await fs.promises.mkdir(this.tmpDir, { recursive: true, mode: 0o700 });
    await fs.promises.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    // Written whole and synced under a temporary name, then renamed: a reader (or a backup) sees all of it or nothing.
    const tmp = path.join(this.tmpDir, `${crypto.randomUUID()}.part`);
    const handle = await fs.promises.open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await fs.promises.rename(tmp, file);
    } catch (error) {
      await fs.promises.rm(tmp, { force: true });
      throw error;
    }
    await syncDirectory(path.dirname(file));
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await fs.promises.readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.promises.rm(this.pathOf(key), { force: true });
  }
}

const sha256Hex = (data: Buffer | string) => crypto.createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => crypto.createHmac('sha256', key).update(data).digest();

/** RFC 3986 unreserved characters stay, everything else is %XX (AWS's UriEncode); `/` kept in paths. */
export function awsUriEncode(value: string, keepSlash: boolean): string {
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%2F/g, keepSlash ? '/' : '%2F');
}

export interface SignV4Input {
  method: string;
  /** The request path, already URI-encoded (`/bucket/key`). */
  path: string;
  query?: Record<string, string>;
  /** Every header to sign, `host` and `x-amz-date` and `x-amz-content-sha256` included (any case). */
  headers: Record<string, string>;
  payloadHash: string;
  region: string;
  service: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `YYYYMMDD'T'HHMMSS'Z'`, the value of x-amz-date. */
  amzDate: string;
}

/**
 * AWS Signature Version 4 for the Authorization header ("Authenticating Requests: Using the Authorization Header"):
 * canonical request → string to sign → HMAC chain of date, region, service → signature.
 */
export function signV4(input: SignV4Input): { authorization: string; canonicalRequest: string; stringToSign: string } {
  const headers = Object.entries(input.headers)
    .map(([k, v]) => [k.toLowerCase(), v.trim().replace(/\s+/g, ' ')] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const signedHeaders = headers.map(([k]) => k).join(';');
  const query = Object.entries(input.query ?? {})
    .map(([k, v]) => [awsUriEncode(k, false), awsUriEncode(v, false)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonicalRequest = [
    input.method,
    input.path,
    query,
    ...headers.map(([k, v]) => `${k}:${v}`),
    '',
    signedHeaders,
    input.payloadHash,
  ].join('\n');
  const day = input.amzDate.slice(0, 8);
  const scope = `${day}/${input.region}/${input.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', input.amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(
    hmac(hmac(hmac(`AWS4${input.secretAccessKey}`, day), input.region), input.service),
    'aws4_request',
  );
  const signature = crypto.createHmac('sha256', signingKey).update(stringToSign).digest('hex');
  return {
    authorization: `AWS4-HMAC-SHA256 Credential=${input.accessKeyId}/${scope},SignedHeaders=${signedHeaders},Signature=${signature}`,
    canonicalRequest,
    stringToSign,
  };
}

/** `20130524T000000Z` */
export function amzDate(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Long enough for a 30 MB spreadsheet over a slow link to the store. */
const requestTimeoutMs = 120_000;

/** An S3-compatible bucket (AWS S3, MinIO, Ceph RGW, Alibaba OSS / Tencent COS in S3 mode), path-style requests. */
export class S3Storage implements FileStorage {
  readonly kind = 's3';
  private readonly endpoint: URL;

  constructor(private readonly config: Extract<StorageConfig, { kind: 's3' }>) {
    this.endpoint = new URL(config.endpoint);
  }

  private async request(method: 'PUT' | 'GET' | 'DELETE', key: string, body?: Buffer, mediaType?: string) {
    const basePath = this.endpoint.pathname.replace(/\/+$/, '');
    const objectPath = `${basePath}/${awsUriEncode(this.config.bucket, false)}/${awsUriEncode(checkStorageKey(key), true)}`;
    const payloadHash = sha256Hex(body ?? '');
    const headers: Record<string, string> = {
      host: this.endpoint.host,
      'x-amz-date': amzDate(new Date()),
      'x-amz-content-sha256': payloadHash,
      ...(body ? { 'content-type': mediaType ?? 'application/octet-stream' } : {}),
    };
    const { authorization } = signV4({
      method,
      path: objectPath,
      headers,
      payloadHash,
      region: this.config.region,
      service: 's3',
      accessKeyId: this.config.accessKeyId,
      secretAccessKey: this.config.secretAccessKey,
      amzDate: headers['x-amz-date']!,
    });
    // fetch sets Host itself, from the URL: the same value as signed.
    const { host: _host, ...sent } = headers;
    return fetch(new URL(objectPath, this.endpoint.origin), {
      method,
      headers: { ...sent, authorization },
      // A store that stops answering fails the upload or download, instead of holding the request forever.
      signal: AbortSignal.timeout(requestTimeoutMs),
      ...(body ? { body: new Uint8Array(body.buffer, body.byteOffset, body.length) } : {}),
    });
  }

  private async fail(what: string, key: string, res: Response): Promise<never> {
    const text = await res.text().catch(() => '');
    const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? '';
    throw new Error(`S3 ${what} ${key}: HTTP ${res.status} ${code}`.trim());
  }

  async put(key: string, bytes: Buffer, mediaType: string): Promise<void> {
    const res = await this.request('PUT', key, bytes, mediaType);
    if (!res.ok) return this.fail('PUT', key, res);
    await res.arrayBuffer();
  }

  async get(key: string): Promise<Buffer | null> {
    const res = await this.request('GET', key);
    if (res.status === 404) {
      await res.arrayBuffer();
      return null;
    }
    if (!res.ok) return this.fail('GET', key, res);
    return Buffer.from(await res.arrayBuffer());
  }

  async delete(key: string): Promise<void> {
    const res = await this.request('DELETE', key);
    if (!res.ok && res.status !== 404) return this.fail('DELETE', key, res);
    await res.arrayBuffer();
  }
}
