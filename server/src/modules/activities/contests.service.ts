import crypto from 'node:crypto';
import { z } from 'zod';
import { canSee, holdsAnyRole, requireStaffRole } from '../../kernel/access.js';
import type { Membership, Principal, StaffPrincipal, WorkerPrincipal } from '../../kernel/auth.js';
import type { AppContext } from '../../kernel/context.js';
import type { Db } from '../../kernel/db/client.js';
import { AppError, validationFailed } from '../../kernel/errors.js';
import {
  checkUpload,
  readStoredFile,
  storeFile,
  withStagedFile,
  type FileKind,
  type FileToServe,
} from '../../kernel/files.js';
import { runIdempotent } from '../../kernel/idempotency.js';
import { notify } from '../../kernel/notifications.js';
import { findOrg, isWithin } from '../../kernel/org-tree.js';
import { decodeCursor, paginate } from '../../kernel/pagination.js';
import { audit, audited, auditIn, inScope, orgInScope, scopeOf } from '../../kernel/use-case.js';
import { workbookOf, type ColumnSpec } from '../../kernel/xlsx.js';
import { authorizeReadActivities, authorizeRunActivities } from './activities.policy.js';
import * as repo from './contests.repository.js';
import type {
  AwardBody,
  BlindEntryView,
  CreateContestBody,
  EntryView,
  RankingRow,
  ScoreBody,
  SubmitEntryBody,
} from './contests.schemas.js';
import { conflicts, finalScore, planAssignments, ranks, rounded, trimFrom, weightedTotal } from './contests.scoring.js';
import { contestAwards, type ContestAward } from './contests.tables.js';

/**
 * Innovation contests (五小: 小发明 小创造 小革新 小设计 小建议; 云创客) submitted and judged online (网报网评).
 *
 * A union's activity officers create a contest (categories, a rubric), members of its subtree enter it (alone or for a
 * team, with documents and photos; staff may enter a workplace's team), officers name judges (staff holding the judge
 * role in the contest's subtree) and assign them: that gives every entry `judgesPerEntry` judges (3 at least), none
 * from the entry's own organisation (回避, contests.scoring.ts `conflicts`), and opens judging. Judges read their
 * entries blind — no entrant's name, team, union or file names — and score each criterion; they may replace their
 * scores until the officers close judging. The ranking averages the judges' weighted totals (dropping the highest
 * and lowest with five judges or more); officers give awards (by hand or tiers by rank), each with a certificate
 * anyone can verify by its code.
 */

type Member = WorkerPrincipal & { membership: Membership };

const timeCursor = z.object({ createdAt: z.string(), id: z.uuid() });

/** What an entry may carry: phone photos and scanned or written documents. */
export const contestFileKinds: readonly FileKind[] = ['png', 'jpeg', 'pdf'];
export const maxContestFileBytes = 10 * 1024 * 1024;

const awardWords: Record<ContestAward, string> = {
  first: '一等奖',
  second: '二等奖',
  third: '三等奖',
  excellence: '优秀奖',
};

function labelOf(categories: { key: string; label: string }[], key: string): string {
  return categories.find((c) => c.key === key)?.label ?? key;
}

function principalKey(principal: Principal): string {
  return principal.kind === 'worker' ? `worker:${principal.accountId}` : `staff:${principal.staffId}`;
}

function acceptingEntries(row: repo.ContestRow, now: Date): boolean {
  return (
    row.status === 'open' &&
    (row.submissionsOpenAt === null || row.submissionsOpenAt <= now) &&
    (row.submissionsCloseAt === null || now < row.submissionsCloseAt)
  );
}

function presentContest(row: repo.ContestRow, now: Date) {
  return {
    id: row.id,
    org: { id: row.orgId, name: row.orgName },
    title: row.title,
    description: row.description,
    categories: row.categories,
    rubric: row.rubric,
    judgesPerEntry: row.judgesPerEntry,
    submissionsOpenAt: row.submissionsOpenAt?.toISOString() ?? null,
    submissionsCloseAt: row.submissionsCloseAt?.toISOString() ?? null,
    status: row.status,
    acceptingEntries: acceptingEntries(row, now),
    entryCount: row.entryCount,
    judgeCount: row.judgeCount,
    createdAt: row.createdAt.toISOString(),
  };
}

// ——— contests ———

/** An activity officer over `orgId` creates a contest, open for entries (within its window). */
export async function createContest(ctx: AppContext, principal: StaffPrincipal, input: CreateContestBody) {
  const org = await orgInScope(ctx, principal, input.orgId ?? principal.orgId, authorizeRunActivities);
  const now = ctx.clock.now();
  const id = await audited(
    ctx,
    principal,
    (tx) =>
      repo.insertContest(tx, {
        orgId: org.id,
        title: input.title,
        description: input.description ? input.description : null,
        categories: input.categories,
        rubric: input.rubric,
        judgesPerEntry: input.judgesPerEntry,
        submissionsOpenAt: input.submissionsOpenAt ? new Date(input.submissionsOpenAt) : null,
        submissionsCloseAt: input.submissionsCloseAt ? new Date(input.submissionsCloseAt) : null,
        status: 'open',
        createdBy: principal.staffId,
        createdAt: now,
      }),
    (contestId) => ({
      action: 'contest.create',
      objectType: 'contest',
      objectId: contestId,
      orgId: org.id,
      details: { title: input.title, judgesPerEntry: input.judgesPerEntry },
    }),
  );
  return presentContest((await repo.findContest(ctx.db, id))!, now);
}

