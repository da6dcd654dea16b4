import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSmsProvider, type FakeSmsProvider } from '../../test/fake-sms-providers.js';
import { SettableClock, systemClock } from './clock.js';
import { loadConfig, type AliyunSmsSettings, type TencentSmsSettings } from './config.js';
import { SmsSendError, type SmsProvider } from './sms.js';
import {
  backoffDelay,
  createAliyunSmsProvider,
  createSmsProvider,
  createTencentSmsProvider,
  type SmsAdapterOptions,
} from './sms-providers.js';
import { aliyunSignature } from './sms-signing.js';

const phone = '13912345678';
const credentials = { keyId: 'test-key-id', secret: 'test-key-secret' };

/** What the adapters logged, and the waits they asked for (no real sleeping). */
function harness(overrides: Partial<SmsAdapterOptions> = {}) {
  const lines: { level: string; fields: object; message: string }[] = [];
  const waits: number[] = [];
  const options: SmsAdapterOptions = {
    clock: systemClock,
    log: {
      warn: (fields, message) => lines.push({ level: 'warn', fields, message }),
      error: (fields, message) => lines.push({ level: 'error', fields, message }),
    },
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0.5,
    timeoutMs: 2000,
    ...overrides,
  };
  return { options, lines, waits };
}

const aliyunSettings = (endpoint: string, secret = credentials.secret): AliyunSmsSettings => ({
  accessKeyId: credentials.keyId,
  accessKeySecret: secret,
  signName: '智慧工会',
  templateCode: 'SMS_123456789',
  endpoint,
});

const tencentSettings = (endpoint: string, secret = credentials.secret): TencentSmsSettings => ({
  secretId: credentials.keyId,
  secretKey: secret,
  sdkAppId: '1400006666',
  signName: '智慧工会',
  templateId: '1110',
  region: 'ap-guangzhou',
  endpoint,
});

const kinds = [
  {
    kind: 'aliyun' as const,
    make: (endpoint: string, options: SmsAdapterOptions, secret?: string) =>
      createAliyunSmsProvider(aliyunSettings(endpoint, secret), options),
    templateId: 'SMS_123456789',
    signatureRefusal: 'SignatureDoesNotMatch',
    staleRefusal: 'InvalidTimeStamp.Expired',
    businessLimit: 'isv.BUSINESS_LIMIT_CONTROL',
  },
  {
    kind: 'tencent' as const,
    make: (endpoint: string, options: SmsAdapterOptions, secret?: string) =>
      createTencentSmsProvider(tencentSettings(endpoint, secret), options),
    templateId: '1110',
    signatureRefusal: 'AuthFailure.SignatureFailure',
    staleRefusal: 'AuthFailure.SignatureExpire',
    businessLimit: 'LimitExceeded.PhoneNumberThirtySecondLimit',
  },
];

describe.each(kinds)('$kind SMS adapter against the fake provider', (k) => {
  let fake: FakeSmsProvider;
  beforeAll(async () => {
    fake = await startFakeSmsProvider(k.kind, credentials);
  });
  afterAll(async () => {
    await fake.close();
  });

  async function expectRefused(provider: SmsProvider): Promise<SmsSendError> {
    const error = await provider.send(phone, 'text', '123456').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SmsSendError);
    return error as SmsSendError;
  }

  it('sends the code with the template and signature of the settings', async () => {
    const { options, lines } = harness();
    await k.make(fake.url, options).send(phone, 'the text is not sent: the template is', '654321');
    expect(fake.received(phone)[0]).toEqual({ phone, code: '654321', templateId: k.templateId, signName: '智慧工会' });
    expect(lines).toEqual([]);
  });

  it('is refused by the fake when signed with another secret, and does not try again', async () => {
    const { options, lines, waits } = harness();
    const before = fake.requestCount();
    const error = await expectRefused(k.make(fake.url, options, 'not-the-secret'));
    expect(fake.requestCount() - before).toBe(1);
    expect(fake.errors().at(-1)).toBe(k.signatureRefusal);
    expect(error.reason).toContain(k.signatureRefusal);
    expect(waits).toEqual([]);
    expect(lines.map((l) => l.level)).toEqual(['error']);
  });

  it('is refused by the fake when its clock is 20 minutes off (timestamp freshness)', async () => {
    const { options } = harness({ clock: new SettableClock(new Date(Date.now() - 20 * 60_000)) });
    await expectRefused(k.make(fake.url, options));
    expect(fake.errors().at(-1)).toBe(k.staleRefusal);
  });

  it.each(['network', 'http500', 'providerBusy'] as const)(
    'tries again after one transient failure (%s), after a jittered backoff',
    async (how) => {
      const { options, waits, lines } = harness({ random: () => 0 });
      const before = fake.requestCount();
      fake.failNext(1, how);
      await k.make(fake.url, options).send(phone, 'text', '111222');
      expect(fake.requestCount() - before).toBe(2);
      expect(fake.received(phone)[0]!.code).toBe('111222');
      expect(waits).toEqual([150]);
      expect(lines.map((l) => l.message)).toEqual(['SMS not sent, trying again']);
    },
  );

  it('gives up after three attempts, waiting longer each time', async () => {
    const { options, waits } = harness({ random: () => 0.999 });
    const before = fake.requestCount();
    fake.failNext(3, 'http500');
    await expectRefused(k.make(fake.url, options));
    expect(fake.requestCount() - before).toBe(3);
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThan(299);
    expect(waits[1]).toBeGreaterThan(599);
  });

  it("does not try again after the provider's per-phone frequency control", async () => {
    const { options, waits } = harness();
    const before = fake.requestCount();
    fake.failNext(1, 'providerError');
    const error = await expectRefused(k.make(fake.url, options));
    expect(error.reason).toContain(k.businessLimit);
    expect(fake.requestCount() - before).toBe(1);
    expect(waits).toEqual([]);
  });

  it('logs the masked phone and never the phone or the code', async () => {
    const { options, lines } = harness();
    fake.failNext(1, 'network');
    await k.make(fake.url, options).send(phone, 'text', '987654');
    await expectRefused(k.make(fake.url, options, 'not-the-secret'));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    const logged = JSON.stringify(lines);
    expect(logged).toContain('139****5678');
    expect(logged).not.toContain(phone);
    expect(logged).not.toContain('987654');
    expect(logged).not.toContain('123456');
  });
});

