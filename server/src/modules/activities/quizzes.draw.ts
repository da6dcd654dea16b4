import crypto from 'node:crypto';

/**
 * The prize draw of a quiz (抽奖), verifiable by anyone from what is published:
 * 1. each member who passed gets a ticket: the first 16 hex digits of SHA-256("<quizId>:<memberId>") — stable,
 *    opaque (it names no one), the same whoever computes it;
 * 2. the candidates are listed in ascending ticket order, and the list's hash is SHA-256 of the tickets joined by
 *    "\n" (hex);
 * 3. the seed is published with the result: the officer's (announced before the draw, such as a lottery's numbers),
 *    or 32 random bytes drawn by the server;
 * 4. every ticket is ranked by HMAC-SHA256(key = seed as UTF-8, message = ticket) in hex, ascending (ties, which do
 *    not happen in practice, by ticket); the first `prizes` tickets win, first place first.
 * Re-deriving needs only the published seed and tickets: `rankTickets(seed, tickets).slice(0, prizes)`.
 */
export const drawAlgorithm = 'hmac-sha256-rank-v1';

export const drawAlgorithmDescription =
  'ticket = first 16 hex of SHA-256("<quizId>:<memberId>"); listHash = SHA-256(tickets in ascending order joined by "\\n"); ' +
  'rank = HMAC-SHA256(key = seed (UTF-8), message = ticket) as hex, ascending; the first `prizes` tickets win.';

export function ticketOf(quizId: string, memberId: string): string {
  return crypto.createHash('sha256').update(`${quizId}:${memberId}`).digest('hex').slice(0, 16);
}

export function listHashOf(tickets: readonly string[]): string {
  return crypto.createHash('sha256').update(tickets.join('\n')).digest('hex');
}

/** The tickets in the order of the draw: by HMAC-SHA256(seed, ticket), ascending. */
export function rankTickets(seed: string, tickets: readonly string[]): string[] {
  const keyed = tickets.map((ticket) => ({
    ticket,
    rank: crypto.createHmac('sha256', Buffer.from(seed, 'utf8')).update(ticket).digest('hex'),
  }));
  keyed.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.ticket < b.ticket ? -1 : 1));
  return keyed.map((k) => k.ticket);
}

export function newSeed(): string {
  return crypto.randomBytes(32).toString('hex');
}

/** The candidates in canonical (ticket) order, the list's hash and the winners. */
export function drawWinners<T extends { memberId: string }>(
  quizId: string,
  passed: readonly T[],
  seed: string,
  prizes: number,
): { candidates: (T & { ticket: string })[]; listHash: string; winners: string[] } {
  const candidates = passed
    .map((p) => ({ ...p, ticket: ticketOf(quizId, p.memberId) }))
    .sort((a, b) => (a.ticket < b.ticket ? -1 : a.ticket > b.ticket ? 1 : 0));
  const tickets = candidates.map((c) => c.ticket);
  return { candidates, listHash: listHashOf(tickets), winners: rankTickets(seed, tickets).slice(0, prizes) };
}
