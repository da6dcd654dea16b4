import type { AppModule } from '../../kernel/module.js';
import { programmeRoutes } from './programmes.routes.js';

export const programmesModule: AppModule = { name: 'programmes', routes: programmeRoutes };

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
