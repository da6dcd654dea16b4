import { z } from 'zod';
import { writeAudit } from '../../kernel/audit.js';
import type { AppContext } from '../../kernel/context.js';
import { findOrg, isWithin } from '../../kernel/org-tree.js';
import { issueMessage } from '../../kernel/i18n/messages.js';
import { finishJob, reportJobProgress, type JobError } from '../../kernel/jobs.js';
import { isIdNumber, isMobilePhone, maskIdNumber, maskPhone } from '../../kernel/pii.js';
import { cellText, countDataRows, errorWorkbook, mapHeaders, sheetRows, workbookOf } from '../../kernel/xlsx.js';
import * as repo from './members.repository.js';

/** Accepted column headings, Chinese first (what staff spreadsheets use), English for systems. */
export const importColumns = {
  name: ['姓名', 'name'],
  phone: ['手机号', '手机号码', '手机', 'phone'],
  idNumber: ['身份证号', '身份证号码', '证件号码', 'idnumber'],
  employer: ['工作单位', '单位', 'employer'],
  occupation: ['职业', '工种', 'occupation'],
  orgId: ['所属工会id', '工会id', 'orgid'],
} as const;
type Field = keyof typeof importColumns;

const batchSize = 500;

interface Candidate {
  rowNumber: number;
  member: repo.NewMember;
  idNumberHash: string | null;
}

/** Reads the sheet row by row, writes members in batches, reports progress and a per-row error list. */
export async function runMemberImport(ctx: AppContext, job: { id: string; orgId: string; createdBy: string }, bytes: Buffer): Promise<void> {
  const target = await findOrg(ctx.db, job.orgId);
  if (!target) return finishJob(ctx.db, job.id, 'failed', 'org_out_of_scope');
  const total = await countDataRows(bytes);
  await reportJobProgress(ctx.db, job.id, { total, processed: 0, succeeded: 0, failed: 0, newErrors: [] });

  const orgCache = new Map<string, { id: string; ok: boolean }>();
  const seen = new Set<string>();
  const counts = { processed: 0, succeeded: 0, failed: 0 };
  let columns: Partial<Record<Field, number>> | null = null;
  let batch: Candidate[] = [];
  let errors: JobError[] = [];
  const fail = (row: number, field: string, code: string) => {
    errors.push({ row, field, code, message: issueMessage(code, 'zh-CN') });
  };

  const flush = async () => {
    const candidates = batch;
    batch = [];
    const existing = await repo.existingPhoneOrIdHashes(
      ctx.db,
      candidates.map((c) => c.member.phoneHash),
      candidates.flatMap((c) => (c.idNumberHash ? [c.idNumberHash] : [])),
    );
    const fresh = candidates.filter((c) => {
      const clash = existing.has(c.member.phoneHash) || (c.idNumberHash !== null && existing.has(c.idNumberHash));
      if (clash) fail(c.rowNumber, existing.has(c.member.phoneHash) ? 'phone' : 'idNumber', 'member_exists');
      return !clash;
    });
    const inserted = await ctx.db.transaction(async (tx) => {
      const done = await repo.insertMembersSkippingDuplicates(
        tx,
        fresh.map((c) => c.member),
      );
      if (done.size > 0) {
        await writeAudit(tx, {
          actor: { kind: 'staff', id: job.createdBy },
          action: 'member.import_batch',
          objectType: 'job',
          objectId: job.id,
          orgId: job.orgId,
          details: { inserted: done.size, firstRow: candidates[0]?.rowNumber ?? null },
        });
      }
      return done;
    });
    // Rows that lost a race with a concurrent writer are reported, not silently dropped.
    for (const c of fresh) if (!inserted.has(c.member.phoneHash)) fail(c.rowNumber, 'phone', 'member_exists');
    counts.succeeded += inserted.size;
    counts.failed = counts.processed - counts.succeeded;
    const newErrors = errors.sort((a, b) => a.row - b.row);
    errors = [];
    await reportJobProgress(ctx.db, job.id, { ...counts, newErrors });
  };

  for await (const row of sheetRows(bytes)) {
    if (!columns) {
      columns = mapHeaders(row, importColumns);
      const missing = (['name', 'phone'] as const).filter((f) => columns![f] === undefined);
      if (missing.length > 0) return finishJob(ctx.db, job.id, 'failed', `missing_column:${missing.join(',')}`);
      continue;
    }
    const get = (f: Field) => (columns![f] === undefined ? '' : cellText(row.values[columns![f]!]));
    const name = get('name');
    const phone = get('phone').replace(/[\s-]/g, '');
    if (!name && !phone && !get('idNumber')) continue; // a blank line is not an error
    counts.processed++;
    const before = errors.length;
    if (!name || name.length > 50) fail(row.number, 'name', name ? 'too_big' : 'required');
    if (!isMobilePhone(phone)) fail(row.number, 'phone', phone ? 'invalid_phone' : 'required');
    const idNumber = get('idNumber').toUpperCase();
    if (idNumber && !isIdNumber(idNumber)) fail(row.number, 'idNumber', 'invalid_id_number');
    let orgId = target.id;
    const orgText = get('orgId');
    if (orgText) {
      let cached = orgCache.get(orgText);
      if (!cached) {
        const org = z.uuid().safeParse(orgText).success ? await findOrg(ctx.db, orgText) : null;
        cached = { id: orgText, ok: org !== null && isWithin(org.path, target.path) };
        orgCache.set(orgText, cached);
      }
      if (!cached.ok) fail(row.number, 'orgId', 'org_out_of_scope');
      orgId = cached.id;
    }
    if (errors.length > before) continue;
    const phoneHash = ctx.pii.blindIndex('phone', phone);
    const idNumberHash = idNumber ? ctx.pii.blindIndex('id_number', idNumber) : null;
    if (seen.has(phoneHash) || (idNumberHash && seen.has(idNumberHash))) {
      fail(row.number, seen.has(phoneHash) ? 'phone' : 'idNumber', 'duplicate_in_file');
      continue;
    }
    seen.add(phoneHash);
    if (idNumberHash) seen.add(idNumberHash);
    batch.push({
      rowNumber: row.number,
      idNumberHash,
      member: {
        orgId,
        name,
        phoneHash,
        phoneEnc: ctx.pii.encrypt(phone),
        phoneMasked: maskPhone(phone),
        idNumberHash,
        idNumberEnc: idNumber ? ctx.pii.encrypt(idNumber) : null,
        idNumberMasked: idNumber ? maskIdNumber(idNumber) : null,
        employer: get('employer').slice(0, 100) || null,
        occupation: get('occupation').slice(0, 50) || null,
      },
    });
    if (batch.length >= batchSize) await flush();
  }
  if (!columns) return finishJob(ctx.db, job.id, 'failed', 'missing_column:name,phone');
  await flush();
  await finishJob(ctx.db, job.id, 'succeeded', null);
}

export function buildErrorWorkbook(errors: JobError[]): Promise<Buffer> {
  return errorWorkbook(errors);
}

export function buildImportTemplate(): Promise<Buffer> {
  return workbookOf(
    '会员',
    [
      { header: '姓名', key: 'name', width: 12 },
      { header: '手机号', key: 'phone', width: 16, text: true },
      { header: '身份证号', key: 'idNumber', width: 22, text: true },
      { header: '工作单位', key: 'employer', width: 24 },
      { header: '职业', key: 'occupation', width: 12 },
      { header: '所属工会ID', key: 'orgId', width: 38 },
    ],
    [],
  );
}
