export { perksRoutes } from './perks.routes.js';
