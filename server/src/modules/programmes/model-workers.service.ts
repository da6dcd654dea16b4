import { z } from 'zod';
import { honourLevelLabels, modelWorkerStatusLabels } from '../../../../shared/labels.js';
import { canSee } from '../../kernel/access.js';
import type { StaffPrincipal } from '../../kernel/auth.js';
import { shanghaiDate } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { AppError, validationFailed } from '../../kernel/errors.js';
import type { Locale } from '../../kernel/i18n/messages.js';
import { importInScope, presentJob, startImport } from '../../kernel/imports.js';
import { decodeCursor, everyPage, paginate } from '../../kernel/pagination.js';
import { audit, audited, inScope, scopeOf } from '../../kernel/use-case.js';
import { workbookOf } from '../../kernel/xlsx.js';
import {
  buildModelWorkerErrorWorkbook,
  buildModelWorkerTemplate,
  modelWorkerColumnLabels,
  runModelWorkerImport,
} from './model-workers.import.js';
import * as repo from './model-workers.repository.js';
import type {
  checkBody,
  createModelWorkerBody,
  listModelWorkersQuery,
  ModelWorkerStatus,
  updateModelWorkerBody,
} from './model-workers.schemas.js';
import { authorizeRunProgrammes } from './programmes.policy.js';

const timeCursor = z.object({ createdAt: z.string(), id: z.uuid() });
const importKind = 'model_worker_import';

