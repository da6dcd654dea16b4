import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, freshRegionCode, randomIdNumber, randomPhone, workerLogin } from '../../../test/factories.js';
import { fileLead, hardshipWorld, householdInput, type HardshipWorld } from '../../../test/hardship.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { readWorkbook, uploadFile } from '../../../test/uploads.js';
import { queryRows, sql } from '../../kernel/db/client.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const file = (token: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.call('POST', '/api/v1/hardship/leads', { token, body, headers });

const act = (token: string, id: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.call('POST', `/api/v1/hardship/leads/${id}/actions`, { token, body, headers });

const get = (token: string, id: string) => t.call('GET', `/api/v1/hardship/leads/${id}`, { token });

function png(): Buffer {
  const image = new PNG({ width: 2, height: 2 });
  image.data.fill(200);
  return PNG.sync.write(image);
}

async function photo(token: string): Promise<string> {
  const res = await uploadFile(t, '/api/v1/hardship/photos', token, 'home.png', png(), 'image/png');
  expect(res.status).toBe(201);
  return res.json.id as string;
}

async function auditRows(action: string, objectId: string | null = null) {
  return queryRows<{ actor_id: string; object_id: string | null; details: Record<string, unknown> }>(
    t.ctx.db,
    objectId
      ? sql`select actor_id, object_id, details from audit_log where action = ${action} and object_id = ${objectId} order by seq`
      : sql`select actor_id, object_id, details from audit_log where action = ${action} order by seq`,
  );
}

async function setStandard(w: HardshipWorld, line: number, relative?: number) {
  const res = await t.call('PUT', `/api/v1/hardship/standards/${w.regionCode}`, {
    token: w.officer.token,
    body: { monthlyIncomeLineFen: line, ...(relative ? { relativeIncomeLineFen: relative } : {}) },
  });
  expect(res.status).toBe(200);
  return res.json;
}

describe('filing a lead', () => {
  it("files a household in its area's union, PII encrypted and masked, the member matched, consent recorded", async () => {
    const w = await hardshipWorld(t);
    const idNumber = randomIdNumber();
    const phone = randomPhone();
    const member = await t.call('POST', '/api/v1/members', {
      token: w.admin.token,
      body: { name: '李桂兰', phone: randomPhone(), orgId: w.community.id, idNumber },
    });
    expect(member.status).toBe(201);
    const photoId = await photo(w.worker.token);
    const res = await file(w.worker.token, {
      household: householdInput(w.regionCode, { idNumber: idNumber.toLowerCase(), phone }),
      channel: 'volunteer',
      note: '户主患尿毒症，每周透析三次',
      consent: true,
      photoIds: [photoId],
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      status: 'submitted',
      // The shallowest union above the filer with the household's region code: the county, not the community.
      org: { id: w.county.id },
      channel: 'volunteer',
      consentRecorded: true,
      memberId: member.json.id,
      level: null,
      filedBy: { staffId: w.worker.id, username: w.worker.username, org: { id: w.community.id } },
      household: {
        headName: '李桂兰',
        idNumberMasked: `${idNumber.slice(0, 3)}***********${idNumber.slice(-4)}`,
        phoneMasked: `${phone.slice(0, 3)}****${phone.slice(7)}`,
        monthlyIncomeFen: 45_000,
        causes: ['illness'],
        note: '户主患尿毒症，每周透析三次',
        sensitiveMasked: false,
      },
      reviewOverdue: false,
      verificationOverdue: false,
      actions: [],
      photos: [{ id: photoId, purpose: 'survey_photo', mediaType: 'image/png' }],
    });
    expect(res.json.timeline).toMatchObject([{ action: 'file', fromState: null, toState: 'submitted' }]);
    const [stored] = await queryRows<{ head_id_enc: string; phone_enc: string; head_id_hash: string }>(
      t.ctx.db,
      sql`select head_id_enc, phone_enc, head_id_hash from hardship_households where id = ${res.json.id}`,
    );
    expect(stored!.head_id_enc).not.toContain(idNumber);
    expect(t.ctx.pii.decrypt(stored!.head_id_enc)).toBe(idNumber);
    expect(t.ctx.pii.decrypt(stored!.phone_enc)).toBe(phone);
    expect(stored!.head_id_hash).toBe(t.ctx.pii.blindIndex('id_number', idNumber));
    // The photo is served to the filer; not to a stranger.
    const served = await t.app.inject({
      method: 'GET',
      url: `/api/v1/hardship/households/${res.json.id}/files/${photoId}`,
      headers: { authorization: `Bearer ${w.worker.token}` },
    });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    const stranger = await hardshipWorld(t);
    const hidden = await t.call('GET', `/api/v1/hardship/households/${res.json.id}/files/${photoId}`, {
      token: stranger.officer.token,
    });
    expect(hidden.status).toBe(404);
  });

  it('falls back to the shallowest union of the region below the filer, then to the filer’s own union', async () => {
    const w = await hardshipWorld(t);
    const cityStaff = await createStaffUser(t, w.admin.token, w.org.id, ['assistance_worker']);
    const below = await file(cityStaff.token, { household: householdInput(w.regionCode), channel: 'union' });
    expect(below.status).toBe(201);
    expect(below.json.org.id).toBe(w.county.id);
    const nowhere = await file(cityStaff.token, { household: householdInput('819999'), channel: 'hotline' });
    expect(nowhere.status).toBe(201);
    expect(nowhere.json.org.id).toBe(w.org.id);
    expect(nowhere.json.consentRecorded).toBe(false);
  });

  it('refuses bad input with the paths of the fields, and photos not uploaded by the caller', async () => {
    const w = await hardshipWorld(t);
    const bad = await file(w.worker.token, {
      household: householdInput(w.regionCode, {
        idNumber: '110101199001011234',
        phone: '12345',
        regionCode: '64',
        size: 0,
        causes: ['illness', 'illness'],
      }),
      channel: 'friend',
    });
    expect(bad.status).toBe(400);
    const paths = bad.json.error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'household.idNumber',
        'household.phone',
        'household.regionCode',
        'household.size',
        'household.causes',
        'channel',
      ]),
    );
    const theirs = await photo(w.officer.token);
    const foreign = await file(w.worker.token, {
      household: householdInput(w.regionCode),
      channel: 'volunteer',
      photoIds: [theirs],
    });
    expect(foreign.status).toBe(400);
    expect(foreign.json.error.details.issues).toEqual([expect.objectContaining({ path: 'photoIds.0' })]);
    const member = await workerLogin(t);
    expect((await file(member.token, { household: householdInput(w.regionCode), channel: 'self' })).status).toBe(403);
  });

  it('answers 409 HOUSEHOLD_EXISTS across the federation, saying whether the caller may open the file', async () => {
    const w = await hardshipWorld(t);
    const household = householdInput(w.regionCode);
    const id = await fileLead(t, w.worker.token, household);
    const again = await file(w.officer.token, {
      household: { ...household, headName: '另一个名字', phone: randomPhone() },
      channel: 'union',
    });
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({
      code: 'HOUSEHOLD_EXISTS',
      details: { householdId: id, id, status: 'submitted', visible: true },
    });
    const elsewhere = await hardshipWorld(t);
    const far = await file(elsewhere.worker.token, { household, channel: 'volunteer' });
    expect(far.status).toBe(409);
    expect(far.json.error.details).toEqual({ householdId: id, id, status: 'submitted', visible: false });
  });

  it('answers a retry with the same Idempotency-Key with the first 201, never a 409', async () => {
    const w = await hardshipWorld(t);
    const body = { household: householdInput(w.regionCode), channel: 'volunteer', consent: true };
    const first = await file(w.worker.token, body, { 'idempotency-key': 'lead-1' });
    const retry = await file(w.worker.token, body, { 'idempotency-key': 'lead-1' });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.json.id).toBe(first.json.id);
    const other = await file(w.worker.token, body, { 'idempotency-key': 'lead-2' });
    expect(other.status).toBe(409);
    // The phone's queue sending the same lead twice at once: one file, both answered with it.
    const twice = { household: householdInput(w.regionCode), channel: 'volunteer' };
    const both = await Promise.all([0, 1].map(() => file(w.worker.token, twice, { 'idempotency-key': 'lead-3' })));
    expect(both.map((r) => r.status)).toEqual([201, 201]);
    expect(both[1]!.json.id).toBe(both[0]!.json.id);
  });

  it('keeps one file when two workers file the same household at once', async () => {
    const w = await hardshipWorld(t);
    const second = await createStaffUser(t, w.admin.token, w.community.id, ['assistance_worker']);
    const household = householdInput(w.regionCode);
    const results = await Promise.all(
      [w.worker, second, w.officer].map((s) => file(s.token, { household, channel: 'volunteer' })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const winner = results.find((r) => r.status === 201)!;
    for (const r of results.filter((x) => x.status === 409)) expect(r.json.error.details.id).toBe(winner.json.id);
    const [count] = await queryRows<{ n: number }>(
      t.ctx.db,
      sql`select count(*)::int as n from hardship_households where head_id_hash = ${t.ctx.pii.blindIndex('id_number', household.idNumber as string)}`,
    );
    expect(count!.n).toBe(1);
  });
});

