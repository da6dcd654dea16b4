import { z } from 'zod';
import { visitSubjectLabels, visitSubjects } from '../../../../shared/labels.js';
import { canSee, holdsAnyRole, requireStaffRole } from '../../kernel/access.js';
import type { StaffPrincipal } from '../../kernel/auth.js';
import { shanghaiDate } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import type { Db } from '../../kernel/db/client.js';
import { AppError, validationFailed } from '../../kernel/errors.js';
import { readStoredFile, type FileToServe } from '../../kernel/files.js';
import { runIdempotent } from '../../kernel/idempotency.js';
import { isWithin } from '../../kernel/org-tree.js';
import { decodeCursor, everyPage, paginate } from '../../kernel/pagination.js';
import { audit, auditIn, orgInScope, scopeOf } from '../../kernel/use-case.js';
import { workbookOf } from '../../kernel/xlsx.js';
import { authorizeReadAssistance, authorizeWorkHouseholds } from './hardship.policy.js';
import { authorizeReadLead, mayReadLead, seesLeadSensitive } from './leads.policy.js';
import * as repo from './visits.repository.js';
import type {
  ListVisitsQuery,
  RecordVisitBody,
  VisitCounts,
  VisitFilters,
  VisitView,
  visitStatsQuery,
} from './visits.schemas.js';

/**
 * 走访: visits by cadres and volunteers to a household, platform workers or a work site. A visit counts for a union
 * (the household's, or the one the visitors name in their subtree); that union's subtree reads it, its officers and
 * workers mark its follow-up done, and the cockpit counts it per child union.
 *
 * A household visit may be recorded by any assistance worker or officer of the federation who holds the household's
 * id — in their subtree, filed by them, or given to them by a 409 HOUSEHOLD_EXISTS when they tried to file it again —
 * so what a worker finds in the field is never lost for want of territory. Such a visitor from outside learns nothing
 * more of the file than the 409 told them (its id and status): not the head's name, not its union, not what the
 * union did since; the visit counts for the household's union and is audited as a visit from outside.
 */

const workerRoles = ['assistance_officer', 'assistance_worker'] as const;
const visitCursor = z.object({ visitedOn: z.iso.date(), createdAt: z.string(), id: z.uuid() });

/** The household of a household visit, as the lead rules see it (leads.policy). */
const householdOf = (row: repo.VisitRow) =>
  row.householdId === null ? null : { orgPath: row.householdOrgPath!, filedByStaffId: row.householdFiledBy! };

/**
 * Findings of a household visit are sensitive like the file's note (health, debts): shown to those who see the
 * file's sensitive fields (officers and workers over its union, its filer) and to the visit's author.
 */
function seesFindings(principal: StaffPrincipal, row: repo.VisitRow): boolean {
  const household = householdOf(row);
  return household === null || row.recordedBy === principal.staffId || seesLeadSensitive(principal, household);
}

function present(principal: StaffPrincipal, row: repo.VisitRow, photos: repo.PhotoRow[]): VisitView {
  const inScope = canSee(principal, row.orgPath);
  const household = householdOf(row);
  const visible = household !== null && mayReadLead(principal, household);
  const sees = seesFindings(principal, row);
  const followUpOpen = row.followUp !== null && row.followUpDoneAt === null;
  return {
    id: row.id,
    subject: row.subject,
    // A visitor from outside the household's subtree is not told which union keeps its file.
    org: row.subject !== 'household' || inScope || visible ? { id: row.orgId, name: row.orgName } : null,
    household:
      row.householdId === null
        ? null
        : {
            id: row.householdId,
            status: row.householdStatus!,
            headName: visible ? row.headName : null,
            visible,
          },
    place: row.place,
    visitedOn: row.visitedOn,
    visitors: row.visitors,
    peopleReached: row.peopleReached,
    findings: sees ? row.findings : null,
    followUp: sees ? row.followUp : null,
    followUpOpen,
    followUpDone: row.followUpDoneAt
      ? {
          at: row.followUpDoneAt.toISOString(),
          by: inScope ? row.followUpDoneBy : null,
          note: sees && inScope ? row.followUpDoneNote : null,
        }
      : null,
    sensitiveMasked: !sees,
    photos: sees ? photos : [],
    recordedBy: {
      staffId: row.recordedBy,
      username: row.recorderUsername,
      org: { id: row.recorderOrgId, name: row.recorderOrgName },
    },
    createdAt: row.createdAt.toISOString(),
    actions: followUpOpen && inScope && holdsAnyRole(principal, workerRoles) ? ['follow_up_done'] : [],
  };
}

