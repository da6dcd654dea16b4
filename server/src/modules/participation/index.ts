import type { AppModule } from '../../kernel/module.js';
import { congressRoutes } from './congresses.routes.js';
import { motionRoutes } from './motions.routes.js';
import { startMotions } from './motions.service.js';
import { registerMotionsState } from './motions.state.js';

/**
 * Participation 云履职 / 职代会 (PRODUCT.md capability 3): congress terms and their representatives, proposals and
 * their closed loop, members' suggestions, representatives' scores, congress motions and votes, 会员评家 reviews.
 * Each part registers its routes here.
 */
export const participationModule: AppModule = {
  name: 'participation',
  register: (ctx) => {
    registerMotionsState(ctx);
  },
  start: async (ctx) => {
    startMotions(ctx);
  },
  routes: async (app) => {
    await congressRoutes(app);
    await motionRoutes(app);
  },
};
