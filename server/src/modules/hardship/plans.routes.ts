import type { FastifyInstance } from 'fastify';
import { requireStaff } from '../../kernel/auth.js';
import { zodRoutes } from '../../kernel/http.js';
import * as s from './plans.schemas.js';
import { createPlan, listPlans, markMeasureDone } from './plans.service.js';

/** 一户一策: a household's plan, its versions and its measures. */
export async function planRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['hardship'];

  r.post(
    '/api/v1/hardship/households/:id/plans',
    {
      schema: {
        tags,
        description:
          "An assistance officer over the household's union makes its plan, or a new version of it (the old one stays in the history); 409 HOUSEHOLD_NOT_ASSISTED unless verified, archived or helped case by case",
        params: s.householdParams,
        body: s.planBody,
        response: { 201: s.planView },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createPlan(ctx, requireStaff(req.principal), req.params.id, req.body)),
  );
  r.get(
    '/api/v1/hardship/households/:id/plans',
    { schema: { tags, params: s.householdParams, response: { 200: s.plansReply } } },
    async (req) => listPlans(ctx, requireStaff(req.principal), req.params.id),
  );
  r.post(
    '/api/v1/hardship/households/:id/plans/measures/:measureId/done',
    {
      schema: {
        tags,
        description:
          'Marks a measure of the current plan done, once (409 INVALID_TRANSITION when done already or its plan was replaced); answers the current plan',
        params: s.measureParams,
        body: s.measureDoneBody,
        response: { 200: s.planView },
      },
    },
    async (req) =>
      markMeasureDone(ctx, requireStaff(req.principal), req.params.id, req.params.measureId, req.body.note),
  );
}
