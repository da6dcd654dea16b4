import type { AppContext } from '../../kernel/context.js';
import { stateSlot } from '../../kernel/module.js';
import { RateLimiter } from '../../kernel/rate-limit.js';
import { ClaimDesk } from './perks.claims.js';

/** The perks module's per-app state (`ctx.state`): the claim queues and the claim rate limits. */
export interface PerksState {
  claims: ClaimDesk;
  /** Anti-automation: a person taps a claim button a few times a second at most; a script does not. */
  claimsPerMember: RateLimiter;
  claimsPerAddress: RateLimiter;
}

export const perksState = stateSlot<PerksState>('perks');

export function registerPerksState(ctx: AppContext): void {
  ctx.state.provide(perksState, {
    claims: new ClaimDesk(ctx.db, ctx.clock),
    claimsPerMember: new RateLimiter(ctx.rateCounters, 'claims_per_member', 10, 10_000),
    claimsPerAddress: new RateLimiter(ctx.rateCounters, 'claims_per_address', ctx.config.claimLimitPerAddress, 10_000),
  });
}
