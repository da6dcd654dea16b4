import fs from 'node:fs';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activitiesWorld, activityMember, type ActivitiesWorld } from '../../../test/activities.js';
import { createStaffUser, freshWorld } from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { readWorkbook, uploadFile } from '../../../test/uploads.js';
import { SettableClock } from '../../kernel/clock.js';
import { queryRows, sql } from '../../kernel/db/client.js';
import { timelineOf } from '../../kernel/workflow.js';
import { nominationWorkflow } from './awards.workflow.js';

const clock = new SettableClock();
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({}, { clock });
});
afterAll(async () => {
  await t.close();
});

const deeds = '扎根一线二十年，带领班组攻克多项技术难题，获评技术能手。';
/** A publicity window that ends within a staff session's idle time (30 minutes), so the test can step past it. */
const soon = () => new Date(Date.now() + 10 * 60_000).toISOString();

async function selection(w: ActivitiesWorld, body: Record<string, unknown> = {}) {
  const res = await t.call('POST', '/api/v1/award-selections', {
    token: w.officer.token,
    body: {
      orgId: w.org.id,
      title: '2026年度最美劳动者',
      year: 2026,
      quota: 2,
      nominationClosesAt: new Date(Date.now() + 86_400_000).toISOString(),
      ...body,
    },
  });
  expect(res.status).toBe(201);
  return res.json as { id: string; stage: string };
}