/** The contest to staff over it: 404 outside their subtree, then `authorize` (403). */
async function contestFor(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  authorize: typeof authorizeRunActivities,
): Promise<repo.ContestRow> {
  return inScope(await repo.findContest(ctx.db, id), principal, authorize);
}

/**
 * Whether the caller judges the contest while it is being decided: staff who also run or read it (officer, leader)
 * must not see who entered, nor other judges' scores, until judging closes — it would unblind what they score.
 */
async function judgesUndecided(ctx: AppContext, principal: StaffPrincipal, contest: { id: string; status: string }) {
  return contest.status !== 'closed' && (await repo.isJudgeOf(ctx.db, contest.id, principal.staffId));
}

/** The contest for reading its entrants and scores (officers, leaders): 409 JUDGE_OF_CONTEST for its own judges. */
async function contestForEntrants(ctx: AppContext, principal: StaffPrincipal, id: string) {
  const contest = await contestFor(ctx, principal, id, authorizeReadActivities);
  if (await judgesUndecided(ctx, principal, contest)) throw new AppError('JUDGE_OF_CONTEST');
  return contest;
}

/** Staff: contests of their subtree (or `orgId`'s), newest first. */
export async function listContests(
  ctx: AppContext,
  principal: StaffPrincipal,
  q: { orgId?: string | undefined; limit: number; cursor?: string | undefined },
) {
  const scope = await scopeOf(ctx, principal, q.orgId, authorizeReadActivities);
  const rows = await repo.listContests(ctx.db, { scope }, q.limit, decodeCursor(q.cursor, timeCursor));
  const page = paginate(rows, q.limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
  const now = ctx.clock.now();
  return { items: page.items.map((r) => presentContest(r, now)), nextCursor: page.nextCursor };
}

/** Members: the contests their union may enter (run by it or a union above it), newest first. */
export async function myContests(ctx: AppContext, member: Member, q: { limit: number; cursor?: string | undefined }) {
  const rows = await repo.listContests(
    ctx.db,
    { forOrgPath: member.membership.orgPath },
    q.limit,
    decodeCursor(q.cursor, timeCursor),
  );
  const page = paginate(rows, q.limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
  const now = ctx.clock.now();
  return { items: page.items.map((r) => presentContest(r, now)), nextCursor: page.nextCursor };
}

/** A contest: to its subtree's officers and leaders, and to members who may enter it. */
export async function getContest(ctx: AppContext, principal: Principal, id: string) {
  const row = await repo.findContest(ctx.db, id);
  if (principal.kind === 'staff')
    return presentContest(inScope(row, principal, authorizeReadActivities), ctx.clock.now());
  if (!principal.membership) throw new AppError('MEMBERSHIP_REQUIRED');
  if (!row || !isWithin(principal.membership.orgPath, row.orgPath)) throw new AppError('NOT_FOUND');
  return presentContest(row, ctx.clock.now());
}

// ——— files and entries ———

/**
 * One document or photo for an entry, stored as its uploader's (a member, or an officer entering a workplace) and
 * attached later by id. The type is sniffed, images are re-encoded (no EXIF: no camera owner, no place).
 */
export async function uploadContestFile(
  ctx: AppContext,
  principal: Principal,
  readUpload: () => Promise<{ fileName: string; bytes: Buffer }>,
) {
  if (principal.kind === 'worker' && !principal.membership) throw new AppError('MEMBERSHIP_REQUIRED');
  if (principal.kind === 'staff') requireStaffRole(principal, ['activity_officer']);
  const upload = await checkUpload(await readUpload(), { allowed: contestFileKinds, maxBytes: maxContestFileBytes });
  const file = await withStagedFile(ctx.fileStorage, upload, (staged) =>
    audited(
      ctx,
      principal,
      (tx) => storeFile(tx, staged, ownerOf(principal)),
      (stored) => ({
        action: 'file.upload',
        objectType: 'file',
        objectId: stored.id,
        details: { purpose: 'contest_entry', mediaType: stored.mediaType, sizeBytes: stored.sizeBytes },
      }),
    ),
  );
  return { id: file.id, fileName: file.fileName, mediaType: file.mediaType, sizeBytes: file.sizeBytes };
}

function ownerOf(principal: Principal) {
  return principal.kind === 'worker'
    ? { ownerKind: 'worker', ownerId: principal.accountId }
    : { ownerKind: 'staff', ownerId: principal.staffId };
}

function presentEntry(row: repo.EntryRow, files: repo.FileRow[], judges?: repo.AssignmentRow[]): EntryView {
  return {
    id: row.id,
    contest: { id: row.contestId, title: row.contestTitle, status: row.contestStatus },
    title: row.title,
    category: row.category,
    categoryLabel: labelOf(row.categories, row.category),
    description: row.description,
    entrant: {
      name: row.entrantName,
      teamName: row.teamName,
      teamMembers: row.teamMembers,
      org: { id: row.orgId, name: row.orgName },
      memberId: row.memberId,
    },
    files,
    award: row.award,
    certificateCode: row.award ? row.certificateCode : null,
    ...(judges
      ? {
          judges: judges.map((j) => ({
            judge: { staffId: j.judgeStaffId, username: j.username, org: { id: j.judgeOrgId, name: j.judgeOrgName } },
            scores: j.scores,
            total: j.total === null ? null : rounded(j.total),
            comment: j.comment,
            scoredAt: j.scoredAt?.toISOString() ?? null,
          })),
        }
      : {}),
    createdAt: row.createdAt.toISOString(),
  };
}

/** What a judge reads: the work, never who made it (no names, team, member id, union, or uploaded file names). */
function presentBlind(
  row: repo.EntryRow,
  files: repo.FileRow[],
  mine: NonNullable<Awaited<ReturnType<typeof repo.findAssignment>>>,
): BlindEntryView {
  return {
    id: row.id,
    contest: { id: row.contestId, title: row.contestTitle, status: row.contestStatus, rubric: row.rubric },
    title: row.title,
    category: row.category,
    categoryLabel: labelOf(row.categories, row.category),
    description: row.description,
    files: files.map((f, i) => ({
      id: f.id,
      label: neutralName(i, f.mediaType),
      mediaType: f.mediaType,
      sizeBytes: f.sizeBytes,
    })),
    myScores: mine.scores,
    myTotal: mine.total === null ? null : rounded(mine.total),
    myComment: mine.comment,
    scoredAt: mine.scoredAt?.toISOString() ?? null,
    mayScore: row.contestStatus === 'judging',
  };
}

const extensions: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'application/pdf': 'pdf' };

/** 附件1.pdf: the name a judge sees and downloads a file under. */
function neutralName(index: number, mediaType: string): string {
  return `附件${index + 1}.${extensions[mediaType] ?? 'bin'}`;
}

/**
 * An entry. A member enters for themself (their union is the entry's; a team entry names the team and its other
 * members); an activity officer over the contest may enter a workplace's team (`orgId` in the contest's subtree,
 * `entrantName`). The contest must take entries (409 ACTIVITY_NOT_OPEN), the category be one of its keys, the files
 * the caller's own uploads not attached elsewhere (400). A retry with the same Idempotency-Key gets the first answer.
 */
export async function submitEntry(
  ctx: AppContext,
  principal: Principal,
  contestId: string,
  input: SubmitEntryBody,
  idempotencyKey: string | undefined,
) {
  const contest = await repo.findContest(ctx.db, contestId);
  let entrant: {
    orgId: string;
    memberId: string | null;
    accountId: string | null;
    staffId: string | null;
    name: string;
  };
  if (principal.kind === 'worker') {
    if (!principal.membership) throw new AppError('MEMBERSHIP_REQUIRED');
    const m = principal.membership;
    if (!contest || !isWithin(m.orgPath, contest.orgPath)) throw new AppError('NOT_FOUND');
    const staffOnly = (['orgId', 'entrantName'] as const).filter((k) => input[k] !== undefined);
    if (staffOnly.length > 0)
      throw validationFailed(staffOnly.map((k) => ({ path: k, code: 'not_for_members', message: '' })));
    entrant = { orgId: m.orgId, memberId: m.memberId, accountId: principal.accountId, staffId: null, name: m.name };
  } else {
    const row = inScope(contest, principal, authorizeRunActivities);
    const missing = (['orgId', 'entrantName'] as const).filter((k) => input[k] === undefined);
    if (missing.length > 0) throw validationFailed(missing.map((k) => ({ path: k, code: 'required', message: '' })));
    const org = await findOrg(ctx.db, input.orgId!);
    if (!org || !isWithin(org.path, row.orgPath) || !canSee(principal, org.path))
      throw validationFailed([{ path: 'orgId', code: 'not_in_scope', message: '' }]);
    entrant = { orgId: org.id, memberId: null, accountId: null, staffId: principal.staffId, name: input.entrantName! };
  }
  const row = contest!;
  // A category is named by its key, or by its label (a client that created the contest with labels alone).
  const category = row.categories.find((c) => c.key === input.category || c.label === input.category)?.key;
  if (!category) throw validationFailed([{ path: 'category', code: 'invalid_value', message: '' }]);
  const fileIds = input.fileIds ?? [];
  const answer = await runIdempotent(
    ctx.db,
    { principal: principalKey(principal), scope: 'contest.entry', key: idempotencyKey, payload: { contestId, input } },
    async (tx) => {
      const status = await repo.lockContest(tx, contestId);
      const now = ctx.clock.now();
      if (!acceptingEntries({ ...row, status: status! }, now)) throw new AppError('ACTIVITY_NOT_OPEN');
      const attachable = await repo.attachableFileIds(tx, ownerOf(principal), fileIds);
      const bad = fileIds.findIndex((id) => !attachable.has(id));
      if (bad >= 0) throw validationFailed([{ path: `fileIds.${bad}`, code: 'invalid', message: '' }]);
      const id = await repo.insertEntry(tx, {
        contestId,
        orgId: entrant.orgId,
        memberId: entrant.memberId,
        accountId: entrant.accountId,
        enteredByStaffId: entrant.staffId,
        entrantName: entrant.name,
        teamName: input.teamName ?? null,
        teamMembers: input.teamMembers ?? [],
        title: input.title,
        category,
        description: input.description,
        createdAt: now,
      });
      await repo.attachFiles(tx, id, fileIds);
      await auditIn(ctx, tx, principal, {
        action: 'contest.entry',
        objectType: 'contest_entry',
        objectId: id,
        orgId: entrant.orgId,
        details: { contestId, category, files: fileIds.length, team: input.teamName !== undefined },
      });
      const entry = (await repo.findEntry(tx, id))!;
      const files = await repo.filesOf(tx, [id]);
      return { statusCode: 201, body: presentEntry(entry, files.get(id) ?? []) };
    },
  );
  return answer.body;
}

/** Officers and leaders over the contest: its entries with their entrants and judges' scores, newest first. */
export async function listEntries(
  ctx: AppContext,
  principal: StaffPrincipal,
  contestId: string,
  q: { category?: string | undefined; limit: number; cursor?: string | undefined },
) {
  await contestForEntrants(ctx, principal, contestId);
  const rows = await repo.listEntries(
    ctx.db,
    { contestId, category: q.category },
    q.limit,
    decodeCursor(q.cursor, timeCursor),
  );
  const page = paginate(rows, q.limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
  const ids = page.items.map((r) => r.id);
  const [files, assignments] = await Promise.all([repo.filesOf(ctx.db, ids), repo.assignmentsOf(ctx.db, contestId)]);
  return {
    items: page.items.map((r) =>
      presentEntry(
        r,
        files.get(r.id) ?? [],
        assignments.filter((a) => a.entryId === r.id),
      ),
    ),
    nextCursor: page.nextCursor,
  };
}

/** A member's own entries, newest first, with their awards and certificates. */
export async function myEntries(ctx: AppContext, member: Member, q: { limit: number; cursor?: string | undefined }) {
  const rows = await repo.listEntries(
    ctx.db,
    { memberId: member.membership.memberId },
    q.limit,
    decodeCursor(q.cursor, timeCursor),
  );
  const page = paginate(rows, q.limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
  const files = await repo.filesOf(
    ctx.db,
    page.items.map((r) => r.id),
  );
  return { items: page.items.map((r) => presentEntry(r, files.get(r.id) ?? [])), nextCursor: page.nextCursor };
}

type EntryAccess =
  | { as: 'judge'; row: repo.EntryRow; mine: NonNullable<Awaited<ReturnType<typeof repo.findAssignment>>> }
  | { as: 'officer' | 'entrant'; row: repo.EntryRow };

/**
 * Who reads an entry, and how: a judge assigned to it reads it blind (even one who also runs the contest); officers
 * and leaders over the contest in full; its member their own. Anyone else, a judge not assigned to it included: 404.
 */
async function entryAccess(ctx: AppContext, principal: Principal, id: string): Promise<EntryAccess> {
  const row = await repo.findEntry(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  if (principal.kind === 'worker') {
    if (!principal.membership) throw new AppError('MEMBERSHIP_REQUIRED');
    if (row.memberId !== principal.membership.memberId) throw new AppError('NOT_FOUND');
    return { as: 'entrant', row };
  }
  if (holdsAnyRole(principal, ['judge'])) {
    const mine = await repo.findAssignment(ctx.db, id, principal.staffId);
    if (mine) return { as: 'judge', row, mine };
  }
  // A judge (or other staff) without a reading role learns nothing of entries not assigned to them: 404, not 403.
  if (!holdsAnyRole(principal, ['activity_officer', 'leader'])) throw new AppError('NOT_FOUND');
  inScope({ ...row, orgPath: row.contestOrgPath }, principal, authorizeReadActivities);
  // A judge who also runs the contest reads the entries they were not given as nobody does: not at all.
  if (await judgesUndecided(ctx, principal, { id: row.contestId, status: row.contestStatus }))
    throw new AppError('NOT_FOUND');
  return { as: 'officer', row };
}

export async function getEntry(ctx: AppContext, principal: Principal, id: string): Promise<EntryView | BlindEntryView> {
  const access = await entryAccess(ctx, principal, id);
  const files = (await repo.filesOf(ctx.db, [id])).get(id) ?? [];
  if (access.as === 'judge') return presentBlind(access.row, files, access.mine);
  if (access.as === 'entrant') return presentEntry(access.row, files);
  return presentEntry(
    access.row,
    files,
    (await repo.assignmentsOf(ctx.db, access.row.contestId)).filter((a) => a.entryId === id),
  );
}

/** One file of an entry, to whoever reads the entry; a judge gets it under a neutral name (附件1.pdf). */
export async function entryFile(
  ctx: AppContext,
  principal: Principal,
  id: string,
  fileId: string,
): Promise<FileToServe> {
  const access = await entryAccess(ctx, principal, id);
  const files = (await repo.filesOf(ctx.db, [id])).get(id) ?? [];
  const index = files.findIndex((f) => f.id === fileId);
  const file = index >= 0 ? await readStoredFile(ctx.db, ctx.fileStorage, fileId) : null;
  if (!file) throw new AppError('NOT_FOUND');
  return access.as === 'judge' ? { ...file, fileName: neutralName(index, file.mediaType) } : file;
}

// ——— judges, assignment, scores ———

export async function listJudges(ctx: AppContext, principal: StaffPrincipal, contestId: string) {
  await contestFor(ctx, principal, contestId, authorizeReadActivities);
  const rows = await repo.judgesOf(ctx.db, contestId);
  return {
    items: rows.map((j) => ({
      staffId: j.staffId,
      username: j.username,
      displayName: j.displayName,
      org: { id: j.orgId, name: j.orgName },
      assigned: j.assigned,
      scored: j.scored,
    })),
    nextCursor: null,
  };
}

/** The staff an officer may name as judges: active, holding the judge role, in the contest's subtree. */
export async function judgeCandidates(ctx: AppContext, principal: StaffPrincipal, contestId: string) {
  const row = await contestFor(ctx, principal, contestId, authorizeRunActivities);
  const rows = await repo.judgeCandidates(ctx.db, row.orgPath);
  return {
    items: rows.map((r) => ({
      staffId: r.staffId,
      username: r.username,
      displayName: r.displayName,
      org: { id: r.orgId, name: r.orgName },
    })),
    nextCursor: null,
  };
}

/**
 * Officers name judges while the contest takes entries: active staff accounts holding the judge role, in the
 * contest's subtree (400 on `staffIds.i`: `not_in_scope` or `not_a_judge`). Naming one again changes nothing.
 */
export async function addJudges(
  ctx: AppContext,
  principal: StaffPrincipal,
  contestId: string,
  input: { staffIds: string[] },
) {
  const row = await contestFor(ctx, principal, contestId, authorizeRunActivities);
  const found = new Map((await repo.staffByIds(ctx.db, input.staffIds)).map((s) => [s.id, s]));
  const issues = input.staffIds.flatMap((id, i) => {
    const s = found.get(id);
    if (!s || !isWithin(s.orgPath, row.orgPath) || !canSee(principal, s.orgPath))
      return [{ path: `staffIds.${i}`, code: 'not_in_scope', message: '' }];
    if (!s.active || !s.roles.includes('judge')) return [{ path: `staffIds.${i}`, code: 'not_a_judge', message: '' }];
    return [];
  });
  if (issues.length > 0) throw validationFailed(issues);
  await audited(
    ctx,
    principal,
    async (tx) => {
      const status = await repo.lockContest(tx, contestId);
      if (status !== 'open') throw new AppError('INVALID_TRANSITION', { status, action: 'add_judges' });
      await repo.addJudges(tx, contestId, input.staffIds, ctx.clock.now());
    },
    { action: 'contest.add_judges', objectType: 'contest', objectId: contestId, orgId: row.orgId, details: input },
  );
  return listJudges(ctx, principal, contestId);
}

/**
 * Assigns the judges and opens judging (open → judging): each entry gets `judgesPerEntry` judges, none in conflict
 * with it (回避), the load balanced (contests.scoring.ts planAssignments). Nothing changes when an entry lacks eligible
 * judges: 409 NOT_ENOUGH_JUDGES naming those entries; 409 INVALID_TRANSITION when judging is already open, or there
 * is no entry yet.
 */
export async function assignJudges(ctx: AppContext, principal: StaffPrincipal, contestId: string) {
  const row = await contestFor(ctx, principal, contestId, authorizeRunActivities);
  return audited(
    ctx,
    principal,
    async (tx) => {
      const status = await repo.lockContest(tx, contestId);
      if (status !== 'open') throw new AppError('INVALID_TRANSITION', { status, action: 'assign' });
      const entries = await repo.allEntries(tx, contestId);
      if (entries.length === 0) throw new AppError('INVALID_TRANSITION', { status, action: 'assign', entries: 0 });
      const judges = (await repo.judgesOf(tx, contestId)).filter((j) => j.active && j.roles.includes('judge'));
      const plan = planAssignments(
        entries.map((e) => ({ id: e.id, title: e.title, orgPath: e.orgPath })),
        judges.map((j) => ({ staffId: j.staffId, orgPath: j.orgPath })),
        row.judgesPerEntry,
        row.orgPath,
      );
      if (!plan.ok) throw new AppError('NOT_ENOUGH_JUDGES', { judges: judges.length, entries: plan.short });
      const now = ctx.clock.now();
      await repo.insertAssignments(tx, contestId, plan.assignments, now);
      await repo.setContestStatus(tx, contestId, 'judging', now, 'judgingOpenedAt');
      return {
        contestId,
        status: 'judging' as const,
        entries: entries.length,
        assignments: plan.assignments.length,
        perJudge: judges.map((j) => ({
          staffId: j.staffId,
          username: j.username,
          assigned: plan.load.get(j.staffId)!,
        })),
      };
    },
    (result) => ({
      action: 'contest.assign',
      objectType: 'contest',
      objectId: contestId,
      orgId: row.orgId,
      details: { entries: result.entries, assignments: result.assignments },
    }),
  );
}

/** A judge's queue: the entries assigned to them in every contest, blind, unscored first within a contest. */
export async function judgingQueue(ctx: AppContext, principal: StaffPrincipal) {
  if (!holdsAnyRole(principal, ['judge'])) throw new AppError('FORBIDDEN');
  const rows = await repo.queueOf(ctx.db, principal.staffId);
  return {
    items: rows.map((r) => ({
      entryId: r.entryId,
      contest: { id: r.contestId, title: r.contestTitle, status: r.contestStatus },
      title: r.title,
      category: r.category,
      categoryLabel: labelOf(r.categories, r.category),
      scored: r.scoredAt !== null,
      myTotal: r.total === null ? null : rounded(r.total),
    })),
    nextCursor: null,
  };
}

/**
 * A judge scores an entry, every criterion once, each 0..its maxScore (400 otherwise); the weighted total is stored
 * with the scores. A judge of the contest facing an entry of their own organisation gets 409 CONFLICT_OF_INTEREST
 * (the rule is checked again at scoring: a judge may have moved union since the assignment); an entry not assigned to
 * them is 404. Scores may be replaced until judging closes (409 ACTIVITY_NOT_OPEN after, or before judging opens).
 */
export async function scoreEntry(ctx: AppContext, principal: StaffPrincipal, entryId: string, input: ScoreBody) {
  const row = await repo.findEntry(ctx.db, entryId);
  if (!row || !holdsAnyRole(principal, ['judge']) || !(await repo.isJudgeOf(ctx.db, row.contestId, principal.staffId)))
    throw new AppError('NOT_FOUND');
  if (conflicts(principal.orgPath, row.orgPath, row.contestOrgPath)) throw new AppError('CONFLICT_OF_INTEREST');
  if (!(await repo.findAssignment(ctx.db, entryId, principal.staffId))) throw new AppError('NOT_FOUND');
  const rubric = row.rubric;
  const issues: { path: string; code: string; message: string }[] = [];
  const seen = new Set<string>();
  input.scores.forEach((s, i) => {
    const criterion = rubric.find((c) => c.criterion === s.criterion);
    if (!criterion || seen.has(s.criterion))
      issues.push({ path: `scores.${i}.criterion`, code: 'invalid_value', message: '' });
    else if (s.score > criterion.maxScore)
      issues.push({ path: `scores.${i}.score`, code: 'too_big', message: String(criterion.maxScore) });
    seen.add(s.criterion);
  });
  const missing = rubric.filter((c) => !seen.has(c.criterion));
  if (missing.length > 0)
    issues.push({ path: 'scores', code: 'too_small', message: missing.map((c) => c.criterion).join(', ') });
  if (issues.length > 0) throw validationFailed(issues);
  // Stored to 4 decimals: the check (0..100) holds, and floating-point dust does not split ties.
  const total = Math.round(weightedTotal(rubric, input.scores) * 10_000) / 10_000;
  await audited(
    ctx,
    principal,
    async (tx) => {
      const status = await repo.lockContest(tx, row.contestId);
      if (status !== 'judging') throw new AppError('ACTIVITY_NOT_OPEN');
      await repo.saveScores(tx, entryId, principal.staffId, {
        scores: rubric.map((c) => ({
          criterion: c.criterion,
          score: input.scores.find((s) => s.criterion === c.criterion)!.score,
        })),
        total,
        comment: input.comment ? input.comment : null,
        at: ctx.clock.now(),
      });
    },
    {
      action: 'contest.score',
      objectType: 'contest_entry',
      objectId: entryId,
      orgId: row.orgId,
      details: { contestId: row.contestId, total },
    },
  );
  const mine = (await repo.findAssignment(ctx.db, entryId, principal.staffId))!;
  const files = (await repo.filesOf(ctx.db, [entryId])).get(entryId) ?? [];
  return presentBlind({ ...row, contestStatus: 'judging' }, files, mine);
}

/** Officers close judging (judging → closed): the scores are final, awards may be given. */
export async function closeJudging(ctx: AppContext, principal: StaffPrincipal, contestId: string) {
  const row = await contestFor(ctx, principal, contestId, authorizeRunActivities);
  await audited(
    ctx,
    principal,
    async (tx) => {
      const status = await repo.lockContest(tx, contestId);
      if (status !== 'judging') throw new AppError('INVALID_TRANSITION', { status, action: 'close' });
      await repo.setContestStatus(tx, contestId, 'closed', ctx.clock.now(), 'judgingClosedAt');
    },
    { action: 'contest.close', objectType: 'contest', objectId: contestId, orgId: row.orgId },
  );
  return presentContest((await repo.findContest(ctx.db, contestId))!, ctx.clock.now());
}

// ——— ranking, awards, certificates ———

interface Ranking {
  contest: repo.ContestRow;
  judges: { staffId: string; username: string }[];
  items: RankingRow[];
}

/**
 * The ranking: each entry's judges' weighted totals, its final score (their mean; with five judges or more without
 * the single highest and lowest) once every assigned judge has scored, overall and per-category ranks (equal scores
 * to two decimals share a rank: 1, 2, 2, 4). Ranked entries first by score (ties by title), then incomplete ones.
 */
async function computeRanking(db: Db, contest: repo.ContestRow): Promise<Ranking> {
  const [entries, assignments] = await Promise.all([
    repo.allEntries(db, contest.id),
    repo.assignmentsOf(db, contest.id),
  ]);
  const judges = new Map<string, { staffId: string; username: string }>();
  for (const a of assignments) judges.set(a.judgeStaffId, { staffId: a.judgeStaffId, username: a.username });
  const scored = entries.map((e) => {
    const mine = assignments.filter((a) => a.entryId === e.id);
    const totals = mine.filter((a) => a.total !== null) as (repo.AssignmentRow & { total: number })[];
    const complete = mine.length > 0 && totals.length === mine.length;
    let dropped: RankingRow['dropped'] = null;
    if (complete && totals.length >= trimFrom) {
      const sorted = [...totals].sort((x, y) => x.total - y.total);
      dropped = { lowest: sorted[0]!.judgeStaffId, highest: sorted[sorted.length - 1]!.judgeStaffId };
    }
    const score = complete ? finalScore(totals.map((t) => t.total)) : null;
    return { entry: e, mine, scoredCount: totals.length, complete, dropped, score };
  });
  const overall = ranks(scored.map((s) => ({ id: s.entry.id, score: s.score })));
  const byCategory = new Map<string, number>();
  for (const cat of contest.categories) {
    const r = ranks(
      scored.filter((s) => s.entry.category === cat.key).map((s) => ({ id: s.entry.id, score: s.score })),
    );
    for (const [id, rank] of r) byCategory.set(id, rank);
  }
  const items: RankingRow[] = scored.map((s) => ({
    entryId: s.entry.id,
    title: s.entry.title,
    category: s.entry.category,
    categoryLabel: labelOf(contest.categories, s.entry.category),
    entrant: {
      name: s.entry.entrantName,
      teamName: s.entry.teamName,
      org: { id: s.entry.orgId, name: s.entry.orgName },
    },
    judges: s.mine.length,
    scored: s.scoredCount,
    complete: s.complete,
    totals: s.mine.map((a) => ({
      staffId: a.judgeStaffId,
      username: a.username,
      total: a.total === null ? null : rounded(a.total),
    })),
    dropped: s.dropped,
    finalScore: s.score === null ? null : rounded(s.score),
    rank: overall.get(s.entry.id) ?? null,
    categoryRank: byCategory.get(s.entry.id) ?? null,
    award: s.entry.award,
  }));
  items.sort(
    (x, y) =>
      (x.rank ?? Infinity) - (y.rank ?? Infinity) ||
      x.title.localeCompare(y.title, 'zh-CN') ||
      x.entryId.localeCompare(y.entryId),
  );
  return { contest, judges: [...judges.values()], items };
}

export async function contestRanking(ctx: AppContext, principal: StaffPrincipal, contestId: string) {
  const contest = await contestForEntrants(ctx, principal, contestId);
  const { items } = await computeRanking(ctx.db, contest);
  return {
    contest: { id: contest.id, title: contest.title, status: contest.status, judgesPerEntry: contest.judgesPerEntry },
    items,
    categories: contest.categories.map((c) => ({
      key: c.key,
      label: c.label,
      entries: items.filter((i) => i.category === c.key).length,
      complete: items.filter((i) => i.category === c.key && i.complete).length,
    })),
    complete: items.every((i) => i.complete),
  };
}

/** The ranking as Excel: per category, by rank, with every judge's total in a column of its own; audited. */
export async function rankingWorkbook(ctx: AppContext, principal: StaffPrincipal, contestId: string): Promise<Buffer> {
  const contest = await contestForEntrants(ctx, principal, contestId);
  const { items, judges } = await computeRanking(ctx.db, contest);
  const order = new Map(contest.categories.map((c, i) => [c.key, i]));
  const rows = [...items]
    .sort(
      (x, y) =>
        (order.get(x.category) ?? 99) - (order.get(y.category) ?? 99) ||
        (x.categoryRank ?? Infinity) - (y.categoryRank ?? Infinity),
    )
    .map((i) => ({
      category: i.categoryLabel,
      categoryRank: i.categoryRank ?? '',
      rank: i.rank ?? '',
      title: i.title,
      entrant: i.entrant.teamName ? `${i.entrant.teamName}（${i.entrant.name}）` : i.entrant.name,
      org: i.entrant.org.name,
      ...Object.fromEntries(
        judges.map((j, n) => {
          const t = i.totals.find((x) => x.staffId === j.staffId);
          const mark =
            i.dropped && (i.dropped.highest === j.staffId || i.dropped.lowest === j.staffId) ? '（去除）' : '';
          return [`judge${n}`, t ? (t.total === null ? '未评' : `${t.total.toFixed(2)}${mark}`) : ''];
        }),
      ),
      finalScore: i.finalScore === null ? '未完成' : i.finalScore.toFixed(2),
      award: i.award ? awardWords[i.award] : '',
    }));
  const columns: ColumnSpec[] = [
    { header: '类别', key: 'category', width: 10 },
    { header: '类别名次', key: 'categoryRank', width: 10 },
    { header: '总名次', key: 'rank', width: 8 },
    { header: '作品名称', key: 'title', width: 30 },
    { header: '申报人/团队', key: 'entrant', width: 22 },
    { header: '所在工会', key: 'org', width: 22 },
    ...judges.map((j, n) => ({ header: `评委 ${j.username}`, key: `judge${n}`, width: 14 })),
    { header: '最终得分', key: 'finalScore', width: 10 },
    { header: '奖项', key: 'award', width: 10 },
  ];
  await audit(ctx, principal, {
    action: 'contest.export',
    objectType: 'contest',
    objectId: contestId,
    orgId: contest.orgId,
    details: { rows: rows.length },
  });
  return workbookOf('评审结果', columns, rows);
}

/** A certificate code: 12 characters of an alphabet without look-alikes (0/O, 1/I), ~60 bits. */
function certificateCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.randomBytes(12);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

/**
 * Awards, once judging is closed (409 INVALID_TRANSITION before): one entry's by hand (`{entryId, award}`, null
 * withdraws it), or tiers by rank (`{tiers, per}`): the awards of every entry are set anew, the top `first` ranked
 * entries (per category, or overall) get first, the next `second` second, and so on; entries tied at a boundary share
 * the higher tier (a rank within the tier's places takes it). Each award gets a certificate code once; members are
 * told in their app.
 */
export async function giveAwards(ctx: AppContext, principal: StaffPrincipal, contestId: string, input: AwardBody) {
  const contest = await contestFor(ctx, principal, contestId, authorizeRunActivities);
  return audited(
    ctx,
    principal,
    async (tx) => {
      const status = await repo.lockContest(tx, contestId);
      if (status !== 'closed') throw new AppError('INVALID_TRANSITION', { status, action: 'award' });
      const decided = new Map<string, ContestAward | null>();
      if ('entryId' in input) {
        const entry = await repo.findEntry(tx, input.entryId);
        if (!entry || entry.contestId !== contestId)
          throw validationFailed([{ path: 'entryId', code: 'not_found', message: '' }]);
        decided.set(entry.id, input.award);
      } else {
        const { items } = await computeRanking(tx, contest);
        const bounds: [ContestAward, number][] = [];
        let upto = 0;
        for (const tier of contestAwards) bounds.push([tier, (upto += input.tiers[tier])]);
        for (const item of items) {
          const rank = input.per === 'category' ? item.categoryRank : item.rank;
          decided.set(item.entryId, rank === null ? null : (bounds.find(([, b]) => rank <= b)?.[0] ?? null));
        }
      }
      const now = ctx.clock.now();
      const awarded = [];
      for (const [entryId, award] of decided) {
        const before = await repo.findEntry(tx, entryId);
        await repo.setAward(tx, entryId, award, award ? certificateCode() : null, now);
        const code = award ? await repo.certificateCodeOf(tx, entryId) : null;
        awarded.push({ entryId, award, certificateCode: code });
        if (award && before?.accountId && before.award !== award)
          await notify(tx, {
            recipientKind: 'worker',
            recipientId: before.accountId,
            title: `您的作品荣获${awardWords[award]}`,
            body: `《${before.title}》在“${contest.title}”中荣获${awardWords[award]}。`,
            link: `/certificates/${code}`,
          });
      }
      return { awarded };
    },
    (result) => ({
      action: 'contest.award',
      objectType: 'contest',
      objectId: contestId,
      orgId: contest.orgId,
      details: { awarded: result.awarded.filter((a) => a.award !== null).length, ...('tiers' in input ? input : {}) },
    }),
  );
}

/** A certificate, public by its code (a printed certificate's QR or the member's link): who won what, where. */
export async function certificate(ctx: AppContext, code: string) {
  const row = await repo.findEntryByCertificate(ctx.db, code);
  if (!row || !row.award || !row.awardedAt) throw new AppError('NOT_FOUND');
  return {
    code,
    contest: { title: row.contestTitle, org: row.contestOrgName },
    entry: { title: row.title, category: labelOf(row.categories, row.category) },
    entrant: { name: row.entrantName, teamName: row.teamName, teamMembers: row.teamMembers },
    award: row.award,
    awardedAt: row.awardedAt.toISOString(),
  };
}
