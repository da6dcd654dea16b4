import type { AppModule } from '../../kernel/module.js';
import { documentRoutes } from './documents.routes.js';
import { modelWorkerRoutes } from './model-workers.routes.js';
import { mutualAidRoutes } from './mutual-aid.routes.js';
import { programmeRoutes } from './programmes.routes.js';
import { quotaRoutes } from './quota.routes.js';
import { workStudyRoutes } from './work-study.routes.js';

export const programmesModule: AppModule = {
  name: 'programmes',
  routes: async (app) => {
    await programmeRoutes(app);
    await documentRoutes(app);
    await modelWorkerRoutes(app);
    await workStudyRoutes(app);
    await mutualAidRoutes(app);
    await quotaRoutes(app);
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
export { enrolMember, fileClaim } from './mutual-aid.service.js';
export { recordWorkDay } from './work-study.service.js';
export { signUp } from './programmes.quota.js';
