import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activitiesWorld, activityMember, type ActivitiesWorld } from '../../../test/activities.js';
import { createOrg, createStaffUser, freshWorld, workerLogin } from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { readWorkbook, uploadFile } from '../../../test/uploads.js';
import type { Membership, StaffPrincipal, WorkerPrincipal } from '../../kernel/auth.js';
import { queryRows, sql } from '../../kernel/db/client.js';
import { actOnStory, likeStory, submitStory } from './index.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const png = () => PNG.sync.write(new PNG({ width: 4, height: 3 }));

async function photo(token: string): Promise<string> {
  const res = await uploadFile(t, '/api/v1/stories/photos', token, '车间.png', png(), 'image/png');
  expect(res.status).toBe(201);
  return res.json.id as string;
}

const story = {
  title: '我的十年',
  body: '这十年来，我家房子越换越大，日子越来越好。',
};

const submit = (token: string, body: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  t.call('POST', '/api/v1/stories', { token, body: { ...story, ...body }, headers });

const act = (token: string, id: string, body: Record<string, unknown>) =>
  t.call('POST', `/api/v1/stories/${id}/actions`, { token, body });

async function notices(token: string): Promise<{ title: string; body: string; link: string | null }[]> {
  const res = await t.call('GET', '/api/v1/me/notifications', { token });
  return res.json.items;
}

async function world(): Promise<ActivitiesWorld & { author: Awaited<ReturnType<typeof activityMember>> }> {
  const w = await activitiesWorld(t);
  const author = await activityMember(t, w, w.grassroots.id, '张建明');
  return { ...w, author };
}

describe('stories 职工故事', () => {
  it('goes pending → approved: the officer moderates, the author is told, the showcase shows it masked', async () => {
    const w = await world();
    const photoId = await photo(w.author.token);
    const sent = await submit(w.author.token, { photoIds: [photoId], videoUrl: 'https://v.example.cn/ten-years' });
    expect(sent.status).toBe(201);
    expect(sent.json).toMatchObject({
      org: { id: w.grassroots.id },
      author: { name: '张建明', org: { id: w.grassroots.id } },
      mine: true,
      status: 'pending',
      videoUrl: 'https://v.example.cn/ten-years',
      likeCount: 0,
      publishedAt: null,
      availableActions: ['withdraw'],
    });
    expect(sent.json.photos).toEqual([{ id: photoId, url: `/api/v1/stories/${sent.json.id}/photos/${photoId}` }]);
    const id = sent.json.id as string;

    // Not in the showcase while pending; its photo is not public either.
    const before = await t.call('GET', `/api/v1/public/stories?orgId=${w.org.id}`);
    expect(before.json.items).toEqual([]);
    expect((await t.call('GET', `/api/v1/public/stories/${id}`)).status).toBe(404);
    expect((await t.call('GET', `/api/v1/public/stories/${id}/photos/${photoId}`)).status).toBe(404);

    // The officer's queue; the author and the officer see its photo behind the token.
    const queue = await t.call('GET', `/api/v1/stories?status=pending&orgId=${w.org.id}`, { token: w.officer.token });
    expect(queue.status).toBe(200);
    expect(queue.json.items.map((s: { id: string }) => s.id)).toEqual([id]);
    expect(queue.json.items[0].availableActions).toEqual(['approve', 'reject']);
    const staffPhoto = await t.call('GET', `/api/v1/stories/${id}/photos/${photoId}`, { token: w.officer.token });
    expect(staffPhoto.status).toBe(200);
    expect(staffPhoto.headers['content-type']).toBe('image/png');
    // A leader reads the queue but may not moderate.
    expect((await t.call('GET', '/api/v1/stories', { token: w.leader.token })).status).toBe(200);
    expect((await act(w.leader.token, id, { action: 'approve' })).status).toBe(403);
    // The author may not approve their own story.
    expect((await act(w.author.token, id, { action: 'approve' })).status).toBe(403);

    const approved = await act(w.officer.token, id, { action: 'approve' });
    expect(approved.status).toBe(200);
    expect(approved.json.status).toBe('approved');
    expect(approved.json.publishedAt).not.toBeNull();
    expect(approved.json.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'approve']);
    expect((await act(w.officer.token, id, { action: 'approve' })).json.error.code).toBe('INVALID_TRANSITION');

    const told = await notices(w.author.token);
    expect(told[0]).toMatchObject({ title: '您的职工故事已通过审核', link: `/p/stories/${id}` });

    // The showcase, no sign-in: masked name, the author's union by name, no identifiers.
    const list = await t.call('GET', `/api/v1/public/stories?orgId=${w.org.id}`);
    expect(list.status).toBe(200);
    expect(list.json.items).toHaveLength(1);
    expect(list.json.items[0]).toMatchObject({
      id,
      title: '我的十年',
      author: { name: '张*明' },
      likeCount: 0,
      likedByMe: false,
      videoUrl: 'https://v.example.cn/ten-years',
    });
    const page = await t.call('GET', `/api/v1/public/stories/${id}`);
    expect(page.status).toBe(200);
    expect(page.json.body).toBe(story.body);
    for (const text of [JSON.stringify(list.json), JSON.stringify(page.json)]) {
      expect(text).not.toContain('张建明');
      expect(text).not.toContain(w.author.phone);
      expect(text).not.toContain(w.author.phone.slice(-4) + '"');
      expect(text).not.toContain(w.author.memberId);
      expect(text).not.toContain(w.grassroots.id);
    }
    const publicPhoto = await t.call('GET', page.json.photos[0].url);
    expect(publicPhoto.status).toBe(200);
    expect(publicPhoto.headers['content-type']).toBe('image/png');
    expect(publicPhoto.headers['content-security-policy']).toContain('sandbox');

    // Another federation's officer: 404 everywhere; its showcase filter does not include it.
    const other = await freshWorld(t);
    const stranger = await createStaffUser(t, other.admin.token, other.org.id, ['activity_officer']);
    expect((await t.call('GET', `/api/v1/stories/${id}`, { token: stranger.token })).status).toBe(404);
    expect((await act(stranger.token, id, { action: 'take_down', reason: 'x' })).status).toBe(404);
    expect((await t.call('GET', `/api/v1/stories/${id}/photos/${photoId}`, { token: stranger.token })).status).toBe(
      404,
    );
    const theirs = await t.call('GET', '/api/v1/stories', { token: stranger.token });
    expect(theirs.json.items).toEqual([]);
    expect((await t.call('GET', `/api/v1/stories?orgId=${w.org.id}`, { token: stranger.token })).status).toBe(404);
    expect((await t.call('GET', `/api/v1/public/stories?orgId=${other.org.id}`)).json.items).toEqual([]);
    // Another member: the story page behind the token is the author's only.
    const colleague = await activityMember(t, w, w.grassroots.id, '李四');
    expect((await t.call('GET', `/api/v1/stories/${id}`, { token: colleague.token })).status).toBe(404);

    // The staff list as a workbook, with the same filters; not for members.
    const xlsx = await t.app.inject({
      method: 'GET',
      url: `/api/v1/stories/export.xlsx?status=approved&orgId=${w.org.id}`,
      headers: { authorization: `Bearer ${w.leader.token}` },
    });
    expect(xlsx.statusCode).toBe(200);
    const ws = await readWorkbook(xlsx.rawPayload);
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(2).getCell(2).value).toBe('我的十年');
    expect(ws.getRow(2).getCell(3).value).toBe('张建明');
    expect(ws.getRow(2).getCell(7).value).toBe('已发布');
    expect((await t.call('GET', '/api/v1/stories/export.xlsx', { token: w.author.token })).status).toBe(403);

    // Taken down: out of the showcase at once, the author told why.
    const down = await act(w.officer.token, id, { action: 'take_down', reason: '含有他人肖像，请征得同意' });
    expect(down.json).toMatchObject({ status: 'rejected', rejectReason: '含有他人肖像，请征得同意' });
    expect((await t.call('GET', `/api/v1/public/stories/${id}`)).status).toBe(404);
    expect((await notices(w.author.token))[0]).toMatchObject({ title: '您的职工故事已被撤下' });
  });

  it('is rejected with a reason, edited and resubmitted by its author, then approved', async () => {
    const w = await world();
    const first = await photo(w.author.token);
    const sent = await submit(w.author.token, { photoIds: [first] });
    const id = sent.json.id as string;
    expect((await act(w.officer.token, id, { action: 'reject' })).status).toBe(400);
    const rejected = await act(w.officer.token, id, { action: 'reject', reason: '请补充具体事例' });
    expect(rejected.json).toMatchObject({ status: 'rejected', rejectReason: '请补充具体事例', availableActions: [] });
    expect((await notices(w.author.token))[0]).toMatchObject({
      title: '您的职工故事未通过审核',
      body: '《我的十年》：请补充具体事例',
      link: '/stories/mine',
    });
    const mine = await t.call('GET', '/api/v1/me/stories', { token: w.author.token });
    expect(mine.json.items[0]).toMatchObject({
      id,
      status: 'rejected',
      rejectReason: '请补充具体事例',
      availableActions: ['resubmit', 'withdraw'],
    });

    // The author edits it: new text, the photos replaced, a video added; pending again, the reason cleared.
    const second = await photo(w.author.token);
    const resubmitted = await act(w.author.token, id, {
      action: 'resubmit',
      title: '我的十年（修改）',
      body: '2012 年我进厂当学徒，如今带了十个徒弟。',
      photoIds: [second, first],
      videoUrl: 'https://v.example.cn/x',
    });
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.json).toMatchObject({
      status: 'pending',
      rejectReason: null,
      title: '我的十年（修改）',
      videoUrl: 'https://v.example.cn/x',
    });
    expect(resubmitted.json.photos.map((p: { id: string }) => p.id)).toEqual([second, first]);
    expect(resubmitted.json.timeline.map((e: { action: string }) => e.action)).toEqual([
      'submit',
      'reject',
      'resubmit',
    ]);
    // A pending story cannot be resubmitted; the officer may not edit it.
    expect((await act(w.author.token, id, { action: 'resubmit', ...story })).json.error.code).toBe(
      'INVALID_TRANSITION',
    );
    expect((await act(w.officer.token, id, { action: 'approve' })).json.status).toBe('approved');
    const shown = await t.call('GET', `/api/v1/public/stories/${id}`);
    expect(shown.json.title).toBe('我的十年（修改）');

    // A withdrawn story is gone for good.
    const other = await submit(w.author.token);
    const withdrawn = await act(w.author.token, other.json.id, { action: 'withdraw' });
    expect(withdrawn.json.status).toBe('withdrawn');
    expect((await act(w.officer.token, other.json.id, { action: 'approve' })).json.error.code).toBe(
      'INVALID_TRANSITION',
    );
  });

  it('checks what is submitted: https video links only, own photos only, own union or above, plain text kept as text', async () => {
    const w = await world();
    for (const videoUrl of [
      'http://v.example.cn/a',
      'javascript:alert(1)',
      'https://user:pw@v.example.cn/a',
      'data:text/html,<script>alert(1)</script>',
      'https://localhost/a',
    ]) {
      const res = await submit(w.author.token, { videoUrl });
      expect({ videoUrl, status: res.status, code: res.json.error?.code }).toEqual({
        videoUrl,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    // Another member's photo, or one already in a story, cannot be attached.
    const colleague = await activityMember(t, w, w.grassroots.id, '李四');
    const theirs = await photo(colleague.token);
    const foreign = await submit(w.author.token, { photoIds: [theirs] });
    expect(foreign.status).toBe(400);
    expect(foreign.json.error.details.issues[0].path).toBe('photoIds.0');
    const used = await photo(w.author.token);
    expect((await submit(w.author.token, { photoIds: [used] })).status).toBe(201);
    expect((await submit(w.author.token, { photoIds: [used] })).status).toBe(400);
    // Ten photos are too many.
    expect((await submit(w.author.token, { photoIds: Array.from({ length: 10 }, () => used) })).status).toBe(400);
    // Not a photo.
    const pdf = await uploadFile(t, '/api/v1/stories/photos', w.author.token, 'a.pdf', Buffer.from('%PDF-1.4\n'));
    expect(pdf.status).toBe(415);
    // To the federation above: yes; to the sibling union or another federation: 404.
    expect((await submit(w.author.token, { orgId: w.org.id })).json.org.id).toBe(w.org.id);
    expect((await submit(w.author.token, { orgId: w.depot.id })).status).toBe(404);
    // Staff and workers who are not members may not submit.
    expect((await submit(w.officer.token)).status).toBe(403);
    const outsider = await workerLogin(t);
    expect((await submit(outsider.token)).json.error.code).toBe('MEMBERSHIP_REQUIRED');

    // Markup is stored and served as the text it is (the apps render text, never HTML).
    const xss = '<img src=x onerror=alert(1)><script>alert(1)</script>';
    const sent = await submit(w.author.token, { title: `<b>${xss}</b>`, body: xss });
    expect(sent.status).toBe(201);
    await act(w.officer.token, sent.json.id, { action: 'approve' });
    const page = await t.call('GET', `/api/v1/public/stories/${sent.json.id}`);
    expect(page.headers['content-type']).toContain('application/json');
    expect(page.json.body).toBe(xss);
    expect(page.json.title).toBe(`<b>${xss}</b>`);
  });

  it('takes a retried submission once (Idempotency-Key) and limits a member to 10 stories a day', async () => {
    const w = await world();
    const a = await submit(w.author.token, {}, { 'idempotency-key': 'story-1' });
    const b = await submit(w.author.token, {}, { 'idempotency-key': 'story-1' });
    expect(a.status).toBe(201);
    expect(b.json.id).toBe(a.json.id);
    for (let i = 0; i < 9; i++) expect((await submit(w.author.token)).status).toBe(201);
    const over = await submit(w.author.token);
    expect(over.status).toBe(429);
    const mine = await t.call('GET', '/api/v1/me/stories?limit=100', { token: w.author.token });
    expect(mine.json.items).toHaveLength(10);
  });

  it('counts a like once per member, also under concurrency, and takes it back', async () => {
    const w = await world();
    const sent = await submit(w.author.token);
    const id = sent.json.id as string;
    const fans = await Promise.all(Array.from({ length: 8 }, (_, i) => activityMember(t, w, w.depot.id, `粉丝${i}`)));
    // Not yet approved: nothing to like.
    expect((await t.call('PUT', `/api/v1/stories/${id}/like`, { token: fans[0]!.token })).status).toBe(404);
    await act(w.officer.token, id, { action: 'approve' });

    // Each member taps three times at once: one like each.
    const taps = await Promise.all(
      fans.flatMap((f) => [1, 2, 3].map(() => t.call('PUT', `/api/v1/stories/${id}/like`, { token: f.token }))),
    );
    expect(taps.map((r) => r.status)).toEqual(taps.map(() => 200));
    const shown = await t.call('GET', `/api/v1/public/stories/${id}`, { token: fans[0]!.token });
    expect(shown.json).toMatchObject({ likeCount: 8, likedByMe: true });
    expect((await t.call('GET', `/api/v1/public/stories/${id}`)).json.likedByMe).toBe(false);
    const [rows] = await queryRows<{ n: number }>(
      t.ctx.db,
      sql`select count(*)::int as n from story_likes where story_id = ${id}`,
    );
    expect(rows!.n).toBe(8);

    // Likes and unlikes racing: the count always equals the rows.
    const racing = await Promise.all(
      fans.flatMap((f, i) => [
        t.call(i % 2 ? 'DELETE' : 'PUT', `/api/v1/stories/${id}/like`, { token: f.token }),
        t.call('DELETE', `/api/v1/stories/${id}/like`, { token: f.token }),
      ]),
    );
    expect(racing.every((r) => r.status === 200)).toBe(true);
    const [after] = await queryRows<{ n: number; c: number }>(
      t.ctx.db,
      sql`select (select count(*)::int from story_likes where story_id = ${id}) as n, like_count as c from stories where id = ${id}`,
    );
    expect(after!.c).toBe(after!.n);

    // Unliking twice is the same as once.
    const me = fans[0]!;
    await t.call('PUT', `/api/v1/stories/${id}/like`, { token: me.token });
    const once = await t.call('DELETE', `/api/v1/stories/${id}/like`, { token: me.token });
    const twice = await t.call('DELETE', `/api/v1/stories/${id}/like`, { token: me.token });
    expect(once.json.liked).toBe(false);
    expect(twice.json).toEqual(once.json);
    // Staff and visitors cannot like.
    expect((await t.call('PUT', `/api/v1/stories/${id}/like`, { token: w.officer.token })).status).toBe(403);
    expect((await t.call('PUT', `/api/v1/stories/${id}/like`)).status).toBe(401);
  });

  it('pages the showcase by publication and by likes, filtered by union', async () => {
    const w = await world();
    const depotAuthor = await activityMember(t, w, w.depot.id, '赵六');
    const ids: string[] = [];
    for (const [i, author] of [w.author, depotAuthor, w.author].entries()) {
      const sent = await submit(author.token, { title: `故事${i}` });
      await act(w.officer.token, sent.json.id, { action: 'approve' });
      ids.push(sent.json.id);
    }
    const fan = await activityMember(t, w, w.depot.id, '钱七');
    await t.call('PUT', `/api/v1/stories/${ids[1]}/like`, { token: fan.token });
    const first = await t.call('GET', `/api/v1/public/stories?orgId=${w.org.id}&limit=2`);
    const second = await t.call(
      'GET',
      `/api/v1/public/stories?orgId=${w.org.id}&limit=2&cursor=${first.json.nextCursor}`,
    );
    expect([...first.json.items, ...second.json.items].map((s: { id: string }) => s.id)).toEqual([...ids].reverse());
    expect(second.json.nextCursor).toBeNull();
    const popular = await t.call('GET', `/api/v1/public/stories?orgId=${w.org.id}&sort=likes&limit=1`);
    expect(popular.json.items[0].id).toBe(ids[1]);
    const depot = await t.call('GET', `/api/v1/public/stories?orgId=${w.depot.id}`);
    expect(depot.json.items.map((s: { id: string }) => s.id)).toEqual([ids[1]]);
    expect((await t.call('GET', '/api/v1/public/stories?cursor=nonsense')).status).toBe(400);
  });

  it('gives a staff member of the union without an activities role 403, and a sibling union’s officer 404', async () => {
    const w = await world();
    const sent = await submit(w.author.token);
    const clerk = await createStaffUser(t, w.admin.token, w.org.id, ['member_manager']);
    expect((await t.call('GET', `/api/v1/stories/${sent.json.id}`, { token: clerk.token })).status).toBe(403);
    expect((await t.call('GET', '/api/v1/stories', { token: clerk.token })).status).toBe(403);
    const depotOfficer = await createStaffUser(t, w.admin.token, w.depot.id, ['activity_officer']);
    expect((await act(depotOfficer.token, sent.json.id, { action: 'approve' })).status).toBe(404);
    // A union below the story's: its officer does not see a story submitted above it.
    const workshop = await createOrg(t, w.admin.token, w.grassroots.id, 'grassroots');
    const workshopOfficer = await createStaffUser(t, w.admin.token, workshop.id, ['activity_officer']);
    expect((await t.call('GET', `/api/v1/stories/${sent.json.id}`, { token: workshopOfficer.token })).status).toBe(404);
  });

  it('takes stories into an open call for stories (征文活动) of the union or above, shown by call in the showcase', async () => {
    const w = await world();
    const call = (token: string, body: Record<string, unknown>) =>
      t.call('POST', '/api/v1/story-collections', { token, body });
    const open = await call(w.officer.token, {
      orgId: w.org.id,
      title: '我的十年故事',
      description: '喜迎二十大，讲述你家十年的变化',
    });
    expect(open.status).toBe(201);
    expect(open.json).toMatchObject({ org: { id: w.org.id }, open: true, storyCount: 0 });
    const later = await call(w.officer.token, {
      orgId: w.org.id,
      title: '明年的征文',
      opensAt: new Date(Date.now() + 86_400_000).toISOString(),
      closesAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    });
    expect(later.json.open).toBe(false);
    const depotCall = await call(w.officer.token, { orgId: w.depot.id, title: '车队故事' });
    expect((await call(w.leader.token, { orgId: w.org.id, title: 'x' })).status).toBe(403);
    expect(
      (
        await call(w.officer.token, {
          orgId: w.org.id,
          title: 'x',
          opensAt: '2026-02-01T00:00:00+08:00',
          closesAt: '2026-01-01T00:00:00+08:00',
        })
      ).status,
    ).toBe(400);

    // The member sees the open calls of their union and above (not the depot's, not one not yet open).
    const mine = await t.call('GET', '/api/v1/me/story-collections', { token: w.author.token });
    expect(mine.json.items.map((c: { id: string }) => c.id)).toEqual([open.json.id]);

    const sent = await submit(w.author.token, { collectionId: open.json.id });
    expect(sent.status).toBe(201);
    expect(sent.json).toMatchObject({ org: { id: w.org.id }, collection: { id: open.json.id, title: '我的十年故事' } });
    expect((await submit(w.author.token, { collectionId: later.json.id })).json.error.code).toBe('ACTIVITY_NOT_OPEN');
    expect((await submit(w.author.token, { collectionId: depotCall.json.id })).status).toBe(404);
    expect((await submit(w.author.token, { collectionId: open.json.id, orgId: w.grassroots.id })).status).toBe(400);

    await act(w.officer.token, sent.json.id, { action: 'approve' });
    const plain = await submit(w.author.token);
    await act(w.officer.token, plain.json.id, { action: 'approve' });
    const shown = await t.call('GET', `/api/v1/public/stories?collectionId=${open.json.id}`);
    expect(shown.json.items.map((s: { id: string }) => s.id)).toEqual([sent.json.id]);
    expect(shown.json.items[0].collection).toEqual({ id: open.json.id, title: '我的十年故事' });
    const calls = await t.call('GET', `/api/v1/public/story-collections?orgId=${w.org.id}`);
    expect(calls.json.items.find((c: { id: string }) => c.id === open.json.id).storyCount).toBe(1);
    const staffList = await t.call('GET', '/api/v1/story-collections', { token: w.leader.token });
    expect(staffList.json.items).toHaveLength(3);
  });

  it('offers its use cases to the demo: submit, moderate and like in code', async () => {
    const w = await world();
    const [m] = await queryRows<{ accountId: string; orgPath: string; fedPath: string }>(
      t.ctx.db,
      sql`select a.id as "accountId", o.path::text as "orgPath", f.path::text as "fedPath"
            from members m join worker_accounts a on a.phone_hash = m.phone_hash
            join orgs o on o.id = m.org_id join orgs f on f.id = ${w.org.id}
           where m.id = ${w.author.memberId}`,
    );
    const member: WorkerPrincipal & { membership: Membership } = {
      kind: 'worker',
      accountId: m!.accountId,
      phoneMasked: '',
      membership: { memberId: w.author.memberId, orgId: w.grassroots.id, orgPath: m!.orgPath, name: '张建明' },
    };
    const officer: StaffPrincipal = {
      kind: 'staff',
      staffId: w.officer.id,
      username: w.officer.username,
      orgId: w.org.id,
      orgPath: m!.fedPath,
      roles: ['activity_officer'],
    };
    const created = await submitStory(t.ctx, member, { title: '演示', body: '演示故事' }, undefined, '127.0.0.1');
    expect(created.status).toBe('pending');
    const approved = await actOnStory(t.ctx, officer, created.id, { action: 'approve' }, undefined);
    expect(approved.status).toBe('approved');
    expect(await likeStory(t.ctx, member, created.id)).toEqual({ liked: true, likeCount: 1 });
    expect(await likeStory(t.ctx, member, created.id)).toEqual({ liked: true, likeCount: 1 });
  });
});
