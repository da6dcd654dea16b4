import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStation, freshRegionCode, freshWorld, rootAdminToken, workerLogin } from '../../test/factories.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { uploadFile } from '../../test/uploads.js';
import { maxEvidenceBytes } from '../modules/legal/legal.service.js';
import { maxPhotoBytes } from '../modules/stations/stations.service.js';
import { jsonBodyLimit } from './http.js';
import { maxImportBytes } from './imports.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

/** JSON as a client that escapes every non-ASCII character (\uXXXX) sends it: the longest form of the same body. */
function escapedJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

async function sendJson(method: 'POST' | 'PUT', url: string, payload: string, token?: string) {
  const res = await t.app.inject({
    method,
    url,
    payload,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  return { status: res.statusCode, json: res.json() };
}

const tooLarge = (maxBytes?: number) => ({
  error: { code: 'PAYLOAD_TOO_LARGE', message: '文件或请求过大', ...(maxBytes ? { details: { maxBytes } } : {}) },
});

describe('JSON body limit', () => {
  it('takes the largest legitimate bodies: a case filing and a year of holidays, every character escaped', async () => {
    const worker = await workerLogin(t);
    const filing = escapedJson({
      kind: 'mediation',
      category: 'overtime_pay',
      description: '加'.repeat(5000),
      amountClaimedFen: 2_500_000,
      employer: { name: '司'.repeat(200), regionCode: await freshRegionCode(t), address: '路'.repeat(200) },
      attachmentIds: [],
    });
    expect(filing.length).toBeGreaterThan(32_000);
    const filed = await sendJson('POST', '/api/v1/legal/cases', filing, worker.token);
    expect(filed.status).toBe(201);

    const days = Array.from({ length: 120 }, (_, i) => ({
      date: new Date(Date.UTC(2098, 0, 1 + i)).toISOString().slice(0, 10),
      kind: 'holiday',
      name: '节'.repeat(50),
    }));
    const year = escapedJson({ days });
    expect(year.length).toBeGreaterThan(40_000);
    const root = await rootAdminToken(t);
    expect((await sendJson('PUT', '/api/v1/calendar/2098', year, root)).status).toBe(200);
    expect((await sendJson('PUT', '/api/v1/calendar/2098', '{"days":[]}', root)).status).toBe(200);
  });

  it('refuses a body over 64 KB with 413 PAYLOAD_TOO_LARGE in the usual error shape, before any work', async () => {
    const worker = await workerLogin(t);
    const big = escapedJson({ kind: 'mediation', description: '加'.repeat(11_000) });
    expect(big.length).toBeGreaterThan(jsonBodyLimit);
    const refused = await sendJson('POST', '/api/v1/legal/cases', big, worker.token);
    expect(refused).toEqual({ status: 413, json: tooLarge(jsonBodyLimit) });
    // The same on a public route, without a token, and whatever the JSON holds.
    const junk = JSON.stringify({ phone: '13800000000', pad: 'x'.repeat(jsonBodyLimit) });
    expect(await sendJson('POST', '/api/v1/auth/sms-code', junk)).toEqual({
      status: 413,
      json: tooLarge(jsonBodyLimit),
    });
    // Announced by Content-Length or not, the answer is the same.
    const streamed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sms-code',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      payload: junk,
    });
    expect([streamed.statusCode, streamed.json().error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });
});

describe('upload limits by kind', () => {
  /** A file of exactly `size` bytes that starts as a PDF. */
  const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(size - 9, 0x20)]);

  it('takes evidence up to 10 MB, refuses a byte more with 413', async () => {
    const worker = await workerLogin(t);
    const ok = await uploadFile(t, '/api/v1/legal/evidence', worker.token, 'a.pdf', pdf(maxEvidenceBytes));
    expect(ok.status).toBe(201);
    const over = await uploadFile(t, '/api/v1/legal/evidence', worker.token, 'b.pdf', pdf(maxEvidenceBytes + 1));
    expect(over).toEqual({ status: 413, json: tooLarge(maxEvidenceBytes) });
  });

  it('refuses a station photo over 5 MB with 413', async () => {
    const w = await freshWorld(t);
    const station = await createStation(t, w, '限大小的驿站', '团结西路3号');
    const png = PNG.sync.write(new PNG({ width: 2, height: 2 }));
    const big = Buffer.concat([png, Buffer.alloc(maxPhotoBytes + 1 - png.length)]);
    const url = `/api/v1/stations/${station.code}/photos`;
    expect(await uploadFile(t, url, w.admin.token, 'p.png', big, 'image/png')).toEqual({
      status: 413,
      json: tooLarge(maxPhotoBytes),
    });
    expect((await uploadFile(t, url, w.admin.token, 'p.png', png, 'image/png')).status).toBe(200);
  });

  it('refuses a spreadsheet import over 30 MB with 413', async () => {
    const w = await freshWorld(t);
    const big = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(maxImportBytes - 3)]);
    const res = await uploadFile(t, `/api/v1/members/imports?orgId=${w.grassroots.id}`, w.admin.token, 'm.xlsx', big);
    expect(res).toEqual({ status: 413, json: tooLarge(maxImportBytes) });
  });

  it('refuses an upload stuffed with form fields with 413, never a 500', async () => {
    const worker = await workerLogin(t);
    const boundary = '----su-fields';
    const fields = Array.from(
      { length: 20 },
      (_, i) => `--${boundary}\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nvalue\r\n`,
    ).join('');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/legal/evidence',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: `Bearer ${worker.token}` },
      payload: `${fields}--${boundary}--\r\n`,
    });
    expect([res.statusCode, res.json().error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });
});
