/**
 * Fake Alibaba Cloud SMS (Dysmsapi SendSms 2017-05-25) and Tencent Cloud SMS (SendSms 2021-01-11) endpoints: a real
 * HTTP server on 127.0.0.1 that reads a request as the provider does, checks its signature, timestamp and required
 * fields as the provider's documents describe them, answers in the provider's documented response shape, and
 * records the codes it accepted.
 *
 * The signature checks here are written from the documents on their own — they share no code with the server's
 * signing (server/src/kernel/sms-signing.ts), so one misreading of a document cannot pass on both sides:
 * - Alibaba Cloud, "签名机制" (RPC signature v1): parameters of the query and of a form body, all but Signature,
 *   sorted by name, each name and value encoded with only A–Z a–z 0–9 - _ . ~ left as they are; StringToSign =
 *   METHOD&%2F&encode(canonical query); Signature = Base64(HMAC-SHA1(secret + "&", StringToSign)). Timestamp within
 *   15 minutes, each SignatureNonce once.
 * - Tencent Cloud, "签名方法 v3" (TC3-HMAC-SHA256): CanonicalRequest from the method, "/", the query, the signed
 *   headers (lower-case names and trimmed lower-case values, content-type and host among them) and the SHA-256 of the
 *   body; scope date = the UTC date of X-TC-Timestamp; key = HMAC chain "TC3"+key → date → service → "tc3_request".
 *   Timestamp within 5 minutes.
 *
 * Standalone: it imports only Node's built-ins, so a test of a production server process can use it too:
 *
 *   import { startFakeSmsProvider } from '../server/test/fake-sms-providers.js';
 *   const fake = await startFakeSmsProvider('aliyun', { keyId: 'fake-key-id', secret: 'fake-secret' });
 *   // start the server with NODE_ENV=production SMS_PROVIDER=aliyun ALIYUN_SMS_ENDPOINT=<fake.url>
 *   //   ALIYUN_SMS_ACCESS_KEY_ID=fake-key-id ALIYUN_SMS_ACCESS_KEY_SECRET=fake-secret
 *   //   ALIYUN_SMS_SIGN_NAME=智慧工会 ALIYUN_SMS_TEMPLATE_CODE=SMS_000000
 *   // (Tencent: SMS_PROVIDER=tencent TENCENT_SMS_ENDPOINT=<fake.url> TENCENT_SMS_SECRET_ID / _SECRET_KEY =
 *   //   keyId / secret, and TENCENT_SMS_SDK_APP_ID, TENCENT_SMS_SIGN_NAME, TENCENT_SMS_TEMPLATE_ID)
 *   // POST /api/v1/auth/sms-code {phone}, then:
 *   const code = fake.received('13900000001')[0]!.code; // newest first
 *   fake.failNext(1, 'network'); // the next request: connection dropped (also 'http500', 'providerBusy', 'providerError')
 *   await fake.close();
 *
 * `received()` lists accepted messages only, newest first, the phone as 11 digits (Tencent's "+86" removed).
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeSmsKind = 'aliyun' | 'tencent';

/** Alibaba: AccessKeyId / AccessKeySecret. Tencent: SecretId / SecretKey. */
export interface FakeSmsCredentials {
  keyId: string;
  secret: string;
}

/**
 * What the next requests meet instead of an answer of the provider:
 * - `network`: the connection is dropped without an answer;
 * - `http500`: HTTP 500 with a plain-text body (a gateway in trouble);
 * - `providerBusy`: the provider's documented transient error (Alibaba isp.SYSTEM_ERROR, Tencent InternalError.Timeout),
 *   after the request passed the signature check — a client should try again;
 * - `providerError`: the provider's per-phone frequency control (Alibaba isv.BUSINESS_LIMIT_CONTROL, Tencent
 *   LimitExceeded.PhoneNumberThirtySecondLimit), after the signature check — a client must not try again.
 */
