import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lte, or, sql, sum } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../kernel/db/client.js';
import { files, orgs, staff } from '../../kernel/db/kernel.tables.js';
import { scalarNumber, within } from '../../kernel/db/operators.js';
import { hardshipHouseholdFiles, hardshipHouseholds, hardshipVisitPhotos, hardshipVisits } from './hardship.tables.js';

const visitOrgs = alias(orgs, 'visit_org');
const householdOrgs = alias(orgs, 'household_org');
const recorders = alias(staff, 'recorder');
const recorderOrgs = alias(orgs, 'recorder_org');
const finishers = alias(staff, 'finisher');

function selectVisits(db: Db) {
  const v = hardshipVisits;
  return db
    .select({
      id: v.id,
      subject: v.subject,
      orgId: v.orgId,
      orgName: visitOrgs.name,
      /** The visit's union: whose subtree reads and follows it up. */
      orgPath: visitOrgs.path,
      householdId: v.householdId,
      householdStatus: hardshipHouseholds.status,
      headName: hardshipHouseholds.headName,
      householdOrgPath: householdOrgs.path,
      householdFiledBy: hardshipHouseholds.filedByStaffId,
      place: v.place,
      visitedOn: v.visitedOn,
      visitors: v.visitors,
      peopleReached: v.peopleReached,
      findings: v.findings,
      followUp: v.followUp,
      followUpDoneAt: v.followUpDoneAt,
      followUpDoneBy: finishers.username,
      followUpDoneNote: v.followUpDoneNote,
      recordedBy: v.recordedBy,
      recorderUsername: recorders.username,
      recorderOrgId: recorderOrgs.id,
      recorderOrgName: recorderOrgs.name,
      createdAt: v.createdAt,
    })
    .from(v)
    .innerJoin(visitOrgs, eq(visitOrgs.id, v.orgId))
    .leftJoin(hardshipHouseholds, eq(hardshipHouseholds.id, v.householdId))
    .leftJoin(householdOrgs, eq(householdOrgs.id, hardshipHouseholds.orgId))
    .innerJoin(recorders, eq(recorders.id, v.recordedBy))
    .innerJoin(recorderOrgs, eq(recorderOrgs.id, recorders.orgId))
    .leftJoin(finishers, eq(finishers.id, v.followUpDoneBy))
    .$dynamic();
}
export type VisitRow = Awaited<ReturnType<typeof selectVisits>>[number];

export async function findVisit(db: Db, id: string): Promise<VisitRow | null> {
  const [row] = await selectVisits(db).where(eq(hardshipVisits.id, id));
  return row ?? null;
}

/** What a visit needs of a household: its union, and who filed it (for who may open it). */
export async function findHousehold(db: Db, id: string) {
  const [row] = await db
    .select({
      id: hardshipHouseholds.id,
      orgId: hardshipHouseholds.orgId,
      orgPath: orgs.path,
      status: hardshipHouseholds.status,
      filedByStaffId: hardshipHouseholds.filedByStaffId,
    })
    .from(hardshipHouseholds)
    .innerJoin(orgs, eq(orgs.id, hardshipHouseholds.orgId))
    .where(eq(hardshipHouseholds.id, id));
  return row ?? null;
}
export type HouseholdRef = NonNullable<Awaited<ReturnType<typeof findHousehold>>>;

export interface VisitFilter {
  /** Visits counted for a union of this subtree; or, with `householdId`, every visit of that household. */
  scope: string | null;
  subject?: string | undefined;
  householdId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  followUpOpen?: boolean | undefined;
}

/** The keyset: newest visit day first, then the newest record of the day. */
export interface VisitCursor {
  visitedOn: string;
  createdAt: string;
  id: string;
}

function conditions(f: VisitFilter) {
  const v = hardshipVisits;
  const open = and(isNotNull(v.followUp), isNull(v.followUpDoneAt));
  return [
    f.scope !== null ? within(visitOrgs.path, f.scope) : undefined,
    f.subject ? eq(v.subject, f.subject as VisitRow['subject']) : undefined,
    f.householdId ? eq(v.householdId, f.householdId) : undefined,
    f.from ? gte(v.visitedOn, f.from) : undefined,
    f.to ? lte(v.visitedOn, f.to) : undefined,
    f.followUpOpen === true
      ? open
      : f.followUpOpen === false
        ? or(isNull(v.followUp), isNotNull(v.followUpDoneAt))
        : undefined,
  ];
}

