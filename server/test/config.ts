import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../src/kernel/config.js';

export const testAdminPassword = 'root-admin-pass';
export const testPiiKey = crypto.createHash('sha256').update('smart-union test key').digest();

/** A directory of its own for each test app's uploads (made on the first upload, removed when the app closes). */
export function testUploadsDir(): string {
  return path.join(os.tmpdir(), `su-uploads-${crypto.randomUUID()}`);
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    ADMIN_PASSWORD: testAdminPassword,
    DEMO_DATA: '',
    WEB_DIR: '',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  });
  return {
    ...config,
    storage: config.storage.kind === 'local' ? { kind: 'local', dir: testUploadsDir() } : config.storage,
    smsLimitPerAddressPerDay: 1_000_000,
    // Every request of a test comes from one address; kernel/quota.test.ts checks the real limits.
    queueLimits: {
      legalCases: { perApplicant: 1_000, perAddress: 1_000_000 },
      membershipApplications: { perApplicant: 1_000, perAddress: 1_000_000 },
      suggestions: { perApplicant: 1_000, perAddress: 1_000_000 },
    },
    ...overrides,
  };
}