describe('SMS adapters without an answer', () => {
  let silent: http.Server;
  let url: string;
  beforeAll(async () => {
    silent = http.createServer(() => undefined); // reads the request, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
  });

  it.each(kinds)('$kind: a request that times out is tried again, then given up', async (k) => {
    const { options, lines } = harness({ timeoutMs: 100, attempts: 2 });
    const started = Date.now();
    const error = await k
      .make(url, options)
      .send(phone, 'text', '123456')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmsSendError);
    expect((error as SmsSendError).reason).toBe('timeout');
    expect(lines.map((l) => l.level)).toEqual(['warn', 'error']);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('the fake Alibaba Cloud provider', () => {
  it("accepts the document's own worked example (SendSms, testId / testSecret, zJDF+Lrzhj/ThnlvIToysFRq6t4=)", async () => {
    // The example's time, so that its timestamp is fresh; its template has no code parameter, which the fake's
    // sign-in template needs: the answer is that business refusal, given only after the signature checks passed.
    const fake = await startFakeSmsProvider(
      'aliyun',
      { keyId: 'testId', secret: 'testSecret' },
      { now: () => new Date('2017-07-12T02:45:00Z') },
    );
    try {
      const query =
        'Signature=zJDF%2BLrzhj%2FThnlvIToysFRq6t4%3D&AccessKeyId=testId&Action=SendSms&Format=XML&OutId=123' +
        '&PhoneNumbers=15300000001&RegionId=cn-hangzhou' +
        '&SignName=%E9%98%BF%E9%87%8C%E4%BA%91%E7%9F%AD%E4%BF%A1%E6%B5%8B%E8%AF%95%E4%B8%93%E7%94%A8' +
        '&SignatureMethod=HMAC-SHA1&SignatureNonce=45e25e9b-0a6f-4070-8c85-2956eda1b466&SignatureVersion=1.0' +
        '&TemplateCode=SMS_71390007&TemplateParam=%7B%22customer%22%3A%22test%22%7D' +
        '&Timestamp=2017-07-12T02%3A42%3A19Z&Version=2017-05-25';
      const answer = await fetch(`${fake.url}/?${query}`);
      expect(answer.headers.get('content-type')).toContain('xml');
      expect(await answer.text()).toContain('<Code>isv.TEMPLATE_MISSING_PARAMETERS</Code>');
      // The same request once more: the nonce was used.
      await fetch(`${fake.url}/?${query}`);
      // One character of the signature changed: refused.
      await fetch(`${fake.url}/?${query.replace('zJDF', 'zJDG')}`);
      expect(fake.errors()).toEqual(['isv.TEMPLATE_MISSING_PARAMETERS', 'SignatureNonceUsed', 'SignatureDoesNotMatch']);
    } finally {
      await fake.close();
    }
  });

  it('names a missing required parameter', async () => {
    const fake = await startFakeSmsProvider('aliyun', credentials);
    try {
      const params: Record<string, string> = {
        AccessKeyId: credentials.keyId,
        Action: 'SendSms',
        Format: 'JSON',
        PhoneNumbers: phone,
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: 'n-1',
        SignatureVersion: '1.0',
        TemplateCode: 'SMS_1',
        Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        Version: '2017-05-25',
      };
      params.Signature = aliyunSignature('GET', params, credentials.secret);
      const answer = await fetch(`${fake.url}/?${new URLSearchParams(params)}`);
      expect(answer.status).toBe(400);
      expect(await answer.json()).toMatchObject({ Code: 'MissingSignName' });
    } finally {
      await fake.close();
    }
  });
});

describe('SMS settings (loadConfig)', () => {
  const aliyunEnv = {
    SMS_PROVIDER: 'aliyun',
    ALIYUN_SMS_ACCESS_KEY_ID: 'id',
    ALIYUN_SMS_ACCESS_KEY_SECRET: 'secret',
    ALIYUN_SMS_SIGN_NAME: '智慧工会',
    ALIYUN_SMS_TEMPLATE_CODE: 'SMS_1',
  };
  const tencentEnv = {
    SMS_PROVIDER: 'tencent',
    TENCENT_SMS_SECRET_ID: 'id',
    TENCENT_SMS_SECRET_KEY: 'key',
    TENCENT_SMS_SDK_APP_ID: '1400006666',
    TENCENT_SMS_SIGN_NAME: '智慧工会',
    TENCENT_SMS_TEMPLATE_ID: '1110',
  };
  const production = { NODE_ENV: 'production', PII_KEY: Buffer.alloc(32, 7).toString('hex') };

  it('is the console provider by default outside production', () => {
    expect(loadConfig({}).smsProvider).toBe('console');
    expect(loadConfig({ NODE_ENV: 'test', SMS_PROVIDER: 'console' })).toMatchObject({
      smsProvider: 'console',
      aliyunSms: null,
      tencentSms: null,
    });
  });

  it('refuses the dev SMS outbox in production, whether SMS_PROVIDER is unset or console', () => {
    expect(() => loadConfig(production)).toThrow(
      'the dev SMS outbox is not for production; set SMS_PROVIDER=aliyun or tencent',
    );
    expect(() => loadConfig({ ...production, SMS_PROVIDER: 'console' })).toThrow('not for production');
    expect(loadConfig({ ...production, ...aliyunEnv }).smsProvider).toBe('aliyun');
  });

  it('names every missing variable of the chosen provider', () => {
    expect(() =>
      loadConfig({ SMS_PROVIDER: 'aliyun', ALIYUN_SMS_ACCESS_KEY_ID: 'id', ALIYUN_SMS_SIGN_NAME: 'x' }),
    ).toThrow('SMS_PROVIDER=aliyun needs ALIYUN_SMS_ACCESS_KEY_SECRET, ALIYUN_SMS_TEMPLATE_CODE');
    expect(() => loadConfig({ SMS_PROVIDER: 'tencent' })).toThrow(
      'SMS_PROVIDER=tencent needs TENCENT_SMS_SECRET_ID, TENCENT_SMS_SECRET_KEY, TENCENT_SMS_SDK_APP_ID, TENCENT_SMS_SIGN_NAME, TENCENT_SMS_TEMPLATE_ID',
    );
    expect(() => loadConfig({ SMS_PROVIDER: 'twilio' })).toThrow('SMS_PROVIDER: expected aliyun, tencent or console');
    expect(() => loadConfig({ ...aliyunEnv, ALIYUN_SMS_ENDPOINT: 'dysmsapi' })).toThrow('ALIYUN_SMS_ENDPOINT');
  });

  it('reads the settings, with the documented default endpoints and region', () => {
    expect(loadConfig(aliyunEnv).aliyunSms).toEqual({
      accessKeyId: 'id',
      accessKeySecret: 'secret',
      signName: '智慧工会',
      templateCode: 'SMS_1',
      endpoint: 'https://dysmsapi.aliyuncs.com',
    });
    expect(loadConfig(tencentEnv).tencentSms).toEqual({
      secretId: 'id',
      secretKey: 'key',
      sdkAppId: '1400006666',
      signName: '智慧工会',
      templateId: '1110',
      region: 'ap-guangzhou',
      endpoint: 'https://sms.tencentcloudapi.com',
    });
  });

  it.each(kinds)(
    '$kind: the app builds the configured adapter, which reaches the endpoint of the settings',
    async (k) => {
      const fake = await startFakeSmsProvider(k.kind, { keyId: 'id', secret: k.kind === 'aliyun' ? 'secret' : 'key' });
      try {
        const env =
          k.kind === 'aliyun'
            ? { ...aliyunEnv, ALIYUN_SMS_ENDPOINT: fake.url }
            : { ...tencentEnv, TENCENT_SMS_ENDPOINT: fake.url, TENCENT_SMS_REGION: 'ap-beijing' };
        const provider = createSmsProvider(loadConfig(env), harness().options);
        expect(provider.name).toBe(k.kind);
        expect(provider.outbox).toBeUndefined();
        await provider.send(phone, 'text', '246810');
        expect(fake.received()).toEqual([
          { phone, code: '246810', templateId: k.kind === 'aliyun' ? 'SMS_1' : '1110', signName: '智慧工会' },
        ]);
      } finally {
        await fake.close();
      }
    },
  );
});

describe('backoff', () => {
  it('doubles per retry, jittered over the upper half', () => {
    expect([1, 2, 3].map((n) => backoffDelay(n, 300, () => 0))).toEqual([150, 300, 600]);
    expect([1, 2, 3].map((n) => backoffDelay(n, 300, () => 1))).toEqual([300, 600, 1200]);
  });
});
