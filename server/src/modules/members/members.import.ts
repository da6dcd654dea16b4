import { z } from 'zod';
import type { AppContext } from '../../kernel/context.js';
import { findOrg, isWithin } from '../../kernel/org-tree.js';
import { issueMessage } from '../../kernel/i18n/messages.js';
import { finishJob, reportJobProgress, type JobError } from '../../kernel/jobs.js';
import { isIdNumber, isMobilePhone, maskIdNumber, maskPhone } from '../../kernel/pii.js';
import { importErrorWorkbook, type ColumnLabels, type ImportRun, type JobWording } from '../../kernel/imports.js';
import { auditIn } from '../../kernel/use-case.js';
import { cellText, countDataRows, idNumberLostToNumber, mapHeaders, sheetRows, workbookOf } from '../../kernel/xlsx.js';
import * as repo from './members.repository.js';

/** Accepted column headings, Chinese first (what staff spreadsheets use), English for systems. */
export const importColumns = {
  name: ['姓名', 'name'],
  phone: ['手机号', '手机号码', '手机', 'phone'],
  idNumber: ['身份证号', '身份证号码', '证件号码', 'idnumber'],
  employer: ['工作单位', '单位', 'employer'],
  occupation: ['职业', '工种', 'occupation'],
  org: ['所属工会', '工会', '所属组织', '工会名称', '所属工会名称', '所属工会id', '工会id', 'orgid', 'union', 'org'],
} as const;
type Field = keyof typeof importColumns;

/** The columns as people call them, for error lists (never idNumber or phone). */
export const memberColumnLabels: ColumnLabels = {
  name: { 'zh-CN': '姓名', en: 'Name' },
  phone: { 'zh-CN': '手机号', en: 'Mobile phone' },
  idNumber: { 'zh-CN': '身份证号', en: 'ID-card number' },
  employer: { 'zh-CN': '工作单位', en: 'Employer' },
  occupation: { 'zh-CN': '职业', en: 'Occupation' },
  org: { 'zh-CN': '所属工会', en: 'Union' },
};

const batchSize = 500;

interface Candidate {
  rowNumber: number;
  member: repo.NewMember;
  idNumberHash: string | null;
}

/** Reads the sheet row by row, writes members in batches, reports progress and a per-row error list. */
export async function runMemberImport(ctx: AppContext, job: ImportRun, bytes: Buffer): Promise<void> {
  const target = await findOrg(ctx.db, job.org.id);
  if (!target) return finishJob(ctx.db, job.id, 'failed', 'org_out_of_scope', ctx.clock.now());
  const total = await countDataRows(bytes);
  await reportJobProgress(ctx.db, job.id, { total, processed: 0, succeeded: 0, failed: 0, newErrors: [] });

  const orgCache = new Map<string, { id: string; error: string | null }>();
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
        await auditIn(
          ctx,
          tx,
          { kind: 'staff', id: job.createdBy },
          {
            action: 'member.import_batch',
            objectType: 'job',
            objectId: job.id,
            orgId: job.org.id,
            details: { inserted: done.size, firstRow: candidates[0]?.rowNumber ?? null },
          },
        );
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
      if (missing.length > 0)
        return finishJob(ctx.db, job.id, 'failed', `missing_column:${missing.join(',')}`, ctx.clock.now());
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
    if (columns.idNumber !== undefined && idNumberLostToNumber(row.values[columns.idNumber]))
      fail(row.number, 'idNumber', 'id_number_as_number');
    else if (idNumber && !isIdNumber(idNumber)) fail(row.number, 'idNumber', 'invalid_id_number');
    let orgId = target.id;
    const orgText = get('org');
    if (orgText) {
      let cached = orgCache.get(orgText);
      if (!cached) {
        cached = await resolveUnion(ctx, target.path, orgText);
        orgCache.set(orgText, cached);
      }
      if (cached.error) fail(row.number, 'org', cached.error);
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
  if (!columns) return finishJob(ctx.db, job.id, 'failed', 'missing_column:name,phone', ctx.clock.now());
  await flush();
  await finishJob(ctx.db, job.id, 'succeeded', null, ctx.clock.now());
}

/** The union a row names: its name or region code within the import's subtree, or (for systems) its id. */
async function resolveUnion(
  ctx: AppContext,
  scope: string,
  text: string,
): Promise<{ id: string; error: string | null }> {
  if (z.uuid().safeParse(text).success) {
    const org = await findOrg(ctx.db, text);
    return { id: text, error: org !== null && isWithin(org.path, scope) ? null : 'org_out_of_scope' };
  }
  const found = await repo.orgsNamedWithin(ctx.db, scope, text);
  if (found.length === 1) return { id: found[0]!.id, error: null };
  return { id: text, error: found.length === 0 ? 'org_out_of_scope' : 'org_ambiguous' };
}

export function buildErrorWorkbook(errors: JobError[], locale: JobWording['locale']): Promise<Buffer> {
  return importErrorWorkbook(errors, { locale, labels: memberColumnLabels });
}

export function buildImportTemplate(): Promise<Buffer> {
  return workbookOf(
    '会员',
    [
      { header: '姓名', key: 'name', width: 12 },
      { header: '手机号', key: 'phone', width: 16, kind: 'text' },
      {
        header: '身份证号',
        key: 'idNumber',
        width: 22,
        kind: 'text',
        note: '18位身份证号；本列为文本格式，请勿改成数字（否则会变成 6.1E+17 并丢失末几位）',
      },
      { header: '工作单位', key: 'employer', width: 24 },
      { header: '职业', key: 'occupation', width: 12 },
      {
        header: '所属工会',
        key: 'org',
        width: 28,
        note: '填写工会名称（如：莲湖区环卫工会）或其行政区划代码；留空则为导入时选择的组织',
      },
    ],
    [],
  );
}
