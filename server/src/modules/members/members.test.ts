import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrg,
  createStaffUser,
  freshWorld,
  randomIdNumber,
  randomPhone,
  workerLogin,
} from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { readWorkbook, uploadFile, waitForJob, workbook } from '../../../test/uploads.js';
import { verifyAuditChain } from '../../kernel/audit.js';
import { queryRows, sql } from '../../kernel/db/client.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const upload = (token: string, orgId: string, fileName: string, bytes: Buffer) =>
  uploadFile(t, `/api/v1/members/imports?orgId=${orgId}`, token, fileName, bytes);
const waitForImport = (token: string, id: string) => waitForJob(t, `/api/v1/members/imports/${id}`, token);

describe('member registry', () => {
  it('registers a member with encrypted phone and ID number, lists them masked, finds by phone', async () => {
    const w = await freshWorld(t);
    const phone = randomPhone();
    const idNumber = randomIdNumber();
    const res = await t.call('POST', '/api/v1/members', {
      token: w.admin.token,
      body: {
        name: '王芳',
        phone,
        idNumber,
        orgId: w.grassroots.id,
        employer: '团结西路环卫所',
        occupation: '环卫工人',
      },
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      name: '王芳',
      phone: `${phone.slice(0, 3)}****${phone.slice(7)}`,
      org: { id: w.grassroots.id },
    });
    expect(res.json.idNumber).toBe(`${idNumber.slice(0, 3)}***********${idNumber.slice(-4)}`);
    const [stored] = await queryRows<Record<string, string>>(
      t.ctx.db,
      sql`select * from members where id = ${res.json.id}`,
    );
    expect(JSON.stringify(stored)).not.toContain(phone);
    expect(JSON.stringify(stored)).not.toContain(idNumber);

    const dup = await t.call('POST', '/api/v1/members', {
      token: w.admin.token,
      body: { name: '另一个', phone, orgId: w.grassroots.id },
    });
    expect(dup.status).toBe(409);
    expect(dup.json.error.code).toBe('MEMBER_EXISTS');

    const byPhone = await t.call('GET', `/api/v1/members?q=${phone}`, { token: w.admin.token });
    expect(byPhone.json.items.map((m: { id: string }) => m.id)).toEqual([res.json.id]);
    const byName = await t.call('GET', `/api/v1/members?orgId=${w.org.id}&q=${encodeURIComponent('王')}`, {
      token: w.admin.token,
    });
    expect(byName.json.items).toHaveLength(1);
    expect(JSON.stringify(byName.json)).not.toContain(phone);
  });

  it('reveals the unmasked identifiers only to entitled staff, and audits each read', async () => {
    const w = await freshWorld(t);
    const phone = randomPhone();
    const m = await t.call('POST', '/api/v1/members', {
      token: w.admin.token,
      body: { name: '赵强', phone, orgId: w.grassroots.id },
    });
    const pii = await t.call('POST', `/api/v1/members/${m.json.id}/pii-reads`, { token: w.admin.token });
    expect(pii.json).toEqual({ id: m.json.id, phone, idNumber: null });
    const audits = await queryRows<{ action: string; actor_id: string }>(
      t.ctx.db,
      sql`select action, actor_id from audit_log where object_id = ${m.json.id} order by seq`,
    );
    expect(audits).toEqual([
      { action: 'member.create', actor_id: w.admin.id },
      { action: 'member.pii_read', actor_id: w.admin.id },
    ]);
    const leader = await createStaffUser(t, w.admin.token, w.org.id, ['leader']);
    expect((await t.call('POST', `/api/v1/members/${m.json.id}/pii-reads`, { token: leader.token })).status).toBe(403);
    const other = await freshWorld(t);
    expect((await t.call('POST', `/api/v1/members/${m.json.id}/pii-reads`, { token: other.admin.token })).status).toBe(
      404,
    );
    expect((await t.call('GET', `/api/v1/members/${m.json.id}`, { token: other.admin.token })).status).toBe(404);
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);

    // A programme officer finds members to apply for them (masked), but reads no identifiers and exports nothing.
    const officer = await createStaffUser(t, w.admin.token, w.org.id, ['programme_officer']);
    const found = await t.call('GET', '/api/v1/members?q=赵强', { token: officer.token });
    expect(found.json.items).toEqual([
      expect.objectContaining({ id: m.json.id, phone: expect.stringMatching(/\*{4}/) }),
    ]);
    expect((await t.call('POST', `/api/v1/members/${m.json.id}/pii-reads`, { token: officer.token })).status).toBe(403);
    expect((await t.call('GET', '/api/v1/members/export.xlsx', { token: officer.token })).status).toBe(403);
    expect((await t.call('GET', '/api/v1/members', { token: leader.token })).status).toBe(403);
  });

  it('pages through members with a cursor', async () => {
    const w = await freshWorld(t);
    for (let i = 0; i < 5; i++)
      await t.call('POST', '/api/v1/members', {
        token: w.admin.token,
        body: { name: `成员${i}`, phone: randomPhone(), orgId: w.grassroots.id },
      });
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: { json: { items: { id: string }[]; nextCursor: string | null } } = await t.call(
        'GET',
        `/api/v1/members?orgId=${w.org.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token: w.admin.token },
      );
      page.json.items.forEach((m) => seen.add(m.id));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(seen.size).toBe(5);
    expect((await t.call('GET', `/api/v1/members?cursor=garbage`, { token: w.admin.token })).status).toBe(400);
    expect((await t.call('GET', `/api/v1/members?limit=101`, { token: w.admin.token })).status).toBe(400);
  });
});

describe('Excel import and export', () => {
  it('imports a workbook in the background with progress and a per-row error report', async () => {
    const w = await freshWorld(t);
    const existing = randomPhone();
    await t.call('POST', '/api/v1/members', {
      token: w.admin.token,
      body: { name: '已有', phone: existing, orgId: w.grassroots.id },
    });
    const good = Array.from({ length: 1200 }, (_, i) => [
      `职工${i}`,
      randomPhone(),
      i % 2 ? randomIdNumber() : '',
      '某快递公司',
      '快递员',
    ]);
    const dupPhone = good[0]![1];
    const rows: unknown[][] = [
      ['姓名', '手机号', '身份证号', '工作单位', '职业'],
      ...good.slice(0, 600),
      ['', '123', '', '', ''], // row 602: no name, bad phone
      ['坏身份证', randomPhone(), '610104199001011235', '', ''], // row 603: bad check digit
      ['重复', dupPhone, '', '', ''], // row 604: duplicate of row 2
      ['已登记', existing, '', '', ''], // row 605: already a member
      [],
      ...good.slice(600),
    ];
    const up = await upload(w.admin.token, w.grassroots.id, '会员.xlsx', await workbook(rows));
    expect(up.status).toBe(202);
    expect(['queued', 'running', 'succeeded']).toContain(up.json.status);
    const job = await waitForImport(w.admin.token, up.json.id);
    expect(job).toMatchObject({ status: 'succeeded', total: 1204, processed: 1204, succeeded: 1200, failed: 4 });
    expect(job.errorsPreview.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([
      [602, 'required'],
      [602, 'invalid_phone'],
      [603, 'invalid_id_number'],
      [604, 'duplicate_in_file'],
      [605, 'member_exists'],
    ]);
    const count = await t.call('GET', `/api/v1/orgs/${w.grassroots.id}`, { token: w.admin.token });
    expect(count.json.memberCount).toBe(1201);

    const report = await t.app.inject({
      method: 'GET',
      url: `/api/v1/members/imports/${up.json.id}/errors.xlsx`,
      headers: { authorization: `Bearer ${w.admin.token}` },
    });
    expect(report.statusCode).toBe(200);
    const sheet = await readWorkbook(report.rawPayload);
    expect(sheet.rowCount).toBe(6);
    expect(sheet.getRow(2).getCell(1).value).toBe(602);

    const other = await freshWorld(t);
    expect((await t.call('GET', `/api/v1/members/imports/${up.json.id}`, { token: other.admin.token })).status).toBe(
      404,
    );
  });

  it('fails a workbook without the required columns, and refuses files that are not xlsx', async () => {
    const w = await freshWorld(t);
    const up = await upload(
      w.admin.token,
      w.grassroots.id,
      'x.xlsx',
      await workbook([
        ['名字', '电话'],
        ['a', '13800000000'],
      ]),
    );
    const job = await waitForImport(w.admin.token, up.json.id);
    expect(job.status).toBe('failed');
    expect(job.message).toBe('缺少必需的列：姓名、手机号');
    const fake = await upload(w.admin.token, w.grassroots.id, 'x.xlsx', Buffer.from('not a spreadsheet'));
    expect(fake.status).toBe(415);
    expect(fake.json.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const other = await freshWorld(t);
    expect(
      (await upload(other.admin.token, w.grassroots.id, 'x.xlsx', await workbook([['姓名', '手机号']]))).status,
    ).toBe(404);
  });

  it('exports the masked registry of a subtree as a real workbook', async () => {
    const w = await freshWorld(t);
    const phones = [randomPhone(), randomPhone(), randomPhone()];
    for (const [i, phone] of phones.entries())
      await t.call('POST', '/api/v1/members', {
        token: w.admin.token,
        body: { name: `导出${i}`, phone, orgId: w.grassroots.id },
      });
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/members/export.xlsx?orgId=${w.org.id}`,
      headers: { authorization: `Bearer ${w.admin.token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const sheet = await readWorkbook(res.rawPayload);
    expect(sheet.rowCount).toBe(4);
    const exported = [2, 3, 4].map((r) => String(sheet.getRow(r).getCell(2).value));
    expect(exported.sort()).toEqual(phones.map((p) => `${p.slice(0, 3)}****${p.slice(7)}`).sort());
    // The joining time is a date cell in Shanghai time with a date format, not an ISO string.
    const joined = sheet.getRow(2).getCell(7);
    expect(joined.value).toBeInstanceOf(Date);
    expect(joined.numFmt).toBe('yyyy-mm-dd hh:mm');
    const listed = await t.call('GET', `/api/v1/members?orgId=${w.org.id}&limit=100`, { token: w.admin.token });
    const shanghaiTimes = listed.json.items.map((m: { joinedAt: string }) =>
      new Date(Date.parse(m.joinedAt) + 8 * 3600_000).toISOString().slice(0, 19),
    );
    expect(shanghaiTimes).toContain((joined.value as Date).toISOString().slice(0, 19));
    const template = await t.app.inject({
      method: 'GET',
      url: '/api/v1/members/import-template.xlsx',
      headers: { authorization: `Bearer ${w.admin.token}` },
    });
    expect(template.statusCode).toBe(200);
    // The template asks for the union by name (not a UUID), and keeps ID numbers as text.
    const blank = await readWorkbook(template.rawPayload);
    expect((blank.getRow(1).values as unknown[]).slice(1)).toEqual([
      '姓名',
      '手机号',
      '身份证号',
      '工作单位',
      '职业',
      '所属工会',
    ]);
    expect(blank.getColumn(3).numFmt).toBe('@');
    expect(String(blank.getRow(1).getCell(6).note)).toContain('工会名称');
  });

  it('takes the union by name or region code, says when a spreadsheet turned an ID number into 6.1E+17, and names columns for people', async () => {
    const w = await freshWorld(t);
    const named = await createOrg(t, w.admin.token, w.org.id, 'grassroots');
    const code = String(110000 + Math.floor(Math.random() * 800000));
    const coded = await createOrg(t, w.admin.token, w.org.id, 'grassroots', code);
    const outsider = await freshWorld(t);
    const bad = randomIdNumber();
    const rows: unknown[][] = [
      ['姓名', '手机号', '身份证号', '工作单位', '职业', '所属工会'],
      ['按名称', randomPhone(), '', '', '', named.name], // 2
      ['按代码', randomPhone(), '', '', '', code], // 3
      ['重名', randomPhone(), '', '', '', '610104'], // 4: the federation and its grassroots union share the code
      ['外单位', randomPhone(), '', '', '', outsider.grassroots.name], // 5: not in this subtree
      ['数字身份证', randomPhone(), Number('610104199001011234'), '', '', ''], // 6: a number cell (6.10104199001011E+17)
      ['科学计数', randomPhone(), '6.10104E+17', '', '', ''], // 7: what a CSV round trip leaves
      ['坏身份证', randomPhone(), `${bad.slice(0, 17)}${bad.endsWith('0') ? '1' : '0'}`, '', '', ''], // 8: a wrong check digit
    ];
    const up = await upload(w.admin.token, w.org.id, '会员.xlsx', await workbook(rows));
    const job = await waitForImport(w.admin.token, up.json.id);
    expect(job).toMatchObject({ status: 'succeeded', succeeded: 2, failed: 5 });
    expect(
      job.errorsPreview.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code]),
    ).toEqual([
      [4, '所属工会', 'org_ambiguous'],
      [5, '所属工会', 'org_out_of_scope'],
      [6, '身份证号', 'id_number_as_number'],
      [7, '身份证号', 'id_number_as_number'],
      [8, '身份证号', 'invalid_id_number'],
    ]);
    expect(job.errorsPreview[2].message).toContain('6.1E+17');
    const namesIn = async (orgId: string) =>
      (await t.call('GET', `/api/v1/members?orgId=${orgId}`, { token: w.admin.token })).json.items.map(
        (m: { name: string }) => m.name,
      );
    expect(await namesIn(named.id)).toEqual(['按名称']);
    expect(await namesIn(coded.id)).toEqual(['按代码']);

    // In English too: the column's label and the message, in the job and in the error report.
    const en = await t.call('GET', `/api/v1/members/imports/${up.json.id}`, {
      token: w.admin.token,
      headers: { 'accept-language': 'en' },
    });
    expect(en.json.errorsPreview[2]).toMatchObject({ row: 6, field: 'idNumber', column: 'ID-card number' });
    expect(en.json.errorsPreview[2].message).toContain('stored the ID number as a number');
    const report = await t.app.inject({
      method: 'GET',
      url: `/api/v1/members/imports/${up.json.id}/errors.xlsx`,
      headers: { authorization: `Bearer ${w.admin.token}`, 'accept-language': 'en' },
    });
    const sheet = await readWorkbook(report.rawPayload);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['Row', 'Column', 'Problem', 'Code']);
    expect((sheet.getRow(2).values as unknown[]).slice(1, 3)).toEqual([4, 'Union']);
    const zh = await readWorkbook(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/members/imports/${up.json.id}/errors.xlsx`,
          headers: { authorization: `Bearer ${w.admin.token}` },
        })
      ).rawPayload,
    );
    expect((zh.getRow(4).values as unknown[]).slice(1, 4)).toEqual([6, '身份证号', job.errorsPreview[2].message]);
  });
});

