import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createStaffUser, freshWorld, randomPhone } from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { signedInMember } from '../../../test/participation.js';
import { readWorkbook, uploadFile, waitForJob, workbook } from '../../../test/uploads.js';
import { createJob, findJob } from '../../kernel/jobs.js';
import { findOrg } from '../../kernel/org-tree.js';
import { representativeImportKind, runRepresentativeImport } from './congresses.import.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

async function download(url: string, token: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  return { status: res.statusCode, bytes: res.rawPayload };
}

describe('representative list import (代表名单导入)', () => {
  it('adds the good rows and reports every other row with its number and reason; exports the list', async () => {
    const w = await freshWorld(t);
    const union = await createOrg(t, w.admin.token, w.org.id, 'grassroots');
    const officer = await createStaffUser(t, w.admin.token, w.org.id, ['participation_officer']);
    const congress = await t.call('POST', '/api/v1/congresses', {
      token: officer.token,
      body: {
        orgId: union.id,
        name: '第三届职工代表大会',
        kind: 'workers_congress',
        termStartsOn: '2026-01-01',
        termEndsOn: '2030-12-31',
      },
    });
    expect(congress.status).toBe(201);
    const id = congress.json.id as string;
    const first = await signedInMember(t, w, '王建国', union.id);
    const second = await signedInMember(t, w, '李秀英', union.id);
    const existing = await signedInMember(t, w, '刘卫东', union.id);
    const returning = await signedInMember(t, w, '赵红梅', union.id);
    const sibling = await signedInMember(t, w, '孙师傅', w.grassroots.id); // visible, outside the congress's subtree
    const other = await freshWorld(t);
    const stranger = await signedInMember(t, other, '周某', other.grassroots.id); // outside the caller's subtree
    const added = await t.call('POST', `/api/v1/congresses/${id}/representatives`, {
      token: officer.token,
      body: { memberId: existing.memberId },
    });
    const removedOne = await t.call('POST', `/api/v1/congresses/${id}/representatives`, {
      token: officer.token,
      body: { memberId: returning.memberId },
    });
    await t.call('DELETE', `/api/v1/congresses/${id}/representatives/${removedOne.json.id}`, { token: officer.token });

    const file = await workbook([
      ['姓名', '手机号', '代表团'],
      ['王建国', first.phone, '炼钢厂代表团'], // 2 ok
      ['李秀英', `${second.phone.slice(0, 3)}-${second.phone.slice(3)}`, ''], // 3 ok (dashes dropped)
      ['某某', '12345', '炼钢厂代表团'], // 4 wrong phone
      ['无此人', randomPhone(), ''], // 5 not a member
      ['孙师傅', sibling.phone, ''], // 6 outside the congress's subtree
      ['周某', stranger.phone, ''], // 7 outside the caller's subtree: not found
      ['张冠李戴', second.phone, ''], // 8 name mismatch
      ['王建国', first.phone, ''], // 9 duplicate of row 2
      ['刘卫东', existing.phone, ''], // 10 already a representative
      ['赵红梅', returning.phone, '轧钢厂代表团'], // 11 removed earlier: back on their row
      ['', first.phone, ''], // 12 no name
      [],
    ]);
    const started = await uploadFile(
      t,
      `/api/v1/congresses/${id}/representatives/imports`,
      officer.token,
      'r.xlsx',
      file,
    );
    expect(started.status).toBe(202);
    expect(started.json).toMatchObject({ kind: 'congress_representative_import', orgId: union.id });
    const job = await waitForJob(t, `/api/v1/congresses/representatives/imports/${started.json.id}`, officer.token);
    expect(job).toMatchObject({ status: 'succeeded', total: 11, processed: 11, succeeded: 3, failed: 8 });
    expect(
      job.errorsPreview.map((e: { row: number; field: string; code: string }) => [e.row, e.field, e.code]),
    ).toEqual([
      [4, 'phone', 'invalid_phone'],
      [5, 'phone', 'member_not_found'],
      [6, 'phone', 'not_eligible'],
      [7, 'phone', 'member_not_found'],
      [8, 'name', 'name_mismatch'],
      [9, 'phone', 'duplicate_in_file'],
      [10, 'phone', 'already_representative'],
      [12, 'name', 'required'],
    ]);
    expect(job.errorsPreview[0]).toMatchObject({ column: '手机号', message: '手机号应为11位中国大陆手机号' });

    const english = await t.call('GET', `/api/v1/congresses/representatives/imports/${started.json.id}`, {
      token: officer.token,
      headers: { 'accept-language': 'en' },
    });
    expect(english.json.errorsPreview[6]).toMatchObject({
      column: 'Mobile phone',
      message: 'Already a representative of this term',
    });

    const errors = await download(
      `/api/v1/congresses/representatives/imports/${started.json.id}/errors.xlsx`,
      officer.token,
    );
    expect(errors.status).toBe(200);
    const errorSheet = await readWorkbook(errors.bytes);
    expect(errorSheet.rowCount).toBe(9);
    expect(errorSheet.getRow(2).getCell(1).value).toBe(4);
    expect(errorSheet.getRow(8).getCell(3).value).toBe('该会员已是本届代表');

    const list = await t.call('GET', `/api/v1/congresses/${id}/representatives`, { token: officer.token });
    expect(
      list.json.items.map((r: { member: { name: string }; delegation: string | null }) => [
        r.member.name,
        r.delegation,
      ]),
    ).toEqual(
      [
        ['刘卫东', null],
        ['李秀英', null],
        ['王建国', '炼钢厂代表团'],
        ['赵红梅', '轧钢厂代表团'],
      ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
    );
    const back = list.json.items.find((r: { member: { name: string } }) => r.member.name === '赵红梅');
    expect(back.id).toBe(removedOne.json.id);
    expect(added.status).toBe(201);
    const mine = await t.call('GET', '/api/v1/me/congresses', { token: first.token });
    expect(mine.json.items).toMatchObject([{ id, delegation: '炼钢厂代表团' }]);

    const exported = await download(
      `/api/v1/congresses/${id}/representatives/export.xlsx?q=${encodeURIComponent('王')}`,
      officer.token,
    );
    expect(exported.status).toBe(200);
    const sheet = await readWorkbook(exported.bytes);
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(1).getCell(1).value).toBe('姓名');
    expect(sheet.getRow(2).getCell(1).value).toBe('王建国');
    expect(String(sheet.getRow(2).getCell(2).value)).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(sheet.getRow(2).getCell(4).value).toBe('炼钢厂代表团');
    expect(sheet.getRow(2).getCell(5).value).toBe('在任');

    const template = await download('/api/v1/congresses/representatives/import-template.xlsx', officer.token);
    const templateSheet = await readWorkbook(template.bytes);
    expect([1, 2, 3].map((c) => templateSheet.getRow(1).getCell(c).value)).toEqual(['姓名', '手机号', '代表团']);
  });

  it('fails a file without the name or phone column, and refuses an archived term', async () => {
    const w = await freshWorld(t);
    const congress = await t.call('POST', '/api/v1/congresses', {
      token: w.admin.token,
      body: { orgId: w.org.id, name: '第八届会员代表大会', termStartsOn: '2026-01-01', termEndsOn: '2030-12-31' },
    });
    const id = congress.json.id as string;
    const started = await uploadFile(
      t,
      `/api/v1/congresses/${id}/representatives/imports`,
      w.admin.token,
      'r.xlsx',
      await workbook([
        ['姓名', '单位'],
        ['王建国', '西钢'],
      ]),
    );
    const job = await waitForJob(t, `/api/v1/congresses/representatives/imports/${started.json.id}`, w.admin.token);
    expect(job).toMatchObject({ status: 'failed', message: '缺少必需的列：手机号' });

    await t.call('POST', `/api/v1/congresses/${id}/archive`, { token: w.admin.token });
    const late = await uploadFile(
      t,
      `/api/v1/congresses/${id}/representatives/imports`,
      w.admin.token,
      'r.xlsx',
      await workbook([['姓名', '手机号']]),
    );
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe('CONGRESS_ARCHIVED');
  });

  it('stops at a term archived while the file was being read, adding no one', async () => {
    const w = await freshWorld(t);
    const congress = await t.call('POST', '/api/v1/congresses', {
      token: w.admin.token,
      body: { orgId: w.org.id, name: '第八届会员代表大会', termStartsOn: '2026-01-01', termEndsOn: '2030-12-31' },
    });
    const id = congress.json.id as string;
    const member = await signedInMember(t, w, '王建国');
    await t.call('POST', `/api/v1/congresses/${id}/archive`, { token: w.admin.token });
    // The run as the background would go on with it after the archive: its batch finds the term no longer active.
    const me = await t.call('GET', '/api/v1/me', { token: w.admin.token });
    const org = (await findOrg(t.ctx.db, w.org.id))!;
    const jobId = await createJob(t.ctx.db, {
      kind: representativeImportKind,
      orgId: org.id,
      createdBy: me.json.staff.id,
      inputFileId: null,
    });
    await runRepresentativeImport(
      t.ctx,
      { id, orgPath: org.path },
      org.path,
      { id: jobId, org, createdBy: me.json.staff.id },
      await workbook([
        ['姓名', '手机号'],
        ['王建国', member.phone],
      ]),
    );
    expect(await findJob(t.ctx.db, jobId)).toMatchObject({ status: 'failed', message: 'congress_archived' });
    const job = await t.call('GET', `/api/v1/congresses/representatives/imports/${jobId}`, { token: w.admin.token });
    expect(job.json.message).toBe('本届代表大会已归档，导入未完成');
    const list = await t.call('GET', `/api/v1/congresses/${id}/representatives`, { token: w.admin.token });
    expect(list.json.items).toEqual([]);
  });

  it("answers 404 to another subtree's staff and 403 to staff without the role on every import and export route", async () => {
    const w = await freshWorld(t);
    const congress = await t.call('POST', '/api/v1/congresses', {
      token: w.admin.token,
      body: { orgId: w.org.id, name: '第八届会员代表大会', termStartsOn: '2026-01-01', termEndsOn: '2030-12-31' },
    });
    const id = congress.json.id as string;
    const job = await uploadFile(
      t,
      `/api/v1/congresses/${id}/representatives/imports`,
      w.admin.token,
      'r.xlsx',
      await workbook([['姓名', '手机号']]),
    );
    expect(job.status).toBe(202);
    const other = await freshWorld(t);
    const perks = await createStaffUser(t, w.admin.token, w.org.id, ['perks_manager']);
    const urls = [
      `/api/v1/congresses/representatives/imports/${job.json.id}`,
      `/api/v1/congresses/representatives/imports/${job.json.id}/errors.xlsx`,
      `/api/v1/congresses/${id}/representatives/export.xlsx`,
    ];
    for (const [token, status] of [
      [other.admin.token, 404],
      [perks.token, 403],
    ] as const) {
      for (const url of urls) expect({ url, status: (await download(url, token)).status }).toEqual({ url, status });
      const upload = await uploadFile(
        t,
        `/api/v1/congresses/${id}/representatives/imports`,
        token,
        'r.xlsx',
        await workbook([['姓名', '手机号']]),
      );
      expect(upload.status).toBe(status);
    }
  });
});
