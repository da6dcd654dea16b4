import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hardshipWorld, householdInput } from '../../../test/hardship.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';

/**
 * What the member app's field survey (web/member/src/features/hardship) relies on from POST /api/v1/hardship/leads:
 * a refused field comes back on its path in the worker's language (the form shows it under that field), and a retry
 * of the outbox with the same Idempotency-Key is answered with the first 201, one file.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('the field survey against the lead contract', () => {
  it("names a refused ID number or phone on its field, in the caller's language", async () => {
    const w = await hardshipWorld(t);
    const body = {
      household: householdInput(w.regionCode, { idNumber: '640381199001011235', phone: '12345' }),
      channel: 'volunteer',
      consent: true,
    };
    const zh = await t.call('POST', '/api/v1/hardship/leads', { token: w.worker.token, body });
    expect(zh.status).toBe(400);
    const issues = (zh.json.error as { details: { issues: { path: string; message: string }[] } }).details.issues;
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      ['household.idNumber', '身份证号格式或校验位不正确'],
      ['household.phone', '手机号应为11位中国大陆手机号'],
    ]);
    const en = await t.call('POST', '/api/v1/hardship/leads', {
      token: w.worker.token,
      body,
      headers: { 'accept-language': 'en' },
    });
    expect(
      (en.json.error as { details: { issues: { message: string }[] } }).details.issues.map((i) => i.message),
    ).toEqual(['Invalid ID-card number (format or check digit)', 'Expected an 11-digit mainland China mobile number']);
  });

  it('answers a retried outbox send with the first 201 and files the household once', async () => {
    const w = await hardshipWorld(t);
    const household = householdInput(w.regionCode);
    const key = crypto.randomUUID();
    const send = () =>
      t.call('POST', '/api/v1/hardship/leads', {
        token: w.worker.token,
        body: { household, channel: 'volunteer', consent: true },
        headers: { 'idempotency-key': key },
      });
    const first = await send();
    const again = await send();
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.json.id).toBe(first.json.id);
    const listed = await t.call('GET', `/api/v1/hardship/leads?q=${household.idNumber as string}`, {
      token: w.officer.token,
    });
    expect((listed.json.items as { id: string }[]).map((i) => i.id)).toEqual([first.json.id]);
  });
});
