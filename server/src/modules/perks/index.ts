export { perksRoutes } from './perks.routes.js';
export { merchantStaff, merchants, voucherCampaigns } from './perks.tables.js';
