import type { AppModule } from '../../kernel/module.js';
import { legalRoutes } from './legal.routes.js';

export const legalModule: AppModule = { name: 'legal', routes: legalRoutes };
