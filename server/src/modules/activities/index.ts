import type { AppModule } from '../../kernel/module.js';
import { questionnaireRoutes } from './questionnaires.routes.js';
import { walkRoutes } from './walks.routes.js';
import { storyRoutes } from './stories.routes.js';
import { contestRoutes } from './contests.routes.js';
import { awardsRoutes } from './awards.routes.js';
import { pollRoutes } from './polls.routes.js';
import { registerPollsState } from './polls.state.js';
import { skillsRoutes } from './skills.routes.js';
import { quizRoutes } from './quizzes.routes.js';

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
    await walkRoutes(app);
    await storyRoutes(app);
    await contestRoutes(app);
    await skillsRoutes(app);
    await questionnaireRoutes(app);
    await pollRoutes(app);
    await awardsRoutes(app);
    await quizRoutes(app);
  },
};

/** For the demo city: the use cases it makes its data through. */
export { createWalkChallenge, recordSteps } from './walks.service.js';
export { walkDays } from './walks.tables.js';
export {
  actOnStory,
  createStoryCollection,
  likeStory,
  listPublicStories,
  submitStory,
  unlikeStory,
  uploadStoryPhoto,
} from './stories.service.js';
export {
  addJudges,
  assignJudges,
  closeJudging,
  createContest,
  giveAwards,
  judgingQueue,
  scoreEntry,
  submitEntry,
} from './contests.service.js';
export { createQuestionnaire, submitResponse } from './questionnaires.service.js';
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
export {
  addEvent as addSkillsEvent,
  createCompetition as createSkillsCompetition,
  enterScores as enterSkillsScores,
  publishResults as publishSkillsResults,
  registerEntry as registerSkillsEntry,
  registerSelf as registerSelfForSkillsEvent,
} from './skills.service.js';
export {
  actOnNomination,
  award as awardSelection,
  createSelection as createAwardSelection,
  lodgeObjection as lodgeAwardObjection,
  nominate as nominateForAward,
  resolveObjection as resolveAwardObjection,
} from './awards.service.js';
export { openPublicityWithVotes as openAwardPublicity, startVote as startAwardVote } from './awards.vote.js';
export { addQuestion, addQuestions, createQuiz, drawPrizes, startAttempt, submitAttempt } from './quizzes.service.js';
export { quizzes, quizQuestions, quizAttempts } from './quizzes.tables.js';
