import type { AppModule } from '../../kernel/module.js';
import { pollRoutes } from './polls.routes.js';
import { registerPollsState } from './polls.state.js';

/**
 * Activities 活动 (PRODUCT.md capability 7): quizzes (知识竞赛), walking challenges (健步走), public polls (网络投票,
 * 最美劳动者), stories (职工故事), innovation contests (五小, 云创客: 网报网评), skills competitions (技能大赛), award
 * selections and questionnaires (问卷). Each part registers its routes here, one line each.
 */
export const activitiesModule: AppModule = {
  name: 'activities',
  register: (ctx) => {
    registerPollsState(ctx);
  },
  routes: async (app) => {
    await pollRoutes(app);
  },
};

/** Polls 网络投票: the use cases the demo and the award selections call, and the tables. */
export {
  actOnEntry,
  actOnFlag,
  addEntry,
  castBallot,
  createFinalRound,
  createPoll,
  publicResults,
  type CreatePollInput,
} from './polls.service.js';
export { castDemoBallots } from './polls.demo.js';
export { pollBallots, pollEntries, pollEntryVotes, pollFlags, pollMemberDays, polls } from './polls.tables.js';
