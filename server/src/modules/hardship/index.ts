import type { AppModule } from '../../kernel/module.js';
import { leadRoutes } from './leads.routes.js';
import { visitRoutes } from './visits.routes.js';

/**
 * Hardship assistance 困难职工帮扶 (PRODUCT.md capability 4): leads filed in the field and their household files
 * (verification, archive by the regional standard, yearly review), plans and the help given (一户一策), donor units
 * of the love alliance (爱心联盟), seasonal campaigns (四季送) and visit logs (走访). Each part registers its routes here.
 */
export const hardshipModule: AppModule = {
  name: 'hardship',
  routes: async (app) => {
    await leadRoutes(app);
    await visitRoutes(app);
  },
};
