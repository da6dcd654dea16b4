import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import type { StorageConfig } from '../src/kernel/storage.js';

export interface LocalS3 {
  storage: Extract<StorageConfig, { kind: 's3' }>;
  /** The same settings as the environment gives them. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * s3rver on 127.0.0.1 (a free port) over a temporary directory, with one bucket; it checks every request's
 * Signature V4 against its built-in key pair S3RVER / S3RVER, as S3 does.
 */
export async function startLocalS3(bucket = 'uploads'): Promise<LocalS3> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'su-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    storage: {
      kind: 's3',
      endpoint: `${endpoint}/`,
      bucket,
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      region: 'us-east-1',
    },
    env: { S3_ENDPOINT: endpoint, S3_BUCKET: bucket, S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER' },
    async close() {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
