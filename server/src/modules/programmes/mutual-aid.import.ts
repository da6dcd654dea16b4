import type { StaffPrincipal } from '../../kernel/auth.js';
import { shanghaiDate } from '../../kernel/clock.js';
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
import { isIdNumber, isMobilePhone } from '../../kernel/pii.js';
import { auditIn } from '../../kernel/use-case.js';
import { cellText, countDataRows, mapHeaders, sheetRows, workbookOf } from '../../kernel/xlsx.js';
import * as kinds from './programmes.kinds.repository.js';
import { authorizeRunProgrammes, canSeeProgramme } from './programmes.policy.js';
import * as repo from './programmes.repository.js';
import { AppError } from '../../kernel/errors.js';

/**
 * 参保名单 import: a unit's staff upload the list of its members to enrol in a mutual-aid programme. Each row names a
 * member of the unit's subtree by ID number or phone (and name, checked against the registry); rows run in the
 * background (kernel/imports.ts) and every row that cannot be enrolled is reported with its reason.
 */

export const enrolmentImportKind = 'mutual_aid_enrolment_import';

export const enrolmentColumns = {
  name: ['姓名', 'name'],
  idNumber: ['身份证号', '身份证号码', 'idnumber'],
  phone: ['手机号', '手机号码', '联系电话', 'phone'],
  startsOn: ['开始日期', '参保开始日期', 'startson'],
  endsOn: ['结束日期', '参保结束日期', 'endson'],
} as const;
type Field = keyof typeof enrolmentColumns;

export const enrolmentColumnLabels: ColumnLabels = {
  name: { 'zh-CN': '姓名', en: 'Name' },
  idNumber: { 'zh-CN': '身份证号', en: 'ID number' },
  phone: { 'zh-CN': '手机号', en: 'Phone' },
  startsOn: { 'zh-CN': '开始日期', en: 'Starts on' },
  endsOn: { 'zh-CN': '结束日期', en: 'Ends on' },
};

export function enrolmentTemplate(): Promise<Buffer> {
  return workbookOf(
    '参保名单',
    [
      { header: '姓名', key: 'name', width: 10 },
      { header: '身份证号', key: 'idNumber', width: 22, kind: 'text' },
      { header: '手机号', key: 'phone', width: 14, kind: 'text' },
      { header: '开始日期', key: 'startsOn', width: 12, kind: 'text' },
      { header: '结束日期', key: 'endsOn', width: 12, kind: 'text' },
    ],
    [{ name: '张三', idNumber: '', phone: '13800000000', startsOn: '2026-01-01', endsOn: '2026-12-31' }],
  );
}

/** 2026-01-01, 2026/1/1, or a date cell (read as an ISO timestamp at UTC midnight): YYYY-MM-DD, or null. */
function parseDate(text: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(T00:00:00(\.000)?Z)?$/.exec(text);
  if (!m) return null;
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) return null;
  // The range PostgreSQL and people mean (a year 0000 would fail the whole batch in the database).
  return date >= '1900-01-01' && date <= '2199-12-31' ? date : null;
}

const batchSize = 500;

interface Candidate {
  row: number;
  name: string;
  phoneHash: string | null;
  idNumberHash: string | null;
  startsOn: string;
  endsOn: string;
}

interface ImportProgramme {
  id: string;
  orgPath: string;
  startsOn: string;
  endsOn: string;
}

