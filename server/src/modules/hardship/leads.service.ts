import { z } from 'zod';
import {
  hardshipCauseLabels,
  hardshipChannelLabels,
  hardshipLevelLabels,
  hardshipStatusLabels,
} from '../../../../shared/labels.js';
import { canSee } from '../../kernel/access.js';
import type { Membership, StaffPrincipal, WorkerPrincipal } from '../../kernel/auth.js';
import type { AppContext } from '../../kernel/context.js';
import type { Db } from '../../kernel/db/client.js';
import { AppError, validationFailed } from '../../kernel/errors.js';
import { checkUpload, readStoredFile, storeFile, withStagedFile, type FileToServe } from '../../kernel/files.js';
import { runIdempotent } from '../../kernel/idempotency.js';
import { findOrg } from '../../kernel/org-tree.js';
import { decodeCursor, paginate } from '../../kernel/pagination.js';
import { isIdNumber, maskIdNumber, maskPhone } from '../../kernel/pii.js';
import { actorOf, audit, audited, orgInScope, scopeOf, workTime } from '../../kernel/use-case.js';
import {
  applyAction,
  availableActions,
  initialColumns,
  isOverdue,
  presentTimeline,
  recordStart,
  timelineOf,
  validateDefinition,
} from '../../kernel/workflow.js';
import { workbookOf } from '../../kernel/xlsx.js';
import { authorizeReadAssistance, authorizeWorkHouseholds } from './hardship.policy.js';
import {
  hardshipStates,
  hardshipWorkflow,
  reviewIntervalMonths,
  type HardshipAction,
  type HardshipState,
} from './hardship.workflow.js';
import * as repo from './leads.repository.js';
import { authorizeReadLead, leadPartiesOf, mayReadLead, seesLeadSensitive } from './leads.policy.js';
import type {
  ExportLeadsQuery,
  FileLeadBody,
  householdExistsDetails,
  LeadActionBody,
  ListLeadsQuery,
  LeadView,
  myHardshipView,
  statsView,
} from './leads.schemas.js';
import { checkAgainstStandard } from './standards.service.js';

validateDefinition(hardshipWorkflow);

/** Photos of a household and documents of its verification: PNG or JPEG (re-encoded without metadata) or PDF. */
export const maxHardshipFileBytes = 10 * 1024 * 1024;
/** An archive whose yearly review falls within this many days shows in the due list. */
export const reviewDueWindowDays = 30;

const timeCursor = z.object({ createdAt: z.string(), id: z.uuid() });

/** 动态管理: the review deadline, a year (12 months) from the archive or the last review. */
export function reviewDeadlineFrom(at: Date): Date {
  const due = new Date(at);
  due.setUTCMonth(due.getUTCMonth() + reviewIntervalMonths);
  return due;
}

type ListedLead = Omit<LeadView, 'timeline' | 'photos'>;

function presentListed(ctx: AppContext, principal: StaffPrincipal, row: repo.HouseholdRow): ListedLead {
  const sensitive = seesLeadSensitive(principal, row);
  const status = row.status;
  const now = ctx.clock.now();
  return {
    id: row.id,
    status,
    org: { id: row.orgId, name: row.orgName },
    channel: row.channel,
    household: {
      headName: row.headName,
      idNumberMasked: row.headIdMasked,
      phoneMasked: row.phoneMasked,
      regionCode: row.regionCode,
      address: row.address,
      size: row.size,
      monthlyIncomeFen: sensitive ? row.monthlyIncomeFen : null,
      causes: sensitive ? row.causes : null,
      note: sensitive ? row.note : null,
      sensitiveMasked: !sensitive,
    },
    level: row.level,
    consentRecorded: row.consentAt !== null,
    memberId: row.memberId,
    filedBy: {
      staffId: row.filedByStaffId,
      username: row.filedByUsername,
      org: { id: row.filedByOrgId, name: row.filedByOrgName },
    },
    filedAt: row.createdAt.toISOString(),
    verifiedAt: row.verifiedAt?.toISOString() ?? null,
    verificationNote: sensitive ? row.verificationNote : null,
    rejectionReason: row.rejectionReason,
    archivedAt: row.archivedAt?.toISOString() ?? null,
    lastReviewedAt: row.lastReviewedAt?.toISOString() ?? null,
    reviewDueAt: status === 'archived' ? (row.dueAt?.toISOString() ?? null) : null,
    reviewOverdue: status === 'archived' && isOverdue(row.dueAt, now),
    verificationOverdue: status === 'submitted' && isOverdue(row.dueAt, now),
    actions: availableActions(hardshipWorkflow, status, leadPartiesOf(principal, row)) as HardshipAction[],
  };
}

