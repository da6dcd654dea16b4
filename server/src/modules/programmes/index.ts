import type { FastifyInstance } from 'fastify';
import type { AppModule } from '../../kernel/module.js';
import { mutualAidRoutes } from './mutual-aid.routes.js';
import { programmeRoutes } from './programmes.routes.js';
import { workStudyRoutes } from './work-study.routes.js';

export const programmesModule: AppModule = {
  name: 'programmes',
  routes: async (app: FastifyInstance) => {
    await programmeRoutes(app);
    await workStudyRoutes(app);
    await mutualAidRoutes(app);
  },
};
