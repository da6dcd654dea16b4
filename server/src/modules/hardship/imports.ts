import type ExcelJS from 'exceljs';
import {
  hardshipCauseLabels,
  hardshipCauses,
  hardshipChannelLabels,
  hardshipChannels,
  hardshipStatusLabels,
} from '../../../../shared/labels.js';
import type { StaffPrincipal } from '../../kernel/auth.js';
import type { AppContext } from '../../kernel/context.js';
import { retryOnConflict } from '../../kernel/db/client.js';
import { issueMessage, type Locale } from '../../kernel/i18n/messages.js';
import {
  importErrorWorkbook,
  importInScope,
  presentJob,
  startImport,
  type ColumnLabels,
  type ImportRun,
  type JobWording,
} from '../../kernel/imports.js';
import { finishJob, reportJobProgress, type JobError } from '../../kernel/jobs.js';
import { isWithin } from '../../kernel/org-tree.js';
import { isIdNumber, isMobilePhone, maskIdNumber, maskPhone } from '../../kernel/pii.js';
import { workTime } from '../../kernel/use-case.js';
import { initialColumns, recordStarts } from '../../kernel/workflow.js';
import { cellText, countDataRows, idNumberLostToNumber, mapHeaders, sheetRows, workbookOf } from '../../kernel/xlsx.js';
import { authorizeRunAssistance } from './hardship.policy.js';
import { hardshipWorkflow, officer, type HardshipState } from './hardship.workflow.js';
import * as repo from './imports.repository.js';

/**
 * 困难家庭批量导入: an assistance officer uploads the households a survey found (a county's 765, a district's list
 * handed over by the civil affairs office). Each good row becomes a lead of the chosen union (status submitted, filed
 * by the importer), exactly as if a worker had filed it; a head whose ID number is already on file anywhere in the
 * federation is reported with the existing file, never filed twice. Rows run in the background in batches: the
 * batch's blind indexes are looked up in one query, then inserted in one statement that skips heads filed meanwhile.
 */
export const householdImportKind = 'hardship_household_import';

const importColumns = {
  headName: ['户主姓名', '户主', '姓名', 'headname'],
  idNumber: ['身份证号', '身份证号码', '户主身份证号', '证件号码', 'idnumber'],
  phone: ['手机号', '手机号码', '手机', '联系电话', 'phone'],
  regionCode: ['地区代码', '行政区划代码', '区划代码', 'regioncode'],
  address: ['地址', '家庭住址', '住址', 'address'],
  size: ['家庭人口', '家庭人口数', '人口', 'size'],
  monthlyIncome: ['人均月收入(元)', '人均月收入（元）', '人均月收入', 'monthlyincome', 'monthlyincomeyuan'],
  causes: ['致困原因', '困难原因', 'causes'],
  channel: ['发现渠道', '渠道', 'channel'],
  note: ['备注', '情况说明', 'note'],
} as const;
type Field = keyof typeof importColumns;
const requiredColumns = [
  'headName',
  'idNumber',
  'phone',
  'regionCode',
  'address',
  'size',
  'monthlyIncome',
  'causes',
] as const satisfies readonly Field[];

export const householdColumnLabels: ColumnLabels = {
  headName: { 'zh-CN': '户主姓名', en: 'Head of household' },
  idNumber: { 'zh-CN': '身份证号', en: 'ID-card number' },
  phone: { 'zh-CN': '手机号', en: 'Mobile phone' },
  regionCode: { 'zh-CN': '地区代码', en: 'Region code' },
  address: { 'zh-CN': '地址', en: 'Address' },
  size: { 'zh-CN': '家庭人口', en: 'Household size' },
  monthlyIncome: { 'zh-CN': '人均月收入(元)', en: 'Monthly income per head (yuan)' },
  causes: { 'zh-CN': '致困原因', en: 'Causes' },
  channel: { 'zh-CN': '发现渠道', en: 'Channel' },
  note: { 'zh-CN': '备注', en: 'Note' },
};

const wording = (locale: Locale): JobWording => ({
  locale,
  labels: householdColumnLabels,
  detailWords: { status: hardshipStatusLabels },
});

