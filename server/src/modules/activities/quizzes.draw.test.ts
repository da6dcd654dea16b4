import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  drawAlgorithm,
  drawSeedOf,
  drawWinners,
  listHashOf,
  newSeed,
  rankTickets,
  seedCommitmentOf,
  ticketOf,
} from './quizzes.draw.js';

/** What someone checking a published draw would write, from the description alone (not the module's code). */
function verify(published: { seed: string; listHash: string; tickets: string[]; prizes: number }): string[] {
  const hash = crypto.createHash('sha256').update(published.tickets.join('\n')).digest('hex');
  if (hash !== published.listHash) throw new Error('the list is not the one published');
  return published.tickets
    .map((ticket) => ({ ticket, rank: crypto.createHmac('sha256', published.seed).update(ticket).digest('hex') }))
    .sort((a, b) => a.rank.localeCompare(b.rank))
    .slice(0, published.prizes)
    .map((x) => x.ticket);
}

describe('the quiz prize draw (抽奖)', () => {
  const quizId = '6f1f0e8c-3d0a-4c55-9d1e-2f4c9b7a1a10';
  const passed = Array.from({ length: 40 }, (_, i) => ({
    memberId: crypto
      .createHash('md5')
      .update(`m${i}`)
      .digest('hex')
      .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'),
  }));

  it('is re-derived by anyone from the published seed, list and hash', () => {
    const seed = '2026-11-02 双色球 03 11 17 22 28 31 + 09';
    const result = drawWinners(quizId, passed, seed, 5);
    expect(drawAlgorithm).toBe('hmac-sha256-rank-v2');
    const tickets = result.candidates.map((c) => c.ticket);
    expect(tickets).toEqual([...tickets].sort());
    expect(new Set(tickets).size).toBe(40);
    expect(verify({ seed, listHash: result.listHash, tickets, prizes: 5 })).toEqual(result.winners);
    expect(result.winners).toHaveLength(5);
  });

  it('does not depend on the order the candidates come in, and changes with the seed', () => {
    const a = drawWinners(quizId, passed, 'seed-one', 3);
    const b = drawWinners(quizId, [...passed].reverse(), 'seed-one', 3);
    expect(b).toEqual(a);
    const other = drawWinners(quizId, passed, 'seed-two', 40);
    expect(other.winners).not.toEqual(drawWinners(quizId, passed, 'seed-one', 40).winners);
    expect([...other.winners].sort()).toEqual(other.candidates.map((c) => c.ticket));
  });

  it('gives every member a stable ticket per quiz, and hashes the list as published', () => {
    expect(ticketOf(quizId, passed[0]!.memberId)).toMatch(/^[0-9a-f]{16}$/);
    expect(ticketOf(quizId, passed[0]!.memberId)).toBe(ticketOf(quizId, passed[0]!.memberId));
    expect(ticketOf(quizId, passed[0]!.memberId)).not.toBe(ticketOf(crypto.randomUUID(), passed[0]!.memberId));
    expect(listHashOf(['a', 'b'])).toBe(crypto.createHash('sha256').update('a\nb').digest('hex'));
    expect(rankTickets('s', [])).toEqual([]);
  });

  it('commits to its seed before the list is known and mixes in public randomness when given', () => {
    const committed = newSeed();
    // The commitment a member saw on the quiz is checked against the seed revealed at the draw.
    expect(seedCommitmentOf(committed)).toBe(crypto.createHash('sha256').update(committed).digest('hex'));
    expect(seedCommitmentOf(newSeed())).not.toBe(seedCommitmentOf(committed));
    expect(drawSeedOf(committed, null)).toBe(committed);
    const external = '2026-11-02 双色球 03 11 17 22 28 31 + 09';
    expect(drawSeedOf(committed, external)).toBe(`${committed}:${external}`);
    // The lottery's numbers change the winners: the server, knowing its own seed, cannot foresee the outcome.
    const alone = drawWinners(quizId, passed, drawSeedOf(committed, null), 10).winners;
    expect(drawWinners(quizId, passed, drawSeedOf(committed, external), 10).winners).not.toEqual(alone);
  });
});