/** Audits the household findings a read shows (every read of sensitive data is recorded). */
async function auditFindingsRead(ctx: AppContext, principal: StaffPrincipal, shown: VisitView[], orgId: string) {
  const ids = shown.filter((v) => v.subject === 'household' && !v.sensitiveMasked).map((v) => v.id);
  if (ids.length === 0) return;
  await audit(ctx, principal, {
    action: 'hardship_visit.read',
    objectType: 'hardship_visit',
    objectId: ids.length === 1 ? ids[0]! : null,
    orgId,
    details: { visitIds: ids },
  });
}

/**
 * A visit the caller may read: one counted for a union of their subtree (with a reading role), one they recorded, or
 * one of a household they filed. Else 404.
 */
async function readableVisit(ctx: AppContext, principal: StaffPrincipal, id: string, db: Db = ctx.db) {
  const row = await repo.findVisit(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  if (canSee(principal, row.orgPath)) authorizeReadAssistance(principal, row.orgPath);
  else if (row.recordedBy !== principal.staffId && row.householdFiledBy !== principal.staffId)
    throw new AppError('NOT_FOUND');
  return row;
}

/**
 * Records a visit (assistance workers and officers; Idempotency-Key). A household visit counts for the household's
 * union (see the module note for who may add one); any other counts for `orgId`, a union of the caller's subtree
 * (default their own). The day is not after today (Asia/Shanghai).
 */
export async function recordVisit(
  ctx: AppContext,
  principal: StaffPrincipal,
  input: RecordVisitBody,
  idempotencyKey: string | undefined,
) {
  requireStaffRole(principal, workerRoles);
  const now = ctx.clock.now();
  if (input.visitedOn > shanghaiDate(now))
    throw validationFailed([{ path: 'visitedOn', code: 'future_date', message: '' }]);
  let orgId: string;
  let fromOutside = false;
  if (input.subject === 'household') {
    const household = await repo.findHousehold(ctx.db, input.householdId!);
    if (!household) throw new AppError('NOT_FOUND');
    orgId = household.orgId;
    fromOutside = !canSee(principal, household.orgPath);
  } else {
    orgId = (await orgInScope(ctx, principal, input.orgId ?? principal.orgId, authorizeWorkHouseholds)).id;
  }
  const photoIds = [...new Set(input.photoIds ?? [])];
  const answer = await runIdempotent(
    ctx.db,
    { principal: `staff:${principal.staffId}`, scope: 'hardship_visit.record', key: idempotencyKey, payload: input },
    async (tx) => {
      // Only the caller's own uploads that no household or visit holds yet.
      const attachable = await repo.attachableFileIds(tx, principal.staffId, photoIds);
      const foreign = photoIds.findIndex((p) => !attachable.has(p));
      if (foreign >= 0) throw validationFailed([{ path: `photoIds.${foreign}`, code: 'invalid', message: '' }]);
      const id = await repo.insertVisit(tx, {
        orgId,
        subject: input.subject,
        householdId: input.householdId ?? null,
        place: input.place ?? null,
        visitedOn: input.visitedOn,
        visitors: input.visitors,
        peopleReached: input.peopleReached ?? null,
        findings: input.findings,
        followUp: input.followUp ?? null,
        recordedBy: principal.staffId,
        createdAt: now,
      });
      await repo.attachPhotos(tx, id, photoIds);
      await auditIn(ctx, tx, principal, {
        action: 'hardship_visit.record',
        objectType: 'hardship_visit',
        objectId: id,
        orgId,
        details: {
          subject: input.subject,
          householdId: input.householdId ?? null,
          fromOutside,
          photos: photoIds.length,
        },
      });
      return { statusCode: 201, body: await presentOne(tx, principal, id) };
    },
  );
  return answer.body;
}

async function presentOne(db: Db, principal: StaffPrincipal, id: string): Promise<VisitView> {
  const row = (await repo.findVisit(db, id))!;
  return present(principal, row, (await repo.photosOf(db, [id])).get(id) ?? []);
}

export async function getVisit(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<VisitView> {
  const row = await readableVisit(ctx, principal, id);
  const view = present(principal, row, (await repo.photosOf(ctx.db, [id])).get(id) ?? []);
  await auditFindingsRead(ctx, principal, [view], row.orgId);
  return view;
}

/** Marks a visit's follow-up done (officers and workers over the visit's union): 409 when none is open. */
export async function markFollowUpDone(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  body: { note?: string | undefined },
): Promise<VisitView> {
  const row = await readableVisit(ctx, principal, id);
  // Its author from outside may read it, but the follow-up is the union's to do.
  if (!canSee(principal, row.orgPath)) throw new AppError('FORBIDDEN');
  authorizeWorkHouseholds(principal, row.orgPath);
  const at = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    if (!(await repo.markFollowUpDone(tx, id, principal.staffId, body.note ?? null, at)))
      throw new AppError('INVALID_TRANSITION', { reason: row.followUp === null ? 'no_follow_up' : 'already_done' });
    await auditIn(ctx, tx, principal, {
      action: 'hardship_visit.follow_up_done',
      objectType: 'hardship_visit',
      objectId: id,
      orgId: row.orgId,
      details: { note: body.note ?? null },
    });
  });
  return presentOne(ctx.db, principal, id);
}