export type FakeSmsFailure = 'network' | 'http500' | 'providerBusy' | 'providerError';

export interface ReceivedSms {
  phone: string;
  code: string;
  templateId: string;
  signName: string;
}

export interface FakeSmsProvider {
  /** http://127.0.0.1:<port>, the value for ALIYUN_SMS_ENDPOINT or TENCENT_SMS_ENDPOINT. */
  url: string;
  received(phone?: string): ReceivedSms[];
  failNext(n: number, how: FakeSmsFailure): void;
  /** Requests that reached the fake, failed and refused ones included. */
  requestCount(): number;
  /** The error codes the fake answered with, oldest first (signature refusals among them). */
  errors(): string[];
  close(): Promise<void>;
}

export interface FakeSmsOptions {
  /** The fake's clock for the timestamp checks; the system time by default. */
  now?: () => Date;
}

interface Answer {
  status: number;
  body: unknown;
  /** The provider's error code, when the answer is one. */
  error?: string;
  accepted?: ReceivedSms;
  /** Alibaba answers XML unless the request says Format=JSON: the root element's name. */
  xml?: string;
}

interface IncomingRequest {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export async function startFakeSmsProvider(
  kind: FakeSmsKind,
  credentials: FakeSmsCredentials,
  options: FakeSmsOptions = {},
): Promise<FakeSmsProvider> {
  const now = options.now ?? (() => new Date());
  const accepted: ReceivedSms[] = [];
  const errors: string[] = [];
  const failures: FakeSmsFailure[] = [];
  const seenNonces = new Set<string>();
  let requests = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 1024 * 1024) req.destroy();
      else chunks.push(chunk);
    });
    req.on('end', () => {
      requests += 1;
      const failure = failures.shift();
      if (failure === 'network') {
        req.socket.destroy();
        return;
      }
      if (failure === 'http500') {
        errors.push('HTTP 500');
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Internal Server Error');
        return;
      }
      const request: IncomingRequest = {
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', 'http://127.0.0.1'),
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      const answer =
        kind === 'aliyun'
          ? answerAliyun(request, credentials, now(), seenNonces, failure)
          : answerTencent(request, credentials, now(), failure);
      if (answer.error) errors.push(answer.error);
      if (answer.accepted) accepted.unshift(answer.accepted);
      if (answer.xml)
        res.writeHead(answer.status, { 'content-type': 'text/xml; charset=utf-8' }).end(xmlOf(answer.xml, answer.body));
      else
        res
          .writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' })
          .end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    received: (phone) => (phone ? accepted.filter((m) => m.phone === phone) : accepted).slice(),
    failNext(n, how) {
      for (let i = 0; i < n; i++) failures.push(how);
    },
    requestCount: () => requests,
    errors: () => errors.slice(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

const requestId = () => crypto.randomUUID().toUpperCase();

function xmlOf(root: string, body: unknown): string {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const fields = Object.entries(body as Record<string, string>)
    .map(([name, value]) => `<${name}>${escape(String(value))}</${name}>`)
    .join('');
  return `<?xml version='1.0' encoding='UTF-8'?><${root}>${fields}</${root}>`;
}

// ── Alibaba Cloud ────────────────────────────────────────────────────────────────────────────────

/** Alibaba's percentEncode, byte by byte over UTF-8. */
function popEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const unreserved =
      (byte >= 0x41 && byte <= 0x5a) || // A-Z
      (byte >= 0x61 && byte <= 0x7a) || // a-z
      (byte >= 0x30 && byte <= 0x39) || // 0-9
      byte === 0x2d || // -
      byte === 0x5f || // _
      byte === 0x2e || // .
      byte === 0x7e; // ~
    out += unreserved ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function answerAliyun(
  request: IncomingRequest,
  credentials: FakeSmsCredentials,
  now: Date,
  seenNonces: Set<string>,
  failure: FakeSmsFailure | undefined,
): Answer {
  // RPC parameters: the query string, and for a POST the form body as well.
  const params = new Map<string, string>();
  // The answer's format: Format=JSON, else XML (the default).
  const asXml = (root: string) =>
    (params.get('Format') ?? request.url.searchParams.get('Format')) === 'JSON' ? {} : { xml: root };
  const fail = (status: number, code: string, message: string): Answer => ({
    status,
    error: code,
    body: { RequestId: requestId(), HostId: 'dysmsapi.aliyuncs.com', Code: code, Message: message },
    ...asXml('Error'),
  });
  const business = (code: string, message: string): Answer => ({
    status: 200,
    error: code,
    body: { RequestId: requestId(), Code: code, Message: message },
    ...asXml('SendSmsResponse'),
  });

  if (request.method !== 'GET' && request.method !== 'POST')
    return fail(400, 'UnsupportedHTTPMethod', 'This http method is not supported.');
  if (request.url.pathname !== '/') return fail(404, 'InvalidAction.NotFound', 'Specified api is not found.');
  const sources = [request.url.searchParams];
  const contentType = String(request.headers['content-type'] ?? '');
  if (request.method === 'POST' && contentType.startsWith('application/x-www-form-urlencoded'))
    sources.push(new URLSearchParams(request.body.toString('utf8')));
  for (const source of sources)
    for (const [name, value] of source) {
      if (params.has(name)) return fail(400, 'InvalidParameter', `The parameter ${name} is given twice.`);
      params.set(name, value);
    }

  for (const name of [
    'AccessKeyId',
    'Action',
    'Version',
    'Timestamp',
    'SignatureMethod',
    'SignatureVersion',
    'SignatureNonce',
    'Signature',
    'PhoneNumbers',
    'SignName',
    'TemplateCode',
  ])
    if (!params.get(name)) return fail(400, `Missing${name}`, `${name} is mandatory for this action.`);
  if (params.get('Action') !== 'SendSms') return fail(404, 'InvalidAction.NotFound', 'Specified api is not found.');
  if (params.get('Version') !== '2017-05-25')
    return fail(400, 'InvalidVersion', 'Specified parameter Version is not valid.');
  if (params.get('SignatureMethod') !== 'HMAC-SHA1' || params.get('SignatureVersion') !== '1.0')
    return fail(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
  if (params.get('AccessKeyId') !== credentials.keyId)
    return fail(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
  const timestamp = params.get('Timestamp')!;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(timestamp) || Number.isNaN(Date.parse(timestamp)))
    return fail(400, 'InvalidTimeStamp.Format', 'Specified time stamp or date value is not well formatted.');
  if (Math.abs(now.getTime() - Date.parse(timestamp)) > 15 * 60_000)
    return fail(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');

  const names = [...params.keys()]
    .filter((name) => name !== 'Signature')
    .sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
  const canonical = names.map((name) => `${popEncode(name)}=${popEncode(params.get(name)!)}`).join('&');
  const stringToSign = `${request.method}&${popEncode('/')}&${popEncode(canonical)}`;
  const expected = Buffer.from(
    crypto.createHmac('sha1', `${credentials.secret}&`).update(stringToSign).digest('base64'),
  );
  const given = Buffer.from(params.get('Signature')!);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected))
    return fail(
      400,
      'SignatureDoesNotMatch',
      `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`,
    );
  const nonce = params.get('SignatureNonce')!;
  if (seenNonces.has(nonce)) return fail(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
  seenNonces.add(nonce);

  if (failure === 'providerBusy') return business('isp.SYSTEM_ERROR', '系统出现错误，请重新调用');
  if (failure === 'providerError') return business('isv.BUSINESS_LIMIT_CONTROL', '触发分钟级流控Permits:1');
  const phone = params.get('PhoneNumbers')!;
  if (!/^1[3-9]\d{9}$/.test(phone)) return business('isv.MOBILE_NUMBER_ILLEGAL', '非法手机号');
  let templateParam: unknown;
  try {
    templateParam = JSON.parse(params.get('TemplateParam') ?? '');
  } catch {
    return business('isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
  }
  const code = (templateParam as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || code === '') return business('isv.TEMPLATE_MISSING_PARAMETERS', '模板缺少变量');
  return {
    status: 200,
    body: { RequestId: requestId(), Code: 'OK', Message: 'OK', BizId: `${Date.now()}${crypto.randomInt(1e6)}^0` },
    ...asXml('SendSmsResponse'),
    accepted: { phone, code, templateId: params.get('TemplateCode')!, signName: params.get('SignName')! },
  };
}

// ── Tencent Cloud ────────────────────────────────────────────────────────────────────────────────

function hmacSha256(key: Buffer | string, message: string): Buffer {
  return crypto.createHmac('sha256', key).update(message, 'utf8').digest();
}

function answerTencent(
  request: IncomingRequest,
  credentials: FakeSmsCredentials,
  now: Date,
  failure: FakeSmsFailure | undefined,
): Answer {
  const fail = (code: string, message: string): Answer => ({
    status: 200,
    error: code,
    body: { Response: { Error: { Code: code, Message: message }, RequestId: crypto.randomUUID() } },
  });
  const header = (name: string): string | undefined => {
    const value = request.headers[name];
    return Array.isArray(value) ? value.join(',') : value;
  };

  if (request.method !== 'POST' || request.url.pathname !== '/' || request.url.search !== '')
    return fail('InvalidParameter', 'This fake takes a POST to / with a JSON body.');
  if (!(header('content-type') ?? '').toLowerCase().startsWith('application/json'))
    return fail('InvalidParameter', 'Content-Type must be application/json.');
  for (const [name, parameter] of [
    ['x-tc-action', 'Action'],
    ['x-tc-version', 'Version'],
    ['x-tc-timestamp', 'Timestamp'],
    ['x-tc-region', 'Region'],
    ['authorization', 'Authorization'],
  ] as const)
    if (!header(name)) return fail('MissingParameter', `The request is missing a required parameter \`${parameter}\`.`);
  if (header('x-tc-action') !== 'SendSms') return fail('InvalidAction', 'The requested action does not exist.');
  if (header('x-tc-version') !== '2021-01-11') return fail('NoSuchVersion', 'The requested version does not exist.');
  const timestampText = header('x-tc-timestamp')!;
  if (!/^\d+$/.test(timestampText)) return fail('InvalidParameter', 'X-TC-Timestamp must be Unix seconds.');
  const timestamp = Number(timestampText);

  const authorization =
    /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z0-9-]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
      header('authorization')!,
    );
  if (!authorization)
    return fail('AuthFailure.InvalidAuthorization', 'The Authorization header does not conform to the standard.');
  const [, secretId, date, service, signedHeaderList, signature] = authorization as unknown as string[];
  if (secretId !== credentials.keyId) return fail('AuthFailure.SecretIdNotFound', 'The SecretId is not found.');
  if (Math.abs(now.getTime() / 1000 - timestamp) > 300)
    return fail('AuthFailure.SignatureExpire', 'Signature expired: the timestamp is more than five minutes off.');
  const signedHeaders = signedHeaderList!.split(';');
  const sorted = [...signedHeaders].sort();
  const signatureFailure = () =>
    fail(
      'AuthFailure.SignatureFailure',
      'The provided credentials could not be validated. Please check your signature is correct.',
    );
  if (
    service !== 'sms' ||
    date !== new Date(timestamp * 1000).toISOString().slice(0, 10) ||
    !signedHeaders.includes('content-type') ||
    !signedHeaders.includes('host') ||
    signedHeaders.some((name, i) => name !== sorted[i] || header(name) === undefined)
  )
    return signatureFailure();

  const canonicalHeaders = signedHeaders.map((name) => `${name}:${header(name)!.trim().toLowerCase()}\n`).join('');
  const canonicalRequest = [
    request.method,
    '/',
    request.url.search.replace(/^\?/, ''),
    canonicalHeaders,
    signedHeaderList,
    crypto.createHash('sha256').update(request.body).digest('hex'),
  ].join('\n');
  const stringToSign = [
    'TC3-HMAC-SHA256',
    timestampText,
    `${date}/${service}/tc3_request`,
    crypto.createHash('sha256').update(canonicalRequest, 'utf8').digest('hex'),
  ].join('\n');
  const signingKey = hmacSha256(hmacSha256(hmacSha256(`TC3${credentials.secret}`, date!), service!), 'tc3_request');
  const expected = hmacSha256(signingKey, stringToSign);
  if (!crypto.timingSafeEqual(Buffer.from(signature!, 'hex'), expected)) return signatureFailure();

  let body: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(request.body.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    body = parsed as Record<string, unknown>;
  } catch {
    return fail('FailedOperation.FailResolvePacket', 'The request body could not be parsed.');
  }
  const strings = (value: unknown): value is string[] =>
    Array.isArray(value) && value.every((item) => typeof item === 'string');
  for (const name of ['PhoneNumberSet', 'SmsSdkAppId', 'TemplateId', 'SignName'])
    if (body[name] === undefined || body[name] === '')
      return fail('MissingParameter', `The request is missing a required parameter \`${name}\`.`);
  if (!strings(body.PhoneNumberSet) || body.PhoneNumberSet.length !== 1)
    return fail('InvalidParameterValue', 'This fake takes exactly one number in PhoneNumberSet.');
  if (typeof body.SmsSdkAppId !== 'string' || typeof body.TemplateId !== 'string' || typeof body.SignName !== 'string')
    return fail('InvalidParameterValue', 'SmsSdkAppId, TemplateId and SignName are strings.');
  if (body.TemplateParamSet !== undefined && !strings(body.TemplateParamSet))
    return fail('InvalidParameterValue', 'TemplateParamSet is an array of strings.');
  if (failure === 'providerBusy') return fail('InternalError.Timeout', '请求下发短信超时，请参考60008错误详解。');

  const number = body.PhoneNumberSet[0]!;
  const status = (code: string, message: string): Answer => ({
    status: 200,
    error: code === 'Ok' ? undefined : code,
    body: {
      Response: {
        SendStatusSet: [
          {
            SerialNo: `2028:${crypto.randomInt(1e9)}`,
            PhoneNumber: number,
            Fee: code === 'Ok' ? 1 : 0,
            SessionContext: '',
            Code: code,
            Message: message,
            IsoCode: 'CN',
          },
        ],
        RequestId: crypto.randomUUID(),
      },
    },
  });
  if (failure === 'providerError')
    return status('LimitExceeded.PhoneNumberThirtySecondLimit', '单个手机号30秒内下发短信条数超过设定的上限');
  // E.164 (+86…); the document also takes 0086, 86 or none for mainland numbers.
  const phone = /^(?:\+86|0086|86)?(1[3-9]\d{9})$/.exec(number)?.[1];
  if (!phone) return status('InvalidParameterValue.IncorrectPhoneNumber', '手机号格式错误');
  const params = body.TemplateParamSet ?? [];
  // The sign-in template has two parameters: the code (a verification template takes 0–6 digits) and its minutes.
  if (params.length !== 2)
    return status('FailedOperation.TemplateParamSetNotMatchApprovedTemplate', '请求内容与审核通过的模板内容不匹配');
  if (!/^\d{1,6}$/.test(params[0]!))
    return status('InvalidParameterValue.TemplateParameterFormatError', '验证码模板参数格式错误');
  const accepted = { phone, code: params[0]!, templateId: body.TemplateId, signName: body.SignName };
  return { ...status('Ok', 'send success'), accepted };
}
