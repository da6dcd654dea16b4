export { orgRoutes } from './orgs.routes.js';
export { regionCodeSchema } from './orgs.schemas.js';
