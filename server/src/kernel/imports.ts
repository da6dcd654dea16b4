import { z } from 'zod';
import { writeAudit } from './audit.js';
import type { StaffPrincipal } from './auth.js';
import type { AppContext } from './context.js';
import { AppError } from './errors.js';
import { checkUpload, storeFile } from './files.js';
import { createJob, findJob, finishJob, runInBackground } from './jobs.js';
import { findOrgWithin, type OrgNode } from './org-tree.js';

/** Spreadsheet imports of any module: upload → job → background run with progress → per-row errors. */
export const maxImportBytes = 30 * 1024 * 1024;

export const jobView = z.object({
  id: z.uuid(),
  kind: z.string(),
  orgId: z.uuid(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  total: z.number().int(),
  processed: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  message: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  errorsPreview: z.array(z.object({ row: z.number().int(), field: z.string(), code: z.string(), message: z.string() })).describe('the first 50 problems'),
});

type Job = NonNullable<Awaited<ReturnType<typeof findJob>>>;

export function presentJob(job: Job): z.infer<typeof jobView> {
  return {
    id: job.id,
    kind: job.kind,
    orgId: job.orgId,
    status: job.status,
    total: job.total,
    processed: job.processed,
    succeeded: job.succeeded,
    failed: job.failed,
    message: job.message,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt ? job.finishedAt.toISOString() : null,
    errorsPreview: job.errors.slice(0, 50),
  };
}

export interface ImportRun {
  id: string;
  org: OrgNode;
  createdBy: string;
}

/**
 * Stores the upload, opens a job and answers at once; `run` reads the rows in the background.
 * The caller has already checked that the principal may import into `org`.
 */
export async function startImport(
  ctx: AppContext,
  principal: StaffPrincipal,
  kind: string,
  org: OrgNode,
  upload: { fileName: string; bytes: Buffer },
  run: (job: ImportRun) => Promise<void>,
): Promise<z.infer<typeof jobView>> {
  const checked = await checkUpload(upload, { allowed: ['xlsx'], maxBytes: maxImportBytes });
  const jobId = await ctx.db.transaction(async (tx) => {
    const file = await storeFile(tx, { ownerKind: 'staff', ownerId: principal.staffId, upload: checked });
    const id = await createJob(tx, { kind, orgId: org.id, createdBy: principal.staffId, inputFileId: file.id });
    await writeAudit(tx, {
      actor: { kind: 'staff', id: principal.staffId },
      action: `${kind}.start`,
      objectType: 'job',
      objectId: id,
      orgId: org.id,
      details: { fileName: file.fileName, sizeBytes: file.sizeBytes, sha256: file.sha256 },
    });
    return id;
  });
  runInBackground(() =>
    run({ id: jobId, org, createdBy: principal.staffId }).catch(async (error: unknown) => {
      await finishJob(ctx.db, jobId, 'failed', error instanceof Error ? `unreadable_file: ${error.message.slice(0, 200)}` : 'unreadable_file');
    }),
  );
  return presentJob((await findJob(ctx.db, jobId))!);
}

/** A job of `kind` whose org lies in the caller's subtree, else 404. */
export async function findImportWithin(ctx: AppContext, principal: StaffPrincipal, id: string, kind: string): Promise<{ job: Job; org: OrgNode }> {
  const job = await findJob(ctx.db, id);
  const org = job ? await findOrgWithin(ctx.db, job.orgId, principal.orgPath) : null;
  if (!job || !org || job.kind !== kind) throw new AppError('NOT_FOUND');
  return { job, org };
}
