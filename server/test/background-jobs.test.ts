import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshWorld } from './factories.js';
import { startTestApp, type TestApp } from './harness.js';
import { uploadFile, waitForJob, workbook } from './uploads.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('an import that fails in the background', () => {
  it('ends as failed with its error, shown by the job’s status route in the reader’s language', async () => {
    const w = await freshWorld(t);
    const whole = await workbook([
      ['姓名', '手机号'],
      ['张三', '13800000000'],
    ]);
    // Still a zip naming [Content_Types].xml, so the upload is accepted; its end is cut off, so the sheet cannot be read.
    const broken = whole.subarray(0, Math.floor(whole.length * 0.6));
    for (const [url, kind] of [
      [`/api/v1/members/imports?orgId=${w.grassroots.id}`, 'members'],
      [`/api/v1/stations/imports?orgId=${w.grassroots.id}`, 'stations'],
    ] as const) {
      const up = await uploadFile(t, url, w.admin.token, '会员.xlsx', broken);
      expect(up.status).toBe(202);
      const job = await waitForJob(t, `/api/v1/${kind}/imports/${up.json.id}`, w.admin.token);
      expect(job).toMatchObject({ status: 'failed', message: '无法读取该文件，请上传 Excel（.xlsx）文件', processed: 0 });
      expect(job.finishedAt).not.toBeNull();
      const en = await t.call('GET', `/api/v1/${kind}/imports/${up.json.id}`, { token: w.admin.token, headers: { 'accept-language': 'en' } });
      expect(en.json.message).toBe('The file could not be read; upload an Excel (.xlsx) file');
    }
  });
});
