import type { AppModule } from '../../kernel/module.js';
import { perksRoutes } from './perks.routes.js';
import { registerPerksState } from './perks.state.js';

export const perksModule: AppModule = { name: 'perks', register: registerPerksState, routes: perksRoutes };
export { breakfastEnrolments, breakfastPartners, merchantStaff, merchants, voucherCampaigns } from './perks.tables.js';