/** A worker's lead in the county, verified by the county's officer. */
async function verifiedLead(w: HardshipWorld, overrides: Record<string, unknown> = {}) {
  const id = await fileLead(t, w.worker.token, householdInput(w.regionCode, overrides), {
    note: '户主因病失去劳动能力',
  });
  const verified = await act(w.officer.token, id, { action: 'verify', note: '入户核实：情况属实' });
  expect(verified.status).toBe(200);
  return id;
}

const yearMs = 365 * 86_400_000;

describe('reading a household file', () => {
  it('shows sensitive fields to those who work on it and the filer, masked to leaders; unmasked reads audited', async () => {
    const w = await hardshipWorld(t);
    const id = await fileLead(t, w.worker.token, householdInput(w.regionCode), { note: '残疾二级' });
    const countyWorker = await createStaffUser(t, w.admin.token, w.county.id, ['assistance_worker']);
    for (const reader of [w.officer, countyWorker, w.worker]) {
      const res = await get(reader.token, id);
      expect(res.status).toBe(200);
      expect(res.json.household).toMatchObject({
        monthlyIncomeFen: 45_000,
        causes: ['illness'],
        note: '残疾二级',
        sensitiveMasked: false,
      });
    }
    const reads = await auditRows('hardship_lead.sensitive_read', id);
    expect(reads.map((r) => r.actor_id).sort()).toEqual([w.officer.id, countyWorker.id, w.worker.id].sort());
    const masked = await get(w.leader.token, id);
    expect(masked.status).toBe(200);
    expect(masked.json.household).toMatchObject({
      monthlyIncomeFen: null,
      causes: null,
      note: null,
      sensitiveMasked: true,
    });
    expect(masked.json.actions).toEqual([]);
    expect(await auditRows('hardship_lead.sensitive_read', id)).toHaveLength(3);
    // The same object under /households.
    const household = await t.call('GET', `/api/v1/hardship/households/${id}`, { token: w.officer.token });
    expect(household.status).toBe(200);
    expect(household.json.id).toBe(id);
    expect(household.json.actions).toEqual(['verify', 'reject']);
  });

  it('answers 404 outside the subtree (another volunteer of the community too) and 403 without a role', async () => {
    const w = await hardshipWorld(t);
    const id = await fileLead(t, w.worker.token, householdInput(w.regionCode));
    const neighbour = await createStaffUser(t, w.admin.token, w.community.id, ['assistance_worker']);
    const clerk = await createStaffUser(t, w.admin.token, w.county.id, ['member_manager']);
    const stranger = await hardshipWorld(t);
    expect((await get(neighbour.token, id)).status).toBe(404);
    expect((await get(stranger.officer.token, id)).status).toBe(404);
    expect((await get(stranger.admin.token, id)).status).toBe(404);
    expect((await get(clerk.token, id)).status).toBe(403);
    expect((await act(stranger.officer.token, id, { action: 'verify', note: 'x' })).status).toBe(404);
    expect(
      (await t.call('GET', `/api/v1/hardship/leads/${id}/contact`, { token: stranger.officer.token })).status,
    ).toBe(404);
    const member = await workerLogin(t);
    expect((await get(member.token, id)).status).toBe(403);
  });

  it("gives the head's full phone and ID number to officers and workers over its union, audited", async () => {
    const w = await hardshipWorld(t);
    const household = householdInput(w.regionCode);
    const id = await fileLead(t, w.worker.token, household);
    const res = await t.call('GET', `/api/v1/hardship/leads/${id}/contact`, { token: w.officer.token });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ id, headName: '李桂兰', phone: household.phone, idNumber: household.idNumber });
    expect(await auditRows('hardship_lead.pii_read', id)).toMatchObject([
      { actor_id: w.officer.id, details: { fields: ['phone', 'idNumber'] } },
    ]);
    expect((await t.call('GET', `/api/v1/hardship/leads/${id}/contact`, { token: w.leader.token })).status).toBe(403);
    // The volunteer filed it but works below the county: they read the file, not the identifiers.
    expect((await t.call('GET', `/api/v1/hardship/leads/${id}/contact`, { token: w.worker.token })).status).toBe(403);
    expect(await auditRows('hardship_lead.pii_read', id)).toHaveLength(1);
  });
});

