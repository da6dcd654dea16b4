import type { FastifyInstance } from 'fastify';
import { requireMember, requireStaff, type Principal } from '../../kernel/auth.js';
import { AppError } from '../../kernel/errors.js';
import { zodRoutes } from '../../kernel/http.js';
import { xlsxMediaType } from '../../kernel/xlsx.js';
import * as s from './skills.schemas.js';
import {
  addEvent,
  competitionResults,
  createCompetition,
  enterScores,
  getCompetition,
  listCompetitions,
  listEntries,
  myCompetitions,
  publicResults,
  publishResults,
  registerEntry,
  registerSelf,
  resultsWorkbook,
  withdrawEntry,
} from './skills.service.js';

function signedIn(principal: Principal | null): Principal {
  if (!principal) throw new AppError('UNAUTHENTICATED');
  return principal;
}

/** 技能大赛: competitions, events, entries (contestants and teams), scores, ranked results with prize tiers. */
export async function skillsRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['activities'];

  r.post(
    '/api/v1/skills-competitions',
    { schema: { tags, body: s.createCompetitionBody, response: { 201: s.competitionView } } },
    async (req, reply) => reply.status(201).send(await createCompetition(ctx, requireStaff(req.principal), req.body)),
  );
  r.get(
    '/api/v1/skills-competitions',
    {
      schema: {
        tags,
        description: "Those run in the caller's subtree (or orgId's), and, without orgId, those of the unions above",
        querystring: s.listCompetitionsQuery,
        response: { 200: s.competitionPage },
      },
    },
    async (req) => listCompetitions(ctx, requireStaff(req.principal), req.query),
  );
  r.get(
    '/api/v1/skills-competitions/:id',
    { schema: { tags, params: s.idParams, response: { 200: s.competitionView } } },
    async (req) => getCompetition(ctx, requireStaff(req.principal), req.params.id),
  );
  r.post(
    '/api/v1/skills-competitions/:id/events',
    { schema: { tags, params: s.idParams, body: s.createEventBody, response: { 201: s.competitionView } } },
    async (req, reply) =>
      reply.status(201).send(await addEvent(ctx, requireStaff(req.principal), req.params.id, req.body)),
  );
  r.post(
    '/api/v1/skills-competitions/:id/publication',
    {
      schema: {
        tags,
        description: 'Publishes the results: public (names masked) and final from now on',
        params: s.idParams,
        response: { 200: s.competitionView },
      },
    },
    async (req) => publishResults(ctx, requireStaff(req.principal), req.params.id),
  );
  r.get(
    '/api/v1/skills-competitions/:id/results',
    { schema: { tags, params: s.idParams, response: { 200: s.resultsView } } },
    async (req) => competitionResults(ctx, requireStaff(req.principal), req.params.id),
  );
  r.get(
    '/api/v1/skills-competitions/:id/results.xlsx',
    { schema: { tags, params: s.idParams, produces: [xlsxMediaType] } },
    async (req, reply) =>
      reply
        .type(xlsxMediaType)
        .header(
          'content-disposition',
          `attachment; filename="skills-results.xlsx"; filename*=UTF-8''${encodeURIComponent('技能大赛成绩.xlsx')}`,
        )
        .send(await resultsWorkbook(ctx, requireStaff(req.principal), req.params.id)),
  );
  r.get(
    '/api/v1/public/skills-competitions/:id/results',
    {
      schema: {
        tags,
        description: 'The published results, no sign-in: names masked (张*明), unions named; 404 until published',
        params: s.idParams,
        response: { 200: s.resultsView },
      },
    },
    async (req) => publicResults(ctx, req.params.id),
  );
  r.get(
    '/api/v1/skills-events/:id/entries',
    { schema: { tags, params: s.idParams, response: { 200: s.entryList } } },
    async (req) => listEntries(ctx, requireStaff(req.principal), req.params.id),
  );
  r.post(
    '/api/v1/skills-events/:id/entries',
    {
      schema: {
        tags,
        description:
          'An officer registers members of their subtree: one for an individual event, a team of one union for a team event; 409 ALREADY_REGISTERED, ACTIVITY_NOT_OPEN',
        params: s.idParams,
        body: s.registerEntryBody,
        response: { 201: s.entryView },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await registerEntry(ctx, requireStaff(req.principal), req.params.id, req.body)),
  );
  r.post(
    '/api/v1/skills-events/:id/registrations',
    {
      schema: {
        tags,
        description: 'A member registers themself in an individual event: once (409 ALREADY_REGISTERED)',
        params: s.idParams,
        response: { 201: s.entryView },
      },
    },
    async (req, reply) => reply.status(201).send(await registerSelf(ctx, requireMember(req.principal), req.params.id)),
  );
  r.delete(
    '/api/v1/skills-entries/:id',
    {
      schema: {
        tags,
        description: 'Withdraws an entry before registration closes and before it is scored',
        params: s.idParams,
      },
    },
    async (req, reply) => {
      const principal = signedIn(req.principal);
      await withdrawEntry(ctx, principal.kind === 'staff' ? principal : requireMember(principal), req.params.id);
      return reply.status(204).send();
    },
  );
  r.put(
    '/api/v1/skills-events/:id/scores',
    {
      schema: {
        tags,
        description: 'Officers enter theory and practical scores; the total is computed with the event weights',
        params: s.idParams,
        body: s.scoresBody,
        response: { 200: s.scoresReply },
      },
    },
    async (req) => enterScores(ctx, requireStaff(req.principal), req.params.id, req.body),
  );
  r.get(
    '/api/v1/me/skills-competitions',
    {
      schema: {
        tags,
        description: "Competitions of the member's union and those above it, with the member's entries",
        querystring: s.myCompetitionsQuery,
        response: { 200: s.myCompetitionPage },
      },
    },
    async (req) => myCompetitions(ctx, requireMember(req.principal), req.query),
  );
}