export function householdImportTemplate(): Promise<Buffer> {
  const causes = hardshipCauses.map((c) => hardshipCauseLabels['zh-CN'][c]).join('、');
  const channels = hardshipChannels.map((c) => hardshipChannelLabels['zh-CN'][c]).join('、');
  return workbookOf(
    '困难家庭',
    [
      { header: '户主姓名', key: 'headName', width: 10 },
      {
        header: '身份证号',
        key: 'idNumber',
        width: 22,
        kind: 'text',
        note: '户主18位身份证号，全省（市）查重；本列为文本格式，请勿改成数字（否则会变成 6.1E+17 并丢失末几位）',
      },
      { header: '手机号', key: 'phone', width: 14, kind: 'text' },
      { header: '地区代码', key: 'regionCode', width: 10, kind: 'text', note: '家庭住址所在县（区）的6位行政区划代码' },
      { header: '地址', key: 'address', width: 30 },
      { header: '家庭人口', key: 'size', width: 9, note: '1至30人' },
      { header: '人均月收入(元)', key: 'monthlyIncome', width: 14, note: '家庭人均月收入，单位元，可保留两位小数' },
      { header: '致困原因', key: 'causes', width: 16, note: `${causes}；多项用“、”分隔` },
      { header: '发现渠道', key: 'channel', width: 10, note: `${channels}；留空为工会干部` },
      { header: '备注', key: 'note', width: 30, note: '家庭困难情况说明（敏感信息，仅帮扶工作人员可见）' },
    ],
    [],
  );
}

/** Codes, Chinese words and English words of an enumeration, for reading what people typed. */
function lookupOf<K extends string>(codes: readonly K[], labels: Record<Locale, Record<K, string>>): Map<string, K> {
  const map = new Map<string, K>();
  for (const c of codes) {
    map.set(c, c);
    map.set(labels['zh-CN'][c], c);
    map.set(labels.en[c].toLowerCase(), c);
  }
  return map;
}
const causeLookup = lookupOf(hardshipCauses, hardshipCauseLabels);
const channelLookup = lookupOf(hardshipChannels, hardshipChannelLabels);

/** 450, 450.5, 1,200.00 元 → fen; null when it is not an amount of yuan (≥ 0, at most two decimals, ≤ 1,000,000). */
export function yuanToFen(text: string): number | null {
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text.replace(/[,，\s元]/g, ''));
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return fen <= 100_000_000 ? fen : null;
}

/** 因病、因残 (or 因病,因残; codes and English words too) → the causes, each once; null when one is unknown. */
function parseCauses(text: string): (typeof hardshipCauses)[number][] | null {
  const found = new Set<(typeof hardshipCauses)[number]>();
  for (const word of text.split(/[、,，;；/\s]+/).filter(Boolean)) {
    const cause = causeLookup.get(word) ?? causeLookup.get(word.toLowerCase());
    if (!cause) return null;
    found.add(cause);
  }
  return [...found];
}

const batchSize = 1000;

interface Candidate {
  row: number;
  household: repo.NewHousehold;
}

/** Who runs the import: the files they may open are marked visible in a duplicate's report. */
interface Importer {
  staffId: string;
  orgId: string;
  orgPath: string;
}

