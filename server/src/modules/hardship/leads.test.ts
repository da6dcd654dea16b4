import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, randomIdNumber, randomPhone, workerLogin } from '../../../test/factories.js';
import { fileLead, hardshipWorld, householdInput } from '../../../test/hardship.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { uploadFile } from '../../../test/uploads.js';
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
