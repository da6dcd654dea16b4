import type { AppModule } from '../../kernel/module.js';
import { systemRoutes } from './system.routes.js';

export const systemModule: AppModule = { name: 'system', routes: systemRoutes };
