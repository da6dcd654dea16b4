import type { FastifyInstance } from 'fastify';
import { requireMember, requireStaff, type Principal } from '../../kernel/auth.js';
import { AppError } from '../../kernel/errors.js';
import { zodRoutes } from '../../kernel/http.js';
import * as s from './walks.schemas.js';
import {
  closeWalkChallenge,
  createWalkChallenge,
  getWalkChallenge,
  listWalkChallenges,
  myWalk,
  recordSteps,
  updateWalkChallenge,
  walkLeaderboard,
} from './walks.service.js';

function signedIn(principal: Principal | null): Principal {
  if (!principal) throw new AppError('UNAUTHENTICATED');
  return principal;
}

/** 健步走 walking challenges: staff open them; members record each day's steps; leaderboards by member and union. */
export async function walkRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['activities'];

  r.post(
    '/api/v1/walk-challenges',
    {
      schema: {
        tags,
        description: "A union's walking challenge (健步走) over Shanghai calendar days: activity officers of the union",
        body: s.createChallengeBody,
        response: { 201: s.challengeView },
      },
    },
    async (req, reply) => reply.status(201).send(await createWalkChallenge(ctx, requireStaff(req.principal), req.body)),
  );
  r.get(
    '/api/v1/walk-challenges',
    {
      schema: {
        tags,
        description:
          'Staff: the challenges of a subtree; members: those of their union and the unions above it. Newest first',
        querystring: s.listChallengesQuery,
        response: { 200: s.challengePage },
      },
    },
    async (req) => listWalkChallenges(ctx, signedIn(req.principal), req.query),
  );
  r.get(
    '/api/v1/walk-challenges/:id',
    { schema: { tags, params: s.idParams, response: { 200: s.challengeView } } },
    async (req) => getWalkChallenge(ctx, signedIn(req.principal), req.params.id),
  );
  r.patch(
    '/api/v1/walk-challenges/:id',
    {
      schema: {
        tags,
        description:
          "Activity officers of the challenge's union edit it: title and goal any time; the first day only before it starts (409 CONFLICT reason started), not to a past day; the last day not before today and not once ended (409 ACTIVITY_NOT_OPEN reason ended); audited",
        params: s.idParams,
        body: s.updateChallengeBody,
        response: { 200: s.challengeView },
      },
    },
    async (req) => updateWalkChallenge(ctx, requireStaff(req.principal), req.params.id, req.body),
  );
  r.post(
    '/api/v1/walk-challenges/:id/close',
    {
      schema: {
        tags,
        description:
          'Ends a running challenge early: today (Asia/Shanghai) becomes its last day; not started or already ended 409 ACTIVITY_NOT_OPEN; audited',
        params: s.idParams,
        response: { 200: s.challengeView },
      },
    },
    async (req) => closeWalkChallenge(ctx, requireStaff(req.principal), req.params.id),
  );
  r.put(
    '/api/v1/walk-challenges/:id/steps/:date',
    {
      schema: {
        tags,
        description:
          "The member's steps for one day (replaces that day's count): a day of the challenge up to today in Asia/Shanghai; a future day 400 future_date on date; outside the challenge 409 ACTIVITY_NOT_OPEN; after recordableUntil (3 days after the last day) 409 ACTIVITY_NOT_OPEN with reason closed; over 100,000 steps 400 implausible_steps on steps",
        params: s.stepsParams,
        body: s.recordStepsBody,
        response: { 200: s.recordStepsReply },
      },
    },
    async (req) => recordSteps(ctx, requireMember(req.principal), req.params.id, req.params.date, req.body),
  );
  r.get(
    '/api/v1/walk-challenges/:id/me',
    {
      schema: {
        tags,
        description: "The member's days, total, days at the goal and rank by total steps",
        params: s.idParams,
        response: { 200: s.myWalkView },
      },
    },
    async (req) => myWalk(ctx, requireMember(req.principal), req.params.id),
  );
  r.get(
    '/api/v1/walk-challenges/:id/leaderboard',
    {
      schema: {
        tags,
        description:
          "By member (steps; names masked for members) or by org (each union directly below the challenge's, ranked by average steps per participating member), over the challenge or one day (date); the caller's own standing in me",
        params: s.idParams,
        querystring: s.leaderboardQuery,
        response: { 200: s.leaderboardView },
      },
    },
    async (req) => walkLeaderboard(ctx, signedIn(req.principal), req.params.id, req.query),
  );
}
