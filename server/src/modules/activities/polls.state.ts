import type { AppContext } from '../../kernel/context.js';
import { stateSlot } from '../../kernel/module.js';
import { RateLimiter } from '../../kernel/rate-limit.js';
import { BallotDesk } from './polls.ballots.js';

export interface PollResults {
  items: { entryId: string; title: string; votes: number }[];
  totalVotes: number;
}

/** The polls' per-app state (`ctx.state`): the ballot queues, the per-address throttle, the public results held 1 s. */
export interface PollsState {
  ballots: BallotDesk;
  /** Anti-automation: ballots one client address may send a minute (config `pollBallots.perAddressPerMinute`). */
  ballotsPerAddress: RateLimiter;
  results: Map<string, { answer: Promise<PollResults>; at: number }>;
}

export const pollsState = stateSlot<PollsState>('activities.polls');

export function registerPollsState(ctx: AppContext): void {
  ctx.state.provide(pollsState, {
    ballots: new BallotDesk(ctx.db, ctx.clock, ctx.config),
    ballotsPerAddress: new RateLimiter(
      ctx.rateCounters,
      'poll_ballots_per_address',
      ctx.config.pollBallots.perAddressPerMinute,
      60_000,
    ),
    results: new Map(),
  });
}
