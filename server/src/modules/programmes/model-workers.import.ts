import type { AppContext } from '../../kernel/context.js';
import { issueMessage, type Locale } from '../../kernel/i18n/messages.js';
import { importErrorWorkbook, type ColumnLabels, type ImportRun } from '../../kernel/imports.js';
import { finishJob, reportJobProgress, type JobError } from '../../kernel/jobs.js';
import { findOrg } from '../../kernel/org-tree.js';
import { isIdNumber, isMobilePhone } from '../../kernel/pii.js';
import { auditIn } from '../../kernel/use-case.js';
import { cellText, countDataRows, mapHeaders, sheetRows, workbookOf } from '../../kernel/xlsx.js';
import * as repo from './model-workers.repository.js';
import type { HonourLevel } from './model-workers.schemas.js';

/** Accepted column headings, Chinese first. A row names its member by phone or ID number (either column). */
const importColumns = {
  name: ['姓名', 'name'],
  phone: ['手机号', '手机号码', '手机', 'phone'],
  idNumber: ['身份证号', '身份证号码', '证件号码', 'idnumber'],
  honourLevel: ['荣誉级别', '级别', 'honourlevel'],
  title: ['荣誉称号', '称号', 'title'],
  awardedYear: ['获得年份', '授予年份', '年份', 'awardedyear'],
  unit: ['工作单位', '单位', 'unit'],
} as const;
type Field = keyof typeof importColumns;

export const modelWorkerColumnLabels: ColumnLabels = {
  name: { 'zh-CN': '姓名', en: 'Name' },
  phone: { 'zh-CN': '手机号', en: 'Mobile phone' },
  idNumber: { 'zh-CN': '身份证号', en: 'ID-card number' },
  honourLevel: { 'zh-CN': '荣誉级别', en: 'Honour level' },
  title: { 'zh-CN': '荣誉称号', en: 'Title' },
  awardedYear: { 'zh-CN': '获得年份', en: 'Year awarded' },
  unit: { 'zh-CN': '工作单位', en: 'Unit' },
};

/** 全国级 / 全国 / national → national… (what staff type in the level column). */
const honourWords: Record<string, HonourLevel> = {
  全国级: 'national',
  全国: 'national',
  national: 'national',
  省部级: 'provincial',
  省级: 'provincial',
  部级: 'provincial',
  provincial: 'provincial',
  市级: 'municipal',
  市: 'municipal',
  municipal: 'municipal',
};

const batchSize = 500;

interface Candidate {
  rowNumber: number;
  name: string;
  phoneHash: string | null;
  idNumberHash: string | null;
  entry: Omit<repo.NewModelWorker, 'memberId'>;
}

/**
 * 劳模名册 import: each row finds its member (by phone or ID number) in the import org's subtree and puts them on the
 * register; a row whose member is not found, whose name differs from the member's, who is on the register already, or
 * whose level or year cannot be read is reported by row and column. Batches of 500, each with its audit record.
 */
