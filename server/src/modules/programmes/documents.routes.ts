import type { FastifyInstance } from 'fastify';
import { requireSignedIn } from '../../kernel/auth.js';
import { sendStoredFile } from '../../kernel/files.js';
import { uploadRoute, zodRoutes } from '../../kernel/http.js';
import {
  applicationAttachment,
  attachmentParams,
  documentReply,
  maxDocumentBytes,
  uploadDocument,
} from './programmes.documents.js';

/** The programme module's own documents: upload before applying, download from an application. */
export async function documentRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['programmes'];

  uploadRoute(
    app,
    '/api/v1/programmes/documents',
    {
      tags,
      description:
        'multipart/form-data with one PNG, JPEG or PDF (10 MB at most): a document an application attaches later by id (attachmentIds); a member for themself, a programme officer for a member',
      reply: documentReply,
      maxBytes: maxDocumentBytes,
      caller: requireSignedIn,
    },
    (caller, read) => uploadDocument(ctx, caller, read),
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
        await applicationAttachment(ctx, requireSignedIn(req.principal), req.params.id, req.params.fileId),
        'private, no-store',
      ),
  );
}