describe('membership applications 入会', () => {
  it('a worker applies, the grassroots union approves, the worker becomes a member', async () => {
    const w = await freshWorld(t);
    const worker = await workerLogin(t);
    const body = { orgId: w.grassroots.id, name: '刘洋', idNumber: randomIdNumber(), occupation: '外卖骑手' };
    const key = `k-${Math.random()}`;
    const first = await t.call('POST', '/api/v1/membership-applications', {
      token: worker.token,
      body,
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ status: 'submitted', actions: ['withdraw'], overdue: false });
    const retry = await t.call('POST', '/api/v1/membership-applications', {
      token: worker.token,
      body,
      headers: { 'idempotency-key': key },
    });
    expect(retry.json.id).toBe(first.json.id);
    const again = await t.call('POST', '/api/v1/membership-applications', { token: worker.token, body });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('APPLICATION_PENDING');

    const queue = await t.call('GET', `/api/v1/membership-applications?status=submitted&orgId=${w.org.id}`, {
      token: w.admin.token,
    });
    expect(queue.json.items.map((a: { id: string }) => a.id)).toEqual([first.json.id]);
    expect(queue.json.items[0].actions).toEqual(['approve', 'reject']);

    const other = await freshWorld(t);
    expect(
      (await t.call('GET', `/api/v1/membership-applications/${first.json.id}`, { token: other.admin.token })).status,
    ).toBe(404);
    expect(
      (
        await t.call('POST', `/api/v1/membership-applications/${first.json.id}/actions`, {
          token: other.admin.token,
          body: { action: 'approve' },
        })
      ).status,
    ).toBe(404);
    const stranger = await workerLogin(t);
    expect(
      (await t.call('GET', `/api/v1/membership-applications/${first.json.id}`, { token: stranger.token })).status,
    ).toBe(404);
    const selfApprove = await t.call('POST', `/api/v1/membership-applications/${first.json.id}/actions`, {
      token: worker.token,
      body: { action: 'approve' },
    });
    expect(selfApprove.status).toBe(403);

    const approved = await t.call('POST', `/api/v1/membership-applications/${first.json.id}/actions`, {
      token: w.admin.token,
      body: { action: 'approve', note: '欢迎入会' },
    });
    expect(approved.status).toBe(200);
    expect(approved.json.status).toBe('approved');
    expect(approved.json.memberId).not.toBeNull();
    expect(approved.json.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'approve']);
    const twice = await t.call('POST', `/api/v1/membership-applications/${first.json.id}/actions`, {
      token: w.admin.token,
      body: { action: 'reject' },
    });
    expect(twice.status).toBe(409);
    expect(twice.json.error.code).toBe('INVALID_TRANSITION');

    const card = await t.call('GET', '/api/v1/me/member-card', { token: worker.token });
    expect(card.status).toBe(200);
    expect(card.json).toMatchObject({ name: '刘洋', org: { id: w.grassroots.id } });
    const mine = await t.call('GET', '/api/v1/membership-applications?mine=true', { token: worker.token });
    expect(mine.json.items[0].status).toBe('approved');
    const member = await t.call('POST', '/api/v1/membership-applications', { token: worker.token, body });
    expect(member.json.error.code).toBe('ALREADY_MEMBER');
  });

  it('lets the applicant withdraw, and only applies to grassroots unions', async () => {
    const w = await freshWorld(t);
    const worker = await workerLogin(t);
    const notGrassroots = await t.call('POST', '/api/v1/membership-applications', {
      token: worker.token,
      body: { orgId: w.org.id, name: '张三' },
    });
    expect(notGrassroots.status).toBe(400);
    const app = await t.call('POST', '/api/v1/membership-applications', {
      token: worker.token,
      body: { orgId: w.grassroots.id, name: '张三' },
    });
    const withdrawn = await t.call('POST', `/api/v1/membership-applications/${app.json.id}/actions`, {
      token: worker.token,
      body: { action: 'withdraw' },
    });
    expect(withdrawn.json.status).toBe('withdrawn');
  });
});
