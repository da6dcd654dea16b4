import { z } from 'zod';
import { canSee, requireStaffRole } from '../../kernel/access.js';
import type { Principal, StaffPrincipal, WorkerPrincipal } from '../../kernel/auth.js';
import { shanghaiDate } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import type { Db } from '../../kernel/db/client.js';
import { AppError, validationFailed } from '../../kernel/errors.js';
import { decodeCursor, paginate } from '../../kernel/pagination.js';
import { checkUpload, readStoredFile, storeFile, withStagedFile, type FileToServe } from '../../kernel/files.js';
import { actorOf, audited, workTime } from '../../kernel/use-case.js';
import {
  applyAction,
  availableActions,
  initialColumns,
  presentTimeline,
  recordStart,
  timelineOf,
  validateDefinition,
} from '../../kernel/workflow.js';
import * as congressRepo from './congresses.repository.js';
import { congressInScope, representativeOf, requireActiveCongress } from './congresses.service.js';
import * as repo from './duties.repository.js';
import type { DutyActionBody, listDutiesQuery, myDutiesQuery, recordDutyBody } from './duties.schemas.js';
import { dutyOfficer, dutyWorkflow, type DutyAction, type DutyState } from './duties.workflow.js';
import { tellMember } from './participation.notify.js';
import { authorizeRunParticipation } from './participation.policy.js';
import { meaningOf } from './scoring.model.js';
import { lockCongressStatus } from './scoring.repository.js';
import type { ScoringModel } from './scoring.schemas.js';
import { modelOf } from './scoring.snapshot.js';

validateDefinition(dutyWorkflow);

const timeCursor = z.object({ createdAt: z.string(), id: z.uuid() });
export const maxPhotoBytes = 10 * 1024 * 1024;

const ownerOf = (principal: Principal) =>
  principal.kind === 'staff'
    ? { kind: 'staff' as const, id: principal.staffId }
    : { kind: 'worker' as const, id: principal.accountId };

function partiesOf(principal: Principal, row: repo.DutyRow): string[] {
  if (principal.kind !== 'staff') return [];
  try {
    authorizeRunParticipation(principal, row.orgPath);
    return [dutyOfficer];
  } catch {
    return [];
  }
}

function present(principal: Principal, model: ScoringModel, row: repo.DutyRow, photos: repo.PhotoRow[]) {
  const meaning = meaningOf(model, row.indicatorCode);
  return {
    id: row.id,
    congressId: row.congressId,
    representative: {
      id: row.representativeId,
      name: row.memberName,
      org: { id: row.memberOrgId, name: row.memberOrgName },
    },
    indicator: { code: row.indicatorCode, name: meaning?.name ?? null, kind: meaning?.kind ?? null },
    occurredOn: row.occurredOn,
    note: row.note,
    status: row.status,
    rejectReason: row.rejectReason,
    enteredBy: row.enteredBy,
    counts: row.status === 'confirmed' && meaning !== null,
    actions:
      row.congressStatus === 'active'
        ? (availableActions(dutyWorkflow, row.status, partiesOf(principal, row)) as DutyAction[])
        : [],
    photos,
    createdAt: row.createdAt.toISOString(),
  };
}

async function presentOne(ctx: AppContext, principal: Principal, id: string, db: Db = ctx.db) {
  const row = (await repo.findDuty(db, id))!;
  const { model } = await modelOf(db, row.congressId);
  const photos = (await repo.photosOf(db, [id])).get(id) ?? [];
  return {
    ...present(principal, model, row, photos),
    timeline: presentTimeline(await timelineOf(db, dutyWorkflow, id)),
  };
}

