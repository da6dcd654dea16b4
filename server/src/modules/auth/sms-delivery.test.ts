import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSmsProvider, type FakeSmsProvider } from '../../../test/fake-sms-providers.js';
import { randomPhone } from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { SettableClock } from '../../kernel/clock.js';
import type { SmsProvider } from '../../kernel/sms.js';
import {
  createAliyunSmsProvider,
  createTencentSmsProvider,
  type SmsAdapterOptions,
} from '../../kernel/sms-providers.js';
import { countCodesSince } from './auth.repository.js';

/*
 * Sign-in codes through a real provider's adapter and the fake provider (test/fake-sms-providers.ts): the code
 * reaches the phone and signs in; a transient failure is retried; a send that finally fails answers 503
 * SMS_UNAVAILABLE and burns nothing — no cooldown, no daily count, no usable code.
 */

const credentials = { keyId: 'delivery-key-id', secret: 'delivery-secret' };

describe.each(['aliyun', 'tencent'] as const)('sign-in codes by %s SMS', (kind) => {
  let fake: FakeSmsProvider;
  let t: TestApp;
  const clock = new SettableClock();
  /** Every code the app handed to the provider, delivered or not. */
  const handedOver: { phone: string; code: string }[] = [];

  beforeAll(async () => {
    fake = await startFakeSmsProvider(kind, credentials);
    const options: SmsAdapterOptions = {
      clock,
      log: { warn: () => undefined, error: () => undefined },
      sleep: async () => undefined,
      timeoutMs: 2000,
    };
    const adapter =
      kind === 'aliyun'
        ? createAliyunSmsProvider(
            {
              accessKeyId: credentials.keyId,
              accessKeySecret: credentials.secret,
              signName: '智慧工会',
              templateCode: 'SMS_480000001',
              endpoint: fake.url,
            },
            options,
          )
        : createTencentSmsProvider(
            {
              secretId: credentials.keyId,
              secretKey: credentials.secret,
              sdkAppId: '1400006666',
              signName: '智慧工会',
              templateId: '2100001',
              region: 'ap-guangzhou',
              endpoint: fake.url,
            },
            options,
          );
    const sms: SmsProvider = {
      name: adapter.name,
      send: (phone, text, code) => {
        handedOver.push({ phone, code });
        return adapter.send(phone, text, code);
      },
    };
    t = await startTestApp({ smsLimitPerPhonePerDay: 2 }, { clock, sms });
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  const askForCode = (phone: string, headers: Record<string, string> = {}) =>
    t.call('POST', '/api/v1/auth/sms-code', { body: { phone }, headers });
  const signIn = (phone: string, code: string) =>
    t.call('POST', '/api/v1/auth/member-login', { body: { phone, code } });
  const codesToday = (phone: string) =>
    countCodesSince(t.ctx.db, { phoneHash: t.ctx.pii.blindIndex('phone', phone) }, new Date(Date.now() - 86_400_000));

  it('delivers the code, which signs the member in; there is no dev outbox', async () => {
    const phone = randomPhone();
    const sent = await askForCode(phone);
    expect(sent.status).toBe(202);
    const [message] = fake.received(phone);
    expect(message).toMatchObject({
      phone,
      signName: '智慧工会',
      templateId: kind === 'aliyun' ? 'SMS_480000001' : '2100001',
    });
    expect(message!.code).toMatch(/^\d{6}$/);
    expect((await signIn(phone, message!.code)).status).toBe(200);
    expect((await t.call('GET', `/api/v1/dev/sms-outbox?phone=${phone}`)).status).toBe(404);
  });

  it('retries a transient failure: the member gets the code all the same', async () => {
    const phone = randomPhone();
    const before = fake.requestCount();
    fake.failNext(1, 'http500');
    expect((await askForCode(phone)).status).toBe(202);
    expect(fake.requestCount() - before).toBe(2);
    expect((await signIn(phone, fake.received(phone)[0]!.code)).status).toBe(200);
  });

  it('answers 503 SMS_UNAVAILABLE when the provider finally refuses, and burns nothing', async () => {
    const phone = randomPhone();
    fake.failNext(3, 'http500');
    const failed = await askForCode(phone);
    expect(failed.status).toBe(503);
    expect(failed.json.error).toMatchObject({ code: 'SMS_UNAVAILABLE', message: '短信验证码发送失败，请稍后重新获取' });
    expect(fake.received(phone)).toEqual([]);
    expect(await codesToday(phone)).toBe(0);
    // The code handed to the provider does not sign in.
    const lost = handedOver.filter((h) => h.phone === phone).at(-1)!;
    expect((await signIn(phone, lost.code)).status).toBe(401);

    // No cooldown: the member asks again at once and gets a code.
    expect((await askForCode(phone)).status).toBe(202);
    expect(await codesToday(phone)).toBe(1);

    // The daily cap (2 here) counts only codes sent: one more, a minute later, is still allowed; then 429.
    clock.advance(61_000);
    expect((await askForCode(phone)).status).toBe(202);
    clock.advance(61_000);
    const capped = await askForCode(phone);
    expect(capped.status).toBe(429);
    expect(capped.json.error.details.reason).toBe('phone_daily_limit');
    expect(await codesToday(phone)).toBe(2);
    expect((await signIn(phone, fake.received(phone)[0]!.code)).status).toBe(200);
  });

  it('keeps the code valid and counted when the message may have gone out (the connection dropped after the request)', async () => {
    const phone = randomPhone();
    fake.failNext(3, 'network');
    const failed = await askForCode(phone);
    expect(failed.status).toBe(503);
    expect(failed.json.error.code).toBe('SMS_UNAVAILABLE');
    // The provider may have delivered it: the cooldown holds (no flood of messages), the day's count has it …
    expect(await codesToday(phone)).toBe(1);
    expect((await askForCode(phone)).status).toBe(429);
    // … and the code, if it arrives, signs in.
    const handed = handedOver.filter((h) => h.phone === phone).at(-1)!;
    expect((await signIn(phone, handed.code)).status).toBe(200);
  });

  it("does not retry the provider's refusal, answers 503 in the member's language", async () => {
    const phone = randomPhone();
    const before = fake.requestCount();
    fake.failNext(1, 'providerError');
    const failed = await askForCode(phone, { 'accept-language': 'en' });
    expect(failed.status).toBe(503);
    expect(failed.json.error).toMatchObject({
      code: 'SMS_UNAVAILABLE',
      message: 'The code could not be sent by SMS; please ask for a new one in a moment',
    });
    expect(fake.requestCount() - before).toBe(1);
    expect((await askForCode(phone)).status).toBe(202);
  });
});
