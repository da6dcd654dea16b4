import type { AppContext } from '../../kernel/context.js';
import { stateSlot } from '../../kernel/module.js';
import { BallotDesk } from './motions.ballots.js';

/** The motions' per-app state (`ctx.state`): each motion's ballot queue while a vote is under way. */
export const motionsState = stateSlot<{ ballots: BallotDesk }>('participation.motions');

export function registerMotionsState(ctx: AppContext): void {
  ctx.state.provide(motionsState, { ballots: new BallotDesk(ctx.db, ctx.clock) });
}
