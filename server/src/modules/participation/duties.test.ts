import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createStaffUser, freshWorld } from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { congressWithRepresentatives, signedInMember } from '../../../test/participation.js';
import { uploadFile } from '../../../test/uploads.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const duty = (representativeId: string, indicatorCode = 'research', occurredOn = '2026-03-02') => ({
  representativeId,
  indicatorCode,
  occurredOn,
  note: '到企业走访调研职工诉求',
});

describe('duty records (履职记录)', () => {
  it('a representative records their own; staff confirm or reject it with a reason; the representative is told', async () => {
    const w = await freshWorld(t);
    const congress = await congressWithRepresentatives(t, w, 1);
    const rep = congress.representatives[0]!;
    const url = `/api/v1/congresses/${congress.id}/duties`;

    const first = await t.call('POST', url, { token: rep.token, body: duty(rep.id) });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      status: 'submitted',
      enteredBy: 'representative',
      counts: false,
      actions: [],
      indicator: { code: 'research', name: '调研视察', kind: 'indicator' },
      representative: { id: rep.id, name: rep.name },
    });
    expect(first.json.timeline.map((e: { action: string }) => e.action)).toEqual(['submit']);
    const second = await t.call('POST', url, { token: rep.token, body: duty(rep.id, 'feedback') });

    const queue = await t.call('GET', `${url}?status=submitted`, { token: w.admin.token });
    expect(queue.json.items.map((d: { id: string }) => d.id)).toEqual([second.json.id, first.json.id]);
    expect(queue.json.items[0].actions).toEqual(['confirm', 'reject']);

    const confirmed = await t.call('POST', `/api/v1/duties/${first.json.id}/actions`, {
      token: w.admin.token,
      body: { action: 'confirm' },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.json).toMatchObject({ status: 'confirmed', counts: true, actions: [] });
    const again = await t.call('POST', `/api/v1/duties/${first.json.id}/actions`, {
      token: w.admin.token,
      body: { action: 'reject', reason: '重复' },
    });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('INVALID_TRANSITION');

    const noReason = await t.call('POST', `/api/v1/duties/${second.json.id}/actions`, {
      token: w.admin.token,
      body: { action: 'reject' },
    });
    expect(noReason.status).toBe(400);
    const rejected = await t.call('POST', `/api/v1/duties/${second.json.id}/actions`, {
      token: w.admin.token,
      body: { action: 'reject', reason: '缺少反馈对象和内容' },
    });
    expect(rejected.json).toMatchObject({ status: 'rejected', rejectReason: '缺少反馈对象和内容', counts: false });
    expect(rejected.json.timeline.at(-1)).toMatchObject({ action: 'reject', note: '缺少反馈对象和内容' });

    const mine = await t.call('GET', `/api/v1/me/duties?congressId=${congress.id}`, { token: rep.token });
    expect(mine.json.items.map((d: { status: string }) => d.status)).toEqual(['rejected', 'confirmed']);
    const told = await t.call('GET', '/api/v1/me/notifications', { token: rep.token });
    const titles = told.json.items.map((n: { title: string; body: string }) => `${n.title}|${n.body}`);
    expect(titles).toContain('您的履职记录已确认|调研视察（2026-03-02）');
    expect(titles).toContain('您的履职记录未通过审核|向职工反馈（2026-03-02）：缺少反馈对象和内容');

    // The representative reads their record with its timeline, and may not decide it.
    const own = await t.call('GET', `/api/v1/duties/${first.json.id}`, { token: rep.token });
    expect(own.json.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'confirm']);
  });

  it('staff record for any representative of the term, confirmed at once; bonus and penalty items are theirs only', async () => {
    const w = await freshWorld(t);
    const congress = await congressWithRepresentatives(t, w, 2);
    const [rep, other] = congress.representatives;
    const url = `/api/v1/congresses/${congress.id}/duties`;
    const officer = await createStaffUser(t, w.admin.token, w.org.id, ['participation_officer']);

    const byStaff = await t.call('POST', url, { token: officer.token, body: duty(other!.id, 'congress_attendance') });
    expect(byStaff.status).toBe(201);
    expect(byStaff.json).toMatchObject({ status: 'confirmed', enteredBy: 'staff', counts: true });
    expect(byStaff.json.timeline).toMatchObject([
      { action: 'record', toState: 'submitted', actorKind: 'staff' },
      { action: 'confirm', toState: 'confirmed', note: '工作人员录入，直接确认' },
    ]);
    const told = await t.call('GET', '/api/v1/me/notifications', { token: other!.token });
    expect(told.json.items.map((n: { title: string }) => n.title)).toContain('工作人员为您登记了一条履职记录');

    const penalty = await t.call('POST', url, {
      token: officer.token,
      body: duty(other!.id, 'unexcused_absence'),
    });
    expect(penalty.json.indicator).toMatchObject({ kind: 'penalty', name: '无故缺席' });

    // A representative may not give themself a bonus, nor record an automatically counted indicator.
    for (const code of ['excellent_proposal', 'proposals', 'motion_votes']) {
      const refused = await t.call('POST', url, { token: rep!.token, body: duty(rep!.id, code) });
      expect(refused.status, code).toBe(400);
      expect(refused.json.error.details.issues[0]).toMatchObject({ path: 'indicatorCode', code: 'not_recordable' });
    }
    const unknown = await t.call('POST', url, { token: officer.token, body: duty(rep!.id, 'no_such_code') });
    expect(unknown.json.error.details.issues[0]).toMatchObject({ path: 'indicatorCode', code: 'unknown_indicator' });
    // A representative id of another term, or none, is refused.
    const elsewhere = await congressWithRepresentatives(t, w, 1);
    const foreign = await t.call('POST', url, { token: officer.token, body: duty(elsewhere.representatives[0]!.id) });
    expect(foreign.status).toBe(400);
    expect(foreign.json.error.details.issues[0]).toMatchObject({ path: 'representativeId' });
  });

  it('keeps the day within the term and not after today (Shanghai)', async () => {
    const w = await freshWorld(t);
    const congress = await congressWithRepresentatives(t, w, 1);
    const rep = congress.representatives[0]!;
    const url = `/api/v1/congresses/${congress.id}/duties`;
    const before = await t.call('POST', url, { token: rep.token, body: duty(rep.id, 'research', '2025-12-31') });
    expect(before.status).toBe(400);
    expect(before.json.error.details.issues[0]).toMatchObject({ path: 'occurredOn', code: 'outside_term' });
    const future = await t.call('POST', url, { token: rep.token, body: duty(rep.id, 'research', '2030-06-01') });
    expect(future.status).toBe(400);
    expect(future.json.error.details.issues[0]).toMatchObject({ path: 'occurredOn', code: 'future_date' });
    const bad = await t.call('POST', url, { token: rep.token, body: duty(rep.id, 'research', '2026-02-30') });
    expect(bad.status).toBe(400);
  });

  it('guards each role: own records only, 404 outside the subtree, 403 without the role', async () => {
    const w = await freshWorld(t);
    const congress = await congressWithRepresentatives(t, w, 2);
    const [rep, other] = congress.representatives;
    const url = `/api/v1/congresses/${congress.id}/duties`;

    // Another representative of the term may not record for them: 403.
    const forOther = await t.call('POST', url, { token: other!.token, body: duty(rep!.id) });
    expect(forOther.status).toBe(403);
    // A member of the subtree who is not a representative: 403; a member elsewhere: 404.
    const plain = await signedInMember(t, w, '普通会员');
    expect((await t.call('POST', url, { token: plain.token, body: duty(rep!.id) })).status).toBe(403);
    const otherWorld = await freshWorld(t);
    const outsider = await signedInMember(t, otherWorld, '外单位会员');
    expect((await t.call('POST', url, { token: outsider.token, body: duty(rep!.id) })).status).toBe(404);

    const record = await t.call('POST', url, { token: rep!.token, body: duty(rep!.id) });
    // Another representative cannot see it nor act on it: 404.
    expect((await t.call('GET', `/api/v1/duties/${record.json.id}`, { token: other!.token })).status).toBe(404);
    const byOther = await t.call('POST', `/api/v1/duties/${record.json.id}/actions`, {
      token: other!.token,
      body: { action: 'confirm' },
    });
    expect(byOther.status).toBe(404);
    // Its own representative may not confirm it: 403.
    const self = await t.call('POST', `/api/v1/duties/${record.json.id}/actions`, {
      token: rep!.token,
      body: { action: 'confirm' },
    });
    expect(self.status).toBe(403);
    expect((await t.call('GET', `${url}`, { token: rep!.token })).status).toBe(403);

    // Staff of another subtree: 404 everywhere; staff of the subtree without the role: 403.
    for (const [method, path, body] of [
      ['POST', url, duty(rep!.id)],
      ['GET', url, undefined],
      ['GET', `/api/v1/duties/${record.json.id}`, undefined],
      ['POST', `/api/v1/duties/${record.json.id}/actions`, { action: 'confirm' }],
    ] as const) {
      const res = await t.call(method, path, { token: otherWorld.admin.token, ...(body ? { body } : {}) });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const perks = await createStaffUser(t, w.admin.token, w.org.id, ['perks_manager']);
    expect((await t.call('GET', url, { token: perks.token })).status).toBe(403);
    const confirmByPerks = await t.call('POST', `/api/v1/duties/${record.json.id}/actions`, {
      token: perks.token,
      body: { action: 'confirm' },
    });
    expect(confirmByPerks.status).toBe(403);
    // A participation officer of a child union does not run the federation's congress: 404.
    const child = await createOrg(t, w.admin.token, w.org.id, 'grassroots');
    const childOfficer = await createStaffUser(t, w.admin.token, child.id, ['participation_officer']);
    expect((await t.call('GET', url, { token: childOfficer.token })).status).toBe(404);

    // The list filters by representative, state and indicator.
    const filtered = await t.call('GET', `${url}?representativeId=${rep!.id}&status=submitted&indicatorCode=research`, {
      token: w.admin.token,
    });
    expect(filtered.json.items.map((d: { id: string }) => d.id)).toEqual([record.json.id]);
    const none = await t.call('GET', `${url}?representativeId=${other!.id}`, { token: w.admin.token });
    expect(none.json.items).toEqual([]);
  });
});

