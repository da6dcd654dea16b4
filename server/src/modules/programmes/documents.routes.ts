import type { FastifyInstance } from 'fastify';
import { type Principal } from '../../kernel/auth.js';
import { AppError } from '../../kernel/errors.js';
import { sendStoredFile } from '../../kernel/files.js';
import { readSingleUpload, zodRoutes } from '../../kernel/http.js';
import {
  applicationAttachment,
  attachmentParams,
  documentReply,
  maxDocumentBytes,
  uploadDocument,
} from './programmes.documents.js';

function signedIn(principal: Principal | null): Principal {
  if (!principal) throw new AppError('UNAUTHENTICATED');
  return principal;
}

/** The programme module's own documents: upload before applying, download from an application. */
export async function documentRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['programmes'];

  r.post(
    '/api/v1/programmes/documents',
    {
      schema: {
        tags,
        description:
          'multipart/form-data with one PNG, JPEG or PDF (10 MB at most): a document an application attaches later by id (attachmentIds); a member for themself, a programme officer for a member',
        consumes: ['multipart/form-data'],
        response: { 201: documentReply },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await uploadDocument(ctx, signedIn(req.principal), () => readSingleUpload(req, maxDocumentBytes))),
  );
  r.get(
    '/api/v1/applications/:id/attachments/:fileId',
    {
      schema: {
        tags,
        description:
          'A document the application attaches, to its member and the staff who see it: images inline, PDFs as a download; sandboxed, nosniff',
        params: attachmentParams,
        produces: ['image/png', 'image/jpeg', 'application/pdf'],
      },
    },
    async (req, reply) =>
      // Personal documents: no shared cache keeps them.
      sendStoredFile(
        reply,
        await applicationAttachment(ctx, signedIn(req.principal), req.params.id, req.params.fileId),
        'private, no-store',
      ),
  );
}
