import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, randomIdNumber, randomPhone } from '../../../test/factories.js';
import { hardshipWorld, type HardshipWorld } from '../../../test/hardship.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { expectRawRows } from '../../../test/raw-rows.js';
import { readWorkbook, uploadFile, waitForJob, workbook } from '../../../test/uploads.js';
import { pgArray, queryRows, sql } from '../../kernel/db/client.js';
import { maskIdNumber, maskPhone } from '../../kernel/pii.js';
import { insertHouseholdsStatement } from './imports.repository.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const header = [
  '户主姓名',
  '身份证号',
  '手机号',
  '地区代码',
  '地址',
  '家庭人口',
  '人均月收入(元)',
  '致困原因',
  '发现渠道',
  '备注',
];

function row(w: HardshipWorld, overrides: Partial<Record<(typeof header)[number], unknown>> = {}): unknown[] {
  const base: Record<string, unknown> = {
    户主姓名: '马秀兰',
    身份证号: randomIdNumber(),
    手机号: randomPhone(),
    地区代码: w.regionCode,
    地址: '青铜峡市小坝镇富民巷3号',
    家庭人口: '4',
    '人均月收入(元)': '450',
    致困原因: '因病',
    发现渠道: '工会干部',
    备注: '',
    ...overrides,
  };
  return header.map((h) => base[h]);
}

async function importRows(w: HardshipWorld, token: string, orgId: string, rows: unknown[][]) {
  const started = await uploadFile(
    t,
    `/api/v1/hardship/imports?orgId=${orgId}`,
    token,
    'households.xlsx',
    await workbook([header, ...rows]),
  );
  expect(started.status).toBe(202);
  return {
    id: started.json.id as string,
    job: await waitForJob(t, `/api/v1/hardship/imports/${started.json.id}`, token),
  };
}

interface HouseholdRow {
  id: string;
  orgId: string;
  filedByStaffId: string;
  filedByOrgId: string;
  channel: string;
  headName: string;
  headIdEnc: string;
  headIdMasked: string;
  phoneEnc: string;
  memberId: string | null;
  monthlyIncomeFen: number;
  size: number;
  causes: string[];
  note: string | null;
  status: string;
  dueAt: Date | null;
}

async function householdsOf(hashes: string[]): Promise<Map<string, HouseholdRow>> {
  const rows = await queryRows<HouseholdRow & { headIdHash: string }>(
    t.ctx.db,
    sql`select id, org_id as "orgId", filed_by_staff_id as "filedByStaffId", filed_by_org_id as "filedByOrgId", channel,
               head_name as "headName", head_id_hash as "headIdHash", head_id_enc as "headIdEnc",
               head_id_masked as "headIdMasked", phone_enc as "phoneEnc", member_id as "memberId",
               monthly_income_fen as "monthlyIncomeFen", size, causes, note, status, due_at as "dueAt"
          from hardship_households where head_id_hash = any(${pgArray(hashes)}::text[])`,
  );
  return new Map(rows.map((r) => [r.headIdHash, r]));
}

const hashOf = (idNumber: string) => t.ctx.pii.blindIndex('id_number', idNumber);

