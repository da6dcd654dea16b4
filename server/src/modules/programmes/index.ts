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

/** The use cases the demo city drives (server/src/demo): programmes and applications with their real histories. */
export {
  actOnApplication,
  applyToProgramme,
  createDisbursement,
  createProgramme,
  objectToNotice,
  publishProgrammeNotice,
  settleDisbursement,
} from './programmes.service.js';
export { checkModelWorker, createModelWorker, updateModelWorker } from './model-workers.service.js';
