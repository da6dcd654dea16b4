import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireMember, requireStaff, type Principal } from '../../kernel/auth.js';
import { AppError } from '../../kernel/errors.js';
import { sendStoredFile } from '../../kernel/files.js';
import { readSingleUpload, zodRoutes } from '../../kernel/http.js';
import { xlsxMediaType } from '../../kernel/xlsx.js';
import * as s from './polls.schemas.js';
import {
  actOnEntry,
  actOnFlag,
  addEntry,
  castBallot,
  createFinalRound,
  createPoll,
  entryPhoto,
  getEntry,
  getPoll,
  listEntries,
  listFlags,
  listPolls,
  maxPollPhotoBytes,
  publicResults,
  resultsWorkbook,
  staffResults,
  updatePoll,
  uploadPollPhoto,
} from './polls.service.js';

/** Staff of the subtree, or a member (403 MEMBERSHIP_REQUIRED for a worker who is not one); 401 without sign-in. */
function staffOrMember(p: Principal | null) {
  if (!p) throw new AppError('UNAUTHENTICATED');
  return p.kind === 'staff' ? p : requireMember(p);
}

/** As staffOrMember, but nobody signed in is the public (null). */
function readerOf(p: Principal | null) {
  return p ? staffOrMember(p) : null;
}

function idempotencyKey(req: FastifyRequest): string | undefined {
  const key = req.headers['idempotency-key'];
  return typeof key === 'string' ? key : undefined;
}