/** Reads the rows, files the good ones as leads of the job's union in batches, reports every other row. */
export async function runHouseholdImport(
  ctx: AppContext,
  importer: Importer,
  job: ImportRun,
  bytes: Buffer,
): Promise<void> {
  const total = await countDataRows(bytes);
  await reportJobProgress(ctx.db, job.id, { total, processed: 0, succeeded: 0, failed: 0, newErrors: [] });
  const counts = { processed: 0, succeeded: 0 };
  let columns: Partial<Record<Field, number>> | null = null;
  let batch: Candidate[] = [];
  let errors: JobError[] = [];
  /** Head blind index → the first row that named it. */
  const seen = new Map<string, number>();
  const problem = (row: number, field: string, code: string, details?: JobError['details']): JobError => ({
    row,
    field,
    code,
    message: issueMessage(code, 'zh-CN'),
    ...(details ? { details } : {}),
  });
  const fail = (row: number, field: string, code: string) => errors.push(problem(row, field, code));
  const onFile = (row: number, file: repo.OnFile) => {
    // The importer is an assistance officer: they may open files of their subtree and those they filed.
    const visible = isWithin(file.orgPath, importer.orgPath) || file.filedByStaffId === importer.staffId;
    // The file's state only to those who may open it (as for a lead filed by hand: leads.service fileLead).
    return visible
      ? problem(row, 'idNumber', 'household_exists', { householdId: file.id, status: file.status, visible })
      : problem(row, 'idNumber', 'household_exists_elsewhere', { householdId: file.id, visible });
  };

  /** Writes one batch and reports it: its rows' problems, found while reading them and here, in row order. */
  const write = async (rows: Candidate[], problems: JobError[], processed: number) => {
    const existing = new Map(
      (
        await repo.householdsByHeadIdHashes(
          ctx.db,
          rows.map((r) => r.household.headIdHash),
        )
      ).map((f) => [f.headIdHash, f]),
    );
    const fresh: Candidate[] = [];
    for (const r of rows) {
      const file = existing.get(r.household.headIdHash);
      if (file) problems.push(onFile(r.row, file));
      else fresh.push(r);
    }
    // A consistent order of the unique keys: two imports (or an import and a worker) never wait on each other in a cycle.
    fresh.sort((a, b) => (a.household.headIdHash < b.household.headIdHash ? -1 : 1));
    const inserted = await retryOnConflict(() =>
      ctx.db.transaction(async (tx) => {
        const time = workTime(ctx);
        const done = await repo.insertHouseholdsSkippingExisting(
          tx,
          {
            orgId: job.org.id,
            filedByStaffId: importer.staffId,
            filedByOrgId: importer.orgId,
            ...(initialColumns(hardshipWorkflow, time) as {
              status: HardshipState;
              statusChangedAt: Date;
              dueAt: Date | null;
            }),
            now: time.now,
          },
          fresh.map((r) => r.household),
        );
        await recordStarts(
          tx,
          hardshipWorkflow,
          fresh.flatMap((r) => {
            const id = done.get(r.household.headIdHash);
            return id ? [{ objectId: id, orgId: job.org.id, data: { via: 'import', jobId: job.id, row: r.row } }] : [];
          }),
          { action: 'import', actor: { kind: 'staff', id: importer.staffId }, parties: [officer], time },
        );
        return done;
      }),
    );
    // Heads filed by someone else between the check and the insert: reported with the file that won, not dropped.
    const lost = fresh.filter((r) => !inserted.has(r.household.headIdHash));
    if (lost.length > 0) {
      const winners = new Map(
        (
          await repo.householdsByHeadIdHashes(
            ctx.db,
            lost.map((r) => r.household.headIdHash),
          )
        ).map((f) => [f.headIdHash, f]),
      );
      for (const r of lost) {
        const file = winners.get(r.household.headIdHash);
        problems.push(file ? onFile(r.row, file) : problem(r.row, 'idNumber', 'import_interrupted'));
      }
    }
    counts.succeeded += inserted.size;
    await reportJobProgress(ctx.db, job.id, {
      processed,
      succeeded: counts.succeeded,
      failed: processed - counts.succeeded,
      newErrors: problems.sort((a, b) => a.row - b.row),
    });
  };
  /**
   * A batch is written while the next one is read (the database's work and the reading, encrypting and hashing
   * overlap); one batch at a time, so they are filed and reported in row order.
   */
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    const [rows, problems, processed] = [batch, errors, counts.processed];
    batch = [];
    errors = [];
    await writing;
    writing = write(rows, problems, processed);
    writing.catch(() => undefined); // awaited by the next flush or at the end: a failure ends the job there
  };

  for await (const row of sheetRows(bytes)) {
    if (!columns) {
      columns = mapHeaders(row, importColumns);
      const missing = requiredColumns.filter((f) => columns![f] === undefined);
      if (missing.length > 0)
        return finishJob(ctx.db, job.id, 'failed', `missing_column:${missing.join(',')}`, ctx.clock.now());
      continue;
    }
    const raw = (f: Field): ExcelJS.CellValue => (columns![f] === undefined ? null : row.values[columns![f]!]);
    const get = (f: Field) => cellText(raw(f));
    if (Object.keys(importColumns).every((f) => get(f as Field) === '')) continue; // a blank line is not an error
    counts.processed++;
    const before = errors.length;

    const headName = get('headName');
    if (!headName || headName.length > 50) fail(row.number, 'headName', headName ? 'too_big' : 'required');
    const idNumber = get('idNumber').replace(/\s/g, '').toUpperCase();
    if (idNumberLostToNumber(raw('idNumber'))) fail(row.number, 'idNumber', 'id_number_as_number');
    else if (!isIdNumber(idNumber)) fail(row.number, 'idNumber', idNumber ? 'invalid_id_number' : 'required');
    const phone = get('phone').replace(/[\s-]/g, '');
    if (!isMobilePhone(phone)) fail(row.number, 'phone', phone ? 'invalid_phone' : 'required');
    const regionCode = get('regionCode');
    if (!/^\d{6}$/.test(regionCode)) fail(row.number, 'regionCode', regionCode ? 'invalid_region_code' : 'required');
    const address = get('address');
    if (!address || address.length > 200) fail(row.number, 'address', address ? 'too_big' : 'required');
    const sizeText = get('size');
    const size = /^\d{1,2}$/.test(sizeText) ? Number(sizeText) : 0;
    if (size < 1 || size > 30) fail(row.number, 'size', sizeText ? 'invalid_household_size' : 'required');
    const incomeText = get('monthlyIncome');
    const monthlyIncomeFen = yuanToFen(incomeText);
    if (monthlyIncomeFen === null) fail(row.number, 'monthlyIncome', incomeText ? 'invalid_income' : 'required');
    const causesText = get('causes');
    const causes = parseCauses(causesText);
    if (!causes || causes.length === 0) fail(row.number, 'causes', causesText ? 'invalid_cause' : 'required');
    const channelText = get('channel');
    const channel = channelText
      ? (channelLookup.get(channelText) ?? channelLookup.get(channelText.toLowerCase()))
      : ('union' as const);
    if (!channel) fail(row.number, 'channel', 'invalid_channel');
    const note = get('note');
    if (note.length > 2000) fail(row.number, 'note', 'too_big');
    if (errors.length > before) continue;

    const headIdHash = ctx.pii.blindIndex('id_number', idNumber);
    const firstRow = seen.get(headIdHash);
    if (firstRow !== undefined) {
      errors.push(problem(row.number, 'idNumber', 'duplicate_in_file', { firstRow }));
      continue;
    }
    seen.set(headIdHash, row.number);
    batch.push({
      row: row.number,
      household: {
        headName,
        headIdHash,
        headIdEnc: ctx.pii.encrypt(idNumber),
        headIdMasked: maskIdNumber(idNumber),
        phoneHash: ctx.pii.blindIndex('phone', phone),
        phoneEnc: ctx.pii.encrypt(phone),
        phoneMasked: maskPhone(phone),
        regionCode,
        address,
        size,
        monthlyIncomeFen: monthlyIncomeFen!,
        causes: causes!,
        channel: channel!,
        note: note || null,
      },
    });
    if (batch.length >= batchSize) await flush();
  }
  if (!columns)
    return finishJob(ctx.db, job.id, 'failed', `missing_column:${requiredColumns.join(',')}`, ctx.clock.now());
  await flush();
  await writing;
  await finishJob(ctx.db, job.id, 'succeeded', null, ctx.clock.now());
}

