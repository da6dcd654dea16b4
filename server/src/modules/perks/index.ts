export { perksRoutes } from './perks.routes.js';
export { breakfastEnrolments, breakfastPartners, merchantStaff, merchants, voucherCampaigns } from './perks.tables.js';