describe('the household workflow', () => {
  it('verifies with documents, archives at the line, reviews yearly, helps case by case, closes and reopens', async () => {
    const w = await hardshipWorld(t);
    await setStandard(w, 60_000);
    const id = await fileLead(t, w.worker.token, householdInput(w.regionCode, { monthlyIncomeFen: 60_000 }));
    const workerDoc = await photo(w.worker.token);
    const refused = await act(w.officer.token, id, { action: 'verify', note: '核实', documentIds: [workerDoc] });
    expect(refused.status).toBe(400);
    expect(refused.json.error.details.issues).toEqual([expect.objectContaining({ path: 'documentIds.0' })]);
    const doc = await photo(w.officer.token);
    const verified = await act(w.officer.token, id, { action: 'verify', note: '入户核实', documentIds: [doc] });
    expect(verified.status).toBe(200);
    expect(verified.json).toMatchObject({
      status: 'verified',
      verificationNote: '入户核实',
      actions: ['archive', 'help_case_by_case', 'reject'],
    });
    expect(verified.json.verifiedAt).not.toBeNull();
    expect(verified.json.photos).toEqual([expect.objectContaining({ purpose: 'verification_document', id: doc })]);
    // Income equal to the line archives 深度困难; the review deadline a year on.
    const archived = await act(w.officer.token, id, { action: 'archive', level: 'deep' });
    expect(archived.status).toBe(200);
    expect(archived.json).toMatchObject({ status: 'archived', level: 'deep', reviewOverdue: false });
    const due = Date.parse(archived.json.reviewDueAt) - Date.parse(archived.json.archivedAt);
    expect(due).toBeGreaterThanOrEqual(yearMs);
    expect(due).toBeLessThanOrEqual(yearMs + 86_400_000);
    // The review: new income above the deep line is refused, a relative level within its line passes.
    const above = await act(w.officer.token, id, { action: 'review', note: '年度复核', monthlyIncomeFen: 60_001 });
    expect(above.status).toBe(409);
    expect(above.json.error).toMatchObject({
      code: 'ABOVE_INCOME_LINE',
      details: { line: 60_000, monthlyIncomeFen: 60_001, level: 'deep' },
    });
    const reviewed = await act(w.officer.token, id, {
      action: 'review',
      note: '年度复核：收入有所增加',
      monthlyIncomeFen: 90_000,
      size: 3,
      causes: ['illness', 'schooling'],
      level: 'relative',
    });
    expect(reviewed.status).toBe(200);
    expect(reviewed.json).toMatchObject({
      status: 'archived',
      level: 'relative',
      household: { monthlyIncomeFen: 90_000, size: 3, causes: ['illness', 'schooling'] },
    });
    expect(reviewed.json.lastReviewedAt).not.toBeNull();
    const caseByCase = await act(w.officer.token, id, { action: 'help_case_by_case' });
    expect(caseByCase.json).toMatchObject({ status: 'case_by_case', level: null, reviewDueAt: null });
    const rearchived = await act(w.officer.token, id, { action: 'archive', level: 'accident' });
    expect(rearchived.json).toMatchObject({ status: 'archived', level: 'accident' });
    const closed = await act(w.officer.token, id, { action: 'close', note: '已就业脱困' });
    expect(closed.json).toMatchObject({ status: 'closed', actions: ['reopen'] });
    const reopened = await act(w.officer.token, id, { action: 'reopen', note: '再次致困' });
    expect(reopened.json).toMatchObject({ status: 'submitted' });
    expect(reopened.json.timeline.map((e: { action: string }) => e.action)).toEqual([
      'file',
      'verify',
      'archive',
      'review',
      'help_case_by_case',
      'archive',
      'close',
      'reopen',
    ]);
  });

  it('applies the regional standard at its boundaries: deep ≤ line, relative ≤ 1.5 × line, accident untested', async () => {
    const w = await hardshipWorld(t);
    const atLine = await verifiedLead(w, { monthlyIncomeFen: 50_000 });
    const notSet = await act(w.officer.token, atLine, { action: 'archive', level: 'deep' });
    expect(notSet.status).toBe(409);
    expect(notSet.json.error.code).toBe('STANDARD_NOT_SET');
    const standard = await setStandard(w, 50_000);
    expect(standard).toMatchObject({
      regionCode: w.regionCode,
      monthlyIncomeLineFen: 50_000,
      relativeIncomeLineFen: 75_000,
    });
    expect((await act(w.officer.token, atLine, { action: 'archive', level: 'deep' })).status).toBe(200);
    const overLine = await verifiedLead(w, { monthlyIncomeFen: 50_001 });
    const refused = await act(w.officer.token, overLine, { action: 'archive', level: 'deep' });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({
      code: 'ABOVE_INCOME_LINE',
      details: { line: 50_000, monthlyIncomeFen: 50_001, level: 'deep' },
    });
    expect((await get(w.officer.token, overLine)).json.status).toBe('verified');
    expect((await act(w.officer.token, overLine, { action: 'archive', level: 'relative' })).status).toBe(200);
    const atRelative = await verifiedLead(w, { monthlyIncomeFen: 75_000 });
    expect((await act(w.officer.token, atRelative, { action: 'archive', level: 'relative' })).status).toBe(200);
    const overRelative = await verifiedLead(w, { monthlyIncomeFen: 75_001 });
    const tooRich = await act(w.officer.token, overRelative, { action: 'archive', level: 'relative' });
    expect(tooRich.json.error).toMatchObject({ code: 'ABOVE_INCOME_LINE', details: { line: 75_000 } });
    expect((await act(w.officer.token, overRelative, { action: 'archive', level: 'accident' })).status).toBe(200);
    // A relative line of the standard's own replaces 1.5 ×.
    await setStandard(w, 50_000, 80_000);
    const under = await verifiedLead(w, { monthlyIncomeFen: 80_000 });
    expect((await act(w.officer.token, under, { action: 'archive', level: 'relative' })).status).toBe(200);
  });

  it("falls back to the city's standard when the county has none", async () => {
    const w = await hardshipWorld(t);
    const city = `${w.regionCode.slice(0, 4)}00`;
    const id = await verifiedLead(w, { monthlyIncomeFen: 30_000 });
    try {
      const put = await t.call('PUT', `/api/v1/hardship/standards/${city}`, {
        token: w.rootToken,
        body: { monthlyIncomeLineFen: 30_000 },
      });
      expect(put.status).toBe(200);
      expect((await act(w.officer.token, id, { action: 'archive', level: 'deep' })).status).toBe(200);
    } finally {
      // Standards are shared by every test of the run (and kept by PostgreSQL): no other county of this city gets one.
      await t.ctx.db.execute(sql`delete from hardship_standards where region_code = ${city}`);
    }
  });

  it('gives every action to the officers over the union only: 403 to the filer and to leaders, 409 from the wrong state', async () => {
    const w = await hardshipWorld(t);
    const id = await fileLead(t, w.worker.token, householdInput(w.regionCode));
    const byWorker = await act(w.worker.token, id, { action: 'verify', note: 'x' });
    expect(byWorker.status).toBe(403);
    expect((await act(w.leader.token, id, { action: 'reject', reason: 'x' })).status).toBe(403);
    const early = await act(w.officer.token, id, { action: 'archive', level: 'accident' });
    expect(early.status).toBe(409);
    expect(early.json.error).toMatchObject({ code: 'INVALID_TRANSITION', details: { status: 'submitted' } });
    for (const action of [
      { action: 'review', note: 'x' },
      { action: 'close', note: 'x' },
      { action: 'reopen', note: 'x' },
      { action: 'help_case_by_case' },
    ])
      expect((await act(w.officer.token, id, action)).json.error.code).toBe('INVALID_TRANSITION');
    const rejected = await act(w.officer.token, id, { action: 'reject', reason: '收入高于标准' });
    expect(rejected.json).toMatchObject({ status: 'rejected', rejectionReason: '收入高于标准', actions: ['reopen'] });
    // The filer follows the answer on their lead.
    const seen = await get(w.worker.token, id);
    expect(seen.json).toMatchObject({ status: 'rejected', rejectionReason: '收入高于标准', actions: [] });
    const reopened = await act(w.officer.token, id, { action: 'reopen', note: '家庭成员新发重病' });
    expect(reopened.json).toMatchObject({ status: 'submitted', rejectionReason: null });
    const bad = await act(w.officer.token, id, { action: 'archive', level: 'rich' });
    expect(bad.status).toBe(400);
    // A retried action with the same key gets the first answer.
    const first = await act(w.officer.token, id, { action: 'verify', note: '核实' }, { 'idempotency-key': 'v-1' });
    const retry = await act(w.officer.token, id, { action: 'verify', note: '核实' }, { 'idempotency-key': 'v-1' });
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(retry.json.timeline).toEqual(first.json.timeline);
  });

  it('flags a lead past its verification deadline and an archive past its yearly review', async () => {
    const w = await hardshipWorld(t);
    await setStandard(w, 60_000);
    const lead = await fileLead(t, w.worker.token, householdInput(w.regionCode));
    const archive = await verifiedLead(w);
    await act(w.officer.token, archive, { action: 'archive', level: 'deep' });
    const fresh = await verifiedLead(w);
    await act(w.officer.token, fresh, { action: 'archive', level: 'deep' });
    const past = new Date(Date.now() - 86_400_000).toISOString();
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString();
    await t.ctx.db.execute(sql`update hardship_households set due_at = ${past} where id in (${lead}, ${archive})`);
    expect((await get(w.officer.token, lead)).json.verificationOverdue).toBe(true);
    expect((await get(w.officer.token, archive)).json).toMatchObject({ reviewOverdue: true, reviewDueAt: past });
    const due = await t.call('GET', `/api/v1/hardship/leads?reviewDue=true&orgId=${w.county.id}`, {
      token: w.officer.token,
    });
    expect(due.json.items.map((i: { id: string }) => i.id)).toEqual([archive]);
    await t.ctx.db.execute(sql`update hardship_households set due_at = ${soon} where id = ${fresh}`);
    const stats = await t.call('GET', `/api/v1/hardship/stats?orgId=${w.county.id}`, { token: w.officer.token });
    expect(stats.json).toMatchObject({
      total: 3,
      byStatus: { submitted: 1, archived: 2, verified: 0 },
      byLevel: { deep: 2, relative: 0, accident: 0 },
      reviewsDue: 1,
      reviewsOverdue: 1,
      awaitingVerification: 1,
      verificationOverdue: 1,
    });
    // The review starts the next year's clock.
    const reviewed = await act(w.officer.token, archive, { action: 'review', note: '复核' });
    expect(reviewed.json.reviewOverdue).toBe(false);
    expect(Date.parse(reviewed.json.reviewDueAt)).toBeGreaterThan(Date.now() + yearMs - 86_400_000);
  });
});