/** A record the caller may see: staff of the congress's subtree, or the representative it is of. Else 404. */
async function visibleDuty(ctx: AppContext, principal: Principal, id: string): Promise<repo.DutyRow> {
  const row = await repo.findDuty(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  if (principal.kind === 'staff') {
    if (!canSee(principal, row.orgPath)) throw new AppError('NOT_FOUND');
    authorizeRunParticipation(principal, row.orgPath);
  } else if (principal.membership?.memberId !== row.memberId) throw new AppError('NOT_FOUND');
  return row;
}

const noticeTitles: Record<DutyAction | 'record', string> = {
  record: '工作人员为您登记了一条履职记录',
  confirm: '您的履职记录已确认',
  reject: '您的履职记录未通过审核',
};

/**
 * Records a duty (履职记录). A representative records their own (it waits for staff: `submitted`); staff of the
 * congress record one for any of its representatives, confirmed at once (the timeline says so), and may also
 * record a bonus or penalty item. The day is within the term and not after today (Asia/Shanghai).
 */
export async function recordDuty(
  ctx: AppContext,
  principal: Principal,
  congressId: string,
  input: z.infer<typeof recordDutyBody>,
) {
  let congress: congressRepo.CongressRow;
  let representative: congressRepo.RepresentativeRow;
  if (principal.kind === 'staff') {
    congress = await congressInScope(ctx, principal, congressId);
    const found = await congressRepo.findRepresentative(ctx.db, input.representativeId);
    if (!found || found.congressId !== congressId || found.status !== 'active')
      throw validationFailed([{ path: 'representativeId', code: 'invalid', message: '' }]);
    representative = found;
  } else {
    ({ congress, representative } = await representativeOf(ctx, principal, congressId));
    if (input.representativeId !== representative.id) throw new AppError('FORBIDDEN', { reason: 'own_records_only' });
  }
  requireActiveCongress(congress);
  const { model } = await modelOf(ctx.db, congressId);
  const meaning = meaningOf(model, input.indicatorCode);
  const recordable =
    meaning !== null && (meaning.kind === 'indicator' ? meaning.source === 'duty_records' : principal.kind === 'staff');
  if (!recordable)
    throw validationFailed([
      { path: 'indicatorCode', code: meaning === null ? 'unknown_indicator' : 'not_recordable', message: '' },
    ]);
  const time = workTime(ctx);
  if (input.occurredOn < congress.termStartsOn || input.occurredOn > congress.termEndsOn)
    throw validationFailed([{ path: 'occurredOn', code: 'outside_term', message: '' }]);
  if (input.occurredOn > shanghaiDate(time.now))
    throw validationFailed([{ path: 'occurredOn', code: 'future_date', message: '' }]);

  const byStaff = principal.kind === 'staff';
  const photoIds = [...new Set(input.photoIds ?? [])];
  const id = await ctx.db.transaction(async (tx) => {
    if ((await lockCongressStatus(tx, congressId)) !== 'active') throw new AppError('CONGRESS_ARCHIVED');
    // Only the caller's own uploads may be attached.
    const owned = await repo.ownedFileIds(tx, ownerOf(principal), photoIds);
    const foreign = photoIds.findIndex((p) => !owned.has(p));
    if (foreign >= 0) throw validationFailed([{ path: `photoIds.${foreign}`, code: 'invalid', message: '' }]);
    const created = await repo.insertDuty(tx, {
      congressId,
      representativeId: representative.id,
      indicatorCode: input.indicatorCode,
      occurredOn: input.occurredOn,
      note: input.note,
      enteredBy: byStaff ? 'staff' : 'representative',
      createdAt: time.now,
      ...(initialColumns(dutyWorkflow, time) as { status: DutyState; statusChangedAt: Date; dueAt: Date | null }),
    });
    await repo.attachPhotos(tx, created, photoIds);
    const actor = actorOf(principal);
    const data = { congressId, representativeId: representative.id, indicatorCode: input.indicatorCode };
    await recordStart(tx, dutyWorkflow, created, {
      action: byStaff ? 'record' : 'submit',
      actor,
      parties: byStaff ? [dutyOfficer] : [],
      orgId: congress.orgId,
      data,
      time,
    });
    if (byStaff) {
      await applyAction(tx, dutyWorkflow, created, 'confirm', {
        actor,
        parties: [dutyOfficer],
        orgId: congress.orgId,
        note: '工作人员录入，直接确认',
        data: { enteredByStaff: true },
        time,
      });
      await tellMember(tx, representative.memberId, {
        title: noticeTitles.record,
        body: `${meaning.name}（${input.occurredOn}）`,
        link: `/duties?congressId=${congressId}`,
      });
    }
    return created;
  });
  return presentOne(ctx, principal, id);
}

/** Staff confirm a submitted record (it counts) or reject it with a reason; the representative is told. */
export async function actOnDuty(ctx: AppContext, principal: Principal, id: string, body: DutyActionBody) {
  const row = await visibleDuty(ctx, principal, id);
  if (row.congressStatus !== 'active') throw new AppError('CONGRESS_ARCHIVED');
  const { model } = await modelOf(ctx.db, row.congressId);
  const time = workTime(ctx);
  await ctx.db.transaction(async (tx) => {
    if ((await lockCongressStatus(tx, row.congressId)) !== 'active') throw new AppError('CONGRESS_ARCHIVED');
    const reason = body.action === 'reject' ? body.reason : (body.note ?? null);
    await applyAction(tx, dutyWorkflow, id, body.action, {
      actor: actorOf(principal),
      parties: partiesOf(principal, row),
      orgId: row.congressOrgId,
      note: reason,
      time,
    });
    if (body.action === 'reject') await repo.setRejectReason(tx, id, body.reason);
    const name = meaningOf(model, row.indicatorCode)?.name ?? row.indicatorCode;
    await tellMember(tx, row.memberId, {
      title: noticeTitles[body.action],
      body: `${name}（${row.occurredOn}）${body.action === 'reject' ? `：${body.reason}` : ''}`,
      link: `/duties?congressId=${row.congressId}`,
    });
  });
  return presentOne(ctx, principal, id);
}

export async function getDuty(ctx: AppContext, principal: Principal, id: string) {
  await visibleDuty(ctx, principal, id);
  return presentOne(ctx, principal, id);
}

async function page(
  ctx: AppContext,
  principal: Principal,
  congressId: string,
  f: Omit<Parameters<typeof repo.listDuties>[1], 'congressId'>,
  q: { limit: number; cursor?: string | undefined },
) {
  const rows = await repo.listDuties(ctx.db, { congressId, ...f }, q.limit, decodeCursor(q.cursor, timeCursor));
  const { model } = await modelOf(ctx.db, congressId);
  const p = paginate(rows, q.limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
  // One query for the page's photos, not one per record.
  const photos = await repo.photosOf(
    ctx.db,
    p.items.map((r) => r.id),
  );
  return {
    items: p.items.map((r) => present(principal, model, r, photos.get(r.id) ?? [])),
    nextCursor: p.nextCursor,
  };
}

/** The congress's duty records, newest first (staff: the queue is `status=submitted`). */
export async function listDuties(
  ctx: AppContext,
  principal: StaffPrincipal,
  congressId: string,
  q: z.infer<typeof listDutiesQuery>,
) {
  await congressInScope(ctx, principal, congressId);
  return page(
    ctx,
    principal,
    congressId,
    { representativeId: q.representativeId, status: q.status, indicatorCode: q.indicatorCode },
    q,
  );
}

/** The signed-in representative's own records in a congress, newest first. */
export async function listMyDuties(ctx: AppContext, principal: WorkerPrincipal, q: z.infer<typeof myDutiesQuery>) {
  const { representative } = await representativeOf(ctx, principal, q.congressId);
  return page(ctx, principal, q.congressId, { representativeId: representative.id }, q);
}

/** A photo of a duty (PNG or JPEG, re-encoded without its metadata), uploaded before the record that cites it. */
export async function uploadDutyPhoto(
  ctx: AppContext,
  principal: Principal,
  readUpload: () => Promise<{ fileName: string; bytes: Buffer }>,
) {
  // Who may record duties at all, before a byte is read: a member (a representative records their own), or staff
  // with the participation role.
  if (principal.kind === 'worker' && !principal.membership) throw new AppError('MEMBERSHIP_REQUIRED');
  if (principal.kind === 'staff') requireStaffRole(principal, ['participation_officer']);
  const upload = await checkUpload(await readUpload(), { allowed: ['png', 'jpeg'], maxBytes: maxPhotoBytes });
  const owner = ownerOf(principal);
  const file = await withStagedFile(ctx.fileStorage, upload, (staged) =>
    audited(
      ctx,
      principal,
      (tx) => storeFile(tx, staged, { ownerKind: owner.kind, ownerId: owner.id }),
      (stored) => ({
        action: 'file.upload',
        objectType: 'file',
        objectId: stored.id,
        details: { mediaType: stored.mediaType, sizeBytes: stored.sizeBytes, for: 'duty_record' },
      }),
    ),
  );
  return { id: file.id, fileName: file.fileName, mediaType: file.mediaType, sizeBytes: file.sizeBytes };
}

/** One photo of a record, to whoever may see the record (staff of the congress, the representative). */
export async function dutyPhoto(
  ctx: AppContext,
  principal: Principal,
  dutyId: string,
  fileId: string,
): Promise<FileToServe> {
  await visibleDuty(ctx, principal, dutyId);
  const file = (await repo.isPhotoOf(ctx.db, dutyId, fileId))
    ? await readStoredFile(ctx.db, ctx.fileStorage, fileId)
    : null;
  if (!file) throw new AppError('NOT_FOUND');
  return file;
}
