import crypto from 'node:crypto';
import { loadConfig, type Config } from '../src/kernel/config.js';

export const testAdminPassword = 'root-admin-pass';
export const testPiiKey = crypto.createHash('sha256').update('smart-union test key').digest();

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({
      ...process.env,
      NODE_ENV: 'test',
      ADMIN_PASSWORD: testAdminPassword,
      DEMO_DATA: '',
      WEB_DIR: '',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    }),
    smsLimitPerAddressPerDay: 1_000_000,
    ...overrides,
  };
}
