import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activitiesWorld, activityMember, type ActivitiesWorld } from '../../../test/activities.js';
import { randomAddress } from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { SettableClock } from '../../kernel/clock.js';
import { queryRows, sql } from '../../kernel/db/client.js';

let t: TestApp;
const clock = new SettableClock();
beforeAll(async () => {
  t = await startTestApp({}, { clock });
});
afterAll(async () => {
  await t.close();
});

/** Shanghai 2026-12-01 20:00 (12:00 UTC): the clock the tests vote at unless they set another. */
const evening = new Date('2026-12-01T12:00:00Z');

async function poll(
  w: ActivitiesWorld,
  limits: { ballotsPerMemberPerDay: number; perEntryPerDay: number } = { ballotsPerMemberPerDay: 3, perEntryPerDay: 1 },
  window = { startsAt: '2026-11-30T00:00:00+08:00', endsAt: '2026-12-10T00:00:00+08:00' },
) {
  const created = await t.call('POST', '/api/v1/polls', {
    token: w.officer.token,
    body: { title: '最美劳动者网络投票', orgId: w.org.id, ...window, ...limits },
  });
  expect(created.status).toBe(201);
  return created.json.id as string;
}

async function entries(w: ActivitiesWorld, pollId: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const added = await t.call('POST', `/api/v1/polls/${pollId}/entries`, {
      token: w.officer.token,
      body: { title: `候选人${i + 1}`, description: '一线职工' },
    });
    expect(added.status).toBe(201);
    expect(added.json.status).toBe('live');
    ids.push(added.json.id);
  }
  return ids;
}

function vote(token: string, pollId: string, entryId: string, opts: { key?: string; address?: string } = {}) {
  return t.call('POST', `/api/v1/polls/${pollId}/ballots`, {
    token,
    body: { entryId },
    headers: opts.key ? { 'idempotency-key': opts.key } : {},
    remoteAddress: opts.address ?? randomAddress(),
  });
}

describe('public polls 网络投票', () => {
  it('takes ballots for live entries and shows them in the public results', async () => {
    clock.set(evening);
    const w = await activitiesWorld(t);
    const id = await poll(w);
    const [a, b] = await entries(w, id, 2);
    const m = await activityMember(t, w);
    const first = await vote(m.token, id, a!);
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ pollId: id, entryId: a, day: '2026-12-01', leftToday: 2, leftForEntryToday: 0 });
    expect((await vote(m.token, id, b!)).status).toBe(201);
    const results = await t.call('GET', `/api/v1/public/polls/${id}/results`);
    expect(results.status).toBe(200);
    expect(results.json.totalVotes).toBe(2);
    expect(results.json.items.map((i: { votes: number }) => i.votes)).toEqual([1, 1]);
    const rows = await queryRows<{ n: number }>(
      t.ctx.db,
      sql`select count(*)::int as n from poll_ballots where poll_id = ${id}`,
    );
    expect(rows[0]!.n).toBe(2);
  });
});
