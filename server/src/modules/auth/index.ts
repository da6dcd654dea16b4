export { authRoutes } from './auth.routes.js';
export { hashPassword } from './auth.service.js';
export { phoneSchema, orgRef } from './auth.schemas.js';
