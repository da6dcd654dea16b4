import type { AppModule } from '../../kernel/module.js';
import { staffRoutes } from './staff.routes.js';

export const staffModule: AppModule = { name: 'staff', routes: staffRoutes };