async function presentLead(
  ctx: AppContext,
  db: Db,
  principal: StaffPrincipal,
  row: repo.HouseholdRow,
): Promise<LeadView> {
  const listed = presentListed(ctx, principal, row);
  const [photos, timeline] = await Promise.all([repo.filesOf(db, row.id), timelineOf(db, hardshipWorkflow, row.id)]);
  const entries = presentTimeline(timeline);
  return {
    ...listed,
    photos,
    // The notes of verification and review tell of health and income: withheld with the other sensitive fields.
    timeline: listed.household.sensitiveMasked ? entries.map((e) => ({ ...e, note: null })) : entries,
  };
}

function auditSensitiveRead(ctx: AppContext, principal: StaffPrincipal, rows: repo.HouseholdRow[], via: string) {
  const read = rows.filter((r) => seesLeadSensitive(principal, r));
  if (read.length === 0) return Promise.resolve();
  return audit(ctx, principal, {
    action: 'hardship_lead.sensitive_read',
    objectType: 'hardship_lead',
    objectId: read.length === 1 ? read[0]!.id : null,
    orgId: read.length === 1 ? read[0]!.orgId : principal.orgId,
    details: { via, ids: read.map((r) => r.id), fields: ['monthlyIncomeFen', 'causes', 'note'] },
  });
}

// ——— uploads ———

/** A photo of a household or a document of its verification, uploaded before the lead or action that cites it. */
export async function uploadHardshipFile(
  ctx: AppContext,
  principal: StaffPrincipal,
  readUpload: () => Promise<{ fileName: string; bytes: Buffer }>,
) {
  const upload = await checkUpload(await readUpload(), {
    allowed: ['png', 'jpeg', 'pdf'],
    maxBytes: maxHardshipFileBytes,
  });
  const file = await withStagedFile(ctx.fileStorage, upload, (staged) =>
    audited(
      ctx,
      principal,
      (tx) => storeFile(tx, staged, { ownerKind: 'staff', ownerId: principal.staffId }),
      (stored) => ({
        action: 'file.upload',
        objectType: 'file',
        objectId: stored.id,
        details: { mediaType: stored.mediaType, sizeBytes: stored.sizeBytes, for: 'hardship_household' },
      }),
    ),
  );
  return { id: file.id, fileName: file.fileName, mediaType: file.mediaType, sizeBytes: file.sizeBytes };
}

/** Only the caller's own uploads, not yet attached to a household, may be attached: else 400 on the id's path. */
async function checkAttachable(tx: Db, principal: StaffPrincipal, ids: string[], field: string): Promise<void> {
  const attachable = await repo.attachableFileIds(tx, principal.staffId, ids);
  const foreign = ids.findIndex((p) => !attachable.has(p));
  if (foreign >= 0) throw validationFailed([{ path: `${field}.${foreign}`, code: 'invalid', message: '' }]);
}

// ——— filing a lead ———

/**
 * Any staff member files a lead (线索) for a household. Its union is that of the household's area (see
 * repo.areaOrgFor); the head's ID number is unique across the federation: a household already on file answers 409
 * HOUSEHOLD_EXISTS pointing to it, also when two workers file it at once. A retry with the same Idempotency-Key gets
 * the first answer.
 */
