import type { FastifyInstance } from 'fastify';
import type { Principal } from '../../kernel/auth.js';
import { AppError } from '../../kernel/errors.js';
import { idempotencyKeyOf, zodRoutes } from '../../kernel/http.js';
import * as s from './work-study.schemas.js';
import { listWorkDays, recordWorkDay } from './work-study.service.js';

function signedIn(principal: Principal | null): Principal {
  if (!principal) throw new AppError('UNAUTHENTICATED');
  return principal;
}

/** 勤工俭学 work days on an approved placement (an application of a work_study programme). */
export async function workStudyRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['programmes'];

  r.post(
    '/api/v1/work-study/:applicationId/work-days',
    {
      schema: {
        tags,
        description:
          "A day's pay on an approved placement, by staff (programme_officer) of the employing unit or of the programme's organisation; over the caps per student and day or Shanghai month → 409 CAP_EXCEEDED {cap, limitFen, leftFen}; accepts Idempotency-Key",
        params: s.applicationIdParams,
        body: s.workDayBody,
        response: { 201: s.recordedWorkDay },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await recordWorkDay(ctx, signedIn(req.principal), req.params.applicationId, req.body, idempotencyKeyOf(req)),
        ),
  );
  r.get(
    '/api/v1/work-study/:applicationId/work-days',
    {
      schema: {
        tags,
        description: "The placement's work days and the student's totals per month (the member, and staff in scope)",
        params: s.applicationIdParams,
        response: { 200: s.workDayList },
      },
    },
    async (req) => listWorkDays(ctx, signedIn(req.principal), req.params.applicationId),
  );
}
