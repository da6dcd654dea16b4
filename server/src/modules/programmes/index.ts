import type { FastifyInstance } from 'fastify';
import type { AppModule } from '../../kernel/module.js';
import { documentRoutes } from './documents.routes.js';
import { programmeRoutes } from './programmes.routes.js';
import { quotaRoutes } from './quota.routes.js';

async function routes(app: FastifyInstance): Promise<void> {
  await programmeRoutes(app);
  await documentRoutes(app);
  await quotaRoutes(app);
}

export const programmesModule: AppModule = { name: 'programmes', routes };