export async function runModelWorkerImport(ctx: AppContext, job: ImportRun, bytes: Buffer): Promise<void> {
  const target = await findOrg(ctx.db, job.org.id);
  if (!target) return finishJob(ctx.db, job.id, 'failed', 'org_out_of_scope', ctx.clock.now());
  const total = await countDataRows(bytes);
  await reportJobProgress(ctx.db, job.id, { total, processed: 0, succeeded: 0, failed: 0, newErrors: [] });
  const counts = { processed: 0, succeeded: 0, failed: 0 };
  const seen = new Set<string>();
  let columns: Partial<Record<Field, number>> | null = null;
  let batch: Candidate[] = [];
  let errors: JobError[] = [];
  const fail = (row: number, field: string, code: string) =>
    errors.push({ row, field, code, message: issueMessage(code, 'zh-CN') });

  const flush = async () => {
    const candidates = batch;
    batch = [];
    const found = await repo.membersByHashesWithin(
      ctx.db,
      target.path,
      candidates.flatMap((c) => (c.phoneHash ? [c.phoneHash] : [])),
      candidates.flatMap((c) => (c.idNumberHash ? [c.idNumberHash] : [])),
    );
    const byHash = new Map<string, (typeof found)[number]>();
    for (const m of found) {
      byHash.set(m.phoneHash, m);
      if (m.idNumberHash) byHash.set(m.idNumberHash, m);
    }
    const ready: { rowNumber: number; entry: repo.NewModelWorker }[] = [];
    for (const c of candidates) {
      const member = (c.idNumberHash && byHash.get(c.idNumberHash)) || (c.phoneHash && byHash.get(c.phoneHash));
      if (!member) fail(c.rowNumber, c.idNumberHash ? 'idNumber' : 'phone', 'member_not_found');
      else if (c.name && c.name !== member.name) fail(c.rowNumber, 'name', 'name_mismatch');
      else if (seen.has(member.id)) fail(c.rowNumber, c.idNumberHash ? 'idNumber' : 'phone', 'duplicate_in_file');
      else {
        seen.add(member.id);
        ready.push({
          rowNumber: c.rowNumber,
          entry: { ...c.entry, memberId: member.id, unit: c.entry.unit ?? member.employer },
        });
      }
    }
    const written = await ctx.db.transaction(async (tx) => {
      const done = await repo.insertModelWorkersSkipping(
        tx,
        ready.map((r) => r.entry),
      );
      if (done.size > 0)
        await auditIn(
          ctx,
          tx,
          { kind: 'staff', id: job.createdBy },
          {
            action: 'model_worker.import_batch',
            objectType: 'job',
            objectId: job.id,
            orgId: job.org.id,
            details: { inserted: done.size, firstRow: candidates[0]?.rowNumber ?? null },
          },
        );
      return done;
    });
    for (const r of ready) if (!written.has(r.entry.memberId)) fail(r.rowNumber, 'name', 'already_registered');
    counts.succeeded += written.size;
    counts.failed = counts.processed - counts.succeeded;
    const newErrors = errors.sort((a, b) => a.row - b.row);
    errors = [];
    await reportJobProgress(ctx.db, job.id, { ...counts, newErrors });
  };

  for await (const row of sheetRows(bytes)) {
    if (!columns) {
      columns = mapHeaders(row, importColumns);
      const missing = (['honourLevel', 'title', 'awardedYear'] as const).filter((f) => columns![f] === undefined);
      if (columns.phone === undefined && columns.idNumber === undefined) missing.unshift('phone' as never);
      if (missing.length > 0)
        return finishJob(ctx.db, job.id, 'failed', `missing_column:${missing.join(',')}`, ctx.clock.now());
      continue;
    }
    const get = (f: Field) => (columns![f] === undefined ? '' : cellText(row.values[columns![f]!]));
    const phone = get('phone').replace(/[\s-]/g, '');
    const idNumber = get('idNumber').toUpperCase();
    const level = get('honourLevel').replace(/\s+/g, '').toLowerCase();
    const title = get('title');
    const yearText = get('awardedYear');
    if (!phone && !idNumber && !level && !title && !yearText) continue; // a blank line is not an error
    counts.processed++;
    const before = errors.length;
    if (!phone && !idNumber) fail(row.number, 'phone', 'required');
    if (phone && !isMobilePhone(phone)) fail(row.number, 'phone', 'invalid_phone');
    if (idNumber && !isIdNumber(idNumber)) fail(row.number, 'idNumber', 'invalid_id_number');
    const honourLevel = honourWords[level];
    if (!honourLevel) fail(row.number, 'honourLevel', level ? 'invalid_honour_level' : 'required');
    if (!title || title.length > 100) fail(row.number, 'title', title ? 'too_big' : 'required');
    const year = Number(yearText.replace(/年$/, ''));
    if (!Number.isInteger(year) || year < 1950 || year > 2100)
      fail(row.number, 'awardedYear', yearText ? 'invalid_year' : 'required');
    if (errors.length > before) continue;
    const now = ctx.clock.now();
    batch.push({
      rowNumber: row.number,
      name: get('name'),
      phoneHash: phone ? ctx.pii.blindIndex('phone', phone) : null,
      idNumberHash: idNumber ? ctx.pii.blindIndex('id_number', idNumber) : null,
      entry: {
        honourLevel: honourLevel!,
        title,
        awardedYear: year,
        unit: get('unit').slice(0, 100) || null,
        status: 'active',
        createdBy: job.createdBy,
        createdAt: now,
        updatedAt: now,
      },
    });
    if (batch.length >= batchSize) await flush();
  }
  if (!columns) return finishJob(ctx.db, job.id, 'failed', 'missing_column:honourLevel', ctx.clock.now());
  await flush();
  await finishJob(ctx.db, job.id, 'succeeded', null, ctx.clock.now());
}

export function buildModelWorkerErrorWorkbook(errors: JobError[], locale: Locale): Promise<Buffer> {
  return importErrorWorkbook(errors, { locale, labels: modelWorkerColumnLabels });
}

export function buildModelWorkerTemplate(): Promise<Buffer> {
  return workbookOf(
    '劳模名册',
    [
      { header: '姓名', key: 'name', width: 10, note: '与会员库中的姓名一致' },
      { header: '手机号', key: 'phone', width: 16, kind: 'text', note: '手机号或身份证号至少填一项，用于找到会员' },
      { header: '身份证号', key: 'idNumber', width: 22, kind: 'text', note: '18位身份证号；本列为文本格式' },
      { header: '荣誉级别', key: 'honourLevel', width: 10, note: '全国级、省部级或市级' },
      { header: '荣誉称号', key: 'title', width: 20, note: '如：全国劳动模范、全国五一劳动奖章' },
      { header: '获得年份', key: 'awardedYear', width: 10 },
      { header: '工作单位', key: 'unit', width: 24 },
    ],
    [],
  );
}
