import type { AppModule } from '../../kernel/module.js';
import { campaignRoutes } from './campaigns.routes.js';
import { leadRoutes } from './leads.routes.js';
import { householdImportRoutes } from './import.routes.js';
import { visitRoutes } from './visits.routes.js';
import { assistanceRoutes } from './aid.routes.js';

/**
 * Hardship assistance 困难职工帮扶 (PRODUCT.md capability 4): leads filed in the field and their household files
 * (verification, archive by the regional standard, yearly review), plans and the help given (一户一策), donor units
 * of the love alliance (爱心联盟), seasonal campaigns (四季送) and visit logs (走访). Each part registers its routes here.
 */
export const hardshipModule: AppModule = {
  name: 'hardship',
  routes: async (app) => {
    await leadRoutes(app);
    await householdImportRoutes(app);
    await visitRoutes(app);
    await assistanceRoutes(app);
    await campaignRoutes(app);
  },
};

/** For the demo city (server/src/demo/demo-hardship.ts): the use cases it makes its data through, and its tables. */
export { actOnLead, fileLead, reviewDeadlineFrom } from './leads.service.js';
export { putStandard } from './standards.service.js';
export { verificationWorkingDays } from './hardship.workflow.js';
export { hardshipHouseholds } from './hardship.tables.js';
