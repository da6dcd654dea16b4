import crypto from 'node:crypto';

/*
 * Request signing of the two SMS providers, as their documents describe it (the worked examples of both documents
 * are reproduced in sms-signing.test.ts). The fake providers of the tests (server/test/fake-sms-providers.ts) check
 * signatures with an implementation of their own, so one misreading cannot pass on both sides.
 */

// ── Alibaba Cloud: RPC signature v1, HMAC-SHA1 ──────────────────────────────────────────────────
// Documents: "签名机制" (RPC API signature, help.aliyun.com/document_detail/28839) and the SMS guide
// "HTTP协议及签名" (the SendSms worked example). Chosen over V3 (ACS3-HMAC-SHA256) because Dysmsapi 2017-05-25
// documents it with a worked example for SendSms itself.

/** RFC 3986 encoding as Alibaba's `percentEncode` does it: only A–Z a–z 0–9 - _ . ~ stay, space is %20. */
export function aliyunPercentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** StringToSign = method & percentEncode("/") & percentEncode(CanonicalizedQueryString), parameters sorted by name. */
export function aliyunStringToSign(method: 'GET' | 'POST', params: Readonly<Record<string, string>>): string {
  const canonical = Object.keys(params)
    .filter((name) => name !== 'Signature')
    .sort()
    .map((name) => `${aliyunPercentEncode(name)}=${aliyunPercentEncode(params[name]!)}`)
    .join('&');
  return `${method}&${aliyunPercentEncode('/')}&${aliyunPercentEncode(canonical)}`;
}

/** Signature = Base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign)). */
export function aliyunSignature(
  method: 'GET' | 'POST',
  params: Readonly<Record<string, string>>,
  accessKeySecret: string,
): string {
  return crypto
    .createHmac('sha1', `${accessKeySecret}&`)
    .update(aliyunStringToSign(method, params), 'utf8')
    .digest('base64');
}

/** ISO 8601 in UTC to the second, the form the Timestamp parameter takes: 2017-07-12T02:42:19Z. */
export function aliyunTimestamp(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// ── Tencent Cloud: 签名方法 v3, TC3-HMAC-SHA256 ──────────────────────────────────────────────────
// Document: "签名方法 v3" under 调用方式 of the SMS API (cloud.tencent.com/document/api/382); its worked example signs
// a CVM DescribeInstances call.

export interface Tc3Request {
  secretId: string;
  secretKey: string;
  /** The product in the credential scope: `sms`. */
  service: string;
  /** Headers that take part in the signature, `content-type` and `host` at least (names in any case). */
  signedHeaders: Readonly<Record<string, string>>;
  /** The request body exactly as sent. */
  payload: string;
  /** X-TC-Timestamp: Unix seconds. */
  timestamp: number;
}

const sha256Hex = (data: string): string => crypto.createHash('sha256').update(data, 'utf8').digest('hex');
const hmac256 = (key: crypto.BinaryLike, data: string): Buffer =>
  crypto.createHmac('sha256', key).update(data, 'utf8').digest();

/** The Authorization header of a POST to "/" (no query string). */
export function tc3Authorization(request: Tc3Request): { authorization: string; signature: string } {
  const headers = Object.entries(request.signedHeaders)
    .map(([name, value]) => [name.toLowerCase(), value.trim().toLowerCase()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonicalHeaders = headers.map(([name, value]) => `${name}:${value}\n`).join('');
  const signedHeaders = headers.map(([name]) => name).join(';');
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, signedHeaders, sha256Hex(request.payload)].join('\n');
  // The date of the credential scope is the UTC date of the timestamp (not Beijing time).
  const date = new Date(request.timestamp * 1000).toISOString().slice(0, 10);
  const scope = `${date}/${request.service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(request.timestamp), scope, sha256Hex(canonicalRequest)].join('\n');
  const secretDate = hmac256(`TC3${request.secretKey}`, date);
  const secretService = hmac256(secretDate, request.service);
  const secretSigning = hmac256(secretService, 'tc3_request');
  const signature = hmac256(secretSigning, stringToSign).toString('hex');
  return {
    signature,
    authorization: `TC3-HMAC-SHA256 Credential=${request.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}