export async function fileLead(
  ctx: AppContext,
  principal: StaffPrincipal,
  input: FileLeadBody,
  idempotencyKey: string | undefined,
): Promise<LeadView> {
  const hh = input.household;
  const idHash = ctx.pii.blindIndex('id_number', hh.idNumber);
  const photoIds = [...new Set(input.photoIds ?? [])];
  // Encrypting outside the transaction: nothing of it depends on the database.
  const secrets = {
    headIdHash: idHash,
    headIdEnc: ctx.pii.encrypt(hh.idNumber),
    headIdMasked: maskIdNumber(hh.idNumber),
    phoneHash: ctx.pii.blindIndex('phone', hh.phone),
    phoneEnc: ctx.pii.encrypt(hh.phone),
    phoneMasked: maskPhone(hh.phone),
  };
  const answer = await runIdempotent(
    ctx.db,
    { principal: `staff:${principal.staffId}`, scope: 'hardship.lead.file', key: idempotencyKey, payload: input },
    async (tx) => {
      await checkAttachable(tx, principal, photoIds, 'photoIds');
      const area = (await repo.areaOrgFor(tx, principal.orgPath, hh.regionCode)) ?? {
        id: principal.orgId,
        path: principal.orgPath,
      };
      const time = workTime(ctx);
      const id = await repo.insertHousehold(tx, {
        orgId: area.id,
        filedByStaffId: principal.staffId,
        filedByOrgId: principal.orgId,
        channel: input.channel,
        headName: hh.headName,
        ...secrets,
        memberId: await repo.memberIdByIdHash(tx, idHash),
        regionCode: hh.regionCode,
        address: hh.address,
        size: hh.size,
        monthlyIncomeFen: hh.monthlyIncomeFen,
        causes: hh.causes,
        note: input.note ?? null,
        consentAt: input.consent ? time.now : null,
        createdAt: time.now,
        updatedAt: time.now,
        ...(initialColumns(hardshipWorkflow, time) as { status: HardshipState; statusChangedAt: Date; dueAt: Date }),
      });
      if (id === null) {
        const existing = await repo.findByHeadIdHash(tx, idHash);
        if (!existing) throw new AppError('CONFLICT');
        const details: z.infer<typeof householdExistsDetails> = {
          householdId: existing.id,
          id: existing.id,
          status: existing.status,
          visible: mayReadLead(principal, existing),
        };
        throw new AppError('HOUSEHOLD_EXISTS', details);
      }
      await repo.attachFiles(tx, id, photoIds, 'survey_photo', principal.staffId, time.now);
      await recordStart(tx, hardshipWorkflow, id, {
        action: 'file',
        actor: actorOf(principal),
        parties: [],
        orgId: area.id,
        data: { channel: input.channel, regionCode: hh.regionCode, consent: input.consent === true },
        time,
      });
      const row = (await repo.findHousehold(tx, id))!;
      return { statusCode: 201, body: await presentLead(ctx, tx, principal, row) };
    },
  );
  return answer.body;
}

// ——— reading ———

