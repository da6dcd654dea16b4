import type { AppModule } from '../../kernel/module.js';
import { authRoutes } from './auth.routes.js';
import { authState, createAuthState } from './auth.service.js';

export const authModule: AppModule = {
  name: 'auth',
  register: (ctx) => void ctx.state.provide(authState, createAuthState()),
  routes: authRoutes,
};
export { hashPassword } from './auth.service.js';
export { phoneSchema, orgRef } from './auth.schemas.js';
