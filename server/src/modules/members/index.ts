export { memberRoutes } from './members.routes.js';
export { countMembersUnder, memberSecrets, resolveMembership } from './members.service.js';
export { members } from './members.tables.js';