describe('award selections', () => {
  it('runs nomination → review → publicity → objections → awarded, every step through the engine', async () => {
    const w = await activitiesWorld(t);
    const s = await selection(w);
    expect(s.stage).toBe('nominating');
    const localOfficer = await createStaffUser(t, w.admin.token, w.depot.id, ['activity_officer']);
    const self = await activityMember(t, w, w.grassroots.id, '张建明');
    const colleague = await activityMember(t, w, w.grassroots.id, '李四');
    const objector = await activityMember(t, w, w.depot.id, '赵六');

    // A grassroots union's officer nominates for their own union, not another's.
    const byUnion = await t.call('POST', `/api/v1/award-selections/${s.id}/nominations`, {
      token: localOfficer.token,
      body: { source: 'union', nomineeName: '王师傅', orgId: w.depot.id, position: '车队 驾驶员', deeds },
    });
    expect(byUnion.status).toBe(201);
    expect(byUnion.json.status).toBe('pending');
    const wrongUnion = await t.call('POST', `/api/v1/award-selections/${s.id}/nominations`, {
      token: localOfficer.token,
      body: { source: 'union', nomineeName: '王师傅', orgId: w.grassroots.id, position: '车间', deeds },
    });
    expect(wrongUnion.status).toBe(400);
    // A member for themself (once) and a colleague for a peer.
    const mine = await t.call('POST', `/api/v1/award-selections/${s.id}/nominations`, {
      token: self.token,
      body: { source: 'self', position: '机修班 班长', deeds },
    });
    expect(mine.status).toBe(201);
    expect(mine.json.nomineeName).toBe('张建明');
    expect(mine.json.mine).toBe(true);
    const twice = await t.call('POST', `/api/v1/award-selections/${s.id}/nominations`, {
      token: self.token,
      body: { source: 'self', position: '机修班 班长', deeds },
    });
    expect(twice.status).toBe(409);
    expect(twice.json.error.code).toBe('ALREADY_SUBMITTED');
    const peer = await t.call('POST', `/api/v1/award-selections/${s.id}/nominations`, {
      token: colleague.token,
      body: { source: 'peer', nomineeName: '陈小红', position: '质检员', deeds },
    });
    expect(peer.status).toBe(201);

    // Review: approve two, reject one with its reason; a member cannot review; a decided one cannot be again.
    const byMember = await t.call('POST', `/api/v1/award-nominations/${peer.json.id}/actions`, {
      token: colleague.token,
      body: { action: 'approve' },
    });
    expect(byMember.status).toBe(403);
    const leaderTry = await t.call('POST', `/api/v1/award-nominations/${peer.json.id}/actions`, {
      token: w.leader.token,
      body: { action: 'approve' },
    });
    expect(leaderTry.status).toBe(403);
    for (const id of [byUnion.json.id, mine.json.id]) {
      const ok = await t.call('POST', `/api/v1/award-nominations/${id}/actions`, {
        token: w.officer.token,
        body: { action: 'approve', note: '材料齐全' },
      });
      expect(ok.status).toBe(200);
      expect(ok.json.status).toBe('approved');
    }
    const rejected = await t.call('POST', `/api/v1/award-nominations/${peer.json.id}/actions`, {
      token: w.officer.token,
      body: { action: 'reject', reason: '事迹材料不完整' },
    });
    expect(rejected.json.status).toBe('rejected');
    expect(rejected.json.timeline.at(-1)).toMatchObject({ action: 'reject', note: '事迹材料不完整' });
    const again = await t.call('POST', `/api/v1/award-nominations/${peer.json.id}/actions`, {
      token: w.officer.token,
      body: { action: 'approve' },
    });
    expect(again.status).toBe(409);
    // The nominator follows their nomination with its reason; another member does not see it.
    const followed = await t.call('GET', `/api/v1/award-nominations/${peer.json.id}`, { token: colleague.token });
    expect(followed.json.timeline.map((x: { action: string }) => x.action)).toEqual(['nominate', 'reject']);
    const nosy = await t.call('GET', `/api/v1/award-nominations/${peer.json.id}`, { token: objector.token });
    expect(nosy.status).toBe(404);

    // No public list before the publicity; then the officer opens it (no vote: every approved one is selected).
    expect((await t.call('GET', `/api/v1/public/award-selections/${s.id}/publicity`)).status).toBe(404);
    const opened = await t.call('POST', `/api/v1/award-selections/${s.id}/publicity`, {
      token: w.officer.token,
      body: { endsAt: soon() },
    });
    expect(opened.status).toBe(200);
    expect(opened.json.stage).toBe('publicity');
    expect(opened.json.counts).toMatchObject({ publicized: 2, rejected: 1 });
    const late = await t.call('POST', `/api/v1/award-selections/${s.id}/nominations`, {
      token: colleague.token,
      body: { source: 'peer', nomineeName: '周五', position: '班组长', deeds },
    });
    expect(late.status).toBe(409);

    const board = await t.call('GET', `/api/v1/public/award-selections/${s.id}/publicity`);
    expect(board.status).toBe(200);
    expect(board.json.selection.open).toBe(true);
    expect(board.json.items.map((x: { nomineeName: string }) => x.nomineeName).sort()).toEqual(['张*明', '王*傅']);
    expect(board.json.items.find((x: { nomineeName: string }) => x.nomineeName === '王*傅').org.name).toBe(
      w.depot.name,
    );
    expect(JSON.stringify(board.json)).not.toContain('张建明');
    expect(JSON.stringify(board.json)).not.toContain('王师傅');

    // Objections: once per member and nomination; not to a rejected one; staff resolve them.
    const objection = await t.call('POST', `/api/v1/award-nominations/${mine.json.id}/objections`, {
      token: objector.token,
      body: { content: '该同志今年有违规操作记录。' },
    });
    expect(objection.status).toBe(201);
    const dup = await t.call('POST', `/api/v1/award-nominations/${mine.json.id}/objections`, {
      token: objector.token,
      body: { content: '再次反映同一问题。' },
    });
    expect(dup.status).toBe(409);
    const toRejected = await t.call('POST', `/api/v1/award-nominations/${peer.json.id}/objections`, {
      token: objector.token,
      body: { content: '对未入选者的异议。' },
    });
    expect(toRejected.status).toBe(409);
    const second = await t.call('POST', `/api/v1/award-nominations/${byUnion.json.id}/objections`, {
      token: colleague.token,
      body: { content: '事迹有夸大成分。' },
    });
    expect(second.status).toBe(201);
    const listed = await t.call('GET', `/api/v1/award-selections/${s.id}/objections`, { token: w.leader.token });
    expect(listed.json.items).toHaveLength(2);
    expect(listed.json.items[0].member.name).toBe('赵六');

    // Not before the publicity ends, nor with an objection open.
    const early = await t.call('POST', `/api/v1/award-selections/${s.id}/awarding`, { token: w.officer.token });
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe('PUBLICITY_OPEN');
    const upheld = await t.call('POST', `/api/v1/award-objections/${objection.json.id}/resolution`, {
      token: w.officer.token,
      body: { resolution: 'upheld', note: '经核实，情况属实，取消推荐。' },
    });
    expect(upheld.status).toBe(200);
    expect(upheld.json.resolution).toBe('upheld');
    const reResolve = await t.call('POST', `/api/v1/award-objections/${objection.json.id}/resolution`, {
      token: w.officer.token,
      body: { resolution: 'dismissed', note: '改判' },
    });
    expect(reResolve.status).toBe(409);
    const revoked = await t.call('GET', `/api/v1/award-nominations/${mine.json.id}`, { token: w.officer.token });
    expect(revoked.json.status).toBe('revoked');
    expect(revoked.json.timeline.at(-1)).toMatchObject({ action: 'revoke', note: '经核实，情况属实，取消推荐。' });

    try {
      clock.set(new Date(Date.now() + 11 * 60_000));
      const closed = await t.call('POST', `/api/v1/award-nominations/${byUnion.json.id}/objections`, {
        token: objector.token,
        body: { content: '公示期后提出的异议。' },
      });
      expect(closed.status).toBe(409);
      expect(closed.json.error.code).toBe('NOTICE_CLOSED');
      const pending = await t.call('POST', `/api/v1/award-selections/${s.id}/awarding`, { token: w.officer.token });
      expect(pending.status).toBe(409);
      expect(pending.json.error.code).toBe('OBJECTION_PENDING');
      const dismissed = await t.call('POST', `/api/v1/award-objections/${second.json.id}/resolution`, {
        token: w.officer.token,
        body: { resolution: 'dismissed', note: '经核实，事迹属实。' },
      });
      expect(dismissed.status).toBe(200);
      const awarded = await t.call('POST', `/api/v1/award-selections/${s.id}/awarding`, { token: w.officer.token });
      expect(awarded.status).toBe(200);
      expect(awarded.json.stage).toBe('awarded');
      expect(awarded.json.counts).toMatchObject({ awarded: 1, revoked: 1, rejected: 1 });
    } finally {
      clock.set(null as unknown as Date);
    }
    const final = await t.call('GET', `/api/v1/public/award-selections/${s.id}/publicity`);
    expect(final.json.selection.awarded).toBe(true);
    expect(final.json.items.map((x: { status: string }) => x.status).sort()).toEqual(['awarded', 'revoked']);

    // Only the engine writes status: each nomination's status is its timeline's last state, each step audited.
    for (const id of [byUnion.json.id, mine.json.id, peer.json.id]) {
      const [row] = await queryRows<{ status: string }>(
        t.ctx.db,
        sql`select status from award_nominations where id = ${id}`,
      );
      const timeline = await timelineOf(t.ctx.db, nominationWorkflow, id);
      expect(timeline.at(-1)!.toState).toBe(row!.status);
      const audits = await queryRows<{ action: string }>(
        t.ctx.db,
        sql`select action from audit_log where object_id = ${id} order by seq`,
      );
      expect(audits.map((a) => a.action)).toEqual(timeline.map((x) => `award_nomination.${x.action}`));
    }
    const me = await t.call('GET', '/api/v1/me/award-selections', { token: self.token });
    const shown = me.json.items.find((x: { id: string }) => x.id === s.id);
    expect(shown.myNominations).toEqual([expect.objectContaining({ id: mine.json.id, status: 'revoked' })]);
  });

  it('writes status nowhere but through the workflow engine', () => {
    for (const file of ['awards.repository.ts', 'awards.service.ts', 'awards.vote.ts']) {
      const source = fs.readFileSync(new URL(file, import.meta.url), 'utf8');
      // No SQL `set status =`, no builder `.set({ status… })`, no insert naming a state outside initialColumns.
      expect(source, file).not.toMatch(/set\s+status\s*=/i);
      expect(source, file).not.toMatch(/\.set\(\{[^}]*\bstatus\b/);
      expect(source, file).not.toMatch(/^\s*status:\s*['"`]/m);
    }
  });

  it('publicizes only those named, the rest not selected; refuses a second publicity', async () => {
    const w = await activitiesWorld(t);
    const s = await selection(w);
    const ids: string[] = [];
    for (const name of ['甲一', '乙二', '丙三']) {
      const n = await t.call('POST', `/api/v1/award-selections/${s.id}/nominations`, {
        token: w.officer.token,
        body: { source: 'union', nomineeName: name, orgId: w.grassroots.id, position: '岗位', deeds },
      });
      ids.push(n.json.id);
      await t.call('POST', `/api/v1/award-nominations/${n.json.id}/actions`, {
        token: w.officer.token,
        body: { action: 'approve' },
      });
    }
    const notRunning = await t.call('POST', `/api/v1/award-selections/${s.id}/publicity`, {
      token: w.officer.token,
      body: { nominationIds: [crypto.randomUUID()], endsAt: soon() },
    });
    expect(notRunning.status).toBe(400);
    const opened = await t.call('POST', `/api/v1/award-selections/${s.id}/publicity`, {
      token: w.officer.token,
      body: { nominationIds: [ids[0], ids[2]], endsAt: soon() },
    });
    expect(opened.json.counts).toMatchObject({ publicized: 2, not_selected: 1 });
    const again = await t.call('POST', `/api/v1/award-selections/${s.id}/publicity`, {
      token: w.officer.token,
      body: { endsAt: soon() },
    });
    expect(again.status).toBe(409);
  });

  it('puts the approved nominations to a public vote (a poll) and publicizes the top quota by votes', async () => {
    const w = await activitiesWorld(t);
    const s = await selection(w, { quota: 1 });
    const ids: string[] = [];
    for (const name of ['刘永振', '周树亮', '龙艳磊']) {
      const n = await t.call('POST', `/api/v1/award-selections/${s.id}/nominations`, {
        token: w.officer.token,
        body: { source: 'union', nomineeName: name, orgId: w.grassroots.id, position: '货车司机', deeds },
      });
      ids.push(n.json.id);
    }
    // Only the approved go to the vote: the third stays pending, then cannot be reviewed into the running.
    for (const id of ids.slice(0, 2))
      await t.call('POST', `/api/v1/award-nominations/${id}/actions`, {
        token: w.officer.token,
        body: { action: 'approve' },
      });
    const started = await t.call('POST', `/api/v1/award-selections/${s.id}/vote`, {
      token: w.officer.token,
      body: {
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
    expect(started.status).toBe(200);
    expect(started.json.stage).toBe('voting');
    expect(started.json.counts).toMatchObject({ voting: 2, pending: 1 });
    const twice = await t.call('POST', `/api/v1/award-selections/${s.id}/vote`, {
      token: w.officer.token,
      body: { startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 86_400_000).toISOString() },
    });
    expect(twice.status).toBe(409);
    // The poll's entries: masked names, the union; members vote for the second nominee.
    const results = await t.call('GET', `/api/v1/public/polls/${started.json.pollId}/results`);
    expect(results.json.items.map((x: { title: string }) => x.title).sort()).toEqual([
      `刘*振 · ${w.grassroots.name} · 货车司机`,
      `周*亮 · ${w.grassroots.name} · 货车司机`,
    ]);
    const second = results.json.items.find((x: { title: string }) => x.title.startsWith('周')).entryId;
    for (const name of ['甲', '乙']) {
      const voter = await activityMember(t, w, w.grassroots.id, name);
      const ballot = await t.call('POST', `/api/v1/polls/${started.json.pollId}/ballots`, {
        token: voter.token,
        body: { entryId: second },
        remoteAddress: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
      });
      expect(ballot.status).toBe(201);
    }
    const voter = await activityMember(t, w, w.grassroots.id, '丙');
    const other = results.json.items.find((x: { title: string }) => x.title.startsWith('刘')).entryId;
    await t.call('POST', `/api/v1/polls/${started.json.pollId}/ballots`, {
      token: voter.token,
      body: { entryId: other },
      remoteAddress: '10.8.1.1',
    });
    // The poll's public results are cached for a second.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    // Staff follow the vote on the selection's list: each running nomination's count so far, pending ones none.
    const running = await t.call('GET', `/api/v1/award-selections/${s.id}/nominations`, { token: w.officer.token });
    expect(
      Object.fromEntries(
        running.json.items.map((n: { nomineeName: string; votes: number | null }) => [n.nomineeName, n.votes]),
      ),
    ).toEqual({ 刘永振: 1, 周树亮: 2, 龙艳磊: null });
    // The nominations' list for staff while the vote runs: most votes first, the poll's counts, pending ones blank.
    const file = await t.call('GET', `/api/v1/award-selections/${s.id}/nominations.xlsx`, { token: w.leader.token });
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const sheet = await readWorkbook(file.raw.rawPayload);
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '序号',
      '被推荐人',
      '所在工会',
      '单位及职务',
      '推荐方式',
      '状态',
      '得票',
      '推荐时间',
      '主要事迹',
    ]);
    const rowsOf = () =>
      [2, 3, 4].map((i) => {
        const v = sheet.getRow(i).values as unknown[];
        return [v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[9]];
      });
    expect(rowsOf()).toEqual([
      [1, '周树亮', w.grassroots.name, '货车司机', '组织推荐', '投票中', 2, deeds],
      [2, '刘永振', w.grassroots.name, '货车司机', '组织推荐', '投票中', 1, deeds],
      [3, '龙艳磊', w.grassroots.name, '货车司机', '组织推荐', '待审核', undefined, deeds],
    ]);
    expect(sheet.getRow(2).getCell(8).value).toBeInstanceOf(Date);
    const exported = await queryRows<{ n: number }>(
      t.ctx.db,
      sql`select count(*)::int as n from audit_log where action = 'award_selection.export_nominations' and object_id = ${s.id}`,
    );
    expect(exported[0]!.n).toBe(1);
    const opened = await t.call('POST', `/api/v1/award-selections/${s.id}/publicity`, {
      token: w.officer.token,
      body: { endsAt: soon() },
    });
    expect(opened.status).toBe(200);
    expect(opened.json.counts).toMatchObject({ publicized: 1, not_selected: 1, pending: 1 });
    const board = await t.call('GET', `/api/v1/public/award-selections/${s.id}/publicity`);
    expect(board.json.items).toEqual([expect.objectContaining({ nomineeName: '周*亮', votes: 2 })]);
    const loser = await t.call('GET', `/api/v1/award-nominations/${ids[0]}`, { token: w.officer.token });
    expect(loser.json).toMatchObject({ status: 'not_selected', votes: 1 });
    expect(loser.json.timeline.map((x: { action: string }) => x.action)).toEqual([
      'nominate',
      'approve',
      'open_vote',
      'not_select',
    ]);
  });

  it("carries an approved nomination's photos and deeds into its poll entry, served as any entry's photos", async () => {
    const w = await activitiesWorld(t);
    const s = await selection(w);
    const nominee = await activityMember(t, w, w.grassroots.id, '郭师傅');
    const colleague = await activityMember(t, w, w.grassroots.id, '韩五');
    const stranger = await activityMember(t, w, w.grassroots.id, '路人');
    const png = PNG.sync.write(new PNG({ width: 4, height: 3 }));
    const photo = await uploadFile(t, '/api/v1/awards/photos', nominee.token, '郭师傅.png', png, 'image/png');
    expect(photo.status).toBe(201);
    const other = await uploadFile(t, '/api/v1/awards/photos', colleague.token, '工作照.png', png, 'image/png');
    const mine = await t.call('POST', `/api/v1/award-selections/${s.id}/nominations`, {
      token: nominee.token,
      body: { source: 'self', position: '焊工', deeds, photoIds: [photo.json.id] },
    });
    expect(mine.status).toBe(201);
    const pending = await t.call('POST', `/api/v1/award-selections/${s.id}/nominations`, {
      token: colleague.token,
      body: {
        source: 'peer',
        nomineeName: '冯六',
        position: '电工',
        deeds,
        photoIds: [other.json.id],
      },
    });
    expect(pending.status).toBe(201);
    // Before approval the photo is the nomination's readers' only.
    const nominationPhoto = `/api/v1/award-nominations/${mine.json.id}/photos/${photo.json.id}`;
    expect((await t.call('GET', nominationPhoto, { token: nominee.token })).status).toBe(200);
    expect((await t.call('GET', nominationPhoto, { token: stranger.token })).status).toBe(404);
    expect((await t.call('GET', nominationPhoto)).status).toBe(401);
    await t.call('POST', `/api/v1/award-nominations/${mine.json.id}/actions`, {
      token: w.officer.token,
      body: { action: 'approve' },
    });
    const started = await t.call('POST', `/api/v1/award-selections/${s.id}/vote`, {
      token: w.officer.token,
      body: {
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
    expect(started.status).toBe(200);
    const pollId = started.json.pollId as string;

    // The public list and the member's: the entry with the deeds and the photo.
    const listed = await t.call('GET', `/api/v1/public/polls/${pollId}/entries`);
    expect(listed.json.items).toHaveLength(1);
    const entry = listed.json.items[0];
    expect(entry).toMatchObject({ title: `郭*傅 · ${w.grassroots.name} · 焊工`, description: deeds, status: 'live' });
    expect(entry.photos).toEqual([
      { id: photo.json.id, url: `/api/v1/public/poll-entries/${entry.id}/photos/${photo.json.id}` },
    ]);
    const forMember = await t.call('GET', `/api/v1/polls/${pollId}/entries`, { token: stranger.token });
    expect(forMember.json.items[0].photos).toEqual(entry.photos);
    const nomination = await t.call('GET', `/api/v1/award-nominations/${mine.json.id}`, { token: w.officer.token });
    expect(nomination.json.status).toBe('voting');
    // Fetched as a staff-made entry's photo is: no sign-in, and signed in as a member.
    for (const token of [undefined, stranger.token]) {
      const res = await t.call('GET', entry.photos[0].url, { token });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('image/png');
    }
    // The nomination still in review: no entry, its photo not reachable through the poll's route.
    expect(JSON.stringify(listed.json)).not.toContain(other.json.id);
    expect((await t.call('GET', `/api/v1/public/poll-entries/${entry.id}/photos/${other.json.id}`)).status).toBe(404);
    expect(
      (
        await t.call('GET', `/api/v1/award-nominations/${pending.json.id}/photos/${other.json.id}`, {
          token: stranger.token,
        })
      ).status,
    ).toBe(404);
  });

  it('starts the vote once: two racing starts make one poll (one 200, one 409) and nothing else', async () => {
    const w = await activitiesWorld(t);
    const s = await selection(w);
    const ids: string[] = [];
    for (const name of ['秦一', '晋二', '冀三']) {
      const n = await t.call('POST', `/api/v1/award-selections/${s.id}/nominations`, {
        token: w.officer.token,
        body: { source: 'union', nomineeName: name, orgId: w.grassroots.id, position: '岗位', deeds },
      });
      ids.push(n.json.id);
      await t.call('POST', `/api/v1/award-nominations/${n.json.id}/actions`, {
        token: w.officer.token,
        body: { action: 'approve' },
      });
    }
    const body = {
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
    };
    const answers = await Promise.all(
      [0, 1].map(() => t.call('POST', `/api/v1/award-selections/${s.id}/vote`, { token: w.officer.token, body })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)!.json.error.code).toBe('INVALID_TRANSITION');
    const winner = answers.find((a) => a.status === 200)!.json;
    const polls = await queryRows<{ id: string }>(t.ctx.db, sql`select id from polls where org_id = ${w.org.id}`);
    expect(polls.map((p) => p.id)).toEqual([winner.pollId]);
    const entries = await queryRows<{ n: number }>(
      t.ctx.db,
      sql`select count(*)::int as n from poll_entries where poll_id = ${winner.pollId}`,
    );
    expect(entries[0]!.n).toBe(3);
    const audits = await queryRows<{ action: string; n: number }>(
      t.ctx.db,
      sql`select action, count(*)::int as n from audit_log
          where action in ('poll.create', 'award_selection.vote')
            and (object_id = ${s.id} or object_id = ${winner.pollId}) group by action order by action`,
    );
    expect(audits).toEqual([
      { action: 'award_selection.vote', n: 1 },
      { action: 'poll.create', n: 1 },
    ]);
    // Each nomination moved once, onto its own entry.
    for (const id of ids) {
      const timeline = await timelineOf(t.ctx.db, nominationWorkflow, id);
      expect(timeline.map((x) => x.action)).toEqual(['nominate', 'approve', 'open_vote']);
    }
    const linked = await queryRows<{ n: number }>(
      t.ctx.db,
      sql`select count(distinct poll_entry_id)::int as n from award_nominations where selection_id = ${s.id}`,
    );
    expect(linked[0]!.n).toBe(3);
    // A start that fails part-way writes nothing: an end before the start.
    const s2 = await selection(w);
    const n2 = await t.call('POST', `/api/v1/award-selections/${s2.id}/nominations`, {
      token: w.officer.token,
      body: { source: 'union', nomineeName: '豫四', orgId: w.grassroots.id, position: '岗位', deeds },
    });
    await t.call('POST', `/api/v1/award-nominations/${n2.json.id}/actions`, {
      token: w.officer.token,
      body: { action: 'approve' },
    });
    const bad = await t.call('POST', `/api/v1/award-selections/${s2.id}/vote`, {
      token: w.officer.token,
      body: { startsAt: body.endsAt, endsAt: body.startsAt },
    });
    expect(bad.status).toBe(400);
    expect((await queryRows(t.ctx.db, sql`select id from polls where org_id = ${w.org.id}`)).length).toBe(1);
    const after = await t.call('GET', `/api/v1/award-selections/${s2.id}`, { token: w.officer.token });
    expect(after.json).toMatchObject({ stage: 'nominating', pollId: null });
  });

  it('lets the officer correct a selection and move its deadline until the vote, its details until the publicity', async () => {
    const w = await activitiesWorld(t);
    const s = await selection(w, { nominationClosesAt: new Date(Date.now() + 5 * 60_000).toISOString() });
    const edit = (body: Record<string, unknown>, token = w.officer.token) =>
      t.call('PATCH', `/api/v1/award-selections/${s.id}`, { token, body });
    expect((await edit({ title: '改名' }, w.leader.token)).status).toBe(403);
    const fixed = await edit({ title: '2026年度三晋工匠', quota: 5, description: '评选说明' });
    expect(fixed.status).toBe(200);
    expect(fixed.json).toMatchObject({ title: '2026年度三晋工匠', quota: 5, description: '评选说明', year: 2026 });
    expect((await edit({ nominationClosesAt: new Date(Date.now() - 60_000).toISOString() })).status).toBe(400);
    expect((await edit({ stage: 'voting' })).status).toBe(400);
    const m = await activityMember(t, w, w.grassroots.id, '晚到者');
    try {
      // The deadline passed: nominations closed; moving it on reopens them.
      const later = new Date(Date.now() + 6 * 60_000);
      clock.set(later);
      const closed = await t.call('POST', `/api/v1/award-selections/${s.id}/nominations`, {
        token: m.token,
        body: { source: 'self', position: '岗位', deeds },
      });
      expect(closed.status).toBe(409);
      expect(closed.json.error.code).toBe('ACTIVITY_NOT_OPEN');
      const reopened = await edit({ nominationClosesAt: new Date(later.getTime() + 86_400_000).toISOString() });
      expect(reopened.status).toBe(200);
      expect(reopened.json.nominationOpen).toBe(true);
      const n = await t.call('POST', `/api/v1/award-selections/${s.id}/nominations`, {
        token: m.token,
        body: { source: 'self', position: '岗位', deeds },
      });
      expect(n.status).toBe(201);
      await t.call('POST', `/api/v1/award-nominations/${n.json.id}/actions`, {
        token: w.officer.token,
        body: { action: 'approve' },
      });
      const started = await t.call('POST', `/api/v1/award-selections/${s.id}/vote`, {
        token: w.officer.token,
        body: { startsAt: later.toISOString(), endsAt: new Date(later.getTime() + 86_400_000).toISOString() },
      });
      expect(started.status).toBe(200);
      // Voting: the deadline is past moving; the quota may still be set before the publicity.
      const moved = await edit({ nominationClosesAt: new Date(later.getTime() + 2 * 86_400_000).toISOString() });
      expect(moved.status).toBe(409);
      expect(moved.json.error.code).toBe('INVALID_TRANSITION');
      expect((await edit({ quota: 1 })).json.quota).toBe(1);
      await t.call('POST', `/api/v1/award-selections/${s.id}/publicity`, {
        token: w.officer.token,
        body: { endsAt: new Date(later.getTime() + 10 * 60_000).toISOString() },
      });
      const frozen = await edit({ title: '公示后改名' });
      expect(frozen.status).toBe(409);
      expect(frozen.json.error.code).toBe('INVALID_TRANSITION');
    } finally {
      clock.set(null as unknown as Date);
    }
    const audits = await queryRows<{ action: string }>(
      t.ctx.db,
      sql`select action from audit_log where object_id = ${s.id} and action = 'award_selection.update'`,
    );
    expect(audits).toHaveLength(3);
    const final = await t.call('GET', `/api/v1/award-selections/${s.id}`, { token: w.officer.token });
    expect(final.json).toMatchObject({ title: '2026年度三晋工匠', quota: 1, stage: 'publicity' });
  });

  it('lets the nominator withdraw a nomination in review or approved, not once the vote has it', async () => {
    const w = await activitiesWorld(t);
    const s = await selection(w);
    const m = await activityMember(t, w, w.grassroots.id, '撤回者');
    const other = await activityMember(t, w, w.grassroots.id, '旁人');
    const secondOfficer = await createStaffUser(t, w.admin.token, w.org.id, ['activity_officer']);
    const mine = await t.call('POST', `/api/v1/award-selections/${s.id}/nominations`, {
      token: m.token,
      body: { source: 'self', position: '岗位', deeds },
    });
    expect(mine.json.availableActions).toEqual(['withdraw']);
    const url = `/api/v1/award-nominations/${mine.json.id}/withdrawal`;
    expect((await t.call('POST', url, { token: other.token, body: {} })).status).toBe(404);
    expect((await t.call('POST', url, { token: w.officer.token, body: {} })).status).toBe(403);
    const withdrawn = await t.call('POST', url, { token: m.token, body: { reason: '材料需补充，下次再报' } });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.json.status).toBe('withdrawn');
    expect(withdrawn.json.availableActions).toEqual([]);
    expect(withdrawn.json.timeline.at(-1)).toMatchObject({ action: 'withdraw', note: '材料需补充，下次再报' });
    const again = await t.call('POST', url, { token: m.token, body: {} });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('INVALID_TRANSITION');
    // An officer withdraws their own union nomination once approved; another approved one goes to the vote.
    const ids: string[] = [];
    for (const name of ['甲师傅', '乙师傅']) {
      const n = await t.call('POST', `/api/v1/award-selections/${s.id}/nominations`, {
        token: secondOfficer.token,
        body: { source: 'union', nomineeName: name, orgId: w.grassroots.id, position: '岗位', deeds },
      });
      ids.push(n.json.id);
      await t.call('POST', `/api/v1/award-nominations/${n.json.id}/actions`, {
        token: w.officer.token,
        body: { action: 'approve' },
      });
    }
    const byOfficer = await t.call('POST', `/api/v1/award-nominations/${ids[0]}/withdrawal`, {
      token: secondOfficer.token,
      body: {},
    });
    expect(byOfficer.json.status).toBe('withdrawn');
    const started = await t.call('POST', `/api/v1/award-selections/${s.id}/vote`, {
      token: w.officer.token,
      body: {
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
    expect(started.json.counts).toMatchObject({ voting: 1, withdrawn: 2 });
    const entries = await t.call('GET', `/api/v1/public/polls/${started.json.pollId}/entries`);
    expect(entries.json.items.map((e: { title: string }) => e.title)).toEqual([`乙*傅 · ${w.grassroots.name} · 岗位`]);
    const late = await t.call('POST', `/api/v1/award-nominations/${ids[1]}/withdrawal`, {
      token: secondOfficer.token,
      body: {},
    });
    expect(late.status).toBe(409);
    const audits = await queryRows<{ action: string }>(
      t.ctx.db,
      sql`select action from audit_log where object_id = ${mine.json.id} order by seq`,
    );
    expect(audits.map((a) => a.action)).toEqual(['award_nomination.nominate', 'award_nomination.withdraw']);
  });

  it("answers 404 to another federation's officer and members", async () => {
    const w = await activitiesWorld(t);
    const s = await selection(w);
    const m = await activityMember(t, w);
    const n = await t.call('POST', `/api/v1/award-selections/${s.id}/nominations`, {
      token: m.token,
      body: { source: 'self', position: '岗位', deeds },
    });
    await t.call('POST', `/api/v1/award-nominations/${n.json.id}/actions`, {
      token: w.officer.token,
      body: { action: 'approve' },
    });
    await t.call('POST', `/api/v1/award-selections/${s.id}/publicity`, {
      token: w.officer.token,
      body: { endsAt: soon() },
    });
    const objection = await t.call('POST', `/api/v1/award-nominations/${n.json.id}/objections`, {
      token: (await activityMember(t, w)).token,
      body: { content: '异议内容若干。' },
    });
    expect(objection.status).toBe(201);
    const other = await freshWorld(t);
    const stranger = await createStaffUser(t, other.admin.token, other.org.id, ['activity_officer']);
    const outsider = await activityMember(t, other, other.grassroots.id);
    const probes: [string, string, unknown?][] = [
      ['GET', `/api/v1/award-selections/${s.id}`],
      ['PATCH', `/api/v1/award-selections/${s.id}`, { title: 'x' }],
      ['GET', `/api/v1/award-selections/${s.id}/nominations`],
      ['GET', `/api/v1/award-selections/${s.id}/nominations.xlsx`],
      [
        'POST',
        `/api/v1/award-selections/${s.id}/nominations`,
        { source: 'union', nomineeName: 'x', orgId: other.org.id, position: 'x', deeds },
      ],
      ['GET', `/api/v1/award-nominations/${n.json.id}`],
      ['POST', `/api/v1/award-nominations/${n.json.id}/actions`, { action: 'approve' }],
      ['POST', `/api/v1/award-nominations/${n.json.id}/withdrawal`, {}],
      ['POST', `/api/v1/award-selections/${s.id}/publicity`, { endsAt: soon() }],
      ['POST', `/api/v1/award-selections/${s.id}/vote`, { startsAt: soon(), endsAt: soon() }],
      ['POST', `/api/v1/award-selections/${s.id}/awarding`],
      ['GET', `/api/v1/award-selections/${s.id}/objections`],
      ['POST', `/api/v1/award-objections/${objection.json.id}/resolution`, { resolution: 'upheld', note: 'x' }],
    ];
    for (const [method, url, body] of probes) {
      const res = await t.call(method as 'GET', url, { token: stranger.token, body });
      expect(res.status, `${method} ${url}`).toBe(404);
    }
    const list = await t.call('GET', '/api/v1/award-selections', { token: stranger.token });
    expect(list.json.items.map((x: { id: string }) => x.id)).not.toContain(s.id);
    for (const [method, url, body] of [
      ['POST', `/api/v1/award-selections/${s.id}/nominations`, { source: 'self', position: 'x', deeds }],
      ['POST', `/api/v1/award-nominations/${n.json.id}/objections`, { content: '外单位的异议。' }],
      ['GET', `/api/v1/award-nominations/${n.json.id}`],
    ] as const) {
      const res = await t.call(method, url, { token: outsider.token, body });
      expect(res.status, `${method} ${url}`).toBe(404);
    }
  });
});
