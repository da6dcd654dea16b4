import type { AppModule } from '../../kernel/module.js';
import { quizRoutes } from './quizzes.routes.js';

/**
 * Activities 活动 (PRODUCT.md capability 7): quizzes (知识竞赛), walking challenges (健步走), public polls (网络投票,
 * 最美劳动者), stories (职工故事), innovation contests (五小, 云创客: 网报网评), skills competitions (技能大赛), award
 * selections and questionnaires (问卷). Each part registers its routes here, one line each.
 */
export const activitiesModule: AppModule = {
  name: 'activities',
  routes: async (app) => {
    await quizRoutes(app);
  },
};

/** Quizzes 知识竞赛, for the demo: a quiz, its bank, attempts and the draw. */
export { addQuestion, addQuestions, createQuiz, drawPrizes, startAttempt, submitAttempt } from './quizzes.service.js';
export { quizzes, quizQuestions, quizAttempts } from './quizzes.tables.js';