async function visibleLead(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<repo.HouseholdRow> {
  const row = await repo.findHousehold(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  authorizeReadLead(principal, row);
  return row;
}

/** One household file with its photos, timeline and the caller's actions; an unmasked read is audited. */
export async function getLead(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<LeadView> {
  const row = await visibleLead(ctx, principal, id);
  const view = await presentLead(ctx, ctx.db, principal, row);
  await auditSensitiveRead(ctx, principal, [row], 'file');
  return view;
}

/** The head's full phone and ID number, for the officers and workers over the household's union; audited. */
export async function leadContact(ctx: AppContext, principal: StaffPrincipal, id: string) {
  const row = await visibleLead(ctx, principal, id);
  // The filer of a file kept above their union reads it, but not the head's identifiers: 403, not 404.
  if (!canSee(principal, row.orgPath)) throw new AppError('FORBIDDEN');
  authorizeWorkHouseholds(principal, row.orgPath);
  const secrets = (await repo.findSecrets(ctx.db, id))!;
  await audit(ctx, principal, {
    action: 'hardship_lead.pii_read',
    objectType: 'hardship_lead',
    objectId: id,
    orgId: row.orgId,
    details: { fields: ['phone', 'idNumber'] },
  });
  return {
    id,
    headName: row.headName,
    phone: ctx.pii.decrypt(secrets.phoneEnc),
    idNumber: ctx.pii.decrypt(secrets.headIdEnc),
  };
}

/** A photo or document of a household, to whoever may read its file. */
export async function householdFile(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  fileId: string,
): Promise<FileToServe> {
  await visibleLead(ctx, principal, id);
  const file = (await repo.isFileOf(ctx.db, id, fileId)) ? await readStoredFile(ctx.db, ctx.fileStorage, fileId) : null;
  if (!file) throw new AppError('NOT_FOUND');
  return file;
}

async function filterOf(
  ctx: AppContext,
  principal: StaffPrincipal,
  q: ExportLeadsQuery,
): Promise<repo.HouseholdFilter> {
  const f: repo.HouseholdFilter = {};
  if (q.mine) {
    // The caller's own leads, wherever their union lies (a volunteer follows what they filed); `orgId` narrows them.
    f.filedByStaffId = principal.staffId;
    if (q.orgId) f.scope = (await orgInScope(ctx, principal, q.orgId, () => undefined)).path;
  } else f.scope = await scopeOf(ctx, principal, q.orgId, authorizeReadAssistance);
  if (q.status) f.status = q.status;
  if (q.level) f.level = q.level;
  if (q.regionCode) f.regionPrefix = q.regionCode;
  if (q.q) {
    const upper = q.q.toUpperCase();
    if (isIdNumber(upper)) f.idHash = ctx.pii.blindIndex('id_number', upper);
    else f.name = q.q;
  }
  if (q.reviewDue) f.reviewDueBefore = new Date(ctx.clock.now().getTime() + reviewDueWindowDays * 86_400_000);
  return f;
}

/**
 * Household files of a subtree (`orgId`, default the caller's), or with `mine` those the caller filed; newest first.
 * A page showing sensitive fields is audited.
 */
export async function listLeads(ctx: AppContext, principal: StaffPrincipal, q: ListLeadsQuery) {
  const filter = await filterOf(ctx, principal, q);
  const rows = await repo.listHouseholds(ctx.db, filter, q.limit, decodeCursor(q.cursor, timeCursor));
  const page = paginate(rows, q.limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
  await auditSensitiveRead(ctx, principal, page.items, 'list');
  return { items: page.items.map((r) => presentListed(ctx, principal, r)), nextCursor: page.nextCursor };
}

const words = {
  status: hardshipStatusLabels['zh-CN'],
  level: hardshipLevelLabels['zh-CN'],
  cause: hardshipCauseLabels['zh-CN'],
  channel: hardshipChannelLabels['zh-CN'],
};

/** The list as a workbook (same filters), ID numbers and phones masked, sensitive fields as the reader may see them. */
export async function exportLeads(ctx: AppContext, principal: StaffPrincipal, q: ExportLeadsQuery) {
  const filter = await filterOf(ctx, principal, q);
  const rows: Record<string, unknown>[] = [];
  let cursor: { createdAt: string; id: string } | null = null;
  let unmasked = 0;
  for (;;) {
    const batch = await repo.listHouseholds(ctx.db, filter, 500, cursor);
    const page = batch.slice(0, 500);
    for (const r of page) {
      const sensitive = seesLeadSensitive(principal, r);
      if (sensitive) unmasked++;
      rows.push({
        filedAt: r.createdAt,
        headName: r.headName,
        idNumber: r.headIdMasked,
        phone: r.phoneMasked,
        regionCode: r.regionCode,
        address: r.address,
        size: r.size,
        income: sensitive ? r.monthlyIncomeFen : '',
        causes: sensitive ? r.causes.map((c) => words.cause[c]).join('、') : '',
        channel: words.channel[r.channel],
        org: r.orgName,
        status: words.status[r.status],
        level: r.level ? words.level[r.level] : '',
        archivedAt: r.archivedAt,
        reviewDueAt: r.status === 'archived' ? r.dueAt : null,
        filedBy: r.filedByUsername,
      });
    }
    if (batch.length <= 500) break;
    const last = page[page.length - 1]!;
    cursor = { createdAt: last.createdAt.toISOString(), id: last.id };
  }
  await audit(ctx, principal, {
    action: 'hardship_lead.export',
    objectType: 'hardship_lead',
    objectId: null,
    orgId: principal.orgId,
    // A search by ID number is kept as its masked form: the audit log holds no identifier in the clear.
    details: { rows: rows.length, unmaskedRows: unmasked, ...q, ...(filter.idHash ? { q: maskIdNumber(q.q!) } : {}) },
  });
  return workbookOf(
    '困难职工档案',
    [
      { header: '登记时间', key: 'filedAt', width: 17, kind: 'datetime' },
      { header: '户主', key: 'headName', width: 10 },
      { header: '身份证号', key: 'idNumber', width: 20 },
      { header: '手机号', key: 'phone', width: 14 },
      { header: '行政区划', key: 'regionCode', width: 10 },
      { header: '住址', key: 'address', width: 30 },
      { header: '家庭人口', key: 'size', width: 9 },
      { header: '人均月收入（元）', key: 'income', width: 14, kind: 'money' },
      { header: '致困原因', key: 'causes', width: 18 },
      { header: '发现渠道', key: 'channel', width: 10 },
      { header: '所属工会', key: 'org', width: 22 },
      { header: '状态', key: 'status', width: 12 },
      { header: '困难类别', key: 'level', width: 10 },
      { header: '建档时间', key: 'archivedAt', width: 17, kind: 'datetime' },
      { header: '复核期限', key: 'reviewDueAt', width: 17, kind: 'datetime' },
      { header: '登记人', key: 'filedBy', width: 14 },
    ],
    rows,
  );
}

// ——— the workflow ———

function noteOf(body: LeadActionBody): string | null {
  switch (body.action) {
    case 'reject':
      return body.reason;
    case 'verify':
    case 'review':
    case 'close':
    case 'reopen':
      return body.note;
    default:
      return body.note ?? null;
  }
}

/**
 * verify {note, documentIds}, archive {level} (by the regional standard), help_case_by_case, reject {reason},
 * review (yearly; may update income, size, causes and level, re-checked), close, reopen — the assistance officers over
 * the household's union. Archive and review set the next review deadline a year on.
 */
export async function actOnLead(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  body: LeadActionBody,
  idempotencyKey: string | undefined,
): Promise<LeadView> {
  const row = await visibleLead(ctx, principal, id);
  const answer = await runIdempotent(
    ctx.db,
    {
      principal: `staff:${principal.staffId}`,
      scope: 'hardship.lead.action',
      key: idempotencyKey,
      payload: { id, body },
    },
    async (tx) => {
      const time = workTime(ctx);
      const now = time.now;
      const yearly = body.action === 'archive' || body.action === 'review';
      const data: Record<string, unknown> = {};
      if (body.action === 'archive') data.level = body.level;
      if (body.action === 'review' && body.level) data.level = body.level;
      // The engine locks the row, checks the state (409) and the caller's party (403), and writes the status.
      await applyAction(tx, hardshipWorkflow, id, body.action, {
        actor: actorOf(principal),
        parties: leadPartiesOf(principal, row),
        orgId: row.orgId,
        note: noteOf(body),
        data,
        time,
        ...(yearly ? { dueAt: reviewDeadlineFrom(now) } : {}),
      });
      const current = (await repo.findHousehold(tx, id))!;
      switch (body.action) {
        case 'verify': {
          const documentIds = [...new Set(body.documentIds ?? [])];
          await checkAttachable(tx, principal, documentIds, 'documentIds');
          await repo.attachFiles(tx, id, documentIds, 'verification_document', principal.staffId, now);
          await repo.updateHousehold(tx, id, { verifiedAt: now, verificationNote: body.note, updatedAt: now });
          break;
        }
        case 'archive':
          await checkAgainstStandard(tx, current.regionCode, body.level, current.monthlyIncomeFen);
          await repo.updateHousehold(tx, id, { level: body.level, archivedAt: now, updatedAt: now });
          break;
        case 'review': {
          const level = body.level ?? current.level ?? 'deep';
          const income = body.monthlyIncomeFen ?? current.monthlyIncomeFen;
          await checkAgainstStandard(tx, current.regionCode, level, income);
          await repo.updateHousehold(tx, id, {
            level,
            monthlyIncomeFen: income,
            ...(body.size !== undefined ? { size: body.size } : {}),
            ...(body.causes !== undefined ? { causes: [...new Set(body.causes)] } : {}),
            lastReviewedAt: now,
            updatedAt: now,
          });
          break;
        }
        case 'reject':
          await repo.updateHousehold(tx, id, { rejectionReason: body.reason, updatedAt: now });
          break;
        case 'help_case_by_case':
          // Helped case by case is below the line of archiving: no level.
          await repo.updateHousehold(tx, id, { level: null, updatedAt: now });
          break;
        case 'reopen':
          await repo.updateHousehold(tx, id, { rejectionReason: null, updatedAt: now });
          break;
        case 'close':
          await repo.updateHousehold(tx, id, { updatedAt: now });
          break;
      }
      const updated = (await repo.findHousehold(tx, id))!;
      return { statusCode: 200, body: await presentLead(ctx, tx, principal, updated) };
    },
  );
  return answer.body;
}

// ——— figures ———

/**
 * The figures of a subtree (`orgId`, default the caller's): files by status, archives by level, reviews due and
 * overdue, leads awaiting verification and overdue, and each union directly below with its archives and files.
 */
export async function leadStats(
  ctx: AppContext,
  principal: StaffPrincipal,
  orgId: string | undefined,
): Promise<z.infer<typeof statsView>> {
  const org = orgId
    ? await orgInScope(ctx, principal, orgId, authorizeReadAssistance)
    : await (async () => {
        authorizeReadAssistance(principal, principal.orgPath);
        return (await findOrg(ctx.db, principal.orgId))!;
      })();
  const now = ctx.clock.now();
  const soon = new Date(now.getTime() + reviewDueWindowDays * 86_400_000);
  const [counts, reviewsOverdue, reviewsDue, verificationOverdue, children] = await Promise.all([
    repo.countsByStatusAndLevel(ctx.db, org.path),
    repo.countDueBefore(ctx.db, org.path, 'archived', now),
    repo.countDueBefore(ctx.db, org.path, 'archived', soon, now),
    repo.countDueBefore(ctx.db, org.path, 'submitted', now),
    repo.countsByChild(ctx.db, org.id),
  ]);
  const byStatus = Object.fromEntries(hardshipStates.map((s) => [s, 0])) as Record<HardshipState, number>;
  const byLevel = { deep: 0, relative: 0, accident: 0 };
  let total = 0;
  for (const c of counts) {
    byStatus[c.status] += c.n;
    total += c.n;
    if (c.status === 'archived' && c.level) byLevel[c.level] += c.n;
  }
  return {
    org: { id: org.id, name: org.name },
    total,
    byStatus,
    byLevel,
    reviewsDue,
    reviewsOverdue,
    awaitingVerification: byStatus.submitted,
    verificationOverdue,
    byChildOrg: children,
  };
}

// ——— the member's own household ———

/**
 * A member's household files: those matched to them when filed, or whose head's ID number is theirs. Only the file's
 * state, level, region and union — nothing another person entered about them.
 */
export async function myHardship(
  ctx: AppContext,
  member: WorkerPrincipal & { membership: Membership },
): Promise<z.infer<typeof myHardshipView>> {
  const idHash = await repo.memberIdHash(ctx.db, member.membership.memberId);
  const rows = await repo.householdsOfMember(ctx.db, member.membership.memberId, idHash);
  return {
    households: rows.map((r) => ({
      id: r.id,
      status: r.status,
      level: r.status === 'archived' ? r.level : null,
      regionCode: r.regionCode,
      orgName: r.orgName,
      filedAt: r.createdAt.toISOString(),
      archivedAt: r.archivedAt?.toISOString() ?? null,
      reviewDueAt: r.status === 'archived' ? (r.dueAt?.toISOString() ?? null) : null,
    })),
  };
}

/** For other parts of the module: a household file the caller may read (404/403 otherwise), with its scope. */
export async function readableHousehold(ctx: AppContext, principal: StaffPrincipal, id: string) {
  return visibleLead(ctx, principal, id);
}
