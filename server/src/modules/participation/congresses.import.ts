import type { StaffPrincipal } from '../../kernel/auth.js';
import type { AppContext } from '../../kernel/context.js';
import { issueMessage, type Locale } from '../../kernel/i18n/messages.js';
import {
  importErrorWorkbook,
  importInScope,
  presentJob,
  startImport,
  type ColumnLabels,
  type ImportRun,
} from '../../kernel/imports.js';
import { finishJob, reportJobProgress, type JobError } from '../../kernel/jobs.js';
import { isWithin } from '../../kernel/org-tree.js';
import { isMobilePhone } from '../../kernel/pii.js';
import { auditIn } from '../../kernel/use-case.js';
import { cellText, countDataRows, mapHeaders, sheetRows, workbookOf } from '../../kernel/xlsx.js';
import * as repo from './congresses.repository.js';
import { congressInScope, requireActiveCongress } from './congresses.service.js';
import { authorizeRunParticipation } from './participation.policy.js';

/**
 * 代表名单 import: staff upload the list of a congress term's representatives. Each row names a member by phone (and
 * name, checked against the register); the member must belong to the congress's subtree. Rows run in the background
 * (kernel/imports.ts); every row that cannot be added is reported with its row number and reason.
 */
export const representativeImportKind = 'congress_representative_import';

const importColumns = {
  name: ['姓名', 'name'],
  phone: ['手机号', '手机号码', '手机', '联系电话', 'phone'],
  delegation: ['代表团', '选区', '代表团/选区', 'delegation'],
} as const;
type Field = keyof typeof importColumns;

export const representativeColumnLabels: ColumnLabels = {
  name: { 'zh-CN': '姓名', en: 'Name' },
  phone: { 'zh-CN': '手机号', en: 'Mobile phone' },
  delegation: { 'zh-CN': '代表团', en: 'Delegation' },
};

export function representativeImportTemplate(): Promise<Buffer> {
  return workbookOf(
    '代表名单',
    [
      { header: '姓名', key: 'name', width: 10, note: '与会员库中的姓名一致' },
      { header: '手机号', key: 'phone', width: 16, kind: 'text', note: '会员登记的手机号，用于找到会员' },
      { header: '代表团', key: 'delegation', width: 20, note: '选填：代表团或选区' },
    ],
    [],
  );
}

const batchSize = 500;

interface Candidate {
  row: number;
  name: string;
  phoneHash: string;
  delegation: string | null;
}

interface ImportCongress {
  id: string;
  orgPath: string;
}

/**
 * Reads the rows: a member is looked up by phone in the caller's subtree (`scope`) — one outside it is not found,
 * as it does not exist for the caller; one inside it but outside the congress's subtree is not eligible.
 */