describe('household import (困难家庭批量导入)', () => {
  it('files the good rows as leads of the union, reports every other row, and never files a head twice', async () => {
    const w = await hardshipWorld(t);
    const other = await hardshipWorld(t);
    // On file already: one in this county (the importer may open it), one in another federation's subtree.
    const ownId = randomIdNumber();
    const foreignId = randomIdNumber();
    const first = await importRows(w, w.officer.token, w.county.id, [row(w, { 身份证号: ownId })]);
    expect(first.job).toMatchObject({ status: 'succeeded', succeeded: 1, failed: 0 });
    const foreign = await importRows(other, other.officer.token, other.county.id, [
      row(other, { 身份证号: foreignId }),
    ]);
    expect(foreign.job).toMatchObject({ status: 'succeeded', succeeded: 1 });
    const [ownFile, foreignFile] = [
      (await householdsOf([hashOf(ownId)])).get(hashOf(ownId))!,
      (await householdsOf([hashOf(foreignId)])).get(hashOf(foreignId))!,
    ];
    // A registered member whose ID number heads one of the new households: linked to the file.
    const memberId = randomIdNumber();
    const member = await t.call('POST', '/api/v1/members', {
      token: w.admin.token,
      body: { name: '杨建军', phone: randomPhone(), orgId: w.community.id, idNumber: memberId },
    });
    expect(member.status).toBe(201);

    const ids = { a: randomIdNumber(), b: randomIdNumber(), c: memberId, d: randomIdNumber() };
    const badCheck = ids.a.slice(0, 17) + (ids.a[17] === '0' ? '1' : '0');
    const phoneB = randomPhone();
    const { id, job } = await importRows(w, w.officer.token, w.county.id, [
      row(w, {
        身份证号: ids.a,
        '人均月收入(元)': '450.5',
        致困原因: '因病、因残',
        发现渠道: '志愿者',
        备注: '户主尿毒症透析',
      }), // 2
      row(w, {
        户主姓名: '王海',
        身份证号: ids.b.toLowerCase(),
        手机号: `${phoneB.slice(0, 3)}-${phoneB.slice(3)}`,
        致困原因: 'unemployment, single_parent',
        发现渠道: '',
      }), // 3
      row(w, { 户主姓名: '杨建军', 身份证号: ids.c, 致困原因: '因学' }), // 4
      row(w, { 身份证号: badCheck }), // 5 wrong check character
      row(w, { 身份证号: 6.40381198001011e17 }), // 6 typed as a number: digits lost
      row(w, { 手机号: '12345' }), // 7
      row(w, { 地区代码: '6403' }), // 8
      row(w, { 家庭人口: '0' }), // 9
      row(w, { '人均月收入(元)': '-5' }), // 10
      row(w, { 致困原因: '生病' }), // 11
      row(w, { 发现渠道: '路人' }), // 12
      row(w, { 户主姓名: '', 家庭人口: '31' }), // 13 two problems
      row(w, { 身份证号: ids.a }), // 14 the same head as row 2
      row(w, { 身份证号: ownId }), // 15 on file here
      row(w, { 身份证号: foreignId }), // 16 on file elsewhere in the federation
      [], // a blank line
      row(w, {
        身份证号: ids.d,
        手机号: Number(randomPhone()),
        地区代码: Number(w.regionCode),
        家庭人口: 3,
        '人均月收入(元)': 600,
      }), // 18 numbers
    ]);
    expect(job).toMatchObject({ status: 'succeeded', total: 16, processed: 16, succeeded: 4, failed: 12 });
    expect(
      job.errorsPreview.map((e: { row: number; field: string; code: string }) => [e.row, e.field, e.code]),
    ).toEqual([
      [5, 'idNumber', 'invalid_id_number'],
      [6, 'idNumber', 'id_number_as_number'],
      [7, 'phone', 'invalid_phone'],
      [8, 'regionCode', 'invalid_region_code'],
      [9, 'size', 'invalid_household_size'],
      [10, 'monthlyIncome', 'invalid_income'],
      [11, 'causes', 'invalid_cause'],
      [12, 'channel', 'invalid_channel'],
      [13, 'headName', 'required'],
      [13, 'size', 'invalid_household_size'],
      [14, 'idNumber', 'duplicate_in_file'],
      [15, 'idNumber', 'household_exists'],
      [16, 'idNumber', 'household_exists_elsewhere'],
    ]);
    const byRow = (n: number) => job.errorsPreview.filter((e: { row: number }) => e.row === n);
    expect(byRow(14)[0].details).toEqual({ firstRow: 2 });
    expect(byRow(15)[0]).toMatchObject({
      column: '身份证号',
      details: { householdId: ownFile.id, status: 'submitted', visible: true },
    });
    expect(byRow(15)[0].message).toContain(`待核实，档案编号 ${ownFile.id}`);
    // Elsewhere in the federation: the file's number, not its state (as for a lead filed by hand).
    expect(byRow(16)[0].details).toEqual({ householdId: foreignFile.id, visible: false });

    const english = await t.call('GET', `/api/v1/hardship/imports/${id}`, {
      token: w.officer.token,
      headers: { 'accept-language': 'en' },
    });
    expect(english.json.errorsPreview[11]).toMatchObject({ column: 'ID-card number' });
    expect(english.json.errorsPreview[11].message).toContain(`(Awaiting verification, file ${ownFile.id})`);

    // The four new files: leads of the county, filed by the officer, identifiers encrypted, the member linked.
    const filed = await householdsOf([ids.a, ids.b, ids.c, ids.d].map(hashOf));
    expect(filed.size).toBe(4);
    const a = filed.get(hashOf(ids.a))!;
    expect(a).toMatchObject({
      orgId: w.county.id,
      filedByStaffId: w.officer.id,
      filedByOrgId: w.county.id,
      channel: 'volunteer',
      headName: '马秀兰',
      monthlyIncomeFen: 45_050,
      size: 4,
      causes: ['illness', 'disability'],
      note: '户主尿毒症透析',
      status: 'submitted',
      memberId: null,
    });
    expect(a.dueAt).not.toBeNull();
    expect(t.ctx.pii.decrypt(a.headIdEnc)).toBe(ids.a);
    expect(a.headIdMasked).toBe(`${ids.a.slice(0, 3)}***********${ids.a.slice(-4)}`);
    const b = filed.get(hashOf(ids.b))!;
    expect(b).toMatchObject({ channel: 'union', causes: ['unemployment', 'single_parent'] });
    expect(t.ctx.pii.decrypt(b.phoneEnc)).toBe(phoneB);
    expect(filed.get(hashOf(ids.c))!.memberId).toBe(member.json.id);
    expect(filed.get(hashOf(ids.d))!).toMatchObject({ size: 3, monthlyIncomeFen: 60_000 });

    // Each has its timeline's start and its audit record, as a lead filed one by one would.
    const fileIds = [...filed.values()].map((f) => f.id);
    const timeline = await queryRows<{ objectId: string; action: string; toState: string; data: { row: number } }>(
      t.ctx.db,
      sql`select object_id as "objectId", action, to_state as "toState", data from workflow_timeline
           where workflow = 'hardship_lead' and object_id = any(${pgArray(fileIds)}::uuid[])`,
    );
    expect(timeline).toHaveLength(4);
    expect(timeline.every((e) => e.action === 'import' && e.toState === 'submitted')).toBe(true);
    expect(timeline.find((e) => e.objectId === a.id)!.data).toMatchObject({ via: 'import', jobId: id, row: 2 });
    const audits = await queryRows<{ n: number }>(
      t.ctx.db,
      sql`select count(*)::int as n from audit_log
           where action = 'hardship_lead.import' and object_id = any(${pgArray(fileIds)}::text[]) and actor_id = ${w.officer.id}`,
    );
    expect(audits[0]!.n).toBe(4);

    // The downloadable report: every failed row, in the reader's words.
    const errors = await t.app.inject({
      method: 'GET',
      url: `/api/v1/hardship/imports/${id}/errors.xlsx`,
      headers: { authorization: `Bearer ${w.officer.token}` },
    });
    expect(errors.statusCode).toBe(200);
    const sheet = await readWorkbook(errors.rawPayload);
    expect(sheet.rowCount).toBe(14);
    expect(sheet.getRow(2).getCell(3).value).toBe('身份证号格式或校验位不正确');
    expect(String(sheet.getRow(13).getCell(3).value)).toContain(ownFile.id);
  });

  it('answers 404 for a union outside the caller’s subtree and 403 without the officer role, reading no upload', async () => {
    const w = await hardshipWorld(t);
    const other = await hardshipWorld(t);
    const file = await workbook([header, row(w)]);
    const post = (token: string, orgId: string) =>
      uploadFile(t, `/api/v1/hardship/imports?orgId=${orgId}`, token, 'h.xlsx', file);
    expect((await post(w.officer.token, other.county.id)).status).toBe(404);
    expect((await post(w.officer.token, w.org.id)).status).toBe(404); // above the officer's county
    expect((await post(w.worker.token, w.community.id)).json.error.code).toBe('FORBIDDEN');
    expect((await post(w.leader.token, w.county.id)).status).toBe(403);
    const caseHandler = await createStaffUser(t, w.admin.token, w.county.id, ['case_handler']);
    expect((await post(caseHandler.token, w.county.id)).status).toBe(403);

    // A community's import, by the county's officer; the job is the county's subtree's: others get 404.
    const done = await importRows(w, w.officer.token, w.community.id, [row(w)]);
    expect(done.job).toMatchObject({ status: 'succeeded', succeeded: 1, orgId: w.community.id });
    expect((await t.call('GET', `/api/v1/hardship/imports/${done.id}`, { token: other.officer.token })).status).toBe(
      404,
    );
    expect((await t.call('GET', `/api/v1/hardship/imports/${done.id}`, { token: w.worker.token })).status).toBe(403);
    expect((await t.call('GET', `/api/v1/hardship/imports/${done.id}`, { token: w.admin.token })).status).toBe(200);
    expect(
      (await t.call('GET', `/api/v1/hardship/imports/${done.id}/errors.xlsx`, { token: other.officer.token })).status,
    ).toBe(404);
  });

  it('fails a workbook without the required columns, naming them in the reader’s words', async () => {
    const w = await hardshipWorld(t);
    const started = await uploadFile(
      t,
      `/api/v1/hardship/imports?orgId=${w.county.id}`,
      w.officer.token,
      'h.xlsx',
      await workbook([
        ['户主姓名', '身份证号', '手机号', '地址'],
        ['马秀兰', randomIdNumber(), randomPhone(), '某地'],
      ]),
    );
    const job = await waitForJob(t, `/api/v1/hardship/imports/${started.json.id}`, w.officer.token);
    expect(job).toMatchObject({ status: 'failed', succeeded: 0 });
    expect(job.message).toBe('缺少必需的列：地区代码、家庭人口、人均月收入(元)、致困原因');
  });

  it('two imports of the same households at once file each head once', async () => {
    const w = await hardshipWorld(t);
    const rows = Array.from({ length: 30 }, () => row(w));
    const file = await workbook([header, ...rows]);
    const [one, two] = await Promise.all(
      [file, file].map((bytes) =>
        uploadFile(t, `/api/v1/hardship/imports?orgId=${w.county.id}`, w.officer.token, 'h.xlsx', bytes),
      ),
    );
    const jobs = await Promise.all(
      [one!, two!].map((s) => waitForJob(t, `/api/v1/hardship/imports/${s.json.id}`, w.officer.token)),
    );
    expect(jobs.map((j) => j.status)).toEqual(['succeeded', 'succeeded']);
    expect(jobs[0].succeeded + jobs[1].succeeded).toBe(30);
    expect(jobs[0].failed + jobs[1].failed).toBe(30);
    for (const j of jobs)
      expect(j.errorsPreview.every((e: { code: string }) => e.code === 'household_exists')).toBe(true);
    const filed = await householdsOf(rows.map((r) => hashOf(r[1] as string)));
    expect(filed.size).toBe(30);
  });

  it('several batches (each written while the next is read) are filed and reported in row order', async () => {
    const w = await hardshipWorld(t);
    const onFile = Array.from({ length: 10 }, () => randomIdNumber());
    expect(
      (
        await importRows(
          w,
          w.officer.token,
          w.county.id,
          onFile.map((id) => row(w, { 身份证号: id })),
        )
      ).job,
    ).toMatchObject({ status: 'succeeded', succeeded: 10 });
    const rows = Array.from({ length: 2500 }, (_, i) =>
      i % 250 === 0 ? row(w, { 身份证号: onFile[i / 250] }) : i % 100 === 50 ? row(w, { 手机号: '123' }) : row(w),
    );
    const { job, id } = await importRows(w, w.officer.token, w.county.id, rows);
    expect(job).toMatchObject({ status: 'succeeded', total: 2500, processed: 2500, succeeded: 2470, failed: 30 });
    const errors = await readWorkbook(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/hardship/imports/${id}/errors.xlsx`,
          headers: { authorization: `Bearer ${w.officer.token}` },
        })
      ).rawPayload,
    );
    const reported: [number, string][] = [];
    errors.eachRow((r, n) => {
      if (n > 1) reported.push([Number(r.getCell(1).value), String(r.getCell(4).value)]);
    });
    // Sheet row = index + 2 (the heading is row 1).
    const expected = rows.flatMap((_, i): [number, string][] =>
      i % 250 === 0 ? [[i + 2, 'household_exists']] : i % 100 === 50 ? [[i + 2, 'invalid_phone']] : [],
    );
    expect(reported).toEqual(expected);
    expect((await householdsOf(rows.map((r) => hashOf(r[1] as string)))).size).toBe(2480); // the 2,470 new and the 10 on file
  });

  it('the batch insert answers the rows its schema says (raw statement)', async () => {
    const w = await hardshipWorld(t);
    const idNumber = randomIdNumber();
    const phone = randomPhone();
    const now = new Date();
    const [inserted] = await expectRawRows(
      t.ctx.db,
      insertHouseholdsStatement,
      {
        orgId: w.county.id,
        filedByStaffId: w.officer.id,
        filedByOrgId: w.county.id,
        status: 'submitted',
        statusChangedAt: now,
        dueAt: null,
        now,
      },
      [
        {
          headName: '马秀兰',
          headIdHash: hashOf(idNumber),
          headIdEnc: t.ctx.pii.encrypt(idNumber),
          headIdMasked: maskIdNumber(idNumber),
          phoneHash: t.ctx.pii.blindIndex('phone', phone),
          phoneEnc: t.ctx.pii.encrypt(phone),
          phoneMasked: maskPhone(phone),
          regionCode: w.regionCode,
          address: '某地',
          size: 2,
          monthlyIncomeFen: 0,
          causes: ['disaster', 'other'],
          channel: 'hotline',
          note: null,
        },
      ],
    );
    expect(inserted!.headIdHash).toBe(hashOf(idNumber));
    expect((await householdsOf([hashOf(idNumber)])).get(hashOf(idNumber))).toMatchObject({
      id: inserted!.id,
      causes: ['disaster', 'other'],
      channel: 'hotline',
    });
  });

  it('serves the template with the columns the import reads', async () => {
    const w = await hardshipWorld(t);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/hardship/imports/template.xlsx',
      headers: { authorization: `Bearer ${w.officer.token}` },
    });
    expect(res.statusCode).toBe(200);
    const sheet = await readWorkbook(res.rawPayload);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(header);
  });
});
