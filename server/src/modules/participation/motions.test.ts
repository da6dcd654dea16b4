import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SettableClock } from '../../kernel/clock.js';
import { queryRows, sql } from '../../kernel/db/client.js';
import { createStaffUser, freshWorld, type World } from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { congressWithRepresentatives, signedInMember } from '../../../test/participation.js';
import { readWorkbook, uploadFile } from '../../../test/uploads.js';
import { expectRawRows } from '../../../test/raw-rows.js';
import { BallotDesk } from './motions.ballots.js';
import { insertBallotsStatement } from './motions.repository.js';
import { announceOpenedMotions } from './motions.service.js';

let t: TestApp;
const clock = new SettableClock();
beforeAll(async () => {
  t = await startTestApp({}, { clock });
});
afterAll(async () => {
  await t.close();
});

const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n');

async function motionOf(w: World, congressId: string, body: Record<string, unknown> = {}) {
  const created = await t.call('POST', `/api/v1/congresses/${congressId}/motions`, {
    token: w.admin.token,
    body: { title: '铸链公司职工安置方案', body: '混改后职工安置方案，提请职代会表决。', ...body },
  });
  if (created.status !== 201) throw new Error(`create motion: ${created.status} ${JSON.stringify(created.json)}`);
  return created.json as { id: string; status: string };
}

const vote = (token: string, motionId: string, choice: string, headers?: Record<string, string>) =>
  t.call('POST', `/api/v1/motions/${motionId}/ballots`, { token, body: { choice }, ...(headers ? { headers } : {}) });

