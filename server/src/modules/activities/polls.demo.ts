import type { AppContext } from '../../kernel/context.js';
import { AppError } from '../../kernel/errors.js';
import * as repo from './polls.repository.js';
import { pollsState } from './polls.state.js';

export interface DemoBallot {
  memberId: string;
  /** The member's worker account (worker_accounts.id): who cast it, for the audit log. */
  accountId: string;
  entryId: string;
  /** The client address it came from (default one per member, so no burst is flagged unless the caller wants one). */
  address?: string;
}

/**
 * Many ballots at once for demo data (a poll with its votes): through the same ballot desk as the route, so the
 * limits, counters, flags and audit records are what real ballots make, at the app's clock. Ballots over a limit or
 * outside the window are refused and counted, not thrown.
 */
export async function castDemoBallots(
  ctx: AppContext,
  pollId: string,
  ballots: readonly DemoBallot[],
): Promise<{ cast: number; refused: Record<string, number> }> {
  const poll = await repo.findPoll(ctx.db, pollId);
  if (!poll) throw new AppError('NOT_FOUND');
  const desk = ctx.state.get(pollsState).ballots;
  let cast = 0;
  const refused: Record<string, number> = {};
  for (let i = 0; i < ballots.length; i += 2000) {
    const answers = await Promise.allSettled(
      ballots
        .slice(i, i + 2000)
        .map((b) =>
          desk.submit(
            { id: poll.id, orgId: poll.orgId },
            { ...b, address: b.address ?? `demo:${b.memberId}`, key: undefined },
          ),
        ),
    );
    for (const a of answers) {
      if (a.status === 'fulfilled') cast++;
      else if (a.reason instanceof AppError) refused[a.reason.code] = (refused[a.reason.code] ?? 0) + 1;
      else throw a.reason;
    }
  }
  ctx.state.get(pollsState).results.delete(poll.id);
  return { cast, refused };
}
