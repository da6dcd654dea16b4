export { memberRoutes } from './members.routes.js';
export { countMembersUnder, memberSecrets, resolveMemberships } from './members.service.js';
export { members } from './members.tables.js';
