import { z } from 'zod';
import { requireStaffRole } from '../../kernel/access.js';
import type { Principal } from '../../kernel/auth.js';
import type { AppContext } from '../../kernel/context.js';
import { AppError } from '../../kernel/errors.js';
import {
  checkUpload,
  readStoredFile,
  storeFile,
  withStagedFile,
  type FileKind,
  type FileToServe,
} from '../../kernel/files.js';
import { audited } from '../../kernel/use-case.js';
import { canSeeApplication } from './programmes.policy.js';
import * as repo from './programmes.repository.js';
import { isAttachedTo } from './documents.repository.js';

/**
 * 申请材料: the documents an application attaches (a diagnosis, a certificate, a bank card photo), uploaded through the
 * module's own route before the application is made, then named in `attachmentIds`; read back by the applicant and
 * the staff who can see the application.
 */

/** What a document may be, and how big (the same as legal evidence: phone photos and scanned PDFs). */
export const documentKinds: readonly FileKind[] = ['png', 'jpeg', 'pdf'];
export const maxDocumentBytes = 10 * 1024 * 1024;

export const documentReply = z.object({
  id: z.uuid().describe('named in attachmentIds of an application'),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
});
export const attachmentParams = z.object({ id: z.uuid(), fileId: z.uuid() }).strict();

/**
 * One document, stored as its uploader's: a member (for their own application) or a programme officer (applying for a
 * member). Only its uploader can attach it. The type is sniffed from the bytes, images are re-encoded (no EXIF).
 */
export async function uploadDocument(
  ctx: AppContext,
  principal: Principal,
  readUpload: () => Promise<{ fileName: string; bytes: Buffer }>,
) {
  // Checked before a byte is read: who may not apply may not upload either.
  if (principal.kind === 'worker' && !principal.membership) throw new AppError('MEMBERSHIP_REQUIRED');
  if (principal.kind === 'staff') requireStaffRole(principal, ['programme_officer']);
  const upload = await checkUpload(await readUpload(), { allowed: documentKinds, maxBytes: maxDocumentBytes });
  const owner =
    principal.kind === 'worker'
      ? { ownerKind: 'worker', ownerId: principal.accountId }
      : { ownerKind: 'staff', ownerId: principal.staffId };
  const file = await withStagedFile(ctx.fileStorage, upload, (staged) =>
    audited(
      ctx,
      principal,
      (tx) => storeFile(tx, staged, owner),
      (stored) => ({
        action: 'file.upload',
        objectType: 'file',
        objectId: stored.id,
        details: { purpose: 'programme_document', mediaType: stored.mediaType, sizeBytes: stored.sizeBytes },
      }),
    ),
  );
  return { id: file.id, fileName: file.fileName, mediaType: file.mediaType, sizeBytes: file.sizeBytes };
}

/**
 * One document of an application, to whoever may read the application (its member, staff whose subtree holds the
 * member's union): 404 to anyone else, and for a file the application does not attach.
 */
export async function applicationAttachment(
  ctx: AppContext,
  principal: Principal,
  applicationId: string,
  fileId: string,
): Promise<FileToServe> {
  const row = await repo.findApplication(ctx.db, applicationId);
  if (!row || !canSeeApplication(principal, row)) throw new AppError('NOT_FOUND');
  const file = (await isAttachedTo(ctx.db, applicationId, fileId))
    ? await readStoredFile(ctx.db, ctx.fileStorage, fileId)
    : null;
  if (!file) throw new AppError('NOT_FOUND');
  return file;
}
