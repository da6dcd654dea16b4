import type { AppModule } from '../../kernel/module.js';
import { programmeRoutes } from './programmes.routes.js';

export const programmesModule: AppModule = { name: 'programmes', routes: programmeRoutes };
