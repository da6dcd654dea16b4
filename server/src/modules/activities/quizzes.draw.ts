import crypto from 'node:crypto';

/**
 * The prize draw of a quiz (抽奖), verifiable by anyone from what is published:
 * 1. each member who passed gets a ticket: the first 16 hex digits of SHA-256("<quizId>:<memberId>") — stable,
 *    opaque (it names no one), the same whoever computes it;
 * 2. the candidates are listed in ascending ticket order, and the list's hash is SHA-256 of the tickets joined by
 *    "\n" (hex);
 * 3. the seed: when the quiz is made the server draws a secret seed (32 random bytes, hex) and shows its SHA-256 — the
 *    commitment — on the quiz from the start; at the draw the seed is revealed. The officer may add public randomness
 *    announced after the quiz ended (a lottery's numbers): the seed is then "<committed>:<external>". Neither the
 *    officer (who cannot change the committed seed) nor the server (which cannot foresee the lottery) chooses the
 *    outcome once the candidates are known;
 * 4. every ticket is ranked by HMAC-SHA256(key = seed as UTF-8, message = ticket) in hex, ascending (ties, which do
 *    not happen in practice, by ticket); the first `prizes` tickets win, first place first.
 * Re-deriving needs only what is published: SHA-256(committedSeed) = the commitment shown before the end, then
 * `rankTickets(seed, tickets).slice(0, prizes)`.
 */
export const drawAlgorithm = 'hmac-sha256-rank-v2';

export const drawAlgorithmDescription =
  'ticket = first 16 hex of SHA-256("<quizId>:<memberId>"); listHash = SHA-256(tickets in ascending order joined by "\\n"); ' +
  'SHA-256(committedSeed) = the seedCommitment shown on the quiz before it ended; seed = committedSeed, or ' +
  'committedSeed + ":" + externalSeed; rank = HMAC-SHA256(key = seed (UTF-8), message = ticket) as hex, ascending; ' +
  'the first `prizes` tickets win.';

/** Draws made before the commitment (v1): the officer's or a fresh seed, published with the result. */
export const drawAlgorithmV1Description =
  'ticket = first 16 hex of SHA-256("<quizId>:<memberId>"); listHash = SHA-256(tickets in ascending order joined by "\\n"); ' +
  'rank = HMAC-SHA256(key = seed (UTF-8), message = ticket) as hex, ascending; the first `prizes` tickets win.';

/** What a quiz shows from its creation: SHA-256 (hex) of the committed seed. */
export function seedCommitmentOf(committedSeed: string): string {
  return crypto.createHash('sha256').update(committedSeed, 'utf8').digest('hex');
}

/** The HMAC key of the draw: the committed seed, and the officer's public randomness when given. */
export function drawSeedOf(committedSeed: string, externalSeed: string | null): string {
  return externalSeed === null ? committedSeed : `${committedSeed}:${externalSeed}`;
}

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
