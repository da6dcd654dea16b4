import { and, asc, count, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../kernel/db/client.js';
import { files, orgs, staff } from '../../kernel/db/kernel.tables.js';
import { before, containing, scalarNumber, within } from '../../kernel/db/operators.js';
import {
  contestAssignments,
  contestEntries,
  contestEntryFiles,
  contestJudges,
  contests,
  type ContestAward,
  type ContestState,
  type CriterionScore,
} from './contests.tables.js';

const c = contests;
const e = contestEntries;
const a = contestAssignments;

function selectContests(db: Db) {
  return db
    .select({
      id: c.id,
      orgId: c.orgId,
      orgName: orgs.name,
      orgPath: orgs.path,
      title: c.title,
      description: c.description,
      categories: c.categories,
      rubric: c.rubric,
      judgesPerEntry: c.judgesPerEntry,
      submissionsOpenAt: c.submissionsOpenAt,
      submissionsCloseAt: c.submissionsCloseAt,
      status: c.status,
      createdAt: c.createdAt,
      entryCount: scalarNumber<number>(db.select({ n: count() }).from(e).where(eq(e.contestId, c.id))),
      judgeCount: scalarNumber<number>(
        db.select({ n: count() }).from(contestJudges).where(eq(contestJudges.contestId, c.id)),
      ),
    })
    .from(c)
    .innerJoin(orgs, eq(orgs.id, c.orgId))
    .$dynamic();
}
export type ContestRow = Awaited<ReturnType<typeof selectContests>>[number];

export async function insertContest(db: Db, row: typeof contests.$inferInsert): Promise<string> {
  const [created] = await db.insert(c).values(row).returning({ id: c.id });
  return created!.id;
}

export async function findContest(db: Db, id: string): Promise<ContestRow | null> {
  const [row] = await selectContests(db).where(eq(c.id, id));
  return row ?? null;
}

/** The contest's status, locked for the rest of the transaction (entries, assignment, scores, closing agree on it). */
export async function lockContest(db: Db, id: string): Promise<ContestState | null> {
  const [row] = await db.select({ status: c.status }).from(c).where(eq(c.id, id)).for('update');
  return row?.status ?? null;
}

export async function setContestStatus(
  db: Db,
  id: string,
  status: ContestState,
  at: Date,
  column: 'judgingOpenedAt' | 'judgingClosedAt',
): Promise<void> {
  await db
    .update(c)
    .set({ status, [column]: at })
    .where(eq(c.id, id));
}

export interface ContestCursor {
  createdAt: string;
  id: string;
}

/** Contests of a subtree (staff), or those a member's union may enter (`forOrgPath`: run by it or a union above). */
export async function listContests(
  db: Db,
  f: { scope?: string; forOrgPath?: string },
  limit: number,
  after: ContestCursor | null,
): Promise<ContestRow[]> {
  return selectContests(db)
    .where(
      and(
        f.scope ? within(orgs.path, f.scope) : undefined,
        f.forOrgPath ? containing(orgs.path, f.forOrgPath) : undefined,
        after ? before(c.createdAt, c.id, after.createdAt, after.id) : undefined,
      ),
    )
    .orderBy(desc(c.createdAt), desc(c.id))
    .limit(limit + 1);
}

const entryOrgs = alias(orgs, 'entry_org');

function selectEntries(db: Db) {
  return db
    .select({
      id: e.id,
      contestId: e.contestId,
      contestTitle: c.title,
      contestStatus: c.status,
      contestOrgPath: orgs.path,
      categories: c.categories,
      rubric: c.rubric,
      orgId: e.orgId,
      orgName: entryOrgs.name,
      /** The entrant's union. */
      orgPath: entryOrgs.path,
      memberId: e.memberId,
      accountId: e.accountId,
      entrantName: e.entrantName,
      teamName: e.teamName,
      teamMembers: e.teamMembers,
      title: e.title,
      category: e.category,
      description: e.description,
      award: e.award,
      awardedAt: e.awardedAt,
      certificateCode: e.certificateCode,
      createdAt: e.createdAt,
    })
    .from(e)
    .innerJoin(c, eq(c.id, e.contestId))
    .innerJoin(orgs, eq(orgs.id, c.orgId))
    .innerJoin(entryOrgs, eq(entryOrgs.id, e.orgId))
    .$dynamic();
}
export type EntryRow = Awaited<ReturnType<typeof selectEntries>>[number];

export async function findEntry(db: Db, id: string): Promise<EntryRow | null> {
  const [row] = await selectEntries(db).where(eq(e.id, id));
  return row ?? null;
}

export async function findEntryByCertificate(
  db: Db,
  code: string,
): Promise<(EntryRow & { contestOrgName: string }) | null> {
  const [row] = await selectEntries(db)
    .where(and(eq(e.certificateCode, code), isNotNull(e.award)))
    .limit(1);
  if (!row) return null;
  const [org] = await db
    .select({ name: orgs.name })
    .from(orgs)
    .innerJoin(c, eq(c.orgId, orgs.id))
    .where(eq(c.id, row.contestId));
  return { ...row, contestOrgName: org!.name };
}

export async function listEntries(
  db: Db,
  f: { contestId?: string; memberId?: string; category?: string },
  limit: number,
  after: ContestCursor | null,
): Promise<EntryRow[]> {
  return selectEntries(db)
    .where(
      and(
        f.contestId ? eq(e.contestId, f.contestId) : undefined,
        f.memberId ? eq(e.memberId, f.memberId) : undefined,
        f.category ? eq(e.category, f.category) : undefined,
        after ? before(e.createdAt, e.id, after.createdAt, after.id) : undefined,
      ),
    )
    .orderBy(desc(e.createdAt), desc(e.id))
    .limit(limit + 1);
}

/** Every entry of a contest (assignment, ranking), oldest first. */
export async function allEntries(db: Db, contestId: string): Promise<EntryRow[]> {
  return selectEntries(db).where(eq(e.contestId, contestId)).orderBy(asc(e.createdAt), asc(e.id));
}

export async function insertEntry(db: Db, row: typeof contestEntries.$inferInsert): Promise<string> {
  const [created] = await db.insert(e).values(row).returning({ id: e.id });
  return created!.id;
}

/** Which of `ids` the owner uploaded (POST /api/v1/contest-files) and no entry holds yet. */
export async function attachableFileIds(
  db: Db,
  owner: { ownerKind: string; ownerId: string },
  ids: string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: files.id })
    .from(files)
    .leftJoin(contestEntryFiles, eq(contestEntryFiles.fileId, files.id))
    .where(
      and(
        eq(files.ownerKind, owner.ownerKind),
        eq(files.ownerId, owner.ownerId),
        inArray(files.id, ids),
        isNull(contestEntryFiles.fileId),
      ),
    );
  return new Set(rows.map((r) => r.id));
}

