import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffPrincipal } from '../src/kernel/auth.js';
import { startImport } from '../src/kernel/imports.js';
import { findOrg } from '../src/kernel/org-tree.js';
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
      expect(job).toMatchObject({
        status: 'failed',
        message: '无法读取该文件，请上传 Excel（.xlsx）文件',
        processed: 0,
      });
      expect(job.finishedAt).not.toBeNull();
      const en = await t.call('GET', `/api/v1/${kind}/imports/${up.json.id}`, {
        token: w.admin.token,
        headers: { 'accept-language': 'en' },
      });
      expect(en.json.message).toBe('The file could not be read; upload an Excel (.xlsx) file');
    }
  });

  it('says a fault of ours (the database) is not the file’s: try again later', async () => {
    const w = await freshWorld(t);
    const me = (await t.call('GET', '/api/v1/me', { token: w.admin.token })).json;
    const principal: StaffPrincipal = {
      kind: 'staff',
      staffId: me.staff.id,
      username: me.staff.username,
      orgId: w.org.id,
      orgPath: (await findOrg(t.ctx.db, w.org.id))!.path,
      roles: ['org_admin'],
    };
    const bytes = await workbook([['姓名', '手机号']]);
    const job = await startImport(t.ctx, principal, {
      kind: 'member_import',
      orgId: w.grassroots.id,
      authorize: () => undefined,
      readUpload: async () => ({ fileName: '会员.xlsx', bytes }),
      run: async () => {
        throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
      },
    });
    const done = await waitForJob(t, `/api/v1/members/imports/${job.id}`, w.admin.token);
    expect(done).toMatchObject({ status: 'failed', message: '导入因系统故障中断，请稍后重新上传' });
  });
});
