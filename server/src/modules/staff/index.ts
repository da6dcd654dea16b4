export { staffRoutes } from './staff.routes.js';
