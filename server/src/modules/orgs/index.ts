import type { AppModule } from '../../kernel/module.js';
import { orgRoutes } from './orgs.routes.js';

export const orgsModule: AppModule = { name: 'orgs', routes: orgRoutes };
export { regionCodeSchema } from './orgs.schemas.js';
