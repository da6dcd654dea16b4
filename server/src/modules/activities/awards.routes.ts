import type { FastifyInstance } from 'fastify';
import { requireMember, requireStaff, type Principal } from '../../kernel/auth.js';
import { AppError } from '../../kernel/errors.js';
import { sendStoredFile } from '../../kernel/files.js';
import { readSingleUpload, zodRoutes } from '../../kernel/http.js';
import { xlsxMediaType } from '../../kernel/xlsx.js';
import * as s from './awards.schemas.js';
import {
  actOnNomination,
  award,
  createSelection,
  getNomination,
  getSelection,
  listObjections,
  listSelections,
  lodgeObjection,
  maxAwardPhotoBytes,
  mySelections,
  nominate,
  nominationPhoto,
  publicity,
  resolveObjection,
  updateSelection,
  uploadAwardPhoto,
  withdrawNomination,
} from './awards.service.js';
import {
  listNominationsWithVotes,
  nominationsWorkbookWithVotes,
  openPublicityWithVotes,
  startVote,
} from './awards.vote.js';

function signedIn(principal: Principal | null): Principal {
  if (!principal) throw new AppError('UNAUTHENTICATED');
  return principal;
}

/** Staff, or a member: the two who nominate and upload photos. */
function staffOrMember(principal: Principal | null) {
  const p = signedIn(principal);
  return p.kind === 'staff' ? p : requireMember(p);
}