export async function attachFiles(db: Db, entryId: string, fileIds: string[]): Promise<void> {
  if (fileIds.length > 0)
    await db.insert(contestEntryFiles).values(fileIds.map((fileId, position) => ({ entryId, fileId, position })));
}

export interface FileRow {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
}

/** The files of several entries in one query, by entry, in the order they were attached. */
export async function filesOf(db: Db, entryIds: string[]): Promise<Map<string, FileRow[]>> {
  const byEntry = new Map<string, FileRow[]>(entryIds.map((id) => [id, []]));
  if (entryIds.length === 0) return byEntry;
  const rows = await db
    .select({
      entryId: contestEntryFiles.entryId,
      id: files.id,
      fileName: files.fileName,
      mediaType: files.mediaType,
      sizeBytes: files.sizeBytes,
    })
    .from(contestEntryFiles)
    .innerJoin(files, eq(files.id, contestEntryFiles.fileId))
    .where(inArray(contestEntryFiles.entryId, entryIds))
    .orderBy(asc(contestEntryFiles.position));
  for (const { entryId, ...file } of rows) byEntry.get(entryId)?.push(file);
  return byEntry;
}

const judgeOrgs = alias(orgs, 'judge_org');

/** The contest's judges with their org, and how many entries each was given and has scored. */
export async function judgesOf(db: Db, contestId: string) {
  return db
    .select({
      staffId: staff.id,
      username: staff.username,
      displayName: staff.displayName,
      roles: staff.roles,
      active: staff.active,
      orgId: judgeOrgs.id,
      orgName: judgeOrgs.name,
      orgPath: judgeOrgs.path,
      assigned: scalarNumber<number>(
        db
          .select({ n: count() })
          .from(a)
          .where(and(eq(a.contestId, contestId), eq(a.judgeStaffId, staff.id))),
      ),
      scored: scalarNumber<number>(
        db
          .select({ n: count() })
          .from(a)
          .where(and(eq(a.contestId, contestId), eq(a.judgeStaffId, staff.id), isNotNull(a.scoredAt))),
      ),
    })
    .from(contestJudges)
    .innerJoin(staff, eq(staff.id, contestJudges.staffId))
    .innerJoin(judgeOrgs, eq(judgeOrgs.id, staff.orgId))
    .where(eq(contestJudges.contestId, contestId))
    .orderBy(asc(contestJudges.addedAt), asc(staff.username));
}
export type JudgeRow = Awaited<ReturnType<typeof judgesOf>>[number];