/** One photo of a visit, to whoever may read the visit and, for a household's, its findings. Else 404. */
export async function visitPhoto(
  ctx: AppContext,
  principal: StaffPrincipal,
  visitId: string,
  fileId: string,
): Promise<FileToServe> {
  const row = await readableVisit(ctx, principal, visitId);
  const file =
    seesFindings(principal, row) && (await repo.isPhotoOf(ctx.db, visitId, fileId))
      ? await readStoredFile(ctx.db, ctx.fileStorage, fileId)
      : null;
  if (!file) throw new AppError('NOT_FOUND');
  return file;
}

function checkPeriod(from: string | undefined, to: string | undefined) {
  if (from && to && to < from) throw validationFailed([{ path: 'to', code: 'invalid', message: '' }]);
}

/** The filter a list or export runs with: one household's visits (a file the caller may open), or a subtree's. */
async function filterOf(ctx: AppContext, principal: StaffPrincipal, q: VisitFilters): Promise<repo.VisitFilter> {
  checkPeriod(q.from, q.to);
  let scope: string | null;
  if (q.householdId) {
    const household = await repo.findHousehold(ctx.db, q.householdId);
    if (!household) throw new AppError('NOT_FOUND');
    authorizeReadLead(principal, household);
    scope = q.orgId ? await scopeOf(ctx, principal, q.orgId, authorizeReadAssistance) : null;
  } else scope = await scopeOf(ctx, principal, q.orgId, authorizeReadAssistance);
  return {
    scope,
    subject: q.subject,
    householdId: q.householdId,
    from: q.from,
    to: q.to,
    followUpOpen: q.followUpOpen === undefined ? undefined : q.followUpOpen === 'true',
  };
}

async function page(ctx: AppContext, principal: StaffPrincipal, f: repo.VisitFilter, limit: number, cursor?: string) {
  const rows = await repo.listVisits(ctx.db, f, limit, decodeCursor(cursor, visitCursor));
  const p = paginate(rows, limit, (r) => ({ visitedOn: r.visitedOn, createdAt: r.createdAt.toISOString(), id: r.id }));
  // One query for the page's photos, not one per visit.
  const photos = await repo.photosOf(
    ctx.db,
    p.items.map((r) => r.id),
  );
  return { items: p.items.map((r) => present(principal, r, photos.get(r.id) ?? [])), nextCursor: p.nextCursor };
}

/** Visits of a subtree (or of one household), newest visit first. */
export async function listVisits(ctx: AppContext, principal: StaffPrincipal, q: ListVisitsQuery) {
  const result = await page(ctx, principal, await filterOf(ctx, principal, q), q.limit, q.cursor);
  await auditFindingsRead(ctx, principal, result.items, principal.orgId);
  return result;
}

