import type { FastifyInstance } from 'fastify';
import { type Principal, requireMember, requireStaff, requireWorker } from '../../kernel/auth.js';
import { AppError } from '../../kernel/errors.js';
import { sendStoredFile } from '../../kernel/files.js';
import { uploadRoute, zodRoutes } from '../../kernel/http.js';
import { xlsxMediaType } from '../../kernel/xlsx.js';
import { getPublicDisclosure, verifyDisclosures } from './motions.disclosure.js';
import * as s from './motions.schemas.js';
import {
  castBallot,
  closeMotion,
  createMotion,
  exportCongressMotions,
  getAttendance,
  getMotion,
  getResult,
  listCongressMotions,
  listMyMotions,
  maxMotionDocumentBytes,
  motionDocument,
  uploadMotionDocument,
} from './motions.service.js';

function attachment(ascii: string, fileName: string): string {
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

function signedIn(principal: Principal | null): Principal {
  if (!principal) throw new AppError('UNAUTHENTICATED');
  return principal;
}

/** Congress motions (职代会表决): motions, ballots, close, result, and the published result (厂务公开). */
export async function motionRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['participation'];

  uploadRoute(
    app,
    '/api/v1/motions/documents',
    {
      tags,
      description:
        "multipart/form-data with one PDF, PNG or JPEG (10 MB at most): a motion's document (e.g. the resettlement plan), named later in documentFileId (participation_officer)",
      reply: s.documentReply,
      maxBytes: maxMotionDocumentBytes,
      caller: requireStaff,
    },
    (caller, read) => uploadMotionDocument(ctx, caller, read),
  );
  r.post(
    '/api/v1/congresses/:id/motions',
    {
      schema: {
        tags,
        description:
          'Puts a motion to an active congress term (participation_officer over its org); it opens at opensAt (default now) and its representatives are told',
        params: s.idParams,
        body: s.createMotionBody,
        response: { 201: s.motionView },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createMotion(ctx, requireStaff(req.principal), req.params.id, req.body)),
  );
  r.get(
    '/api/v1/congresses/:id/motions',
    {
      schema: {
        tags,
        description: "The congress's motions: to its staff, and to its representatives with myChoice",
        params: s.idParams,
        response: { 200: s.motionList },
      },
    },
    async (req) => listCongressMotions(ctx, signedIn(req.principal), req.params.id),
  );
  r.get(
    '/api/v1/congresses/:id/motions/export.xlsx',
    {
      schema: {
        tags,
        description: "The congress's motions with their fixed results and disclosure hashes, as a workbook (staff)",
        params: s.idParams,
        produces: [xlsxMediaType],
      },
    },
    async (req, reply) =>
      reply
        .type(xlsxMediaType)
        .header('content-disposition', attachment('motions.xlsx', '职代会表决.xlsx'))
        .send(await exportCongressMotions(ctx, requireStaff(req.principal), req.params.id)),
  );
  r.get(
    '/api/v1/congresses/:id/disclosures/verify',
    {
      schema: {
        tags,
        description:
          "Recomputes the hash chain of the disclosures (厂务公开) of the congress's org and checks each against the close's audit record",
        params: s.idParams,
        response: { 200: s.verifyReply },
      },
    },
    async (req) => verifyDisclosures(ctx, requireStaff(req.principal), req.params.id),
  );
  r.get(
    '/api/v1/me/motions',
    {
      schema: {
        tags,
        description: 'The motions of the congresses the signed-in member represents, open ones first, with myChoice',
        response: { 200: s.motionList },
      },
    },
    async (req) => listMyMotions(ctx, requireWorker(req.principal)),
  );
  r.get('/api/v1/motions/:id', { schema: { tags, params: s.idParams, response: { 200: s.motionView } } }, async (req) =>
    getMotion(ctx, signedIn(req.principal), req.params.id),
  );
  r.get(
    '/api/v1/motions/:id/document',
    {
      schema: {
        tags,
        description: "The motion's document, to its staff and its congress's representatives; sandboxed, nosniff",
        params: s.idParams,
        produces: ['image/png', 'image/jpeg', 'application/pdf'],
      },
    },
    async (req, reply) =>
      sendStoredFile(reply, await motionDocument(ctx, signedIn(req.principal), req.params.id), 'private, no-store'),
  );
  r.post(
    '/api/v1/motions/:id/ballots',
    {
      schema: {
        tags,
        description:
          'An active representative of the congress votes once: again → 409 ALREADY_VOTED; outside the window or closed → 409 VOTING_CLOSED. Accepts Idempotency-Key',
        params: s.idParams,
        body: s.ballotBody,
        response: { 201: s.ballotReply },
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      const answer = await castBallot(
        ctx,
        requireMember(req.principal),
        req.params.id,
        req.body.choice,
        typeof key === 'string' ? key : undefined,
      );
      return reply.status(201).send(answer);
    },
  );
  r.get(
    '/api/v1/motions/:id/attendance',
    {
      schema: {
        tags,
        description: "Who voted (never how): the congress's representatives and the time of their ballot (staff)",
        params: s.idParams,
        response: { 200: s.attendanceView },
      },
    },
    async (req) => getAttendance(ctx, requireStaff(req.principal), req.params.id),
  );
  r.post(
    '/api/v1/motions/:id/close',
    {
      schema: {
        tags,
        description:
          'Ends the vote, fixes the result and publishes it as a disclosure (厂务公开) with its chained hash; closed already → 409 VOTING_CLOSED',
        params: s.idParams,
        response: { 200: s.resultView },
      },
    },
    async (req) => closeMotion(ctx, requireStaff(req.principal), req.params.id),
  );
  r.get(
    '/api/v1/motions/:id/result',
    {
      schema: {
        tags,
        description:
          'Running counts (staff) until closed, then the fixed result (staff and representatives): quorum iff 3·voted ≥ 2·representatives, passed iff quorum and 2·for > representatives',
        params: s.idParams,
        response: { 200: s.resultView },
      },
    },
    async (req) => getResult(ctx, signedIn(req.principal), req.params.id),
  );
  r.get(
    '/api/v1/public/disclosures/:id',
    {
      schema: {
        tags,
        description: 'A published disclosure (厂务公开) of a motion result, without sign-in: no names',
        params: s.idParams,
        response: { 200: s.publicDisclosureView },
      },
    },
    async (req) => getPublicDisclosure(ctx, req.params.id),
  );
}
