import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrg,
  createStaffUser,
  freshRegionCode,
  freshWorld,
  randomPhone,
  workerLogin,
  type World,
} from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { countQueries } from '../../../test/query-counter.js';
import { readWorkbook, uploadFile } from '../../../test/uploads.js';
import { PNG } from 'pngjs';
import { queryRows, sql } from '../../kernel/db/client.js';
import { verifyAuditChain } from '../../kernel/audit.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

/** A district federation with its own county code and a legal-service centre serving it. */
async function district(): Promise<
  World & { regionCode: string; center: { id: string; name: string }; handler: { id: string; token: string } }
> {
  const w = await freshWorld(t);
  const regionCode = await freshRegionCode(t);
  await t.call('PATCH', `/api/v1/orgs/${w.org.id}`, { token: w.admin.token, body: { regionCode } });
  const center = await createOrg(t, w.admin.token, w.org.id, 'center', regionCode);
  const handler = await createStaffUser(t, w.admin.token, center.id, ['case_handler']);
  return { ...w, regionCode, center, handler };
}

/** One multipart file part with a Content-Disposition written by hand: raw UTF-8, escaped quotes, odd characters. */
async function uploadRaw(token: string, dispositionParams: string, bytes: Buffer) {
  const boundary = '----su' + Math.random().toString(16).slice(2);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/legal/evidence',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: `Bearer ${token}` },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; ${dispositionParams}\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
}

const overtimeCase = (regionCode: string) => ({
  kind: 'mediation',
  category: 'overtime_pay',
  description: '2026年9月至10月每天加班3小时，公司未支付加班费。',
  amountClaimedFen: 2_500_000,
  employer: { name: '顺达快递西安分公司', regionCode, address: '未央区凤城二路10号' },
});

