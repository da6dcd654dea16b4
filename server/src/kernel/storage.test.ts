import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStation, freshWorld } from '../../test/factories.js';
import { startTestApp } from '../../test/harness.js';
import { startLocalS3, type LocalS3 } from '../../test/s3.js';
import { uploadFile } from '../../test/uploads.js';
import { loadConfig } from './config.js';
import { sql } from './db/client.js';
import { checkUpload, readStoredFile, withStagedFile } from './files.js';
import {
  amzDate,
  createFileStorage,
  InvalidStorageKey,
  LocalStorage,
  signV4,
  type FileStorage,
  type StorageConfig,
} from './storage.js';

let s3: LocalS3;
const localDirs: string[] = [];
beforeAll(async () => {
  s3 = await startLocalS3();
});
afterAll(async () => {
  await s3.close();
  for (const dir of localDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function localConfig(): StorageConfig {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'su-storage-'));
  localDirs.push(dir);
  return { kind: 'local', dir };
}

describe('AWS Signature Version 4', () => {
  // AWS's documented examples ("Authenticating Requests: Using the Authorization Header", Amazon S3 API reference):
  // the example key pair, bucket examplebucket, 24 May 2013.
  const example = {
    region: 'us-east-1',
    service: 's3',
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    amzDate: '20130524T000000Z',
  };
  const emptyHash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

  it('signs the documented GET Object example to its documented signature', () => {
    const signed = signV4({
      ...example,
      method: 'GET',
      path: '/test.txt',
      headers: {
        Host: 'examplebucket.s3.amazonaws.com',
        Range: 'bytes=0-9',
        'x-amz-content-sha256': emptyHash,
        'x-amz-date': '20130524T000000Z',
      },
      payloadHash: emptyHash,
    });
    expect(signed.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('signs the documented PUT Object example (a key with $, a body) to its documented signature', () => {
    const body = 'Welcome to Amazon S3.';
    const payloadHash = crypto.createHash('sha256').update(body).digest('hex');
    expect(payloadHash).toBe('44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072');
    const signed = signV4({
      ...example,
      method: 'PUT',
      path: '/test%24file.text',
      headers: {
        Host: 'examplebucket.s3.amazonaws.com',
        Date: 'Fri, 24 May 2013 00:00:00 GMT',
        'x-amz-date': '20130524T000000Z',
        'x-amz-storage-class': 'REDUCED_REDUNDANCY',
        'x-amz-content-sha256': payloadHash,
      },
      payloadHash,
    });
    expect(signed.authorization).toMatch(
      /SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd$/,
    );
  });

  it('writes x-amz-date as AWS expects it', () => {
    expect(amzDate(new Date('2013-05-24T00:00:00.000Z'))).toBe('20130524T000000Z');
  });
});

describe.each([
  ['local directory', () => localConfig()],
  ['S3 (s3rver)', () => s3.storage],
])('the file storage contract: %s', (_name, config) => {
  let storage: FileStorage;
  beforeAll(() => {
    storage = createFileStorage(config());
  });

  it('gives back the bytes it was given, every byte value included', async () => {
    const bytes = crypto.randomBytes(300_000);
    const key = `${crypto.randomUUID().slice(0, 2)}/${crypto.randomUUID()}`;
    await storage.put(key, bytes, 'application/pdf');
    expect((await storage.get(key))?.equals(bytes)).toBe(true);
  });

  it('answers null for a key it does not hold', async () => {
    expect(await storage.get(`zz/${crypto.randomUUID()}`)).toBeNull();
  });

  it('replaces the bytes under a key put twice', async () => {
    const key = `ab/${crypto.randomUUID()}`;
    await storage.put(key, Buffer.from('first'), 'text/plain');
    await storage.put(key, Buffer.from('second'), 'text/plain');
    expect((await storage.get(key))?.toString()).toBe('second');
  });

  it('deletes, and deleting what is not there is no error', async () => {
    const key = `cd/${crypto.randomUUID()}`;
    await storage.put(key, Buffer.from('gone soon'), 'text/plain');
    await storage.delete(key);
    expect(await storage.get(key)).toBeNull();
    await storage.delete(key);
  });

  it('refuses keys that could name something else', async () => {
    for (const key of ['../../etc/passwd', '/etc/passwd', 'a/../../b', 'a\\..\\b', '', 'a//b', '.', 'a/./b'])
      await expect(storage.get(key), key).rejects.toBeInstanceOf(InvalidStorageKey);
  });
});

describe('the local file storage', () => {
  it('refuses ../../etc/passwd for every operation, and writes nothing outside its directory', async () => {
    const root = localConfig() as { dir: string };
    const storage = new LocalStorage(path.join(root.dir, 'uploads'));
    await expect(storage.put('../../etc/passwd', Buffer.from('x'), 'text/plain')).rejects.toBeInstanceOf(
      InvalidStorageKey,
    );
    await expect(storage.put('../outside', Buffer.from('x'), 'text/plain')).rejects.toBeInstanceOf(InvalidStorageKey);
    await expect(storage.get('../../etc/passwd')).rejects.toBeInstanceOf(InvalidStorageKey);
    await expect(storage.delete('../../etc/passwd')).rejects.toBeInstanceOf(InvalidStorageKey);
    expect(fs.readdirSync(root.dir).filter((f) => f !== 'uploads')).toEqual([]);
  });

  it('writes through a temporary file renamed into place: nothing half-written is left', async () => {
    const { dir } = localConfig() as { dir: string };
    const storage = new LocalStorage(dir);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => storage.put(`ef/file-${i % 4}`, crypto.randomBytes(50_000), 'x/y')),
    );
    expect(fs.readdirSync(path.join(dir, '.tmp'))).toEqual([]);
    expect(fs.readdirSync(path.join(dir, 'ef')).sort()).toEqual(['file-0', 'file-1', 'file-2', 'file-3']);
    for (const f of fs.readdirSync(path.join(dir, 'ef')))
      expect(fs.statSync(path.join(dir, 'ef', f)).size).toBe(50_000);
  });
});

describe('staged files', () => {
  it('removes the bytes again when the transaction that was to record them fails', async () => {
    const storage = createFileStorage(localConfig());
    const upload = await checkUpload(
      { fileName: 'a.pdf', bytes: Buffer.from('%PDF-1.4 x') },
      {
        allowed: ['pdf'],
        maxBytes: 100,
      },
    );
    let key = '';
    await expect(
      withStagedFile(storage, upload, async (file) => {
        key = file.storageKey;
        expect((await storage.get(key))?.toString()).toBe('%PDF-1.4 x');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await storage.get(key)).toBeNull();
  });
});

describe('storage settings', () => {
  it('keeps uploads in DATA_DIR/uploads unless UPLOADS_DIR says otherwise', () => {
    expect(loadConfig({ DATA_DIR: '/srv/su' }).storage).toEqual({ kind: 'local', dir: '/srv/su/uploads' });
    expect(loadConfig({ DATA_DIR: '/srv/su', UPLOADS_DIR: '/mnt/files' }).storage).toEqual({
      kind: 'local',
      dir: '/mnt/files',
    });
  });

  it('uses S3 when S3_ENDPOINT is set, and names every missing setting', () => {
    expect(() => loadConfig({ S3_ENDPOINT: 'https://s3.example.cn' })).toThrow(
      'S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY',
    );
    expect(() => loadConfig({ S3_ENDPOINT: 'https://s3.example.cn', S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'k' })).toThrow(
      /S3_SECRET_ACCESS_KEY must be set/,
    );
    expect(() =>
      loadConfig({ S3_ENDPOINT: 'not a url', S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's' }),
    ).toThrow(/S3_ENDPOINT/);
    expect(
      loadConfig({
        S3_ENDPOINT: 'https://s3.example.cn',
        S3_BUCKET: 'b',
        S3_ACCESS_KEY_ID: 'k',
        S3_SECRET_ACCESS_KEY: 's',
      }).storage,
    ).toEqual({
      kind: 's3',
      endpoint: 'https://s3.example.cn/',
      bucket: 'b',
      accessKeyId: 'k',
      secretAccessKey: 's',
      region: 'us-east-1',
    });
  });
});

describe('uploads through the API with S3 configured', () => {
  it('stores a station photo in the bucket, not the database, and serves it back byte for byte', async () => {
    const t = await startTestApp({ storage: loadConfig({ ...s3.env }).storage });
    try {
      expect(t.ctx.fileStorage.kind).toBe('s3');
      const w = await freshWorld(t);
      const station = await createStation(t, w, '桶里有照片的驿站', '团结西路1号');
      const png = PNG.sync.write(new PNG({ width: 3, height: 2 }));
      const added = await uploadFile(
        t,
        `/api/v1/stations/${station.code}/photos`,
        w.admin.token,
        'p.png',
        png,
        'image/png',
      );
      expect(added.status).toBe(200);
      const url: string = added.json.photos[0];
      const fileId = url.split('/').pop()!;
      const [row] = (
        (await t.ctx.db.execute(
          sql`select storage_key, content is null as no_content, sha256 from files where id = ${fileId}`,
        )) as unknown as { rows: { storage_key: string; no_content: boolean; sha256: string }[] }
      ).rows;
      expect(row).toMatchObject({ storage_key: `${fileId.slice(0, 2)}/${fileId}`, no_content: true });
      const inBucket = await createFileStorage(s3.storage).get(row!.storage_key);
      expect(crypto.createHash('sha256').update(inBucket!).digest('hex')).toBe(row!.sha256);

      const served = await t.app.inject({ method: 'GET', url });
      expect(served.statusCode).toBe(200);
      expect(served.headers['content-type']).toBe('image/png');
      expect(served.rawPayload.equals(inBucket!)).toBe(true);
    } finally {
      await t.close();
    }
  });

  it('still serves a file stored in the database before there was a file storage', async () => {
    const t = await startTestApp({ storage: loadConfig({ ...s3.env }).storage });
    try {
      const w = await freshWorld(t);
      const station = await createStation(t, w, '老照片驿站', '团结西路2号');
      const png = PNG.sync.write(new PNG({ width: 2, height: 2 }));
      const id = crypto.randomUUID();
      // A row as the server wrote it before migration 0009: the bytes in `content`, no storage key.
      await t.ctx.db
        .execute(sql`insert into files (id, owner_kind, owner_id, file_name, media_type, size_bytes, sha256, content)
        values (${id}, 'station', ${station.id}, 'old.png', 'image/png', ${png.length}, 'x', ${png})`);
      await t.ctx.db.execute(sql`update stations set photo_file_ids = array[${id}]::uuid[] where id = ${station.id}`);
      const served = await t.app.inject({ method: 'GET', url: `/api/v1/stations/${station.code}/photos/${id}` });
      expect(served.statusCode).toBe(200);
      expect(served.rawPayload.equals(png)).toBe(true);
      // A row whose bytes the storage lost is a fault (500, logged), not a 404.
      const lost = crypto.randomUUID();
      await t.ctx.db
        .execute(sql`insert into files (id, owner_kind, owner_id, file_name, media_type, size_bytes, sha256, storage_key)
        values (${lost}, 'station', ${station.id}, 'lost.png', 'image/png', 1, 'x', ${`zz/${lost}`})`);
      await expect(readStoredFile(t.ctx.db, t.ctx.fileStorage, lost)).rejects.toThrow(
        /missing from the s3 file storage/,
      );
      // Bytes in neither place, or in both, are refused by the database.
      await expect(
        t.ctx.db.execute(sql`insert into files (owner_kind, owner_id, file_name, media_type, size_bytes, sha256)
          values ('station', ${station.id}, 'none.png', 'image/png', 1, 'x')`),
      ).rejects.toThrow();
    } finally {
      await t.close();
    }
  });
});
