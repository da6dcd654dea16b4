import type { AppModule } from '../../kernel/module.js';
import { registerBackupDesk } from './system.backups.js';
import { systemRoutes } from './system.routes.js';

export const systemModule: AppModule = { name: 'system', register: registerBackupDesk, routes: systemRoutes };
