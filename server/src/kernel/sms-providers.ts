import crypto from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Clock } from './clock.js';
import type { AliyunSmsSettings, Config, TencentSmsSettings } from './config.js';
import { maskPhone } from './pii.js';
import { createConsoleSmsProvider, SmsSendError, type SmsProvider } from './sms.js';
import { aliyunPercentEncode, aliyunSignature, aliyunTimestamp, tc3Authorization } from './sms-signing.js';

/*
 * The real SMS providers (SMS_PROVIDER=aliyun|tencent): one sign-in code per message, the template and signature
 * (短信签名) approved in the provider's console, the code as the template's parameter. A transient failure (network,
 * timeout, HTTP 5xx or 429, the provider's "system busy" and API throttling codes) is tried again, up to three
 * attempts with exponential backoff and jitter; a refusal (bad credentials, the provider's per-phone frequency
 * control, an unapproved template…) is not. Retrying after a timeout may deliver the same code twice: harmless.
 * Logs carry the masked phone and the provider's error code, never the phone or the code in full.
 */

/** The part of the app's logger (pino) the adapters use. */
export interface SmsLog {
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface SmsAdapterOptions {
  clock: Clock;
  log: SmsLog;
  /** Each attempt's deadline (request and answer), ms; 5 s by default. */
  timeoutMs?: number;
  /** Attempts in all; 3 by default. */
  attempts?: number;
  /** The wait before retry n is between ½ and 1 × baseDelayMs·2^(n−1); 300 ms by default. */
  baseDelayMs?: number;
  /** How a wait is waited (tests make it instant); a timer by default. */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1); Math.random by default. */
  random?: () => number;
}

/** The provider the configuration names (app.ts): the console provider prints to the terminal outside production. */
export function createSmsProvider(config: Config, options: SmsAdapterOptions): SmsProvider {
  if (config.smsProvider === 'aliyun' && config.aliyunSms) return createAliyunSmsProvider(config.aliyunSms, options);
  if (config.smsProvider === 'tencent' && config.tencentSms)
    return createTencentSmsProvider(config.tencentSms, options);
  return createConsoleSmsProvider((line) => (config.production ? undefined : console.log(line)), options.clock);
}

type Outcome = { ok: true } | { ok: false; transient: boolean; reason: string };

/** The wait before retry `n` (1-based): exponential, with the upper half jittered so that retries spread out. */
export function backoffDelay(n: number, baseDelayMs: number, random: () => number): number {
  const ceiling = baseDelayMs * 2 ** (n - 1);
  return ceiling / 2 + (random() * ceiling) / 2;
}

async function sendWithRetries(
  provider: string,
  phone: string,
  attempt: (signal: AbortSignal) => Promise<Outcome>,
  options: SmsAdapterOptions,
): Promise<void> {
  const attempts = options.attempts ?? 3;
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  let maybeDelivered = false;
  for (let n = 1; ; n++) {
    let outcome: Outcome;
    try {
      outcome = await attempt(AbortSignal.timeout(options.timeoutMs ?? 5000));
    } catch (error) {
      outcome = { ok: false, transient: true, reason: fetchFailure(error) };
      maybeDelivered ||= !neverReached(error);
    }
    if (outcome.ok) return;
    const fields = { sms: { provider, phone: maskPhone(phone), attempt: n, reason: outcome.reason } };
    if (!outcome.transient || n >= attempts) {
      options.log.error(fields, 'SMS not sent');
      throw new SmsSendError(provider, outcome.reason, maybeDelivered);
    }
    const wait = backoffDelay(n, options.baseDelayMs ?? 300, options.random ?? Math.random);
    options.log.warn({ ...fields, retryInMs: Math.round(wait) }, 'SMS not sent, trying again');
    await sleep(wait);
  }
}

/** Failures before the request could have reached the provider: no connection was made at all. */
const unreachable = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function neverReached(error: unknown): boolean {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' && unreachable.has(cause.code);
}

/** A request that got no answer: the deadline passed, or the connection failed (its system error code). */
function fetchFailure(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timeout';
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return `network error${typeof cause?.code === 'string' ? ` ${cause.code}` : ''}`;
}

/**
 * A provider's message for the log, with every run of six or more digits cut out: an error message may quote the
 * request (Alibaba's SignatureDoesNotMatch quotes the string it signed), with the phone and the code in it.
 */
