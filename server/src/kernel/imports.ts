import { z } from 'zod';
import type { StaffPrincipal } from './auth.js';
import type { AppContext } from './context.js';
import { AppError } from './errors.js';
import { checkUpload, storeFile, withStagedFile } from './files.js';
import { createJob, findJob, finishJob } from './jobs.js';
import { issueMessage, type Locale } from './i18n/messages.js';
import type { JobError } from './jobs.js';
import { findOrgWithin, type OrgNode } from './org-tree.js';
import { audited, orgInScope, type Authorize } from './use-case.js';
import { workbookOf } from './xlsx.js';

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
  errorsPreview: z
    .array(
      z.object({
        row: z.number().int(),
        field: z.string().describe('stable field key'),
        column: z.string().describe('the column as people call it, in the language asked for'),
        code: z.string(),
        message: z.string(),
        details: z
          .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
          .optional()
          .describe('what the row names besides its own fields (the file it duplicates and its status)'),
      }),
    )
    .describe('the first 50 problems'),
});

/** The columns of an import as people call them, per field key: 身份证号 / ID number, never idNumber. */
export type ColumnLabels = Readonly<Record<string, Readonly<Record<Locale, string>>>>;

/** How to word a job for the person reading it. */
export interface JobWording {
  locale: Locale;
  labels: ColumnLabels;
  /** Words for coded values of a row's details, per detail key (a status code → 已建档), in each language. */
  detailWords?: Readonly<Record<string, Readonly<Record<Locale, Readonly<Record<string, string>>>>>>;
}

function columnLabel(field: string, wording: JobWording | undefined): string {
  return wording?.labels[field]?.[wording.locale] ?? field;
}

/** The message's {placeholders} filled from the row's details, coded values in the reader's words. */
function withDetails(message: string, details: JobError['details'], wording: JobWording | undefined): string {
  if (!details) return message;
  return message.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = details[key];
    if (value === undefined) return whole;
    return (wording && wording.detailWords?.[key]?.[wording.locale]?.[String(value)]) ?? String(value);
  });
}

/** A row's problem in the reader's language: the column's label and the message of its code. */
export function humanJobError(e: JobError, wording: JobWording | undefined) {
  return {
    ...e,
    column: columnLabel(e.field, wording),
    message: withDetails(wording ? issueMessage(e.code, wording.locale, e.message) : e.message, e.details, wording),
  };
}

/** `missing_column:name,phone` → 缺少必需的列：姓名、手机号. */
function jobMessage(message: string | null, wording: JobWording | undefined): string | null {
  if (!message || !wording) return message;
  const missing = /^missing_column:(.+)$/.exec(message);
  if (missing) {
    const columns = missing[1]!.split(',').map((f) => columnLabel(f, wording));
    return `${issueMessage('missing_column', wording.locale)}${wording.locale === 'en' ? ': ' : '：'}${columns.join(wording.locale === 'en' ? ', ' : '、')}`;
  }
  if (message.startsWith('unreadable_file')) return issueMessage('unreadable_file', wording.locale);
  if (message.startsWith('import_interrupted')) return issueMessage('import_interrupted', wording.locale);
  return issueMessage(message, wording.locale, message);
}

/** What went wrong, row by row, for staff to fix and upload again, in their language. */
export function importErrorWorkbook(errors: JobError[], wording: JobWording): Promise<Buffer> {
  const en = wording.locale === 'en';
  return workbookOf(
    en ? 'Import errors' : '导入错误',
    [
      { header: en ? 'Row' : '行号', key: 'row', width: 8 },
      { header: en ? 'Column' : '列', key: 'column', width: 16 },
      { header: en ? 'Problem' : '问题', key: 'message', width: 50 },
      { header: en ? 'Code' : '错误代码', key: 'code', width: 20 },
    ],
    errors.map((e) => humanJobError(e, wording)),
  );
}

type Job = NonNullable<Awaited<ReturnType<typeof findJob>>>;

export function presentJob(job: Job, wording?: JobWording): z.infer<typeof jobView> {
  return {
    id: job.id,
    kind: job.kind,
    orgId: job.orgId,
    status: job.status,
    total: job.total,
    processed: job.processed,
    succeeded: job.succeeded,
    failed: job.failed,
    message: jobMessage(job.message, wording),
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt ? job.finishedAt.toISOString() : null,
    errorsPreview: job.errors.slice(0, 50).map((e) => humanJobError(e, wording)),
  };
}

export interface ImportRun {
  id: string;
  org: OrgNode;
  createdBy: string;
}

/** A failure of the database (an SQLSTATE anywhere in the cause chain) rather than of the file. */
function isDatabaseFault(error: unknown): boolean {
  for (
    let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 3;
    e = e.cause as typeof e, depth++
  )
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return true;
  return false;
}

/**
 * Why a job failed, as its status shows it, with the error's own words after the code: a file that could not be
 * read (ask for another file), or a fault of ours (ask to try again later).
 */
function failureMessage(error: unknown): string {
  const code = isDatabaseFault(error) ? 'import_interrupted' : 'unreadable_file';
  return error instanceof Error ? `${code}: ${error.message.slice(0, 200)}` : code;
}

/**
 * Starts an import of `kind` into the org a request names: 404 outside the caller's subtree, `authorize` (the
 * module's policy) for the role; the upload is read only then (no work, and no 415, for outsiders). Stores the
 * upload, opens a job and answers at once; `run` reads the rows in the background. A run that throws ends its job
 * as failed with the error, which the job's status route shows.
 */
export async function startImport(
  ctx: AppContext,
  principal: StaffPrincipal,
  opts: {
    kind: string;
    orgId: string;
    authorize: Authorize;
    readUpload: () => Promise<{ fileName: string; bytes: Buffer }>;
    run: (job: ImportRun, bytes: Buffer) => Promise<void>;
  },
): Promise<z.infer<typeof jobView>> {
  const org = await orgInScope(ctx, principal, opts.orgId, opts.authorize);
  const upload = await opts.readUpload();
  const checked = await checkUpload(upload, { allowed: ['xlsx'], maxBytes: maxImportBytes });
  const started = await withStagedFile(ctx.fileStorage, checked, (staged) =>
    audited(
      ctx,
      principal,
      async (tx) => {
        const file = await storeFile(tx, staged, { ownerKind: 'staff', ownerId: principal.staffId });
        const id = await createJob(tx, {
          kind: opts.kind,
          orgId: org.id,
          createdBy: principal.staffId,
          inputFileId: file.id,
        });
        return { id, file };
      },
      ({ id, file }) => ({
        action: `${opts.kind}.start`,
        objectType: 'job',
        objectId: id,
        orgId: org.id,
        details: { fileName: file.fileName, sizeBytes: file.sizeBytes, sha256: file.sha256 },
      }),
    ),
  );
  ctx.background.run(
    `${opts.kind} ${started.id}`,
    () => opts.run({ id: started.id, org, createdBy: principal.staffId }, upload.bytes),
    (error) => finishJob(ctx.db, started.id, 'failed', failureMessage(error), ctx.clock.now()),
  );
  return presentJob((await findJob(ctx.db, started.id))!);
}

/** A job of `kind` whose org lies in the caller's subtree (else 404), to a caller `authorize` lets see it (else 403). */
export async function importInScope(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  kind: string,
  authorize: Authorize,
): Promise<Job> {
  const job = await findJob(ctx.db, id);
  const org = job ? await findOrgWithin(ctx.db, job.orgId, principal.orgPath) : null;
  if (!job || !org || job.kind !== kind) throw new AppError('NOT_FOUND');
  authorize(principal, org.path);
  return job;
}