describe('lists, export, figures, standards and the member’s own household', () => {
  it("lists a subtree's files with filters and pages; a volunteer's own leads with mine", async () => {
    const w = await hardshipWorld(t);
    const idNumber = randomIdNumber();
    const a = await fileLead(t, w.worker.token, householdInput(w.regionCode, { headName: '王秀英', idNumber }));
    const b = await fileLead(t, w.worker.token, householdInput(w.regionCode, { headName: '赵大勇' }));
    const c = await fileLead(t, w.officer.token, householdInput(w.regionCode, { headName: '王建军' }));
    await act(w.officer.token, c, { action: 'reject', reason: '不符合条件' });
    const list = (token: string, query: string) => t.call('GET', `/api/v1/hardship/leads?${query}`, { token });
    const ids = (res: { json: { items: { id: string }[] } }) => res.json.items.map((i) => i.id);
    expect(ids(await list(w.officer.token, ''))).toEqual([c, b, a]);
    expect(ids(await list(w.officer.token, 'q=王'))).toEqual([c, a]);
    expect(ids(await list(w.officer.token, `q=${idNumber.toLowerCase()}`))).toEqual([a]);
    expect(ids(await list(w.officer.token, 'status=rejected'))).toEqual([c]);
    expect(ids(await list(w.officer.token, `regionCode=${w.regionCode.slice(0, 4)}`))).toEqual([c, b, a]);
    expect(ids(await list(w.officer.token, 'regionCode=11'))).toEqual([]);
    const first = await list(w.officer.token, 'limit=2');
    expect(ids(first)).toEqual([c, b]);
    const second = await list(w.officer.token, `limit=2&cursor=${first.json.nextCursor}`);
    expect(ids(second)).toEqual([a]);
    expect(second.json.nextCursor).toBeNull();
    // The volunteer's subtree (the community) holds none of them; their own leads do.
    expect(ids(await list(w.worker.token, ''))).toEqual([]);
    expect(ids(await list(w.worker.token, 'mine=true'))).toEqual([b, a]);
    expect(ids(await list(w.worker.token, 'mine=false'))).toEqual([]);
    // The federation's leader reads the list masked: no sensitive read to audit.
    const before = (await auditRows('hardship_lead.sensitive_read')).length;
    const masked = await list(w.leader.token, `orgId=${w.county.id}`);
    expect(masked.json.items[0].household).toMatchObject({ monthlyIncomeFen: null, sensitiveMasked: true });
    expect((await auditRows('hardship_lead.sensitive_read')).length).toBe(before);
    await list(w.officer.token, 'limit=2');
    const audited = await auditRows('hardship_lead.sensitive_read');
    expect(audited.at(-1)).toMatchObject({ actor_id: w.officer.id, details: { via: 'list', ids: [c, b] } });
    const stranger = await hardshipWorld(t);
    expect((await list(stranger.officer.token, `orgId=${w.county.id}`)).status).toBe(404);
    expect((await list(w.officer.token, 'cursor=junk')).status).toBe(400);
  });

  it('exports the list with labels and masked identifiers, audited', async () => {
    const w = await hardshipWorld(t);
    const household = householdInput(w.regionCode, { causes: ['illness', 'disability'] });
    await fileLead(t, w.worker.token, household);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/hardship/leads/export.xlsx?orgId=${w.county.id}`,
      headers: { authorization: `Bearer ${w.officer.token}` },
    });
    expect(res.statusCode).toBe(200);
    const sheet = await readWorkbook(res.rawPayload);
    expect(sheet.rowCount).toBe(2);
    const row = sheet.getRow(2).values as unknown[];
    expect(row).toContain('李桂兰');
    expect(row).toContain(
      `${(household.idNumber as string).slice(0, 3)}***********${(household.idNumber as string).slice(-4)}`,
    );
    expect(row).not.toContain(household.idNumber);
    expect(row).toContain('因病、因残');
    expect(row).toContain('待核实');
    expect(row).toContain(450);
    expect((await auditRows('hardship_lead.export')).at(-1)).toMatchObject({
      actor_id: w.officer.id,
      details: { rows: 1, unmaskedRows: 1 },
    });
    const byId = await t.app.inject({
      method: 'GET',
      url: `/api/v1/hardship/leads/export.xlsx?q=${household.idNumber as string}`,
      headers: { authorization: `Bearer ${w.officer.token}` },
    });
    expect((await readWorkbook(byId.rawPayload)).rowCount).toBe(2);
    const searched = (await auditRows('hardship_lead.export')).at(-1)!;
    expect(JSON.stringify(searched.details)).not.toContain(household.idNumber as string);
    const leaderExport = await t.app.inject({
      method: 'GET',
      url: `/api/v1/hardship/leads/export.xlsx?orgId=${w.county.id}`,
      headers: { authorization: `Bearer ${w.leader.token}` },
    });
    const leaderRow = (await readWorkbook(leaderExport.rawPayload)).getRow(2).values as unknown[];
    expect(leaderRow).not.toContain(450);
    expect(leaderRow).not.toContain('因病、因残');
  });

  it("reports a county's archives up to the federation: per union below and in total", async () => {
    const w = await hardshipWorld(t);
    await setStandard(w, 60_000);
    const archived = await verifiedLead(w);
    await act(w.officer.token, archived, { action: 'archive', level: 'deep' });
    await fileLead(t, w.worker.token, householdInput(w.regionCode));
    const stats = await t.call('GET', `/api/v1/hardship/stats?orgId=${w.org.id}`, { token: w.leader.token });
    expect(stats.status).toBe(200);
    expect(stats.json).toMatchObject({ org: { id: w.org.id }, total: 2, byStatus: { archived: 1, submitted: 1 } });
    expect(stats.json.byChildOrg).toEqual(
      expect.arrayContaining([{ id: w.county.id, name: expect.any(String), archived: 1, total: 2 }]),
    );
    const own = await t.call('GET', '/api/v1/hardship/stats', { token: w.officer.token });
    expect(own.json).toMatchObject({ org: { id: w.county.id }, total: 2 });
    expect(own.json.byChildOrg).toEqual([{ id: w.community.id, name: expect.any(String), archived: 0, total: 0 }]);
    const clerk = await createStaffUser(t, w.admin.token, w.county.id, ['member_manager']);
    expect((await t.call('GET', '/api/v1/hardship/stats', { token: clerk.token })).status).toBe(403);
  });

  it('lets officers keep the standard of a region their union covers; lists the standards', async () => {
    const w = await hardshipWorld(t);
    const put = (token: string, code: string, body: Record<string, unknown>) =>
      t.call('PUT', `/api/v1/hardship/standards/${code}`, { token, body });
    expect((await put(w.officer.token, w.regionCode, { monthlyIncomeLineFen: 55_000 })).status).toBe(200);
    const other = await freshRegionCode(t);
    expect((await put(w.officer.token, other, { monthlyIncomeLineFen: 55_000 })).status).toBe(403);
    expect((await put(w.worker.token, w.regionCode, { monthlyIncomeLineFen: 55_000 })).status).toBe(403);
    expect((await put(w.leader.token, w.regionCode, { monthlyIncomeLineFen: 55_000 })).status).toBe(403);
    const bad = await put(w.officer.token, w.regionCode, {
      monthlyIncomeLineFen: 60_000,
      relativeIncomeLineFen: 50_000,
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.issues[0].path).toBe('relativeIncomeLineFen');
    expect((await put(w.officer.token, '64', { monthlyIncomeLineFen: 1 })).status).toBe(400);
    const updated = await put(w.officer.token, w.regionCode, {
      monthlyIncomeLineFen: 56_000,
      relativeIncomeLineFen: 70_000,
    });
    expect(updated.json).toMatchObject({ monthlyIncomeLineFen: 56_000, relativeIncomeLineFen: 70_000 });
    const list = await t.call('GET', `/api/v1/hardship/standards?regionCode=${w.regionCode}`, {
      token: w.leader.token,
    });
    expect(list.json.items).toEqual([
      {
        regionCode: w.regionCode,
        monthlyIncomeLineFen: 56_000,
        relativeIncomeLineFen: 70_000,
        updatedAt: expect.any(String),
      },
    ]);
    expect((await auditRows('hardship_standard.put')).at(-1)).toMatchObject({ actor_id: w.officer.id });
  });

  it("shows a member their own household's file: state, level and union only", async () => {
    const w = await hardshipWorld(t);
    await setStandard(w, 60_000);
    const idNumber = randomIdNumber();
    const phone = randomPhone();
    const id = await verifiedLead(w, { idNumber });
    await act(w.officer.token, id, { action: 'archive', level: 'deep' });
    // The head joins the union after the survey: matched by their ID number.
    const added = await t.call('POST', '/api/v1/members', {
      token: w.admin.token,
      body: { name: '李桂兰', phone, orgId: w.community.id, idNumber },
    });
    expect(added.status).toBe(201);
    const head = await workerLogin(t, phone);
    const mine = await t.call('GET', '/api/v1/me/hardship', { token: head.token });
    expect(mine.status).toBe(200);
    expect(mine.json).toEqual({
      households: [
        {
          id,
          status: 'archived',
          level: 'deep',
          regionCode: w.regionCode,
          orgName: expect.any(String),
          filedAt: expect.any(String),
          archivedAt: expect.any(String),
          reviewDueAt: expect.any(String),
        },
      ],
    });
    const otherPhone = randomPhone();
    await t.call('POST', '/api/v1/members', {
      token: w.admin.token,
      body: { name: '旁人', phone: otherPhone, orgId: w.community.id },
    });
    const other = await workerLogin(t, otherPhone);
    expect((await t.call('GET', '/api/v1/me/hardship', { token: other.token })).json).toEqual({ households: [] });
    expect((await t.call('GET', '/api/v1/me/hardship', { token: w.officer.token })).status).toBe(403);
  });
});
