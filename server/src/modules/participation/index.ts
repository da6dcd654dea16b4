import type { AppModule } from '../../kernel/module.js';
import { congressRoutes } from './congresses.routes.js';
import { proposalRoutes } from './proposals.routes.js';
import { proposalReminderIntervalMs, sendProposalReminders } from './proposals.service.js';
import { suggestionRoutes } from './suggestions.routes.js';
import { motionRoutes } from './motions.routes.js';
import { startMotions } from './motions.service.js';
import { registerMotionsState } from './motions.state.js';
import { dutyRoutes } from './duties.routes.js';
import { scoringRoutes } from './scoring.routes.js';

/**
 * Participation 云履职 / 职代会 (PRODUCT.md capability 3): congress terms and their representatives, proposals and
 * their closed loop, members' suggestions, representatives' scores, congress motions and votes, 会员评家 reviews.
 * Each part registers its routes here.
 */
export const participationModule: AppModule = {
  name: 'participation',
  register: (ctx) => {
    registerMotionsState(ctx);
  },
  async start(ctx) {
    // 督办: reminders to handling bodies the day before and on the due day, each once (proposals.service.ts).
    ctx.background.every('proposals.reminders', proposalReminderIntervalMs, () => sendProposalReminders(ctx));
    startMotions(ctx);
  },
  routes: async (app) => {
    await congressRoutes(app);
    await proposalRoutes(app);
    await suggestionRoutes(app);
    await motionRoutes(app);
    await scoringRoutes(app);
    await dutyRoutes(app);
  },
};

/** For the proposals part: take a suggestion up as a proposal, or open one from a converted proposal (in its transaction). */
export { openSuggestionFromProposal, takeUpSuggestion } from './suggestions.service.js';

/** For the demo city (server/src/demo/demo-participation.ts): the use cases it makes its data through. */
export { addRepresentative, addRepresentatives, createCongress } from './congresses.service.js';
export { actOnProposal, answerCosignature, submitProposal } from './proposals.service.js';
export {
  actOnSuggestion,
  createReview,
  postSuggestion,
  respondToReview,
  supportSuggestion,
} from './suggestions.service.js';
export { castBallot, closeMotion, createMotion } from './motions.service.js';
export { actOnDuty, recordDuty } from './duties.service.js';