describe('legal help', () => {
  it('routes to the centre of the employer’s county, and walks the whole case to a rated close', async () => {
    const d = await district();
    const courier = await workerLogin(t);
    const png = PNG.sync.write(new PNG({ width: 2, height: 2 }));
    const evidence = await uploadFile(t, '/api/v1/legal/evidence', courier.token, '工资条.png', png, 'image/png');
    expect(evidence.status).toBe(201);
    const filed = await t.call('POST', '/api/v1/legal/cases', {
      token: courier.token,
      body: { ...overtimeCase(d.regionCode), attachmentIds: [evidence.json.id] },
      headers: { 'idempotency-key': 'case-1' },
    });
    expect(filed.status).toBe(201);
    expect(filed.json).toMatchObject({
      status: 'submitted',
      center: { id: d.center.id },
      routedToCenter: true,
      actions: ['withdraw'],
      overdue: false,
    });
    expect(filed.json.attachments).toHaveLength(1);
    const retry = await t.call('POST', '/api/v1/legal/cases', {
      token: courier.token,
      body: { ...overtimeCase(d.regionCode), attachmentIds: [evidence.json.id] },
      headers: { 'idempotency-key': 'case-1' },
    });
    expect(retry.json.id).toBe(filed.json.id);
    expect((await t.call('GET', '/api/v1/legal/cases?mine=true', { token: courier.token })).json.items).toHaveLength(1);

    const id = filed.json.id;
    const act = (token: string, body: object) => t.call('POST', `/api/v1/legal/cases/${id}/actions`, { token, body });
    const queue = await t.call('GET', `/api/v1/legal/cases?centerId=${d.center.id}&status=submitted`, {
      token: d.handler.token,
    });
    expect(queue.json.items.map((c: { id: string }) => c.id)).toEqual([id]);
    expect((await act(courier.token, { action: 'accept' })).status).toBe(403);
    expect((await act(d.handler.token, { action: 'agree', amountRecoveredFen: 1 })).json.error.code).toBe(
      'INVALID_TRANSITION',
    );
    expect((await act(d.handler.token, { action: 'accept' })).json.status).toBe('accepted');
    const notAHandler = await createStaffUser(t, d.admin.token, d.center.id, ['member_manager']);
    const badAssign = await act(d.handler.token, { action: 'assign', handlerId: notAHandler.id });
    expect(badAssign.status).toBe(400);
    expect(badAssign.json.error.details.issues[0].path).toBe('handlerId');
    expect((await act(d.handler.token, { action: 'assign', handlerId: d.handler.id })).json.handler).toMatchObject({
      id: d.handler.id,
    });
    const contacted = await act(d.handler.token, { action: 'contact', note: '已电话联系双方，约定周三调解' });
    expect(contacted.json.firstContactAt).not.toBeNull();
    const agreed = await act(d.handler.token, { action: 'agree', amountRecoveredFen: 2_167_330 });
    expect(agreed.json).toMatchObject({ status: 'agreed', amountRecoveredFen: 2_167_330 });
    const closed = await act(d.handler.token, { action: 'close' });
    expect(closed.json.status).toBe('closed');
    expect(closed.json.timeline.map((e: { action: string }) => e.action)).toEqual([
      'submit',
      'accept',
      'assign',
      'contact',
      'agree',
      'close',
    ]);

    const mine = await t.call('GET', `/api/v1/legal/cases/${id}`, { token: courier.token });
    expect(mine.json.actions).toEqual(['rate']);
    // Only the applicant rates: another worker does not learn the case exists.
    const stranger = await workerLogin(t);
    expect(
      (await t.call('POST', `/api/v1/legal/cases/${id}/rating`, { token: stranger.token, body: { score: 1 } })).status,
    ).toBe(404);
    expect(
      (
        await t.call('POST', `/api/v1/legal/cases/${id}/rating`, {
          token: courier.token,
          body: { score: 5, comment: '调解员很负责' },
        })
      ).status,
    ).toBe(201);
    expect(
      (await t.call('POST', `/api/v1/legal/cases/${id}/rating`, { token: courier.token, body: { score: 1 } })).json
        .error.code,
    ).toBe('ALREADY_RATED');
    const notices = await t.call('GET', '/api/v1/me/notifications', { token: courier.token });
    expect(notices.json.items.map((n: { title: string }) => n.title)).toContain('已达成调解协议');

    const figures = await t.call('GET', `/api/v1/legal/figures?centerId=${d.center.id}`, { token: d.handler.token });
    expect(figures.json).toMatchObject({
      cases: 1,
      closed: 1,
      open: 0,
      recoveredFen: 2_167_330,
      averageRating: 5,
      overdueFirstContact: 0,
    });
    const ledger = await t.app.inject({
      method: 'GET',
      url: `/api/v1/legal/cases/export.xlsx?centerId=${d.center.id}`,
      headers: { authorization: `Bearer ${d.handler.token}` },
    });
    const sheet = await readWorkbook(ledger.rawPayload);
    expect(sheet.rowCount).toBe(2);
    // Money as numbers of yuan with a number format (SUM works); times as Shanghai date cells, not ISO strings.
    const col = (heading: string) => (sheet.getRow(1).values as unknown[]).indexOf(heading);
    const recovered = sheet.getRow(2).getCell(col('追回金额（元）'));
    expect(recovered.value).toBe(21673.3);
    expect(recovered.numFmt).toBe('#,##0.00');
    expect(sheet.getRow(2).getCell(col('请求金额（元）')).value).toBe(25000);
    const filedAt = sheet.getRow(2).getCell(col('申请时间'));
    expect(filedAt.value).toBeInstanceOf(Date);
    expect(filedAt.numFmt).toBe('yyyy-mm-dd hh:mm');
    const shanghai = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 19);
    expect((filedAt.value as Date).toISOString().slice(0, 19)).toBe(shanghai(closed.json.createdAt));
    expect((sheet.getRow(2).getCell(col('首次联系')).value as Date).toISOString().slice(0, 19)).toBe(
      shanghai(contacted.json.firstContactAt),
    );
  });

  it('hides a case from everyone but its applicant and the centre’s subtree (404)', async () => {
    const d = await district();
    const courier = await workerLogin(t);
    const filed = await t.call('POST', '/api/v1/legal/cases', {
      token: courier.token,
      body: overtimeCase(d.regionCode),
    });
    const stranger = await workerLogin(t);
    const other = await district();
    for (const token of [stranger.token, other.handler.token, other.admin.token]) {
      expect((await t.call('GET', `/api/v1/legal/cases/${filed.json.id}`, { token })).status).toBe(404);
      expect(
        (await t.call('POST', `/api/v1/legal/cases/${filed.json.id}/actions`, { token, body: { action: 'accept' } }))
          .status,
      ).toBe(404);
    }
    expect(
      (await t.call('GET', `/api/v1/legal/cases?centerId=${d.center.id}`, { token: other.handler.token })).status,
    ).toBe(404);
    // the district federation above the centre sees it
    expect((await t.call('GET', `/api/v1/legal/cases/${filed.json.id}`, { token: d.admin.token })).status).toBe(200);
    // someone else's evidence cannot be attached
    const png = PNG.sync.write(new PNG({ width: 2, height: 2 }));
    const theirs = await uploadFile(t, '/api/v1/legal/evidence', stranger.token, 'x.png', png, 'image/png');
    const stolen = await t.call('POST', '/api/v1/legal/cases', {
      token: courier.token,
      body: { ...overtimeCase(d.regionCode), attachmentIds: [theirs.json.id] },
    });
    expect(stolen.status).toBe(400);
    expect(stolen.json.error.details.issues[0].path).toBe('attachmentIds.0');
  });

  it('takes PDF evidence, and serves evidence only to the case’s readers, as a sandboxed download', async () => {
    const d = await district();
    const courier = await workerLogin(t);
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    );
    // A name as a phone may send it (raw UTF-8), with a quote, a tab, a directory and a right-to-left override that
    // would show "…exe.pdf" as "…fdp.exe": the multipart parser itself drops parts whose name has a line break.
    const uploaded = await uploadRaw(courier.token, 'filename="../劳动合同 \\"第1页\\"\t\u202Efdp.exe"', pdf);
    expect(uploaded.statusCode).toBe(201);
    const evidence = uploaded.json();
    expect(evidence).toMatchObject({
      mediaType: 'application/pdf',
      fileName: '劳动合同 第1页 fdp.exe.pdf',
      sizeBytes: pdf.length,
    });
    const photo = await uploadFile(
      t,
      '/api/v1/legal/evidence',
      courier.token,
      '工资条.png',
      PNG.sync.write(new PNG({ width: 3, height: 2 })),
      'image/png',
    );
    const filed = await t.call('POST', '/api/v1/legal/cases', {
      token: courier.token,
      body: { ...overtimeCase(d.regionCode), attachmentIds: [evidence.id, photo.json.id] },
    });
    expect(filed.status).toBe(201);
    expect(filed.json.attachments.map((a: { mediaType: string }) => a.mediaType).sort()).toEqual([
      'application/pdf',
      'image/png',
    ]);

    const get = (token: string, fileId: string, caseId = filed.json.id as string) =>
      t.app.inject({
        method: 'GET',
        url: `/api/v1/legal/cases/${caseId}/attachments/${fileId}`,
        headers: { authorization: `Bearer ${token}` },
      });
    for (const token of [courier.token, d.handler.token, d.admin.token]) {
      const res = await get(token, evidence.id);
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.equals(pdf)).toBe(true);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toMatch(/default-src 'none'.*sandbox/);
      expect(res.headers['cache-control']).toBe('private, no-store');
      const disposition = String(res.headers['content-disposition']);
      expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%!#$&+.^_`|~-]+$/);
      expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe('劳动合同 第1页 fdp.exe.pdf');
    }
    const shown = await get(d.handler.token, photo.json.id);
    expect(shown.headers['content-disposition']).toMatch(/^inline; /);
    expect(PNG.sync.read(shown.rawPayload).width).toBe(3);

    const stranger = await workerLogin(t);
    const other = await district();
    for (const token of [stranger.token, other.handler.token, other.admin.token])
      expect((await get(token, evidence.id)).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/legal/cases/${filed.json.id}/attachments/${evidence.id}` }))
        .statusCode,
    ).toBe(401);
    // a file of another case is not reachable through this one
    const second = await uploadFile(t, '/api/v1/legal/evidence', courier.token, 'b.pdf', pdf, 'application/pdf');
    const another = await t.call('POST', '/api/v1/legal/cases', {
      token: courier.token,
      body: { ...overtimeCase(d.regionCode), attachmentIds: [second.json.id] },
    });
    expect((await get(d.handler.token, second.json.id)).statusCode).toBe(404);
    expect((await get(d.handler.token, second.json.id, another.json.id)).statusCode).toBe(200);
    // what is neither image nor PDF is refused, whatever its name
    const html = await uploadFile(
      t,
      '/api/v1/legal/evidence',
      courier.token,
      'evidence.pdf',
      Buffer.from('<html><script>alert(1)</script>'),
      'application/pdf',
    );
    expect(html.json.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('falls back to the federation’s queue when no centre serves the region, and lets the applicant withdraw', async () => {
    const w = await freshWorld(t);
    const regionCode = await freshRegionCode(t);
    await t.call('PATCH', `/api/v1/orgs/${w.org.id}`, { token: w.admin.token, body: { regionCode } });
    const worker = await workerLogin(t);
    const filed = await t.call('POST', '/api/v1/legal/cases', {
      token: worker.token,
      body: { ...overtimeCase(regionCode), kind: 'legal_aid', category: 'dismissal' },
    });
    expect(filed.json).toMatchObject({ center: { id: w.org.id }, routedToCenter: false });
    const withdrawn = await t.call('POST', `/api/v1/legal/cases/${filed.json.id}/actions`, {
      token: worker.token,
      body: { action: 'withdraw' },
    });
    expect(withdrawn.json.status).toBe('withdrawn');
    const bad = await t.call('POST', '/api/v1/legal/cases', {
      token: worker.token,
      body: { kind: 'lawsuit', category: 'x', description: 'short', employer: { name: '', regionCode: '61' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'category',
      'description',
      'employer.name',
      'employer.regionCode',
      'kind',
    ]);
  });

  it('flags a case not contacted within one working day as overdue in the queue and the figures', async () => {
    const d = await district();
    const worker = await workerLogin(t);
    const filed = await t.call('POST', '/api/v1/legal/cases', {
      token: worker.token,
      body: overtimeCase(d.regionCode),
    });
    const due = new Date(filed.json.firstContactDueAt);
    const created = new Date(filed.json.createdAt);
    expect(due.getTime()).toBeGreaterThan(created.getTime() + 12 * 3600 * 1000);
    expect(
      (await t.call('GET', `/api/v1/legal/cases?centerId=${d.center.id}&overdue=true`, { token: d.handler.token })).json
        .items,
    ).toHaveLength(0);
    // two days later, nobody has called
    await t.ctx.db.execute(
      sql`update legal_cases set first_contact_due_at = now() - interval '1 hour' where id = ${filed.json.id}`,
    );
    const overdue = await t.call('GET', `/api/v1/legal/cases?centerId=${d.center.id}&overdue=true`, {
      token: d.handler.token,
    });
    expect(overdue.json.items.map((c: { id: string; overdue: boolean }) => [c.id, c.overdue])).toEqual([
      [filed.json.id, true],
    ]);
    expect(
      (await t.call('GET', `/api/v1/legal/figures?centerId=${d.center.id}`, { token: d.handler.token })).json
        .overdueFirstContact,
    ).toBe(1);
    await t.call('POST', `/api/v1/legal/cases/${filed.json.id}/actions`, {
      token: d.handler.token,
      body: { action: 'accept' },
    });
    const contacted = await t.call('POST', `/api/v1/legal/cases/${filed.json.id}/actions`, {
      token: d.handler.token,
      body: { action: 'contact', note: '迟到的联系' },
    });
    expect(contacted.json.overdue).toBe(false);
  });

  it('shows the applicant’s registered name, and reveals the phone only to the case’s handlers, auditing each read', async () => {
    const d = await district();
    const phone = randomPhone();
    const member = await t.call('POST', '/api/v1/members', {
      token: d.admin.token,
      body: { name: '周明', phone, orgId: d.grassroots.id },
    });
    expect(member.status).toBe(201);
    const courier = await workerLogin(t, phone);
    const filed = await t.call('POST', '/api/v1/legal/cases', {
      token: courier.token,
      body: overtimeCase(d.regionCode),
    });
    const id = filed.json.id as string;
    const seen = await t.call('GET', `/api/v1/legal/cases/${id}`, { token: d.handler.token });
    expect(seen.json.applicant).toEqual({ name: '周明', phone: `${phone.slice(0, 3)}****${phone.slice(7)}` });
    expect(JSON.stringify(seen.json)).not.toContain(phone);
    const queue = await t.call('GET', `/api/v1/legal/cases?centerId=${d.center.id}`, { token: d.handler.token });
    expect(queue.json.items[0].applicant.name).toBe('周明');
    // A worker who is not in the registry has no name to show.
    const stranger = await workerLogin(t);
    const theirs = await t.call('POST', '/api/v1/legal/cases', {
      token: stranger.token,
      body: overtimeCase(d.regionCode),
    });
    expect(theirs.json.applicant.name).toBeNull();

    const read = (token: string) => t.call('POST', `/api/v1/legal/cases/${id}/applicant-phone-reads`, { token });
    const revealed = await read(d.handler.token);
    expect(revealed.status).toBe(200);
    expect(revealed.json).toEqual({ id, phone });
    const audits = await queryRows<{ action: string; actor_id: string; org_id: string; details: unknown }>(
      t.ctx.db,
      sql`select action, actor_id, org_id, details from audit_log where object_id = ${id} and action = 'legal_case.applicant_phone_read'`,
    );
    expect(audits).toEqual([
      {
        action: 'legal_case.applicant_phone_read',
        actor_id: d.handler.id,
        org_id: d.center.id,
        details: { fields: ['phone'] },
      },
    ]);
    // A leader reads the case but not the phone; the applicant is not staff; another district does not see the case.
    const leader = await createStaffUser(t, d.admin.token, d.org.id, ['leader']);
    expect((await t.call('GET', `/api/v1/legal/cases/${id}`, { token: leader.token })).status).toBe(200);
    expect((await read(leader.token)).status).toBe(403);
    expect((await read(courier.token)).status).toBe(403);
    expect((await read((await district()).handler.token)).status).toBe(404);
    expect((await t.call('POST', `/api/v1/legal/cases/${id}/applicant-phone-reads`)).status).toBe(401);
    const refusedReads = await queryRows<{ n: number }>(
      t.ctx.db,
      sql`select count(*)::int as n from audit_log where object_id = ${id} and action = 'legal_case.applicant_phone_read'`,
    );
    expect(refusedReads[0]!.n).toBe(1);
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
  });

  it('lists the staff a centre’s case can be assigned to, for its handlers’ assign dialog', async () => {
    const d = await district();
    const second = await createStaffUser(t, d.admin.token, d.center.id, ['case_handler']);
    const districtHandler = await createStaffUser(t, d.admin.token, d.org.id, ['case_handler']);
    const registrar = await createStaffUser(t, d.admin.token, d.center.id, ['member_manager']);
    const retired = await createStaffUser(t, d.admin.token, d.center.id, ['case_handler']);
    await t.call('PATCH', `/api/v1/staff/${retired.id}`, { token: d.admin.token, body: { active: false } });
    const elsewhere = await createOrg(t, d.admin.token, d.org.id, 'center', d.regionCode);
    const siblingHandler = await createStaffUser(t, d.admin.token, elsewhere.id, ['case_handler']);
    // The staff list is for administrators: case handlers get 403 there, hence this route.
    expect((await t.call('GET', `/api/v1/staff?orgId=${d.center.id}`, { token: d.handler.token })).status).toBe(403);

    const url = `/api/v1/legal/centers/${d.center.id}/handlers`;
    const listed = await t.call('GET', url, { token: second.token });
    expect(listed.status).toBe(200);
    const ids = listed.json.items.map((h: { id: string }) => h.id);
    expect(new Set(ids)).toEqual(new Set([d.handler.id, second.id, districtHandler.id]));
    for (const absent of [registrar.id, retired.id, siblingHandler.id, d.admin.id]) expect(ids).not.toContain(absent);
    expect(listed.json.items.find((h: { id: string }) => h.id === districtHandler.id)).toMatchObject({
      roles: ['case_handler'],
      org: { id: d.org.id },
    });
    // Paged like every list.
    const first = await t.call('GET', `${url}?limit=2`, { token: second.token });
    expect(first.json.items).toHaveLength(2);
    const rest = await t.call('GET', `${url}?limit=2&cursor=${first.json.nextCursor}`, { token: second.token });
    expect([...first.json.items, ...rest.json.items].map((h: { id: string }) => h.id)).toEqual(ids);
    expect(rest.json.nextCursor).toBeNull();

    const leader = await createStaffUser(t, d.admin.token, d.org.id, ['leader']);
    expect((await t.call('GET', url, { token: leader.token })).status).toBe(403);
    expect((await t.call('GET', url, { token: (await district()).handler.token })).status).toBe(404);
    // Everyone listed is someone the assign action accepts.
    const courier = await workerLogin(t);
    const filed = await t.call('POST', '/api/v1/legal/cases', {
      token: courier.token,
      body: overtimeCase(d.regionCode),
    });
    await t.call('POST', `/api/v1/legal/cases/${filed.json.id}/actions`, {
      token: d.handler.token,
      body: { action: 'accept' },
    });
    const assigned = await t.call('POST', `/api/v1/legal/cases/${filed.json.id}/actions`, {
      token: d.handler.token,
      body: { action: 'assign', handlerId: districtHandler.id },
    });
    expect(assigned.json.handler).toMatchObject({ id: districtHandler.id });
  });

  it('filters the queue and its export to open cases', async () => {
    const d = await district();
    const worker = await workerLogin(t);
    const kept = await t.call('POST', '/api/v1/legal/cases', { token: worker.token, body: overtimeCase(d.regionCode) });
    const dropped = await t.call('POST', '/api/v1/legal/cases', {
      token: worker.token,
      body: overtimeCase(d.regionCode),
    });
    await t.call('POST', `/api/v1/legal/cases/${dropped.json.id}/actions`, {
      token: worker.token,
      body: { action: 'withdraw' },
    });
    const open = await t.call('GET', `/api/v1/legal/cases?centerId=${d.center.id}&status=open`, {
      token: d.handler.token,
    });
    expect(open.json.items.map((c: { id: string }) => c.id)).toEqual([kept.json.id]);
    const all = await t.call('GET', `/api/v1/legal/cases?centerId=${d.center.id}`, { token: d.handler.token });
    expect(all.json.items).toHaveLength(2);
    const ledger = await t.app.inject({
      method: 'GET',
      url: `/api/v1/legal/cases/export.xlsx?centerId=${d.center.id}&status=open`,
      headers: { authorization: `Bearer ${d.handler.token}` },
    });
    expect((await readWorkbook(ledger.rawPayload)).rowCount).toBe(2);
  });

  it('mine=true: the applicant’s own cases; for a handler, the cases assigned to them', async () => {
    const d = await district();
    const other = await createStaffUser(t, d.admin.token, d.center.id, ['case_handler']);
    const courier = await workerLogin(t);
    const file = async () =>
      (await t.call('POST', '/api/v1/legal/cases', { token: courier.token, body: overtimeCase(d.regionCode) })).json
        .id as string;
    const [mine, theirs, unassigned] = [await file(), await file(), await file()];
    for (const [id, handlerId] of [
      [mine, d.handler.id],
      [theirs, other.id],
    ] as const) {
      await t.call('POST', `/api/v1/legal/cases/${id}/actions`, { token: d.handler.token, body: { action: 'accept' } });
      expect(
        (
          await t.call('POST', `/api/v1/legal/cases/${id}/actions`, {
            token: d.handler.token,
            body: { action: 'assign', handlerId },
          })
        ).status,
      ).toBe(200);
    }
    const ids = async (url: string, token: string) =>
      (await t.call('GET', url, { token })).json.items.map((c: { id: string }) => c.id).sort();
    expect(await ids(`/api/v1/legal/cases?centerId=${d.center.id}`, d.handler.token)).toEqual(
      [mine, theirs, unassigned].sort(),
    );
    expect(await ids(`/api/v1/legal/cases?centerId=${d.center.id}&mine=true`, d.handler.token)).toEqual([mine]);
    expect(await ids(`/api/v1/legal/cases?mine=true`, other.token)).toEqual([theirs]);
    expect(await ids('/api/v1/legal/cases?mine=true', courier.token)).toEqual([mine, theirs, unassigned].sort());
    // Someone else's list never holds them.
    expect(await ids('/api/v1/legal/cases?mine=true', (await workerLogin(t)).token)).toEqual([]);
  });

  it('lists a page of cases with their attachments in as many queries for five cases as for one (no query per case)', async () => {
    const d = await district();
    const png = PNG.sync.write(new PNG({ width: 2, height: 2 }));
    const fileOne = async () => {
      const worker = await workerLogin(t);
      const evidence = await uploadFile(t, '/api/v1/legal/evidence', worker.token, '工资条.png', png, 'image/png');
      const filed = await t.call('POST', '/api/v1/legal/cases', {
        token: worker.token,
        body: { ...overtimeCase(d.regionCode), attachmentIds: [evidence.json.id] },
      });
      expect(filed.status).toBe(201);
      return evidence.json.id as string;
    };
    const list = () => t.call('GET', `/api/v1/legal/cases?centerId=${d.center.id}`, { token: d.handler.token });
    const firstFile = await fileOne();
    await list();
    let page: Awaited<ReturnType<typeof list>> | undefined;
    const forOne = await countQueries(t.database, async () => {
      page = await list();
    });
    expect(page!.json.items.map((c: { attachments: { id: string }[] }) => c.attachments.map((a) => a.id))).toEqual([
      [firstFile],
    ]);
    const files = [firstFile];
    for (let i = 0; i < 4; i += 1) files.push(await fileOne());
    const forFive = await countQueries(t.database, async () => {
      page = await list();
    });
    expect(page!.json.items).toHaveLength(5);
    expect(
      page!.json.items.flatMap((c: { attachments: { id: string }[] }) => c.attachments.map((a) => a.id)).sort(),
    ).toEqual([...files].sort());
    expect(forOne).toBeGreaterThan(0);
    expect(forFive).toBe(forOne);
  });
});