export async function runEnrolmentImport(
  ctx: AppContext,
  programme: ImportProgramme,
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

  const flush = async () => {
    const rows = batch;
    batch = [];
    if (rows.length > 0) {
      const found = await kinds.membersByHashes(
        ctx.db,
        job.org.path,
        rows.flatMap((r) => (r.phoneHash ? [r.phoneHash] : [])),
        rows.flatMap((r) => (r.idNumberHash ? [r.idNumberHash] : [])),
      );
      const enrol: (Candidate & { memberId: string; orgId: string })[] = [];
      for (const r of rows) {
        const member =
          found.find((m) => r.idNumberHash !== null && m.idNumberHash === r.idNumberHash) ??
          found.find((m) => r.phoneHash !== null && m.phoneHash === r.phoneHash);
        const field = r.idNumberHash ? 'idNumber' : 'phone';
        if (!member || !isWithin(member.orgPath, programme.orgPath)) fail(r.row, field, 'member_not_found');
        else if (member.name !== r.name) fail(r.row, 'name', 'name_mismatch');
        else if (seenMembers.has(member.id)) fail(r.row, field, 'duplicate_in_file');
        else {
          seenMembers.add(member.id);
          enrol.push({ ...r, memberId: member.id, orgId: member.orgId });
        }
      }
      const inserted = new Set(
        await ctx.db.transaction(async (tx) => {
          const ids = await kinds.insertEnrolments(
            tx,
            enrol.map((r) => ({
              programmeId: programme.id,
              memberId: r.memberId,
              orgId: r.orgId,
              startsOn: r.startsOn,
              endsOn: r.endsOn,
              source: job.id,
              createdBy: job.createdBy,
              createdAt: ctx.clock.now(),
            })),
          );
          await auditIn(
            ctx,
            tx,
            { kind: 'staff', id: job.createdBy },
            {
              action: 'mutual_aid.enrol_batch',
              objectType: 'job',
              objectId: job.id,
              orgId: job.org.id,
              details: { programmeId: programme.id, inserted: ids.length },
            },
          );
          return ids;
        }),
      );
      for (const r of enrol) if (!inserted.has(r.memberId)) fail(r.row, 'name', 'already_enrolled');
      counts.succeeded += inserted.size;
    }
    counts.failed = counts.processed - counts.succeeded;
    const newErrors = errors.sort((a, b) => a.row - b.row);
    errors = [];
    await reportJobProgress(ctx.db, job.id, { ...counts, newErrors });
  };

  for await (const row of sheetRows(bytes)) {
    if (!columns) {
      columns = mapHeaders(row, enrolmentColumns);
      const missing: Field[] = columns.name === undefined ? ['name'] : [];
      if (columns.idNumber === undefined && columns.phone === undefined) missing.push('idNumber', 'phone');
      if (missing.length > 0)
        return finishJob(ctx.db, job.id, 'failed', `missing_column:${missing.join(',')}`, ctx.clock.now());
      continue;
    }
    const get = (f: Field) => (columns![f] === undefined ? '' : cellText(row.values[columns![f]!]));
    if (!get('name') && !get('idNumber') && !get('phone')) continue;
    counts.processed++;
    const before = errors.length;
    const name = get('name');
    if (!name || name.length > 50) fail(row.number, 'name', name ? 'too_big' : 'required');
    const idNumber = get('idNumber').toUpperCase();
    const phone = get('phone').replace(/[\s-]/g, '');
    if (idNumber && /E\+/i.test(idNumber)) fail(row.number, 'idNumber', 'id_number_as_number');
    else if (idNumber && !isIdNumber(idNumber)) fail(row.number, 'idNumber', 'invalid_id_number');
    if (phone && !isMobilePhone(phone)) fail(row.number, 'phone', 'invalid_phone');
    if (!idNumber && !phone) fail(row.number, 'idNumber', 'required');
    const startsOn = get('startsOn') ? parseDate(get('startsOn')) : programme.startsOn;
    const endsOn = get('endsOn') ? parseDate(get('endsOn')) : programme.endsOn;
    if (!startsOn) fail(row.number, 'startsOn', 'invalid_date');
    if (!endsOn) fail(row.number, 'endsOn', 'invalid_date');
    if (startsOn && endsOn && endsOn < startsOn) fail(row.number, 'endsOn', 'invalid');
    if (errors.length > before) continue;
    batch.push({
      row: row.number,
      name,
      idNumberHash: idNumber ? ctx.pii.blindIndex('id_number', idNumber) : null,
      phoneHash: !idNumber && phone ? ctx.pii.blindIndex('phone', phone) : null,
      startsOn: startsOn!,
      endsOn: endsOn!,
    });
    if (batch.length >= batchSize) await flush();
  }
  if (!columns) return finishJob(ctx.db, job.id, 'failed', 'missing_column:name,idNumber', ctx.clock.now());
  await flush();
  await finishJob(ctx.db, job.id, 'succeeded', null, ctx.clock.now());
}

/** Starts the import of a unit's list (`orgId`: 404 outside the caller's subtree) into a mutual-aid programme. */
export async function startEnrolmentImport(
  ctx: AppContext,
  principal: StaffPrincipal,
  programmeId: string,
  orgId: string,
  readUpload: () => Promise<{ fileName: string; bytes: Buffer }>,
) {
  const programme = await repo.findProgramme(ctx.db, programmeId);
  if (!programme || programme.kind !== 'medical_mutual_aid' || !canSeeProgramme(principal, programme.orgPath))
    throw new AppError('NOT_FOUND');
  const window = {
    startsOn: shanghaiDate(programme.opensAt),
    endsOn: shanghaiDate(new Date(programme.closesAt.getTime() - 1)),
  };
  return startImport(ctx, principal, {
    kind: enrolmentImportKind,
    orgId,
    authorize: authorizeRunProgrammes,
    readUpload,
    run: (job, bytes) =>
      runEnrolmentImport(ctx, { id: programme.id, orgPath: programme.orgPath, ...window }, job, bytes),
  });
}

export async function getEnrolmentImport(ctx: AppContext, principal: StaffPrincipal, id: string, locale: Locale) {
  return presentJob(await importInScope(ctx, principal, id, enrolmentImportKind, authorizeRunProgrammes), {
    locale,
    labels: enrolmentColumnLabels,
  });
}

export async function enrolmentImportErrors(ctx: AppContext, principal: StaffPrincipal, id: string, locale: Locale) {
  const job = await importInScope(ctx, principal, id, enrolmentImportKind, authorizeRunProgrammes);
  return importErrorWorkbook(job.errors, { locale, labels: enrolmentColumnLabels });
}
