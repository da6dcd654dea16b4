import type { AppModule } from '../../kernel/module.js';
import { modelWorkerRoutes } from './model-workers.routes.js';
import { programmeRoutes } from './programmes.routes.js';

export const programmesModule: AppModule = {
  name: 'programmes',
  routes: async (app) => {
    await programmeRoutes(app);
    await modelWorkerRoutes(app);
  },
};