function presentModelWorker(row: repo.ModelWorkerRow) {
  return {
    id: row.id,
    member: { id: row.memberId, name: row.memberName, phone: row.memberPhoneMasked },
    org: { id: row.orgId, name: row.orgName },
    honourLevel: row.honourLevel,
    title: row.title,
    awardedYear: row.awardedYear,
    unit: row.unit,
    status: row.status,
    statusDate: row.statusDate,
    statusReason: row.statusReason,
    lastCheckedYear: row.lastCheckedYear,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function presentWithChecks(ctx: AppContext, id: string) {
  const row = (await repo.findModelWorker(ctx.db, id))!;
  const checks = await repo.checksOf(ctx.db, id);
  return {
    ...presentModelWorker(row),
    checks: checks.map((c) => ({
      id: c.id,
      year: c.year,
      outcome: c.outcome,
      note: c.note,
      checkedBy: { id: c.checkedById, name: c.checkedByName },
      checkedAt: c.checkedAt.toISOString(),
    })),
  };
}

/** A register entry whose member's union is in the caller's subtree (else 404), for a programme officer (else 403). */
async function entryInScope(ctx: AppContext, principal: StaffPrincipal, id: string) {
  return inScope(await repo.findModelWorker(ctx.db, id), principal, authorizeRunProgrammes);
}

/** The columns a status writes: its date and reason for deceased and disqualified, none for active. */
function statusColumns(v: {
  status: ModelWorkerStatus;
  statusDate?: string | undefined;
  statusReason?: string | undefined;
}) {
  return v.status === 'active'
    ? { status: v.status, statusDate: null, statusReason: null }
    : { status: v.status, statusDate: v.statusDate ?? null, statusReason: v.statusReason ?? null };
}

/** 劳模名册: a programme officer puts a member of their subtree on the register (once per member). */
export async function createModelWorker(
  ctx: AppContext,
  principal: StaffPrincipal,
  input: z.infer<typeof createModelWorkerBody>,
) {
  const member = await repo.findMember(ctx.db, input.memberId);
  // A member outside the caller's subtree: as if it did not exist.
  if (!member || !canSee(principal, member.orgPath)) throw new AppError('NOT_FOUND');
  authorizeRunProgrammes(principal, member.orgPath);
  const now = ctx.clock.now();
  const id = await audited(
    ctx,
    principal,
    async (tx) => {
      const created = await repo.insertModelWorker(tx, {
        memberId: member.id,
        honourLevel: input.honourLevel,
        title: input.title,
        awardedYear: input.awardedYear,
        unit: input.unit ?? member.employer,
        status: 'active',
        createdBy: principal.staffId,
        createdAt: now,
        updatedAt: now,
      });
      if (!created) throw new AppError('ALREADY_REGISTERED');
      return created;
    },
    (created) => ({
      action: 'model_worker.create',
      objectType: 'model_worker',
      objectId: created,
      orgId: member.orgId,
      details: {
        memberId: member.id,
        honourLevel: input.honourLevel,
        title: input.title,
        awardedYear: input.awardedYear,
      },
    }),
  );
  return presentWithChecks(ctx, id);
}

export async function getModelWorker(ctx: AppContext, principal: StaffPrincipal, id: string) {
  const row = await entryInScope(ctx, principal, id);
  return presentWithChecks(ctx, row.id);
}

/** Edits an entry: its honour, unit, or status (deceased / disqualified with date and reason; active clears them). */
export async function updateModelWorker(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  input: z.infer<typeof updateModelWorkerBody>,
) {
  const row = await entryInScope(ctx, principal, id);
  const now = ctx.clock.now();
  await audited(
    ctx,
    principal,
    async (tx) => {
      await repo.lockModelWorker(tx, row.id);
      await repo.updateModelWorker(tx, row.id, {
        ...(input.honourLevel !== undefined ? { honourLevel: input.honourLevel } : {}),
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.awardedYear !== undefined ? { awardedYear: input.awardedYear } : {}),
        ...(input.unit !== undefined ? { unit: input.unit } : {}),
        ...(input.status !== undefined ? statusColumns({ ...input, status: input.status }) : {}),
        updatedAt: now,
      });
    },
    {
      action: 'model_worker.update',
      objectType: 'model_worker',
      objectId: row.id,
      orgId: row.orgId,
      details: {
        changed: Object.keys(input),
        ...(input.status !== undefined ? { statusFrom: row.status, statusTo: input.status } : {}),
      },
    },
  );
  return presentWithChecks(ctx, row.id);
}

export async function listModelWorkers(
  ctx: AppContext,
  principal: StaffPrincipal,
  q: z.infer<typeof listModelWorkersQuery>,
) {
  const scope = await scopeOf(ctx, principal, q.orgId, authorizeRunProgrammes);
  const rows = await repo.listModelWorkers(
    ctx.db,
    {
      scope,
      ...(q.status ? { status: q.status } : {}),
      ...(q.honourLevel ? { honourLevel: q.honourLevel } : {}),
      ...(q.memberId ? { memberId: q.memberId } : {}),
      ...(q.q ? { q: q.q } : {}),
      ...(q.uncheckedIn !== undefined ? { uncheckedIn: q.uncheckedIn } : {}),
    },
    q.limit,
    decodeCursor(q.cursor, timeCursor),
  );
  const page = paginate(rows, q.limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
  return { items: page.items.map(presentModelWorker), nextCursor: page.nextCursor };
}

/**
 * 年度核查: the year's check of one entry, once (409 ALREADY_CHECKED for a second): confirmed, a status change (the
 * register follows in the same transaction), or a note. A year still to come cannot be checked.
 */
export async function checkModelWorker(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  input: z.infer<typeof checkBody>,
) {
  const row = await entryInScope(ctx, principal, id);
  const now = ctx.clock.now();
  if (input.year > Number(shanghaiDate(now).slice(0, 4)))
    throw validationFailed([{ path: 'year', code: 'too_big', message: 'a year still to come' }]);
  await audited(
    ctx,
    principal,
    async (tx) => {
      await repo.lockModelWorker(tx, row.id);
      const checkId = await repo.insertCheck(tx, {
        modelWorkerId: row.id,
        year: input.year,
        outcome: input.outcome,
        note: input.note ?? null,
        checkedBy: principal.staffId,
        checkedAt: now,
      });
      if (!checkId) throw new AppError('ALREADY_CHECKED', { year: input.year });
      if (input.status !== undefined)
        await repo.updateModelWorker(tx, row.id, {
          ...statusColumns({ ...input, status: input.status }),
          updatedAt: now,
        });
      return checkId;
    },
    (checkId) => ({
      action: 'model_worker.check',
      objectType: 'model_worker',
      objectId: row.id,
      orgId: row.orgId,
      details: {
        checkId,
        year: input.year,
        outcome: input.outcome,
        ...(input.status !== undefined ? { statusFrom: row.status, statusTo: input.status } : {}),
      },
    }),
  );
  return presentWithChecks(ctx, row.id);
}

const honourLabel: Record<string, string> = honourLevelLabels['zh-CN'];
const statusLabel: Record<string, string> = modelWorkerStatusLabels['zh-CN'];

/** The register as a workbook (劳模名册), every page of the list's filter; phones masked; the export audited. */
export async function exportModelWorkers(
  ctx: AppContext,
  principal: StaffPrincipal,
  q: Omit<z.infer<typeof listModelWorkersQuery>, 'limit' | 'cursor'>,
) {
  const rows = await everyPage(
    (cursor) => listModelWorkers(ctx, principal, { ...q, limit: 100, cursor }),
    (m) => ({
      name: m.member.name,
      phone: m.member.phone,
      org: m.org.name,
      unit: m.unit ?? '',
      honourLevel: honourLabel[m.honourLevel],
      title: m.title,
      awardedYear: m.awardedYear,
      status: statusLabel[m.status],
      statusDate: m.statusDate ?? '',
      statusReason: m.statusReason ?? '',
      lastCheckedYear: m.lastCheckedYear ?? '',
    }),
  );
  await audit(ctx, principal, {
    action: 'model_worker.export',
    objectType: 'model_worker',
    objectId: null,
    orgId: principal.orgId,
    details: { rows: rows.length, ...q },
  });
  return workbookOf(
    '劳模名册',
    [
      { header: '姓名', key: 'name', width: 10 },
      { header: '手机号', key: 'phone', width: 14, kind: 'text' },
      { header: '所属工会', key: 'org', width: 22 },
      { header: '工作单位', key: 'unit', width: 24 },
      { header: '荣誉级别', key: 'honourLevel', width: 10 },
      { header: '荣誉称号', key: 'title', width: 20 },
      { header: '获得年份', key: 'awardedYear', width: 10 },
      { header: '状态', key: 'status', width: 16 },
      { header: '状态日期', key: 'statusDate', width: 12, kind: 'date' },
      { header: '状态原因', key: 'statusReason', width: 24 },
      { header: '最近核查年度', key: 'lastCheckedYear', width: 12 },
    ],
    rows,
  );
}

export function startModelWorkerImport(
  ctx: AppContext,
  principal: StaffPrincipal,
  orgId: string,
  readUpload: () => Promise<{ fileName: string; bytes: Buffer }>,
) {
  return startImport(ctx, principal, {
    kind: importKind,
    orgId,
    authorize: authorizeRunProgrammes,
    readUpload,
    run: (job, bytes) => runModelWorkerImport(ctx, job, bytes),
  });
}

function importOf(ctx: AppContext, principal: StaffPrincipal, id: string) {
  return importInScope(ctx, principal, id, importKind, authorizeRunProgrammes);
}

export async function getModelWorkerImport(ctx: AppContext, principal: StaffPrincipal, id: string, locale: Locale) {
  return presentJob(await importOf(ctx, principal, id), { locale, labels: modelWorkerColumnLabels });
}

export async function modelWorkerImportErrors(ctx: AppContext, principal: StaffPrincipal, id: string, locale: Locale) {
  return buildModelWorkerErrorWorkbook((await importOf(ctx, principal, id)).errors, locale);
}

export function modelWorkerImportTemplate(): Promise<Buffer> {
  return buildModelWorkerTemplate();
}