describe('photos of a duty', () => {
  it('the representative attaches their own photos; the record’s readers see them, no one else', async () => {
    const w = await freshWorld(t);
    const congress = await congressWithRepresentatives(t, w, 2);
    const [rep, other] = congress.representatives;
    const png = PNG.sync.write(new PNG({ width: 3, height: 2 }));
    const photo = await uploadFile(t, '/api/v1/duties/photos', rep!.token, '走访.png', png, 'image/png');
    expect(photo.status).toBe(201);
    expect(photo.json).toMatchObject({ fileName: '走访.png', mediaType: 'image/png' });
    const pdf = await uploadFile(t, '/api/v1/duties/photos', rep!.token, 'x.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'));
    expect(pdf.status).toBe(415);

    // Another's upload cannot be attached.
    const theirs = await uploadFile(t, '/api/v1/duties/photos', other!.token, 'y.png', png, 'image/png');
    const url = `/api/v1/congresses/${congress.id}/duties`;
    const stolen = await t.call('POST', url, {
      token: rep!.token,
      body: { ...duty(rep!.id), photoIds: [photo.json.id, theirs.json.id] },
    });
    expect(stolen.status).toBe(400);
    expect(stolen.json.error.details.issues[0]).toMatchObject({ path: 'photoIds.1', code: 'invalid' });

    const record = await t.call('POST', url, {
      token: rep!.token,
      body: { ...duty(rep!.id), photoIds: [photo.json.id] },
    });
    expect(record.status).toBe(201);
    expect(record.json.photos).toEqual([photo.json]);
    const queue = await t.call('GET', url, { token: w.admin.token });
    expect(queue.json.items[0].photos).toEqual([photo.json]);

    const path = `/api/v1/duties/${record.json.id}/photos/${photo.json.id}`;
    for (const token of [rep!.token, w.admin.token]) {
      const res = await t.app.inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${token}` } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.headers['cache-control']).toBe('private, no-store');
    }
    const otherWorld = await freshWorld(t);
    for (const token of [other!.token, otherWorld.admin.token])
      expect((await t.call('GET', path, { token })).status).toBe(404);
    // A file that is not this record's photo: 404 even to its readers.
    expect(
      (await t.call('GET', `/api/v1/duties/${record.json.id}/photos/${theirs.json.id}`, { token: w.admin.token }))
        .status,
    ).toBe(404);
  });
});

describe('duty records under concurrency', () => {
  it('two officers confirming one record at once: one confirms it, the other gets 409', async () => {
    const w = await freshWorld(t);
    const congress = await congressWithRepresentatives(t, w, 1);
    const rep = congress.representatives[0]!;
    const record = await t.call('POST', `/api/v1/congresses/${congress.id}/duties`, {
      token: rep.token,
      body: duty(rep.id),
    });
    const officer = await createStaffUser(t, w.admin.token, w.org.id, ['participation_officer']);
    const answers = await Promise.all(
      [w.admin.token, officer.token].map((token) =>
        t.call('POST', `/api/v1/duties/${record.json.id}/actions`, { token, body: { action: 'confirm' } }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const timeline = (await t.call('GET', `/api/v1/duties/${record.json.id}`, { token: w.admin.token })).json.timeline;
    expect(timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'confirm']);
  });

  it('a confirmation racing the archive is either in the frozen board or refused', async () => {
    const w = await freshWorld(t);
    const congress = await congressWithRepresentatives(t, w, 1);
    const rep = congress.representatives[0]!;
    const record = await t.call('POST', `/api/v1/congresses/${congress.id}/duties`, {
      token: rep.token,
      body: duty(rep.id),
    });
    const [confirmed, archived] = await Promise.all([
      t.call('POST', `/api/v1/duties/${record.json.id}/actions`, {
        token: w.admin.token,
        body: { action: 'confirm' },
      }),
      t.call('POST', `/api/v1/congresses/${congress.id}/archive`, { token: w.admin.token }),
    ]);
    expect(archived.status).toBe(200);
    const board = await t.call('GET', `/api/v1/congresses/${congress.id}/scores`, { token: w.admin.token });
    const frozenTotal = board.json.items[0].total;
    if (confirmed.status === 200) expect(frozenTotal).toBe(3);
    else {
      expect(confirmed.json.error.code).toBe('CONGRESS_ARCHIVED');
      expect(frozenTotal).toBe(0);
    }
    // Whichever won, the record's state and the frozen board agree.
    const after = await t.call('GET', `/api/v1/duties/${record.json.id}`, { token: w.admin.token });
    expect(after.json.status === 'confirmed').toBe(frozenTotal === 3);
  });
});
