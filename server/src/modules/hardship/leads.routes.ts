import type { FastifyInstance } from 'fastify';
import { requireMember, requireStaff } from '../../kernel/auth.js';
import { sendStoredFile } from '../../kernel/files.js';
import { idempotencyKeyOf, uploadRoute, zodRoutes } from '../../kernel/http.js';
import { xlsxMediaType } from '../../kernel/xlsx.js';
import * as s from './leads.schemas.js';
import {
  actOnLead,
  exportLeads,
  fileLead,
  getLead,
  householdFile,
  leadContact,
  leadStats,
  listLeads,
  maxHardshipFileBytes,
  myHardship,
  uploadHardshipFile,
} from './leads.service.js';
import { listStandards, putStandard } from './standards.service.js';

/** 困难职工帮扶: leads and household files, the regional standards, the figures, and a member's own household. */
export async function leadRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['hardship'];

  uploadRoute(
    app,
    '/api/v1/hardship/photos',
    {
      tags,
      description:
        "multipart/form-data with one PNG, JPEG or PDF (10 MB at most): a household's photo or a verification document, attached by id to a lead or a verify action (by its uploader only)",
      reply: s.uploadReply,
      maxBytes: maxHardshipFileBytes,
      caller: requireStaff,
    },
    (caller, read) => uploadHardshipFile(ctx, caller, read),
  );
  r.post(
    '/api/v1/hardship/leads',
    {
      schema: {
        tags,
        description:
          "Any staff member files a hardship lead (线索); the head's ID number is unique across the federation: 409 HOUSEHOLD_EXISTS with the file's id. Accepts Idempotency-Key (a phone's retry gets the first answer)",
        body: s.fileLeadBody,
        response: { 201: s.leadView },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await fileLead(ctx, requireStaff(req.principal), req.body, idempotencyKeyOf(req))),
  );
  r.get(
    '/api/v1/hardship/leads',
    {
      schema: {
        tags,
        description:
          "Household files of a subtree (default the caller's), or with mine=true those the caller filed; newest first",
        querystring: s.listLeadsQuery,
        response: { 200: s.leadPage },
      },
    },
    async (req) => listLeads(ctx, requireStaff(req.principal), req.query),
  );
  r.get(
    '/api/v1/hardship/leads/export.xlsx',
    { schema: { tags, querystring: s.exportLeadsQuery, produces: [xlsxMediaType] } },
    async (req, reply) =>
      reply
        .type(xlsxMediaType)
        .header(
          'content-disposition',
          `attachment; filename="hardship-households.xlsx"; filename*=UTF-8''${encodeURIComponent('困难职工档案.xlsx')}`,
        )
        .send(await exportLeads(ctx, requireStaff(req.principal), req.query)),
  );
  for (const path of ['/api/v1/hardship/leads/:id', '/api/v1/hardship/households/:id'])
    r.get(
      path,
      {
        schema: {
          tags,
          description:
            'A household file with its photos, timeline and the caller’s actions; sensitive fields masked unless the caller works on it',
          params: s.idParams,
          response: { 200: s.leadView },
        },
      },
      async (req) => getLead(ctx, requireStaff(req.principal), req.params.id),
    );
  r.get(
    '/api/v1/hardship/leads/:id/contact',
    {
      schema: {
        tags,
        description: "The head's full phone and ID number, to officers and workers over the household's union; audited",
        params: s.idParams,
        response: { 200: s.contactView },
      },
    },
    async (req) => leadContact(ctx, requireStaff(req.principal), req.params.id),
  );
  r.get(
    '/api/v1/hardship/households/:id/files/:fileId',
    {
      schema: {
        tags,
        description: "A household's photo or document, to whoever may read its file; sandboxed, not cached",
        params: s.householdFileParams,
        produces: ['image/png', 'image/jpeg', 'application/pdf'],
      },
    },
    async (req, reply) =>
      sendStoredFile(
        reply,
        await householdFile(ctx, requireStaff(req.principal), req.params.id, req.params.fileId),
        'private, no-store',
      ),
  );
  r.post(
    '/api/v1/hardship/leads/:id/actions',
    {
      schema: {
        tags,
        description:
          "verify {note, documentIds?}, archive {level} (by the regional standard where one is set: 409 ABOVE_INCOME_LINE), help_case_by_case, reject {reason}, review (yearly), close, reopen — the assistance officers over the household's union; accepts Idempotency-Key",
        params: s.idParams,
        body: s.leadActionBody,
        response: { 200: s.leadView },
      },
    },
    async (req) => actOnLead(ctx, requireStaff(req.principal), req.params.id, req.body, idempotencyKeyOf(req)),
  );
  r.put(
    '/api/v1/hardship/standards/:regionCode',
    {
      schema: {
        tags,
        description:
          "A region's monthly income line per head (and relative line, default 1.5 ×): assistance officers of a union whose region code covers it, or of the root",
        params: s.regionCodeParams,
        body: s.standardBody,
        response: { 200: s.standardView },
      },
    },
    async (req) => putStandard(ctx, requireStaff(req.principal), req.params.regionCode, req.body),
  );
  r.get(
    '/api/v1/hardship/standards',
    {
      schema: {
        tags,
        description: 'The regional standards of the federation, by region code',
        querystring: s.listStandardsQuery,
        response: { 200: s.standardPage },
      },
    },
    async (req) => listStandards(ctx, requireStaff(req.principal), req.query),
  );
  r.get(
    '/api/v1/hardship/stats',
    {
      schema: {
        tags,
        description:
          'Files by status, archives by level, reviews due and overdue, leads awaiting verification, per union below',
        querystring: s.statsQuery,
        response: { 200: s.statsView },
      },
    },
    async (req) => leadStats(ctx, requireStaff(req.principal), req.query.orgId),
  );
  r.get(
    '/api/v1/me/hardship',
    {
      schema: {
        tags,
        description: "The signed-in member's own household file(s): state, level, region and union only",
        response: { 200: s.myHardshipView },
      },
    },
    async (req) => myHardship(ctx, requireMember(req.principal)),
  );
}