/** Staff accounts by id with their org path and roles (to check those named as judges). */
export async function staffByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: staff.id, roles: staff.roles, active: staff.active, orgPath: orgs.path })
    .from(staff)
    .innerJoin(orgs, eq(orgs.id, staff.orgId))
    .where(inArray(staff.id, ids));
}

/** Active staff holding the judge role in a subtree (those an officer may name), by username; at most 500. */
export async function judgeCandidates(db: Db, scope: string) {
  return db
    .select({
      staffId: staff.id,
      username: staff.username,
      displayName: staff.displayName,
      orgId: orgs.id,
      orgName: orgs.name,
    })
    .from(staff)
    .innerJoin(orgs, eq(orgs.id, staff.orgId))
    .where(and(within(orgs.path, scope), eq(staff.active, true), sql`'judge' = any(${staff.roles})`))
    .orderBy(asc(staff.username))
    .limit(500);
}

export async function addJudges(db: Db, contestId: string, staffIds: string[], at: Date): Promise<void> {
  await db
    .insert(contestJudges)
    .values(staffIds.map((staffId) => ({ contestId, staffId, addedAt: at })))
    .onConflictDoNothing();
}

export async function isJudgeOf(db: Db, contestId: string, staffId: string): Promise<boolean> {
  const [row] = await db
    .select({ staffId: contestJudges.staffId })
    .from(contestJudges)
    .where(and(eq(contestJudges.contestId, contestId), eq(contestJudges.staffId, staffId)));
  return row !== undefined;
}

export async function insertAssignments(
  db: Db,
  contestId: string,
  rows: { entryId: string; judgeStaffId: string }[],
  at: Date,
): Promise<void> {
  if (rows.length > 0) await db.insert(a).values(rows.map((r) => ({ ...r, contestId, assignedAt: at })));
}

export async function findAssignment(db: Db, entryId: string, judgeStaffId: string) {
  const [row] = await db
    .select()
    .from(a)
    .where(and(eq(a.entryId, entryId), eq(a.judgeStaffId, judgeStaffId)));
  return row ?? null;
}

export async function saveScores(
  db: Db,
  entryId: string,
  judgeStaffId: string,
  input: { scores: CriterionScore[]; total: number; comment: string | null; at: Date },
): Promise<void> {
  await db
    .update(a)
    .set({ scores: input.scores, total: input.total, comment: input.comment, scoredAt: input.at })
    .where(and(eq(a.entryId, entryId), eq(a.judgeStaffId, judgeStaffId)));
}

/** Every assignment of a contest with its judge (the ranking and its export). */
export async function assignmentsOf(db: Db, contestId: string) {
  return db
    .select({
      entryId: a.entryId,
      judgeStaffId: a.judgeStaffId,
      username: staff.username,
      judgeOrgId: judgeOrgs.id,
      judgeOrgName: judgeOrgs.name,
      scores: a.scores,
      total: a.total,
      comment: a.comment,
      scoredAt: a.scoredAt,
    })
    .from(a)
    .innerJoin(staff, eq(staff.id, a.judgeStaffId))
    .innerJoin(judgeOrgs, eq(judgeOrgs.id, staff.orgId))
    .where(eq(a.contestId, contestId))
    .orderBy(asc(a.assignedAt), asc(staff.username));
}
export type AssignmentRow = Awaited<ReturnType<typeof assignmentsOf>>[number];

/** A judge's queue: every entry assigned to them, of every contest, oldest contest first. */
export async function queueOf(db: Db, judgeStaffId: string) {
  return db
    .select({
      entryId: e.id,
      contestId: c.id,
      contestTitle: c.title,
      contestStatus: c.status,
      categories: c.categories,
      title: e.title,
      category: e.category,
      total: a.total,
      scoredAt: a.scoredAt,
    })
    .from(a)
    .innerJoin(e, eq(e.id, a.entryId))
    .innerJoin(c, eq(c.id, a.contestId))
    .where(eq(a.judgeStaffId, judgeStaffId))
    .orderBy(asc(c.createdAt), asc(c.id), sql`${a.scoredAt} is not null`, asc(e.createdAt), asc(e.id));
}

export async function setAward(
  db: Db,
  entryId: string,
  award: ContestAward | null,
  code: string | null,
  at: Date,
): Promise<void> {
  await db
    .update(e)
    .set(
      award === null
        ? { award: null, awardedAt: null, certificateCode: null }
        : { award, awardedAt: at, certificateCode: sql`coalesce(${e.certificateCode}, ${code})` },
    )
    .where(eq(e.id, entryId));
}

export async function certificateCodeOf(db: Db, entryId: string): Promise<string | null> {
  const [row] = await db.select({ code: e.certificateCode }).from(e).where(eq(e.id, entryId));
  return row?.code ?? null;
}