export async function listVisits(
  db: Db,
  f: VisitFilter,
  limit: number,
  after: VisitCursor | null,
): Promise<VisitRow[]> {
  const v = hardshipVisits;
  return selectVisits(db)
    .where(
      and(
        ...conditions(f),
        after
          ? sql`(${v.visitedOn}, ${v.createdAt}, ${v.id}) < (${after.visitedOn}::date, ${after.createdAt}::timestamptz, ${after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(v.visitedOn), desc(v.createdAt), desc(v.id))
    .limit(limit + 1);
}

export async function insertVisit(db: Db, row: typeof hardshipVisits.$inferInsert): Promise<string> {
  const [created] = await db.insert(hardshipVisits).values(row).returning({ id: hardshipVisits.id });
  return created!.id;
}

/** Marks an open follow-up done; false when it was not open (none set, or done meanwhile). */
export async function markFollowUpDone(
  db: Db,
  id: string,
  by: string,
  note: string | null,
  at: Date,
): Promise<boolean> {
  const v = hardshipVisits;
  const rows = await db
    .update(v)
    .set({ followUpDoneAt: at, followUpDoneBy: by, followUpDoneNote: note })
    .where(and(eq(v.id, id), isNotNull(v.followUp), isNull(v.followUpDoneAt)))
    .returning({ id: v.id });
  return rows.length === 1;
}

/** Visits of a subtree by the union they count for and subject: the cockpit's counts, rolled up by the caller. */
export async function countsByOrg(db: Db, scope: string, from: string | undefined, to: string | undefined) {
  const v = hardshipVisits;
  return db
    .select({
      orgPath: orgs.path,
      subject: v.subject,
      visits: count(),
      peopleReached: sql<number>`coalesce(${sum(v.peopleReached)}, 0)`.mapWith(Number),
      followUpsOpen:
        sql<number>`count(*) filter (where ${v.followUp} is not null and ${v.followUpDoneAt} is null)`.mapWith(Number),
    })
    .from(v)
    .innerJoin(orgs, eq(orgs.id, v.orgId))
    .where(
      and(within(orgs.path, scope), from ? gte(v.visitedOn, from) : undefined, to ? lte(v.visitedOn, to) : undefined),
    )
    .groupBy(orgs.path, v.subject);
}

const grandchildren = alias(orgs, 'grandchild');

/** The unions directly below `orgId`, by name, each saying whether it has unions below it. */
export async function childrenOf(db: Db, orgId: string) {
  return db
    .select({
      id: orgs.id,
      name: orgs.name,
      path: orgs.path,
      below: scalarNumber<number>(
        db.select({ n: count() }).from(grandchildren).where(eq(grandchildren.parentId, orgs.id)),
      ),
    })
    .from(orgs)
    .where(eq(orgs.parentId, orgId))
    .orderBy(asc(orgs.name), asc(orgs.id));
}

/** Which of `ids` the caller uploaded (POST /api/v1/hardship/photos) and no household or visit holds yet. */
export async function attachableFileIds(db: Db, staffId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: files.id })
    .from(files)
    .leftJoin(hardshipHouseholdFiles, eq(hardshipHouseholdFiles.fileId, files.id))
    .leftJoin(hardshipVisitPhotos, eq(hardshipVisitPhotos.fileId, files.id))
    .where(
      and(
        eq(files.ownerKind, 'staff'),
        eq(files.ownerId, staffId),
        inArray(files.id, ids),
        isNull(hardshipHouseholdFiles.fileId),
        isNull(hardshipVisitPhotos.fileId),
      ),
    );
  return new Set(rows.map((r) => r.id));
}

export async function attachPhotos(db: Db, visitId: string, fileIds: string[]): Promise<void> {
  if (fileIds.length > 0) await db.insert(hardshipVisitPhotos).values(fileIds.map((fileId) => ({ visitId, fileId })));
}

export interface PhotoRow {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
}

/** The photos of several visits in one query (a page of visits), by visit id. */
export async function photosOf(db: Db, visitIds: string[]): Promise<Map<string, PhotoRow[]>> {
  const byVisit = new Map<string, PhotoRow[]>(visitIds.map((id) => [id, []]));
  if (visitIds.length === 0) return byVisit;
  const rows = await db
    .select({
      visitId: hardshipVisitPhotos.visitId,
      id: files.id,
      fileName: files.fileName,
      mediaType: files.mediaType,
      sizeBytes: files.sizeBytes,
    })
    .from(hardshipVisitPhotos)
    .innerJoin(files, eq(files.id, hardshipVisitPhotos.fileId))
    .where(inArray(hardshipVisitPhotos.visitId, visitIds))
    .orderBy(asc(files.createdAt), asc(files.id));
  for (const { visitId, ...photo } of rows) byVisit.get(visitId)?.push(photo);
  return byVisit;
}

export async function isPhotoOf(db: Db, visitId: string, fileId: string): Promise<boolean> {
  const [row] = await db
    .select({ fileId: hardshipVisitPhotos.fileId })
    .from(hardshipVisitPhotos)
    .where(and(eq(hardshipVisitPhotos.visitId, visitId), eq(hardshipVisitPhotos.fileId, fileId)));
  return row !== undefined;
}