/**
 * Starts an import of households as leads of `orgId` (a union of the caller's subtree, else 404; an assistance
 * officer over it, else 403 — both with the upload unread).
 */
export function startHouseholdImport(
  ctx: AppContext,
  principal: StaffPrincipal,
  orgId: string,
  readUpload: () => Promise<{ fileName: string; bytes: Buffer }>,
) {
  return startImport(ctx, principal, {
    kind: householdImportKind,
    orgId,
    authorize: authorizeRunAssistance,
    readUpload,
    run: (job, bytes) =>
      runHouseholdImport(
        ctx,
        { staffId: principal.staffId, orgId: principal.orgId, orgPath: principal.orgPath },
        job,
        bytes,
      ),
  });
}

function importOf(ctx: AppContext, principal: StaffPrincipal, id: string) {
  return importInScope(ctx, principal, id, householdImportKind, authorizeRunAssistance);
}

export async function getHouseholdImport(ctx: AppContext, principal: StaffPrincipal, id: string, locale: Locale) {
  return presentJob(await importOf(ctx, principal, id), wording(locale));
}

export async function householdImportErrors(ctx: AppContext, principal: StaffPrincipal, id: string, locale: Locale) {
  const job = await importOf(ctx, principal, id);
  return importErrorWorkbook(job.errors, wording(locale));
}