/** 先进评选: selections, nominations and their review, the public vote, the publicity (公示) and objections. */
export async function awardsRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['activities'];

  r.post(
    '/api/v1/award-selections',
    { schema: { tags, body: s.createSelectionBody, response: { 201: s.selectionView } } },
    async (req, reply) => reply.status(201).send(await createSelection(ctx, requireStaff(req.principal), req.body)),
  );
  r.get(
    '/api/v1/award-selections',
    {
      schema: {
        tags,
        description: "Those run in the caller's subtree (or orgId's), and, without orgId, those of the unions above",
        querystring: s.listSelectionsQuery,
        response: { 200: s.selectionPage },
      },
    },
    async (req) => listSelections(ctx, requireStaff(req.principal), req.query),
  );
  r.get(
    '/api/v1/award-selections/:id',
    { schema: { tags, params: s.idParams, response: { 200: s.selectionView } } },
    async (req) => getSelection(ctx, requireStaff(req.principal), req.params.id),
  );
  r.patch(
    '/api/v1/award-selections/:id',
    {
      schema: {
        tags,
        description:
          'activity_officer: title, year, quota, description until the publicity opens; the nomination deadline while nominating (409 INVALID_TRANSITION after)',
        params: s.idParams,
        body: s.updateSelectionBody,
        response: { 200: s.selectionView },
      },
    },
    async (req) => updateSelection(ctx, requireStaff(req.principal), req.params.id, req.body),
  );
  r.post(
    '/api/v1/awards/photos',
    {
      schema: {
        tags,
        description:
          "multipart/form-data with one PNG or JPEG (10 MB at most): a nominee's photo, attached by id to a nomination by its uploader",
        consumes: ['multipart/form-data'],
        response: { 201: s.uploadReply },
      },
    },
    async (req, reply) => {
      const principal = staffOrMember(req.principal);
      return reply
        .status(201)
        .send(await uploadAwardPhoto(ctx, principal, () => readSingleUpload(req, maxAwardPhotoBytes)));
    },
  );
  r.post(
    '/api/v1/award-selections/:id/nominations',
    {
      schema: {
        tags,
        description:
          'An officer for a union of their subtree (source union), or a member for themself (self, once) or a colleague (peer); 409 ACTIVITY_NOT_OPEN once nominations close',
        params: s.idParams,
        body: s.nominateBody,
        response: { 201: s.nominationView },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await nominate(ctx, staffOrMember(req.principal), req.params.id, req.body)),
  );
  r.get(
    '/api/v1/award-selections/:id/nominations',
    {
      schema: {
        tags,
        params: s.idParams,
        querystring: s.listNominationsQuery,
        response: { 200: s.nominationList },
      },
    },
    async (req) => listNominationsWithVotes(ctx, requireStaff(req.principal), req.params.id, req.query.status),
  );
  r.get(
    '/api/v1/award-selections/:id/nominations.xlsx',
    {
      schema: {
        tags,
        description:
          "推荐人选名单: the nominations the caller may list, most votes first (the poll's live count while the vote runs); audited",
        params: s.idParams,
        produces: [xlsxMediaType],
      },
    },
    async (req, reply) => {
      const { bytes } = await nominationsWorkbookWithVotes(ctx, requireStaff(req.principal), req.params.id);
      return reply
        .type(xlsxMediaType)
        .header(
          'content-disposition',
          `attachment; filename="award-nominations.xlsx"; filename*=UTF-8''${encodeURIComponent('推荐人选.xlsx')}`,
        )
        .send(bytes);
    },
  );
  r.get(
    '/api/v1/award-nominations/:id',
    { schema: { tags, params: s.idParams, response: { 200: s.nominationView } } },
    async (req) => getNomination(ctx, signedIn(req.principal), req.params.id),
  );
  r.get(
    '/api/v1/award-nominations/:id/photos/:fileId',
    {
      schema: {
        tags,
        description: "A nominee's photo, to whoever may read the nomination; not cached",
        params: s.photoParams,
        produces: ['image/png', 'image/jpeg'],
      },
    },
    async (req, reply) =>
      sendStoredFile(
        reply,
        await nominationPhoto(ctx, signedIn(req.principal), req.params.id, req.params.fileId),
        'private, no-store',
      ),
  );
  r.post(
    '/api/v1/award-nominations/:id/withdrawal',
    {
      schema: {
        tags,
        description:
          'Its nominator (the member, or the officer who nominated) withdraws a nomination in review or approved, before the vote; 409 INVALID_TRANSITION after',
        params: s.idParams,
        body: s.withdrawBody,
        response: { 200: s.nominationView },
      },
    },
    async (req) => withdrawNomination(ctx, signedIn(req.principal), req.params.id, req.body.reason),
  );
  r.post(
    '/api/v1/award-nominations/:id/actions',
    {
      schema: {
        tags,
        description: "The review by the selection's officers: approve, or reject {reason}",
        params: s.idParams,
        body: s.nominationActionBody,
        response: { 200: s.nominationView },
      },
    },
    async (req) => actOnNomination(ctx, requireStaff(req.principal), req.params.id, req.body),
  );
  r.post(
    '/api/v1/award-selections/:id/vote',
    {
      schema: {
        tags,
        description:
          'Starts the public vote (网络投票): a poll whose entries are the approved nominations (names masked); they move to voting',
        params: s.idParams,
        body: s.startVoteBody,
        response: { 200: s.selectionView },
      },
    },
    async (req) => startVote(ctx, requireStaff(req.principal), req.params.id, req.body),
  );
  r.post(
    '/api/v1/award-selections/:id/publicity',
    {
      schema: {
        tags,
        description:
          'Opens the publicity (公示) until endsAt: those named (default the top quota by votes) publicized, the rest not selected',
        params: s.idParams,
        body: s.openPublicityBody,
        response: { 200: s.selectionView },
      },
    },
    async (req) => openPublicityWithVotes(ctx, requireStaff(req.principal), req.params.id, req.body),
  );
  r.post(
    '/api/v1/award-selections/:id/awarding',
    {
      schema: {
        tags,
        description: 'Awards those still publicized once the publicity ended: 409 PUBLICITY_OPEN, OBJECTION_PENDING',
        params: s.idParams,
        response: { 200: s.selectionView },
      },
    },
    async (req) => award(ctx, requireStaff(req.principal), req.params.id),
  );
  r.get(
    '/api/v1/public/award-selections/:id/publicity',
    {
      schema: {
        tags,
        description: 'The publicity (公示), no sign-in: names masked, unions named; 404 before it opens',
        params: s.idParams,
        response: { 200: s.publicityView },
      },
    },
    async (req) => publicity(ctx, req.params.id),
  );
  r.post(
    '/api/v1/award-nominations/:id/objections',
    {
      schema: {
        tags,
        description:
          'A member of the subtree objects to a publicized nomination while the publicity is open, once: 409 NOTICE_CLOSED, ALREADY_SUBMITTED',
        params: s.idParams,
        body: s.objectionBody,
        response: { 201: s.lodgedView },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await lodgeObjection(ctx, requireMember(req.principal), req.params.id, req.body.content)),
  );
  r.get(
    '/api/v1/award-selections/:id/objections',
    { schema: { tags, params: s.idParams, response: { 200: s.objectionList } } },
    async (req) => listObjections(ctx, requireStaff(req.principal), req.params.id),
  );
  r.post(
    '/api/v1/award-objections/:id/resolution',
    {
      schema: {
        tags,
        description: 'upheld (the nomination is revoked) or dismissed, with a note',
        params: s.idParams,
        body: s.resolveBody,
        response: { 200: s.objectionView },
      },
    },
    async (req) => resolveObjection(ctx, requireStaff(req.principal), req.params.id, req.body),
  );
  r.get(
    '/api/v1/me/award-selections',
    {
      schema: {
        tags,
        description: "Selections of the member's union and those above it, with the member's nominations",
        querystring: s.mySelectionsQuery,
        response: { 200: s.mySelectionPage },
      },
    },
    async (req) => mySelections(ctx, requireMember(req.principal), req.query),
  );
}
