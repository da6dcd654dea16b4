import type { AppModule } from '../../kernel/module.js';
import { congressRoutes } from './congresses.routes.js';
import { dutyRoutes } from './duties.routes.js';
import { scoringRoutes } from './scoring.routes.js';

/**
 * Participation 云履职 / 职代会 (PRODUCT.md capability 3): congress terms and their representatives, proposals and
 * their closed loop, members' suggestions, representatives' scores, congress motions and votes, 会员评家 reviews.
 * Each part registers its routes here.
 */
export const participationModule: AppModule = {
  name: 'participation',
  routes: async (app) => {
    await congressRoutes(app);
    await scoringRoutes(app);
    await dutyRoutes(app);
  },
};
