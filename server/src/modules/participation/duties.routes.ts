import type { FastifyInstance } from 'fastify';
import { requireSignedIn, requireStaff, requireWorker } from '../../kernel/auth.js';
import { AppError } from '../../kernel/errors.js';
import { sendStoredFile } from '../../kernel/files.js';
import { uploadRoute, zodRoutes } from '../../kernel/http.js';
import * as s from './duties.schemas.js';
import {
  actOnDuty,
  dutyPhoto,
  getDuty,
  listDuties,
  listMyDuties,
  maxPhotoBytes,
  recordDuty,
  uploadDutyPhoto,
} from './duties.service.js';
import { congressIdParams } from './scoring.schemas.js';

export async function dutyRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['participation'];

  uploadRoute(
    app,
    '/api/v1/duties/photos',
    {
      tags,
      description:
        'multipart/form-data with one PNG or JPEG (10 MB at most): a photo of a duty, attached by id when recording it (by its uploader only)',
      reply: s.photoUploadReply,
      maxBytes: maxPhotoBytes,
      caller: requireSignedIn,
    },
    (caller, read) => uploadDutyPhoto(ctx, caller, read),
  );
  r.get(
    '/api/v1/duties/:id/photos/:fileId',
    {
      schema: {
        tags,
        description: "A duty record's photo, to staff of its congress and its representative; sandboxed, not cached",
        params: s.dutyPhotoParams,
        produces: ['image/png', 'image/jpeg'],
      },
    },
    async (req, reply) => {
      if (!req.principal) throw new AppError('UNAUTHENTICATED');
      return sendStoredFile(
        reply,
        await dutyPhoto(ctx, req.principal, req.params.id, req.params.fileId),
        'private, no-store',
      );
    },
  );
  r.post(
    '/api/v1/congresses/:id/duties',
    {
      schema: {
        tags,
        description:
          'Records a duty (履职记录): a representative their own (submitted, for staff to confirm), staff for any representative of the term (confirmed at once; also bonus and penalty items)',
        params: congressIdParams,
        body: s.recordDutyBody,
        response: { 201: s.dutyView },
      },
    },
    async (req, reply) => {
      if (!req.principal) throw new AppError('UNAUTHENTICATED');
      return reply.status(201).send(await recordDuty(ctx, req.principal, req.params.id, req.body));
    },
  );
  r.get(
    '/api/v1/congresses/:id/duties',
    {
      schema: {
        tags,
        description: "The term's duty records, newest first; status=submitted is the staff's queue",
        params: congressIdParams,
        querystring: s.listDutiesQuery,
        response: { 200: s.dutyPage },
      },
    },
    async (req) => listDuties(ctx, requireStaff(req.principal), req.params.id, req.query),
  );
  r.get(
    '/api/v1/duties/:id',
    { schema: { tags, params: s.dutyIdParams, response: { 200: s.dutyView } } },
    async (req) => {
      if (!req.principal) throw new AppError('UNAUTHENTICATED');
      return getDuty(ctx, req.principal, req.params.id);
    },
  );
  r.post(
    '/api/v1/duties/:id/actions',
    {
      schema: {
        tags,
        description: 'Staff confirm a submitted duty record or reject it with a reason; the representative is told',
        params: s.dutyIdParams,
        body: s.dutyActionBody,
        response: { 200: s.dutyView },
      },
    },
    async (req) => {
      if (!req.principal) throw new AppError('UNAUTHENTICATED');
      return actOnDuty(ctx, req.principal, req.params.id, req.body);
    },
  );
  r.get(
    '/api/v1/me/duties',
    {
      schema: {
        tags,
        description: "The signed-in representative's own duty records in a congress, newest first",
        querystring: s.myDutiesQuery,
        response: { 200: s.dutyPage },
      },
    },
    async (req) => listMyDuties(ctx, requireWorker(req.principal), req.query),
  );
}
