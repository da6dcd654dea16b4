import type { AppModule } from '../../kernel/module.js';
import { memberRoutes } from './members.routes.js';

export const membersModule: AppModule = { name: 'members', routes: memberRoutes };
export { countMembersUnder, memberSecrets, resolveMemberships } from './members.service.js';
export { members } from './members.tables.js';