describe('congress motions (职代会表决)', () => {
  it('puts a motion with its document, takes one secret ballot per representative, closes and publishes the result', async () => {
    const w = await freshWorld(t);
    const congress = await congressWithRepresentatives(t, w, 4);
    const [a, b, c, d] = congress.representatives;
    const doc = await uploadFile(t, '/api/v1/motions/documents', w.admin.token, '安置方案.pdf', pdf);
    expect(doc.status).toBe(201);
    const motion = await motionOf(w, congress.id, { documentFileId: doc.json.id });
    expect(motion).toMatchObject({ status: 'open', document: { id: doc.json.id, fileName: '安置方案.pdf' } });

    // The representatives are told, and see it with their own (empty) choice.
    const inbox = await t.call('GET', '/api/v1/me/notifications', { token: a!.token });
    expect(JSON.stringify(inbox.json)).toContain(`/motions/${motion.id}`);
    const mine = await t.call('GET', '/api/v1/me/motions', { token: a!.token });
    expect(mine.json.items).toMatchObject([{ id: motion.id, myChoice: null, status: 'open' }]);
    const file = await t.call('GET', `/api/v1/motions/${motion.id}/document`, { token: a!.token });
    expect(file.status).toBe(200);
    expect(file.raw.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    expect((await vote(a!.token, motion.id, 'for')).status).toBe(201);
    expect((await vote(b!.token, motion.id, 'for')).status).toBe(201);
    expect((await vote(c!.token, motion.id, 'against')).status).toBe(201);
    const again = await vote(a!.token, motion.id, 'against');
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('ALREADY_VOTED');

    // A representative sees only their own choice; the running result is for staff.
    expect((await t.call('GET', `/api/v1/motions/${motion.id}`, { token: c!.token })).json.myChoice).toBe('against');
    expect((await t.call('GET', `/api/v1/motions/${motion.id}/result`, { token: a!.token })).status).toBe(403);
    const running = await t.call('GET', `/api/v1/motions/${motion.id}/result`, { token: w.admin.token });
    expect(running.json).toEqual({
      for: 2,
      against: 1,
      abstain: 0,
      voted: 3,
      representatives: 4,
      quorumMet: true,
      passed: false,
      final: false,
      disclosure: null,
    });
    const attendance = await t.call('GET', `/api/v1/motions/${motion.id}/attendance`, { token: w.admin.token });
    expect(attendance.json).toMatchObject({ representatives: 4, voted: 3 });
    expect(JSON.stringify(attendance.json)).not.toMatch(/for|against/);
    expect(attendance.json.items.find((i: { name: string }) => i.name === d!.name).votedAt).toBeNull();

    expect((await vote(d!.token, motion.id, 'for')).status).toBe(201);
    const closed = await t.call('POST', `/api/v1/motions/${motion.id}/close`, { token: w.admin.token });
    expect(closed.status).toBe(200);
    expect(closed.json).toMatchObject({ for: 3, against: 1, voted: 4, representatives: 4, passed: true, final: true });
    const hash = closed.json.disclosure.contentHash as string;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);

    const late = await vote(d!.token, motion.id, 'against');
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe('VOTING_CLOSED');
    const twice = await t.call('POST', `/api/v1/motions/${motion.id}/close`, { token: w.admin.token });
    expect(twice.json.error.code).toBe('VOTING_CLOSED');

    // Published without sign-in: counts and outcome, no names; the hash is sha256(prev ‖ content).
    const published = await t.call('GET', `/api/v1/public/disclosures/${closed.json.disclosure.id}`);
    expect(published.status).toBe(200);
    expect(published.json).toMatchObject({
      kind: 'motion_result',
      motion: { title: '铸链公司职工安置方案' },
      result: { for: 3, against: 1, abstain: 0, voted: 4, representatives: 4, quorumMet: true, passed: true },
      contentHash: hash,
    });
    for (const r of congress.representatives) expect(published.raw.body).not.toContain(r.name);
    const { createHash } = await import('node:crypto');
    expect(
      createHash('sha256').update(published.json.prevHash).update('\n').update(published.json.content).digest('hex'),
    ).toBe(hash);
    // The representatives see the fixed result and are told of it; the audit record holds the hash.
    const result = await t.call('GET', `/api/v1/motions/${motion.id}/result`, { token: b!.token });
    expect(result.json).toMatchObject({ final: true, passed: true, disclosure: { contentHash: hash } });
    const told = await t.call('GET', '/api/v1/me/notifications', { token: b!.token });
    expect(JSON.stringify(told.json)).toContain('表决结果');
    const [record] = await queryRows<{ details: { contentHash: string } }>(
      t.database.db,
      sql`select details from audit_log where action = 'motion.close' and object_id = ${motion.id}`,
    );
    expect(record?.details.contentHash).toBe(hash);

    const verified = await t.call('GET', `/api/v1/congresses/${congress.id}/disclosures/verify`, {
      token: w.admin.token,
    });
    expect(verified.json).toEqual({ ok: true, checked: 1, broken: [] });

    const exported = await t.call('GET', `/api/v1/congresses/${congress.id}/motions/export.xlsx`, {
      token: w.admin.token,
    });
    expect(exported.status).toBe(200);
    const sheet = await readWorkbook(exported.raw.rawPayload);
    expect(sheet.getRow(1).getCell(8).value).toBe('赞成');
    const row = sheet.getRow(2);
    expect([row.getCell(1).value, row.getCell(6).value, row.getCell(8).value, row.getCell(12).value]).toEqual([
      '铸链公司职工安置方案',
      4,
      3,
      '通过',
    ]);
    expect(row.getCell(13).value).toBe(hash);
  });

  it('chains the disclosures of one org, and the verifier names a rewritten one', async () => {
    const w = await freshWorld(t);
    const congress = await congressWithRepresentatives(t, w, 3);
    const first = await motionOf(w, congress.id, { title: '议案一' });
    const second = await motionOf(w, congress.id, { title: '议案二' });
    await vote(congress.representatives[0]!.token, first.id, 'for');
    const one = (await t.call('POST', `/api/v1/motions/${first.id}/close`, { token: w.admin.token })).json;
    const two = (await t.call('POST', `/api/v1/motions/${second.id}/close`, { token: w.admin.token })).json;
    // 1 of 3 voted: no quorum; nobody voted on the second.
    expect(one).toMatchObject({ voted: 1, quorumMet: false, passed: false });
    expect(two).toMatchObject({ voted: 0, quorumMet: false, passed: false });
    const secondNotice = (await t.call('GET', `/api/v1/public/disclosures/${two.disclosure.id}`)).json;
    expect(secondNotice.prevHash).toBe(one.disclosure.contentHash);
    expect(secondNotice.seq).toBe(2);

    await t.database.db.execute(
      sql`update motion_disclosures set content = replace(content, '"passed":false', '"passed":true') where id = ${one.disclosure.id}`,
    );
    const verified = await t.call('GET', `/api/v1/congresses/${congress.id}/disclosures/verify`, {
      token: w.admin.token,
    });
    expect(verified.json.ok).toBe(false);
    expect(verified.json.broken).toEqual([{ disclosureId: one.disclosure.id, seq: 1, problem: 'content_changed' }]);
  });

  it('takes ballots only in the voting window, and tells the representatives when a scheduled motion opens', async () => {
    const w = await freshWorld(t);
    const congress = await congressWithRepresentatives(t, w, 2);
    const [a, b] = congress.representatives;
    const start = new Date();
    clock.set(start);
    try {
      const motion = await motionOf(w, congress.id, {
        opensAt: new Date(start.getTime() + 3600_000).toISOString(),
        closesAt: new Date(start.getTime() + 7200_000).toISOString(),
      });
      expect(motion.status).toBe('scheduled');
      // One whose whole window passes unannounced (the server down through it) is not announced afterwards.
      const missed = await motionOf(w, congress.id, {
        opensAt: new Date(start.getTime() + 3 * 3600_000).toISOString(),
        closesAt: new Date(start.getTime() + 3.5 * 3600_000).toISOString(),
      });
      const bad = await t.call('POST', `/api/v1/congresses/${congress.id}/motions`, {
        token: w.admin.token,
        body: { title: 'x', body: 'y', opensAt: start.toISOString(), closesAt: start.toISOString() },
      });
      expect(bad.status).toBe(400);
      const early = await vote(a!.token, motion.id, 'for');
      expect(early.json.error.code).toBe('VOTING_CLOSED');
      const quiet = await t.call('GET', '/api/v1/me/notifications', { token: a!.token });
      expect(JSON.stringify(quiet.json)).not.toContain(`/motions/${motion.id}`);

      clock.set(new Date(start.getTime() + 3600_000));
      expect(await announceOpenedMotions(t.ctx)).toBeGreaterThanOrEqual(1);
      const told = await t.call('GET', '/api/v1/me/notifications', { token: a!.token });
      expect(JSON.stringify(told.json)).toContain(`/motions/${motion.id}`);
      expect((await vote(a!.token, motion.id, 'abstain')).status).toBe(201);

      clock.set(new Date(start.getTime() + 7200_000));
      const after = await vote(b!.token, motion.id, 'for');
      expect(after.json.error.code).toBe('VOTING_CLOSED');
      expect((await t.call('GET', `/api/v1/motions/${motion.id}`, { token: a!.token })).json.status).toBe('ended');

      clock.set(new Date(start.getTime() + 4 * 3600_000));
      await announceOpenedMotions(t.ctx);
      const later = await t.call('GET', '/api/v1/me/notifications', { token: a!.token });
      expect(JSON.stringify(later.json)).not.toContain(`/motions/${missed.id}`);
    } finally {
      // Back to the real time for the other tests (an unset clock reads the system clock).
      clock.set(null as unknown as Date);
    }
  });

  it('counts two simultaneous ballots of one representative once; a retried key gets the first answer', async () => {
    const w = await freshWorld(t);
    const congress = await congressWithRepresentatives(t, w, 3);
    const [a, b, c] = congress.representatives;
    const motion = await motionOf(w, congress.id);
    const both = await Promise.all([vote(a!.token, motion.id, 'for'), vote(a!.token, motion.id, 'against')]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.status === 409)!.json.error.code).toBe('ALREADY_VOTED');

    // The same request sent twice at once with one Idempotency-Key: both get the one ballot's answer.
    const key = { 'idempotency-key': 'ballot-b-1' };
    const retried = await Promise.all([
      vote(b!.token, motion.id, 'against', key),
      vote(b!.token, motion.id, 'against', key),
    ]);
    expect(retried.map((r) => r.status)).toEqual([201, 201]);
    expect(retried[1]!.json).toEqual(retried[0]!.json);
    const later = await vote(b!.token, motion.id, 'against', key);
    expect(later.status).toBe(201);
    expect(later.json).toEqual(retried[0]!.json);
    const reused = await vote(b!.token, motion.id, 'for', key);
    expect(reused.json.error.code).toBe('IDEMPOTENCY_KEY_REUSED');

    // Many representatives at once, each twice: each counted once.
    const wave = await Promise.all([c!, c!, c!].map((r, i) => vote(r.token, motion.id, i === 0 ? 'abstain' : 'for')));
    expect(wave.filter((r) => r.status === 201)).toHaveLength(1);
    const result = await t.call('GET', `/api/v1/motions/${motion.id}/result`, { token: w.admin.token });
    expect(result.json).toMatchObject({ voted: 3, representatives: 3 });
    const [row] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from motion_ballots where motion_id = ${motion.id}`,
    );
    expect(row?.n).toBe(3);
  });

  it('counts one ballot when two server processes take the same representative at once (the primary key)', async () => {
    const w = await freshWorld(t);
    const congress = await congressWithRepresentatives(t, w, 1);
    const rep = congress.representatives[0]!;
    const motion = await motionOf(w, congress.id);
    // Two desks: two processes' batches, each in its own transaction, racing on the same (motion, representative).
    const desks = [new BallotDesk(t.ctx.db, t.ctx.clock), new BallotDesk(t.ctx.db, t.ctx.clock)];
    const row = (await desks[0]!.motions.load(motion.id))!;
    const target = { id: row.id, congressId: row.congressId, congressStatus: row.congressStatus, orgId: row.orgId };
    const [account] = await queryRows<{ id: string }>(
      t.database.db,
      sql`select id from worker_accounts where phone_hash = ${t.ctx.pii.blindIndex('phone', rep.phone)}`,
    );
    const accountId = account!.id;
    const outcomes = await Promise.allSettled(
      desks.map((desk, i) =>
        desk.submit(target, { memberId: rep.memberId, accountId, choice: i ? 'for' : 'against', key: undefined }),
      ),
    );
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect((refused.reason as { code: string }).code).toBe('ALREADY_VOTED');
    const result = await t.call('GET', `/api/v1/motions/${motion.id}/result`, { token: w.admin.token });
    expect(result.json.voted).toBe(1);
  });

  it('keeps a ballot cast by a representative removed later, and counts them among all representatives', async () => {
    const w = await freshWorld(t);
    const congress = await congressWithRepresentatives(t, w, 3);
    const [a, b] = congress.representatives;
    const motion = await motionOf(w, congress.id);
    await vote(a!.token, motion.id, 'for');
    await vote(b!.token, motion.id, 'for');
    await t.call('DELETE', `/api/v1/congresses/${congress.id}/representatives/${a!.id}`, { token: w.admin.token });
    const closed = await t.call('POST', `/api/v1/motions/${motion.id}/close`, { token: w.admin.token });
    expect(closed.json).toMatchObject({ for: 2, voted: 2, representatives: 3, quorumMet: true, passed: true });
  });

  it('inserts a batch of ballots with the raw statement, rows as its schema says', async () => {
    const w = await freshWorld(t);
    const congress = await congressWithRepresentatives(t, w, 1);
    const rep = congress.representatives[0]!;
    const motion = await motionOf(w, congress.id);
    const rows = await expectRawRows(
      t.database.db,
      insertBallotsStatement,
      motion.id,
      [{ representativeId: rep.id, choice: 'abstain' }],
      new Date(),
    );
    expect(rows).toEqual([{ representativeId: rep.id }]);
    expect((await vote(rep.token, motion.id, 'for')).json.error.code).toBe('ALREADY_VOTED');
  });

  it('is run by participation officers of the subtree; members outside the congress get 404', async () => {
    const w = await freshWorld(t);
    const congress = await congressWithRepresentatives(t, w, 1);
    const rep = congress.representatives[0]!;
    const motion = await motionOf(w, congress.id);
    const other = await freshWorld(t);
    const outsider = await signedInMember(t, other, '外单位会员');
    const insider = await signedInMember(t, w, '非代表会员');
    const officer = await createStaffUser(t, w.admin.token, w.org.id, ['participation_officer']);
    const perks = await createStaffUser(t, w.admin.token, w.org.id, ['perks_manager']);

    const staffRoutes: [string, string, unknown?][] = [
      ['POST', `/api/v1/congresses/${congress.id}/motions`, { title: 't', body: 'b' }],
      ['GET', `/api/v1/congresses/${congress.id}/motions`],
      ['GET', `/api/v1/motions/${motion.id}`],
      ['GET', `/api/v1/motions/${motion.id}/result`],
      ['GET', `/api/v1/motions/${motion.id}/attendance`],
      ['GET', `/api/v1/congresses/${congress.id}/disclosures/verify`],
      ['GET', `/api/v1/congresses/${congress.id}/motions/export.xlsx`],
    ];
    for (const [method, url, body] of staffRoutes) {
      expect((await t.call(method as 'GET', url, { token: perks.token, body })).status, url).toBe(403);
      expect((await t.call(method as 'GET', url, { token: other.admin.token, body })).status, url).toBe(404);
      expect((await t.call(method as 'GET', url, { token: officer.token, body })).status, url).toBeLessThan(300);
    }
    expect((await t.call('POST', `/api/v1/motions/${motion.id}/close`, { token: perks.token })).status).toBe(403);
    expect((await t.call('POST', `/api/v1/motions/${motion.id}/close`, { token: other.admin.token })).status).toBe(404);
    expect(
      (await uploadFile(t, '/api/v1/motions/documents', perks.token, 'a.pdf', pdf)).status,
      'upload by a non-officer',
    ).toBe(403);
    // Another officer's upload is not theirs to name.
    const theirs = await uploadFile(t, '/api/v1/motions/documents', other.admin.token, 'a.pdf', pdf);
    const borrowed = await t.call('POST', `/api/v1/congresses/${congress.id}/motions`, {
      token: w.admin.token,
      body: { title: 't', body: 'b', documentFileId: theirs.json.id },
    });
    expect(borrowed.status).toBe(400);

    // Members: outside the subtree 404, in it but not a representative 403, staff may not vote.
    for (const url of [`/api/v1/motions/${motion.id}`, `/api/v1/congresses/${congress.id}/motions`]) {
      expect((await t.call('GET', url, { token: outsider.token })).status).toBe(404);
      expect((await t.call('GET', url, { token: insider.token })).status).toBe(403);
      expect((await t.call('GET', url, { token: rep.token })).status).toBe(200);
    }
    expect((await vote(outsider.token, motion.id, 'for')).status).toBe(404);
    expect((await vote(insider.token, motion.id, 'for')).status).toBe(403);
    expect((await vote(w.admin.token, motion.id, 'for')).status).toBe(403);
    expect((await t.call('GET', `/api/v1/motions/${motion.id}/attendance`, { token: rep.token })).status).toBe(403);
    expect((await t.call('POST', `/api/v1/motions/${motion.id}/close`, { token: rep.token })).status).toBe(403);
    expect((await vote(rep.token, motion.id, 'maybe')).status).toBe(400);
    expect((await t.call('GET', `/api/v1/me/motions`, { token: outsider.token })).json.items).toEqual([]);

    // A removed representative votes no more; an archived term takes no motions.
    await t.call('DELETE', `/api/v1/congresses/${congress.id}/representatives/${rep.id}`, { token: w.admin.token });
    expect((await vote(rep.token, motion.id, 'for')).status).toBe(403);
    await t.call('POST', `/api/v1/congresses/${congress.id}/archive`, { token: w.admin.token });
    const archived = await t.call('POST', `/api/v1/congresses/${congress.id}/motions`, {
      token: w.admin.token,
      body: { title: 't', body: 'b' },
    });
    expect(archived.json.error.code).toBe('CONGRESS_ARCHIVED');
    // Its open motion stays unresolved: no close, no ballot, no disclosure after the record was frozen.
    const lateClose = await t.call('POST', `/api/v1/motions/${motion.id}/close`, { token: w.admin.token });
    expect([lateClose.status, lateClose.json.error.code]).toEqual([409, 'CONGRESS_ARCHIVED']);
  });
});
