import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activitiesWorld, activityMember, type ActivitiesWorld } from '../../../test/activities.js';
import { randomAddress } from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { SettableClock } from '../../kernel/clock.js';
import { queryRows, sql } from '../../kernel/db/client.js';

/**
 * The daily limits and Idempotency-Key under concurrency, on PGlite and on the real server
 * (`DATABASE_URL=$(cat /work/pg-test.url) npx vitest run server/src/modules/activities/polls.concurrency.test.ts`):
 * ballots sent at once join the same batches, batches overlap on the database, and a second app on the same database
 * (a second server process) serves the same members at the same time.
 */
let t: TestApp;
let second: TestApp;
// Shanghai noon on a fixed day for both apps: a run that crossed midnight in Shanghai would split the day's limits.
const clock = new SettableClock(new Date('2026-12-01T04:00:00Z'));
beforeAll(async () => {
  t = await startTestApp({}, { clock });
  second = await startTestApp({}, { database: t.database, clock });
});
afterAll(async () => {
  await second.close();
  await t.close();
});

const window = () => ({ startsAt: '2026-12-01T11:00:00+08:00', endsAt: '2026-12-01T13:00:00+08:00' });

async function pollWithEntries(
  w: ActivitiesWorld,
  limits: { ballotsPerMemberPerDay: number; perEntryPerDay: number },
  n: number,
) {
  const created = await t.call('POST', '/api/v1/polls', {
    token: w.officer.token,
    body: { title: '货车司机之星', orgId: w.org.id, ...window(), ...limits },
  });
  expect(created.status).toBe(201);
  const entries: string[] = [];
  for (let i = 0; i < n; i++)
    entries.push(
      (
        await t.call('POST', `/api/v1/polls/${created.json.id}/entries`, {
          token: w.officer.token,
          body: { title: `司机${i}` },
        })
      ).json.id,
    );
  return { id: created.json.id as string, entries };
}

function vote(app: TestApp, token: string, pollId: string, entryId: string, key?: string) {
  return app.call('POST', `/api/v1/polls/${pollId}/ballots`, {
    token,
    body: { entryId },
    headers: key ? { 'idempotency-key': key } : {},
    remoteAddress: randomAddress(),
  });
}

/** The database's own view: ballots per member and per member-entry, and the entries' counters against the ballots. */
async function audit(pollId: string) {
  const [row] = await queryRows<{
    ballots: number;
    maxPerMember: number;
    maxPerEntry: number;
    counterMismatch: number;
  }>(
    t.ctx.db,
    sql`select (select count(*)::int from poll_ballots where poll_id = ${pollId}) as ballots,
          (select coalesce(max(n), 0)::int from (select count(*) as n from poll_ballots where poll_id = ${pollId} group by member_id, day) x) as "maxPerMember",
          (select coalesce(max(n), 0)::int from (select count(*) as n from poll_ballots where poll_id = ${pollId} group by member_id, entry_id, day) x) as "maxPerEntry",
          (select count(*)::int from poll_entries e where e.poll_id = ${pollId}
             and (select coalesce(sum(votes), 0) from poll_entry_votes v where v.entry_id = e.id)
              <> (select count(*) from poll_ballots b where b.entry_id = e.id and b.voided_at is null)) as "counterMismatch"`,
  );
  return row!;
}

describe('poll ballots under concurrency', () => {
  it('many parallel ballots of one member, on two server processes: exactly the daily limit accepted', async () => {
    const w = await activitiesWorld(t);
    const poll = await pollWithEntries(w, { ballotsPerMemberPerDay: 3, perEntryPerDay: 2 }, 4);
    const m = await activityMember(t, w);
    const sends = [];
    for (let i = 0; i < 24; i++) {
      const app = i % 2 === 0 ? t : second;
      sends.push(vote(app, m.token, poll.id, poll.entries[i % 4]!));
      // Some in the next turns of the event loop: batches overlap on the database.
      if (i % 8 === 7) await new Promise((resolve) => setImmediate(resolve));
    }
    const answers = await Promise.all(sends);
    const accepted = answers.filter((a) => a.status === 201);
    expect(accepted).toHaveLength(3);
    expect(answers.filter((a) => a.status === 409).every((a) => a.json.error.code === 'DAILY_LIMIT_REACHED')).toBe(
      true,
    );
    expect(answers.filter((a) => a.status !== 201 && a.status !== 409)).toEqual([]);
    const counted = await audit(poll.id);
    expect(counted).toMatchObject({ ballots: 3, maxPerMember: 3, counterMismatch: 0 });
    expect(counted.maxPerEntry).toBeLessThanOrEqual(2);
    expect(accepted.map((a) => a.json.leftToday).sort()).toEqual([0, 1, 2]);
  });

  it('parallel ballots for one entry from one member: the per-entry limit holds', async () => {
    const w = await activitiesWorld(t);
    const poll = await pollWithEntries(w, { ballotsPerMemberPerDay: 10, perEntryPerDay: 2 }, 1);
    const m = await activityMember(t, w);
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, i) => vote(i % 2 ? second : t, m.token, poll.id, poll.entries[0]!)),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(2);
    expect(answers.filter((a) => a.status === 409).every((a) => a.json.error.details.limit === 'perEntryPerDay')).toBe(
      true,
    );
    expect(await audit(poll.id)).toMatchObject({ ballots: 2, maxPerEntry: 2, counterMismatch: 0 });
  });

  it('parallel ballots across members: every one counted, counters exact', async () => {
    const w = await activitiesWorld(t);
    const poll = await pollWithEntries(w, { ballotsPerMemberPerDay: 3, perEntryPerDay: 1 }, 3);
    const voters = [];
    for (let i = 0; i < 8; i++) voters.push(await activityMember(t, w));
    const answers = await Promise.all(
      voters.flatMap((v, i) => poll.entries.map((e) => vote(i % 2 ? second : t, v.token, poll.id, e))),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(24).fill(201));
    expect(await audit(poll.id)).toEqual({ ballots: 24, maxPerMember: 3, maxPerEntry: 1, counterMismatch: 0 });
    const results = await t.call('GET', `/api/v1/public/polls/${poll.id}/results`);
    expect(results.json.items.map((i: { votes: number }) => i.votes)).toEqual([8, 8, 8]);
    expect(results.json.totalVotes).toBe(24);
  });

  it('a retry sent many times at once (same Idempotency-Key) is one ballot, every answer the same', async () => {
    const w = await activitiesWorld(t);
    const poll = await pollWithEntries(w, { ballotsPerMemberPerDay: 3, perEntryPerDay: 3 }, 1);
    const m = await activityMember(t, w);
    const sends = [];
    for (let i = 0; i < 12; i++) {
      sends.push(vote(i % 2 ? second : t, m.token, poll.id, poll.entries[0]!, 'one-tap'));
      if (i === 5) await new Promise((resolve) => setImmediate(resolve));
    }
    const answers = await Promise.all(sends);
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(201));
    expect(new Set(answers.map((a) => JSON.stringify(a.json))).size).toBe(1);
    expect(await audit(poll.id)).toMatchObject({ ballots: 1 });
    // The member still has the rest of the day's ballots.
    expect((await vote(t, m.token, poll.id, poll.entries[0]!)).json.leftToday).toBe(1);
  });
});
