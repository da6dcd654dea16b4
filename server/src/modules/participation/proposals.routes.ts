import type { FastifyInstance } from 'fastify';
import { requireStaff, requireWorker } from '../../kernel/auth.js';
import { AppError } from '../../kernel/errors.js';
import { sendStoredFile } from '../../kernel/files.js';
import { uploadRoute, zodRoutes } from '../../kernel/http.js';
import { xlsxMediaType } from '../../kernel/xlsx.js';
import * as s from './proposals.schemas.js';
import {
  actOnProposal,
  answerCosignature,
  exportProposals,
  getProposal,
  listCosignerCandidates,
  listProposals,
  maxAttachmentBytes,
  proposalAttachment,
  proposalStats,
  submitProposal,
  uploadProposalAttachment,
} from './proposals.service.js';

export async function proposalRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['participation'];

  uploadRoute(
    app,
    '/api/v1/proposals/attachments',
    {
      tags,
      description:
        'A member uploads one PNG, JPEG or PDF (10 MB at most, multipart/form-data field `file`) before submitting or resubmitting a proposal, which names it in attachmentIds',
      reply: s.uploadReply,
      maxBytes: maxAttachmentBytes,
      caller: requireWorker,
    },
    (caller, read) => uploadProposalAttachment(ctx, caller, read),
  );
  r.post(
    '/api/v1/proposals',
    {
      schema: {
        tags,
        description:
          'A representative (active, of an active congress term) submits a proposal (提案) → status submitted. The named co-signers are asked to confirm in their app; the committee is told. Accepts Idempotency-Key. Not a representative of it: 403; a congress outside the member’s union: 404',
        body: s.submitProposalBody,
        response: { 201: s.proposalView },
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      return reply
        .status(201)
        .send(
          await submitProposal(ctx, requireWorker(req.principal), req.body, typeof key === 'string' ? key : undefined),
        );
    },
  );
  r.get(
    '/api/v1/proposals',
    {
      schema: {
        tags,
        description:
          'Members: the proposals they made or were named to co-sign. Staff (participation_officer, org_admin): those of congresses in their subtree and those assigned to a handling body in it. overdue=true is the supervision (督办) list. Newest first',
        querystring: s.listProposalsQuery,
        response: { 200: s.proposalPage },
      },
    },
    async (req) => {
      if (!req.principal) throw new AppError('UNAUTHENTICATED');
      return listProposals(ctx, req.principal, req.query);
    },
  );
  r.get(
    '/api/v1/proposals/export.xlsx',
    {
      schema: {
        tags,
        description: 'The proposals ledger (提案台账) with the list’s filters, zh-CN headings; staff only',
        querystring: s.exportProposalsQuery,
        produces: [xlsxMediaType],
      },
    },
    async (req, reply) =>
      reply
        .type(xlsxMediaType)
        .header(
          'content-disposition',
          `attachment; filename="proposals.xlsx"; filename*=UTF-8''${encodeURIComponent('提案台账.xlsx')}`,
        )
        .send(await exportProposals(ctx, requireStaff(req.principal), req.query)),
  );
  r.get(
    '/api/v1/proposals/:id',
    {
      schema: {
        tags,
        description:
          'The proposal with its co-signers, handling body, due date, overdue flag, reply, referral, rating, availableActions and timeline: to its proposer and named co-signers, and to participation staff over the congress’s union or the handling body; 404 to anyone else',
        params: s.idParams,
        response: { 200: s.proposalView },
      },
    },
    async (req) => {
      if (!req.principal) throw new AppError('UNAUTHENTICATED');
      return getProposal(ctx, req.principal, req.params.id);
    },
  );
  r.get(
    '/api/v1/proposals/:id/attachments/:fileId',
    {
      schema: {
        tags,
        description:
          'An attachment as stored, to whoever may read the proposal: images inline, PDFs as a download; sandboxed, nosniff',
        params: s.attachmentParams,
        produces: ['image/png', 'image/jpeg', 'application/pdf'],
      },
    },
    async (req, reply) => {
      if (!req.principal) throw new AppError('UNAUTHENTICATED');
      return sendStoredFile(
        reply,
        await proposalAttachment(ctx, req.principal, req.params.id, req.params.fileId),
        'private, no-store',
      );
    },
  );
  r.post(
    '/api/v1/proposals/:id/actions',
    {
      schema: {
        tags,
        description:
          'A step of the five-step loop. Committee (participation staff over the congress’s union): review_accept, review_return {reason}, review_reject {reason}, convert_to_suggestion, assign {handlerOrgId, dueOn?}, refer_external {platform, externalRef}, record_external_answer {reply}, close. Handling body: answer {reply}. Proposer: resubmit, withdraw, rate {score, satisfied?}. 409 INVALID_TRANSITION for a state that does not allow it, 403 for a party that may not take it, 404 outside the proposal’s scope, 409 CONGRESS_ARCHIVED once the term is archived. Accepts Idempotency-Key',
        params: s.idParams,
        body: s.proposalActionBody,
        response: { 200: s.proposalView },
      },
    },
    async (req) => {
      if (!req.principal) throw new AppError('UNAUTHENTICATED');
      const key = req.headers['idempotency-key'];
      return actOnProposal(ctx, req.principal, req.params.id, req.body, typeof key === 'string' ? key : undefined);
    },
  );
  r.post(
    '/api/v1/proposals/:id/cosignatures',
    {
      schema: {
        tags,
        description:
          'A named co-signer confirms (附议) or declines, once (again: 409 ALREADY_COSIGNED), while the proposal is submitted or returned (else 409 INVALID_TRANSITION); anyone else who sees it: 403. Accepts Idempotency-Key',
        params: s.idParams,
        body: s.cosignatureBody,
        response: { 201: s.proposalView },
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      const worker = requireWorker(req.principal);
      const idempotencyKey = typeof key === 'string' ? key : undefined;
      return reply.status(201).send(await answerCosignature(ctx, worker, req.params.id, req.body, idempotencyKey));
    },
  );
  r.get(
    '/api/v1/congresses/:id/cosigner-candidates',
    {
      schema: {
        tags,
        description:
          'For a representative of the congress: the other active representatives by name, to pick co-signers (coSignerIds) from. Not a representative: 403; a congress outside the member’s union: 404',
        params: s.idParams,
        querystring: s.cosignerCandidatesQuery,
        response: { 200: s.cosignerCandidatePage },
      },
    },
    async (req) => listCosignerCandidates(ctx, requireWorker(req.principal), req.params.id, req.query),
  );
  r.get(
    '/api/v1/congresses/:id/proposal-stats',
    {
      schema: {
        tags,
        description:
          'The congress’s proposals in figures: counts per state, accepted, answered, closed, closure rate (办结率), overdue, average rating, satisfied share (participation staff over the congress’s union)',
        params: s.idParams,
        response: { 200: s.proposalStatsView },
      },
    },
    async (req) => proposalStats(ctx, requireStaff(req.principal), req.params.id),
  );
}