const subjectWords = visitSubjectLabels['zh-CN'];
const withheld = '（无权查看）';

/** The visit log as Excel, with the list's filters; audited. */
export async function exportVisits(ctx: AppContext, principal: StaffPrincipal, q: VisitFilters) {
  const f = await filterOf(ctx, principal, q);
  const rows = await everyPage(
    (cursor) => page(ctx, principal, f, 100, cursor),
    (v) => ({
      visitedOn: v.visitedOn,
      subject: subjectWords[v.subject],
      org: v.org?.name ?? '',
      object: v.household ? (v.household.headName ?? v.household.id) : (v.place ?? ''),
      visitors: v.visitors.join('、'),
      peopleReached: v.peopleReached,
      findings: v.findings ?? withheld,
      followUp: v.sensitiveMasked ? withheld : (v.followUp ?? ''),
      followUpDoneAt: v.followUpDone?.at ?? null,
      recordedBy: `${v.recordedBy.username}（${v.recordedBy.org.name}）`,
    }),
  );
  await audit(ctx, principal, {
    action: 'hardship_visit.export',
    objectType: 'hardship_visit',
    objectId: null,
    orgId: principal.orgId,
    details: { rows: rows.length, ...q },
  });
  return workbookOf(
    '走访台账',
    [
      { header: '走访日期', key: 'visitedOn', width: 12, kind: 'date' },
      { header: '走访对象', key: 'subject', width: 16 },
      { header: '所属工会', key: 'org', width: 22 },
      { header: '户主/地点', key: 'object', width: 24 },
      { header: '走访人员', key: 'visitors', width: 24 },
      { header: '覆盖人数', key: 'peopleReached', width: 10 },
      { header: '走访情况', key: 'findings', width: 50 },
      { header: '后续跟进', key: 'followUp', width: 40 },
      { header: '跟进完成时间', key: 'followUpDoneAt', width: 17, kind: 'datetime' },
      { header: '录入人', key: 'recordedBy', width: 24 },
    ],
    rows,
  );
}

function emptyCounts(): VisitCounts {
  return {
    visits: 0,
    bySubject: Object.fromEntries(visitSubjects.map((s) => [s, 0])) as VisitCounts['bySubject'],
    peopleReached: 0,
    followUpsOpen: 0,
  };
}

function add(
  into: VisitCounts,
  row: { subject: (typeof visitSubjects)[number]; visits: number; peopleReached: number; followUpsOpen: number },
) {
  into.visits += row.visits;
  into.bySubject[row.subject] += row.visits;
  into.peopleReached += row.peopleReached;
  into.followUpsOpen += row.followUpsOpen;
}

/**
 * The cockpit's counts (leaders read them too): per child union of `orgId` (each with its subtree), the union's own,
 * and the total — visits by subject, people reached, follow-ups open — over visit days `from`..`to`.
 */
export async function visitStats(ctx: AppContext, principal: StaffPrincipal, q: z.infer<typeof visitStatsQuery>) {
  checkPeriod(q.from, q.to);
  const org = await orgInScope(ctx, principal, q.orgId ?? principal.orgId, authorizeReadAssistance);
  const [children, rows] = await Promise.all([
    repo.childrenOf(ctx.db, org.id),
    repo.countsByOrg(ctx.db, org.path, q.from, q.to),
  ]);
  const own = emptyCounts();
  const total = emptyCounts();
  const perChild = children.map((c) => ({
    id: c.id,
    name: c.name,
    hasChildren: c.below > 0,
    counts: emptyCounts(),
    path: c.path,
  }));
  for (const row of rows) {
    add(total, row);
    add(perChild.find((c) => isWithin(row.orgPath, c.path))?.counts ?? own, row);
  }
  return {
    org: { id: org.id, name: org.name },
    from: q.from ?? null,
    to: q.to ?? null,
    own,
    children: perChild.map((c) => ({ id: c.id, name: c.name, hasChildren: c.hasChildren, counts: c.counts })),
    total,
  };
}