/** Public polls 网络投票: polls, entries and their moderation, ballots, live results, flags, finalist rounds. */
export async function pollRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['activities'];

  r.post(
    '/api/v1/polls',
    {
      schema: {
        tags,
        description: 'activity_officer over orgId',
        body: s.createPollBody,
        response: { 201: s.pollView },
      },
    },
    async (req, reply) => reply.status(201).send(await createPoll(ctx, requireStaff(req.principal), req.body)),
  );
  r.get(
    '/api/v1/polls',
    {
      schema: {
        tags,
        description: 'Staff: the polls of their subtree; members: those of their union and the unions above it',
        querystring: s.listPollsQuery,
        response: { 200: s.pollPage },
      },
    },
    async (req) => listPolls(ctx, staffOrMember(req.principal), req.query),
  );
  r.get('/api/v1/polls/:id', { schema: { tags, params: s.idParams, response: { 200: s.pollView } } }, async (req) =>
    getPoll(ctx, staffOrMember(req.principal), req.params.id),
  );
  r.patch(
    '/api/v1/polls/:id',
    { schema: { tags, params: s.idParams, body: s.updatePollBody, response: { 200: s.pollView } } },
    async (req) => updatePoll(ctx, requireStaff(req.principal), req.params.id, req.body),
  );
  r.get(
    '/api/v1/public/polls/:id',
    {
      schema: {
        tags,
        description: 'A poll for its public page (no sign-in)',
        params: s.idParams,
        response: { 200: s.publicPollView },
      },
    },
    async (req) => getPoll(ctx, null, req.params.id),
  );

  r.post(
    '/api/v1/polls/photos',
    {
      schema: {
        tags,
        description:
          'multipart/form-data with one PNG or JPEG (10 MB at most): a photo for an entry, cited by id in photoIds (by its uploader only)',
        consumes: ['multipart/form-data'],
        response: { 201: s.photoUploadReply },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await uploadPollPhoto(ctx, staffOrMember(req.principal), () => readSingleUpload(req, maxPollPhotoBytes))),
  );
  r.post(
    '/api/v1/polls/:id/entries',
    {
      schema: {
        tags,
        description: 'Staff (activity_officer): live at once. A member of its unions: a nomination, pending moderation',
        params: s.idParams,
        body: s.addEntryBody,
        response: { 201: s.entryView },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addEntry(ctx, staffOrMember(req.principal), req.params.id, req.body)),
  );
  r.get(
    '/api/v1/polls/:id/entries',
    {
      schema: {
        tags,
        description: 'Staff: all entries (or one status); members: live entries, or their own nominations (mine=true)',
        params: s.idParams,
        querystring: s.listEntriesQuery,
        response: { 200: s.entryPage },
      },
    },
    async (req) => listEntries(ctx, staffOrMember(req.principal), req.params.id, req.query),
  );
  r.get(
    '/api/v1/public/polls/:id/entries',
    {
      schema: {
        tags,
        description: 'The live entries, oldest first (no sign-in)',
        params: s.idParams,
        querystring: s.publicEntriesQuery,
        response: { 200: s.entryPage },
      },
    },
    async (req) => listEntries(ctx, null, req.params.id, req.query),
  );
  r.get(
    '/api/v1/poll-entries/:id',
    { schema: { tags, params: s.idParams, response: { 200: s.entryView } } },
    async (req) => getEntry(ctx, staffOrMember(req.principal), req.params.id),
  );
  r.post(
    '/api/v1/poll-entries/:id/actions',
    {
      schema: {
        tags,
        description:
          'Moderation (activity_officer): approve a nomination, reject it with a reason, remove a live entry',
        params: s.idParams,
        body: s.entryActionBody,
        response: { 200: s.entryView },
      },
    },
    async (req) => actOnEntry(ctx, requireStaff(req.principal), req.params.id, req.body),
  );
  r.get(
    '/api/v1/public/poll-entries/:id/photos/:fileId',
    {
      schema: {
        tags,
        description: "A live entry's photo (no sign-in); an entry not live: to whoever may read it",
        params: s.photoParams,
        produces: ['image/png', 'image/jpeg'],
      },
    },
    async (req, reply) =>
      sendStoredFile(
        reply,
        await entryPhoto(ctx, readerOf(req.principal), req.params.id, req.params.fileId),
        'public, max-age=300',
      ),
  );

  r.post(
    '/api/v1/polls/:id/ballots',
    {
      schema: {
        tags,
        description:
          'A member votes for a live entry; accepts Idempotency-Key. 409 DAILY_LIMIT_REACHED (details.limit names which), 409 ACTIVITY_NOT_OPEN, 429 RATE_LIMITED per client address',
        params: s.idParams,
        body: s.ballotBody,
        response: { 201: s.ballotReply },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await castBallot(
            ctx,
            requireMember(req.principal),
            req.params.id,
            req.body.entryId,
            idempotencyKey(req),
            req.ip,
          ),
        ),
  );
  r.get(
    '/api/v1/public/polls/:id/results',
    {
      schema: {
        tags,
        description: 'Live results, most votes first (no sign-in; at most a second old)',
        params: s.idParams,
        response: { 200: s.resultsReply },
      },
    },
    async (req) => publicResults(ctx, req.params.id),
  );
  r.get(
    '/api/v1/polls/:id/results',
    { schema: { tags, params: s.idParams, response: { 200: s.staffResultsReply } } },
    async (req) => staffResults(ctx, requireStaff(req.principal), req.params.id),
  );
  r.get(
    '/api/v1/polls/:id/results.xlsx',
    { schema: { tags, params: s.idParams, produces: [xlsxMediaType] } },
    async (req, reply) => {
      const { bytes } = await resultsWorkbook(ctx, requireStaff(req.principal), req.params.id);
      return reply
        .type(xlsxMediaType)
        .header(
          'content-disposition',
          `attachment; filename="poll-results.xlsx"; filename*=UTF-8''${encodeURIComponent('投票结果.xlsx')}`,
        )
        .send(bytes);
    },
  );
  r.post(
    '/api/v1/polls/:id/finalists',
    {
      schema: {
        tags,
        description:
          'A finalist round (activity_officer): a new poll whose entries are the top N of this one once it has ended, every entry tied with the N-th included',
        params: s.idParams,
        body: s.finalistsBody,
        response: { 201: s.finalistsReply },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createFinalRound(ctx, requireStaff(req.principal), req.params.id, req.body)),
  );
  r.get(
    '/api/v1/polls/:id/flags',
    {
      schema: {
        tags,
        description: 'Suspicious bursts of ballots (staff): their ballots count until voided',
        params: s.idParams,
        querystring: s.listFlagsQuery,
        response: { 200: s.flagPage },
      },
    },
    async (req) => listFlags(ctx, requireStaff(req.principal), req.params.id, req.query),
  );
  r.post(
    '/api/v1/poll-flags/:id/void',
    {
      schema: {
        tags,
        description: "activity_officer: the flag's ballots stop counting (kept on record, marked voided)",
        params: s.idParams,
        body: s.flagActionBody,
        response: { 200: s.flagView },
      },
    },
    async (req) => actOnFlag(ctx, requireStaff(req.principal), req.params.id, 'void', req.body.note),
  );
  r.post(
    '/api/v1/poll-flags/:id/dismiss',
    {
      schema: {
        tags,
        description: 'activity_officer: the ballots keep counting; the flag is closed',
        params: s.idParams,
        body: s.flagActionBody,
        response: { 200: s.flagView },
      },
    },
    async (req) => actOnFlag(ctx, requireStaff(req.principal), req.params.id, 'dismiss', req.body.note),
  );
}