export async function runRepresentativeImport(
  ctx: AppContext,
  congress: ImportCongress,
  scope: string,
  job: ImportRun,
  bytes: Buffer,
): Promise<void> {
  const total = await countDataRows(bytes);
  await reportJobProgress(ctx.db, job.id, { total, processed: 0, succeeded: 0, failed: 0, newErrors: [] });
  const counts = { processed: 0, succeeded: 0, failed: 0 };
  let columns: Partial<Record<Field, number>> | null = null;
  let batch: Candidate[] = [];
  let errors: JobError[] = [];
  const seenMembers = new Set<string>();
  const fail = (row: number, field: string, code: string) =>
    errors.push({ row, field, code, message: issueMessage(code, 'zh-CN') });

  /** Writes a batch; false when the term was archived meanwhile (the job then fails, what was written stays). */
  const flush = async (): Promise<boolean> => {
    const rows = batch;
    batch = [];
    const found = await repo.membersByPhoneHashesWithin(
      ctx.db,
      scope,
      rows.map((r) => r.phoneHash),
    );
    const byPhone = new Map(found.map((m) => [m.phoneHash, m]));
    const ready: (Candidate & { memberId: string })[] = [];
    for (const r of rows) {
      const member = byPhone.get(r.phoneHash);
      if (!member) fail(r.row, 'phone', 'member_not_found');
      else if (!isWithin(member.orgPath, congress.orgPath)) fail(r.row, 'phone', 'not_eligible');
      else if (member.name !== r.name) fail(r.row, 'name', 'name_mismatch');
      else if (seenMembers.has(member.id)) fail(r.row, 'phone', 'duplicate_in_file');
      else {
        seenMembers.add(member.id);
        ready.push({ ...r, memberId: member.id });
      }
    }
    const written = await ctx.db.transaction(async (tx) => {
      if (!(await repo.lockActiveCongress(tx, congress.id))) return null;
      const done = await repo.insertRepresentativesRestoring(
        tx,
        ready.map((r) => ({
          congressId: congress.id,
          memberId: r.memberId,
          delegation: r.delegation,
          status: 'active' as const,
          createdAt: ctx.clock.now(),
        })),
      );
      if (done.size > 0)
        await auditIn(
          ctx,
          tx,
          { kind: 'staff', id: job.createdBy },
          {
            action: 'congress.representative_import_batch',
            objectType: 'job',
            objectId: job.id,
            orgId: job.org.id,
            details: { congressId: congress.id, added: done.size, firstRow: rows[0]?.row ?? null },
          },
        );
      return done;
    });
    if (!written) return false;
    for (const r of ready) if (!written.has(r.memberId)) fail(r.row, 'phone', 'already_representative');
    counts.succeeded += written.size;
    counts.failed = counts.processed - counts.succeeded;
    const newErrors = errors.sort((a, b) => a.row - b.row);
    errors = [];
    await reportJobProgress(ctx.db, job.id, { ...counts, newErrors });
    return true;
  };
  const archived = () => finishJob(ctx.db, job.id, 'failed', 'congress_archived', ctx.clock.now());

  for await (const row of sheetRows(bytes)) {
    if (!columns) {
      columns = mapHeaders(row, importColumns);
      const missing = (['name', 'phone'] as const).filter((f) => columns![f] === undefined);
      if (missing.length > 0)
        return finishJob(ctx.db, job.id, 'failed', `missing_column:${missing.join(',')}`, ctx.clock.now());
      continue;
    }
    const get = (f: Field) => (columns![f] === undefined ? '' : cellText(row.values[columns![f]!]));
    const name = get('name');
    const phone = get('phone').replace(/[\s-]/g, '');
    const delegation = get('delegation');
    if (!name && !phone && !delegation) continue; // a blank line is not an error
    counts.processed++;
    const before = errors.length;
    if (!name || name.length > 50) fail(row.number, 'name', name ? 'too_big' : 'required');
    if (!phone) fail(row.number, 'phone', 'required');
    else if (!isMobilePhone(phone)) fail(row.number, 'phone', 'invalid_phone');
    if (delegation.length > 100) fail(row.number, 'delegation', 'too_big');
    if (errors.length > before) continue;
    batch.push({
      row: row.number,
      name,
      phoneHash: ctx.pii.blindIndex('phone', phone),
      delegation: delegation || null,
    });
    if (batch.length >= batchSize && !(await flush())) return archived();
  }
  if (!columns) return finishJob(ctx.db, job.id, 'failed', 'missing_column:name,phone', ctx.clock.now());
  if (!(await flush())) return archived();
  await finishJob(ctx.db, job.id, 'succeeded', null, ctx.clock.now());
}

/**
 * Starts the import of a representative list into a congress term of the caller's subtree (else 404; a caller
 * without the role 403, both with the upload unread); the upload is checked, then the term must be active (409).
 */
export async function startRepresentativeImport(
  ctx: AppContext,
  principal: StaffPrincipal,
  congressId: string,
  readUpload: () => Promise<{ fileName: string; bytes: Buffer }>,
) {
  const congress = await congressInScope(ctx, principal, congressId);
  return startImport(ctx, principal, {
    kind: representativeImportKind,
    orgId: congress.orgId,
    authorize: authorizeRunParticipation,
    readUpload: async () => {
      const upload = await readUpload();
      requireActiveCongress(congress);
      return upload;
    },
    run: (job, bytes) =>
      runRepresentativeImport(ctx, { id: congress.id, orgPath: congress.orgPath }, principal.orgPath, job, bytes),
  });
}

function importOf(ctx: AppContext, principal: StaffPrincipal, id: string) {
  return importInScope(ctx, principal, id, representativeImportKind, authorizeRunParticipation);
}

export async function getRepresentativeImport(ctx: AppContext, principal: StaffPrincipal, id: string, locale: Locale) {
  return presentJob(await importOf(ctx, principal, id), { locale, labels: representativeColumnLabels });
}

export async function representativeImportErrors(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  locale: Locale,
) {
  const job = await importOf(ctx, principal, id);
  return importErrorWorkbook(job.errors, { locale, labels: representativeColumnLabels });
}