function redacted(message: unknown): string {
  return typeof message === 'string' ? message.replace(/\d{6,}/g, '…').slice(0, 300) : '';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const transientStatus = (status: number) => status >= 500 || status === 429;

// ── Alibaba Cloud SMS: Dysmsapi SendSms, version 2017-05-25, RPC style, signature v1 (HMAC-SHA1, sms-signing.ts) ──

/**
 * Codes worth another attempt (API reference "错误码" of SMS and the common codes of the RPC gateway): the
 * platform's system error and its throttling of API calls. isv.BUSINESS_LIMIT_CONTROL (the per-phone frequency
 * control) and isv.DAY_LIMIT_CONTROL are the provider's business limits: not retried.
 */
const aliyunTransient = (code: string) =>
  code === 'isp.SYSTEM_ERROR' ||
  code === 'ServiceUnavailable' ||
  code === 'InternalError' ||
  code === 'Throttling' ||
  code.startsWith('Throttling.');

export function createAliyunSmsProvider(settings: AliyunSmsSettings, options: SmsAdapterOptions): SmsProvider {
  return {
    name: 'aliyun',
    send: (phone, _text, code) =>
      sendWithRetries(
        'aliyun',
        phone,
        async (signal) => {
          // A fresh nonce and timestamp each attempt: the provider refuses a nonce it has seen (SignatureNonceUsed).
          const params: Record<string, string> = {
            AccessKeyId: settings.accessKeyId,
            Action: 'SendSms',
            Format: 'JSON',
            PhoneNumbers: phone,
            RegionId: 'cn-hangzhou',
            SignName: settings.signName,
            SignatureMethod: 'HMAC-SHA1',
            SignatureNonce: crypto.randomUUID(),
            SignatureVersion: '1.0',
            TemplateCode: settings.templateCode,
            TemplateParam: JSON.stringify({ code }),
            Timestamp: aliyunTimestamp(options.clock.now()),
            Version: '2017-05-25',
          };
          // POST, parameters in the form body: the phone and the code stay out of URLs (and proxies' access logs).
          params.Signature = aliyunSignature('POST', params, settings.accessKeySecret);
          const body = Object.entries(params)
            .map(([name, value]) => `${aliyunPercentEncode(name)}=${aliyunPercentEncode(value)}`)
            .join('&');
          const response = await fetch(`${settings.endpoint}/`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
            body,
            signal,
          });
          const answer = parseJson(await response.text()) as { Code?: unknown; Message?: unknown } | null;
          const providerCode = typeof answer?.Code === 'string' ? answer.Code : null;
          if (response.ok && providerCode === 'OK') return { ok: true };
          return {
            ok: false,
            transient: transientStatus(response.status) || (providerCode !== null && aliyunTransient(providerCode)),
            reason: `HTTP ${response.status} ${providerCode ?? '(no code)'} ${redacted(answer?.Message)}`.trim(),
          };
        },
        options,
      ),
  };
}

// ── Tencent Cloud SMS: SendSms, version 2021-01-11, TC3-HMAC-SHA256 (sms-signing.ts) ─────────────────────────────

/**
 * Codes worth another attempt (SMS "错误码" and the API's common error codes): internal errors and timeouts of the
 * platform, and its throttling of API calls (RequestLimitExceeded*). LimitExceeded.* (per-phone and daily
 * frequency limits) are business limits: not retried.
 */
const tencentTransient = (code: string) =>
  code === 'InternalError' ||
  code === 'InternalError.Timeout' ||
  code === 'InternalError.SendAndRecvFail' ||
  code === 'RequestLimitExceeded' ||
  code.startsWith('RequestLimitExceeded.');

interface TencentAnswer {
  Response?: {
    Error?: { Code?: unknown; Message?: unknown };
    SendStatusSet?: { Code?: unknown; Message?: unknown }[];
  };
}

export function createTencentSmsProvider(settings: TencentSmsSettings, options: SmsAdapterOptions): SmsProvider {
  const url = new URL(settings.endpoint);
  const contentType = 'application/json; charset=utf-8';
  return {
    name: 'tencent',
    send: (phone, _text, code) =>
      sendWithRetries(
        'tencent',
        phone,
        async (signal) => {
          const payload = JSON.stringify({
            PhoneNumberSet: [`+86${phone}`],
            SmsSdkAppId: settings.sdkAppId,
            SignName: settings.signName,
            TemplateId: settings.templateId,
            // The template's two parameters: the code and its lifetime in minutes.
            TemplateParamSet: [code, '5'],
          });
          const timestamp = Math.floor(options.clock.now().getTime() / 1000);
          const { authorization } = tc3Authorization({
            secretId: settings.secretId,
            secretKey: settings.secretKey,
            service: 'sms',
            // fetch sends Host from the URL: url.host is exactly that (the port only when it is not the default).
            signedHeaders: { 'content-type': contentType, host: url.host, 'x-tc-action': 'SendSms' },
            payload,
            timestamp,
          });
          const response = await fetch(`${url.origin}/`, {
            method: 'POST',
            headers: {
              authorization,
              'content-type': contentType,
              'x-tc-action': 'SendSms',
              'x-tc-timestamp': String(timestamp),
              'x-tc-version': '2021-01-11',
              'x-tc-region': settings.region,
            },
            body: payload,
            signal,
          });
          const answer = (parseJson(await response.text()) as TencentAnswer | null)?.Response;
          // Success: no Response.Error, and the one number's SendStatus says "Ok".
          const failure =
            answer?.Error ?? (answer?.SendStatusSet?.[0]?.Code === 'Ok' ? null : answer?.SendStatusSet?.[0]);
          if (response.ok && answer && failure === null) return { ok: true };
          const providerCode = typeof failure?.Code === 'string' ? failure.Code : null;
          return {
            ok: false,
            transient: transientStatus(response.status) || (providerCode !== null && tencentTransient(providerCode)),
            reason: `HTTP ${response.status} ${providerCode ?? '(no code)'} ${redacted(failure?.Message)}`.trim(),
          };
        },
        options,
      ),
  };
}
