import { and, asc, count, desc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../kernel/db/client.js';
import { files, orgs, staff } from '../../kernel/db/kernel.tables.js';
import { before, containing, containsText, within } from '../../kernel/db/operators.js';
import { members } from '../members/index.js';
import { hardshipHouseholdFiles, hardshipHouseholds, hardshipStandards } from './hardship.tables.js';
import type { HardshipState } from './hardship.workflow.js';

const filerOrgs = alias(orgs, 'filer_org');
const h = hardshipHouseholds;

// ——— the union of the household's area ———

/**
 * The union a new household belongs to: among the filer's org and its ancestors the shallowest whose region code is
 * the household's; else the shallowest such org inside the filer's subtree; else null (the filer's own org then).
 */
export async function areaOrgFor(db: Db, filerOrgPath: string, regionCode: string) {
  const columns = { id: orgs.id, path: orgs.path, name: orgs.name };
  const [above] = await db
    .select(columns)
    .from(orgs)
    .where(and(containing(orgs.path, filerOrgPath), eq(orgs.regionCode, regionCode)))
    .orderBy(asc(orgs.depth))
    .limit(1);
  if (above) return above;
  const [below] = await db
    .select(columns)
    .from(orgs)
    .where(and(within(orgs.path, filerOrgPath), eq(orgs.regionCode, regionCode)))
    .orderBy(asc(orgs.depth), asc(orgs.name), asc(orgs.id))
    .limit(1);
  return below ?? null;
}

/** The member whose ID number has this blind index, if any. */
export async function memberIdByIdHash(db: Db, idHash: string): Promise<string | null> {
  const [row] = await db.select({ id: members.id }).from(members).where(eq(members.idNumberHash, idHash));
  return row?.id ?? null;
}

// ——— households ———

/**
 * Inserts the household unless its head's ID number is on file (a concurrent filing of the same head waits on the
 * unique index, then finds it): null then.
 */
export async function insertHousehold(tx: Db, values: typeof h.$inferInsert): Promise<string | null> {
  const [row] = await tx.insert(h).values(values).onConflictDoNothing({ target: h.headIdHash }).returning({ id: h.id });
  return row?.id ?? null;
}

export async function findByHeadIdHash(db: Db, idHash: string) {
  const [row] = await db
    .select({ id: h.id, status: h.status, orgPath: orgs.path, filedByStaffId: h.filedByStaffId })
    .from(h)
    .innerJoin(orgs, eq(orgs.id, h.orgId))
    .where(eq(h.headIdHash, idHash));
  return row ?? null;
}

function selectHouseholds(db: Db) {
  return db
    .select({
      id: h.id,
      orgId: h.orgId,
      orgName: orgs.name,
      orgPath: orgs.path,
      filedByStaffId: h.filedByStaffId,
      filedByUsername: staff.username,
      filedByOrgId: h.filedByOrgId,
      filedByOrgName: filerOrgs.name,
      channel: h.channel,
      headName: h.headName,
      headIdMasked: h.headIdMasked,
      phoneMasked: h.phoneMasked,
      memberId: h.memberId,
      regionCode: h.regionCode,
      address: h.address,
      size: h.size,
      monthlyIncomeFen: h.monthlyIncomeFen,
      causes: h.causes,
      note: h.note,
      consentAt: h.consentAt,
      level: h.level,
      archivedAt: h.archivedAt,
      lastReviewedAt: h.lastReviewedAt,
      verifiedAt: h.verifiedAt,
      verificationNote: h.verificationNote,
      rejectionReason: h.rejectionReason,
      status: h.status,
      dueAt: h.dueAt,
      createdAt: h.createdAt,
    })
    .from(h)
    .innerJoin(orgs, eq(orgs.id, h.orgId))
    .innerJoin(filerOrgs, eq(filerOrgs.id, h.filedByOrgId))
    .innerJoin(staff, eq(staff.id, h.filedByStaffId));
}

export type HouseholdRow = NonNullable<Awaited<ReturnType<typeof findHousehold>>>;

export async function findHousehold(db: Db, id: string) {
  const [row] = await selectHouseholds(db).where(eq(h.id, id));
  return row ?? null;
}

export async function findSecrets(db: Db, id: string) {
  const [row] = await db.select({ headIdEnc: h.headIdEnc, phoneEnc: h.phoneEnc }).from(h).where(eq(h.id, id));
  return row ?? null;
}

export interface HouseholdFilter {
  /** Files whose union lies in this subtree. */
  scope?: string;
  filedByStaffId?: string;
  status?: HardshipState;
  level?: string;
  regionPrefix?: string;
  name?: string;
  idHash?: string;
  /** Archives whose review is due before this time. */
  reviewDueBefore?: Date;
}

export async function listHouseholds(
  db: Db,
  f: HouseholdFilter,
  limit: number,
  cursor: { createdAt: string; id: string } | null,
) {
  const conditions: (SQL | undefined)[] = [
    f.scope !== undefined ? within(orgs.path, f.scope) : undefined,
    f.filedByStaffId ? eq(h.filedByStaffId, f.filedByStaffId) : undefined,
    f.status ? eq(h.status, f.status) : undefined,
    f.level ? eq(h.level, f.level as NonNullable<HouseholdRow['level']>) : undefined,
    f.regionPrefix ? sql`${h.regionCode} like ${`${f.regionPrefix}%`}` : undefined,
    f.name ? containsText(h.headName, f.name) : undefined,
    f.idHash ? eq(h.headIdHash, f.idHash) : undefined,
    f.reviewDueBefore ? and(eq(h.status, 'archived'), lt(h.dueAt, f.reviewDueBefore)) : undefined,
    cursor ? before(h.createdAt, h.id, cursor.createdAt, cursor.id) : undefined,
  ];
  return selectHouseholds(db)
    .where(and(...conditions))
    .orderBy(desc(h.createdAt), desc(h.id))
    .limit(limit + 1);
}

export async function updateHousehold(tx: Db, id: string, values: Partial<typeof h.$inferInsert>): Promise<void> {
  await tx.update(h).set(values).where(eq(h.id, id));
}

/** The households of a member: matched when filed, or by their ID number's blind index since. */
export async function householdsOfMember(db: Db, memberId: string, idHash: string | null) {
  return db
    .select({
      id: h.id,
      status: h.status,
      level: h.level,
      regionCode: h.regionCode,
      orgName: orgs.name,
      createdAt: h.createdAt,
      archivedAt: h.archivedAt,
      dueAt: h.dueAt,
    })
    .from(h)
    .innerJoin(orgs, eq(orgs.id, h.orgId))
    .where(or(eq(h.memberId, memberId), idHash ? eq(h.headIdHash, idHash) : undefined))
    .orderBy(desc(h.createdAt));
}

export async function memberIdHash(db: Db, memberId: string): Promise<string | null> {
  const [row] = await db.select({ idHash: members.idNumberHash }).from(members).where(eq(members.id, memberId));
  return row?.idHash ?? null;
}

// ——— files ———

/** Of `ids`, those uploaded by this staff member and not yet attached to any household. */
export async function attachableFileIds(db: Db, staffId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: files.id })
    .from(files)
    .leftJoin(hardshipHouseholdFiles, eq(hardshipHouseholdFiles.fileId, files.id))
    .where(
      and(
        eq(files.ownerKind, 'staff'),
        eq(files.ownerId, staffId),
        inArray(files.id, ids),
        isNull(hardshipHouseholdFiles.fileId),
      ),
    );
  return new Set(rows.map((r) => r.id));
}

export async function attachFiles(
  tx: Db,
  householdId: string,
  fileIds: string[],
  purpose: (typeof hardshipHouseholdFiles.$inferInsert)['purpose'],
  staffId: string,
  at: Date,
): Promise<void> {
  if (fileIds.length > 0)
    await tx
      .insert(hardshipHouseholdFiles)
      .values(fileIds.map((fileId) => ({ householdId, fileId, purpose, addedBy: staffId, addedAt: at })));
}

export async function filesOf(db: Db, householdId: string) {
  return db
    .select({
      id: files.id,
      fileName: files.fileName,
      mediaType: files.mediaType,
      sizeBytes: files.sizeBytes,
      purpose: hardshipHouseholdFiles.purpose,
    })
    .from(hardshipHouseholdFiles)
    .innerJoin(files, eq(files.id, hardshipHouseholdFiles.fileId))
    .where(eq(hardshipHouseholdFiles.householdId, householdId))
    .orderBy(asc(hardshipHouseholdFiles.addedAt), asc(files.id));
}

export async function isFileOf(db: Db, householdId: string, fileId: string): Promise<boolean> {
  const [row] = await db
    .select({ fileId: hardshipHouseholdFiles.fileId })
    .from(hardshipHouseholdFiles)
    .where(and(eq(hardshipHouseholdFiles.householdId, householdId), eq(hardshipHouseholdFiles.fileId, fileId)));
  return row !== undefined;
}

// ——— standards ———

export async function standardsFor(db: Db, codes: string[]) {
  return db
    .select({
      regionCode: hardshipStandards.regionCode,
      monthlyIncomeLineFen: hardshipStandards.monthlyIncomeLineFen,
      relativeIncomeLineFen: hardshipStandards.relativeIncomeLineFen,
      updatedAt: hardshipStandards.updatedAt,
    })
    .from(hardshipStandards)
    .where(inArray(hardshipStandards.regionCode, codes));
}

export async function upsertStandard(tx: Db, values: typeof hardshipStandards.$inferInsert) {
  const [row] = await tx
    .insert(hardshipStandards)
    .values(values)
    .onConflictDoUpdate({
      target: hardshipStandards.regionCode,
      set: {
        monthlyIncomeLineFen: values.monthlyIncomeLineFen,
        relativeIncomeLineFen: values.relativeIncomeLineFen ?? null,
        updatedBy: values.updatedBy,
        updatedAt: values.updatedAt,
      },
    })
    .returning({
      regionCode: hardshipStandards.regionCode,
      monthlyIncomeLineFen: hardshipStandards.monthlyIncomeLineFen,
      relativeIncomeLineFen: hardshipStandards.relativeIncomeLineFen,
      updatedAt: hardshipStandards.updatedAt,
    });
  return row!;
}

export async function listStandards(db: Db, prefix: string | undefined) {
  return db
    .select({
      regionCode: hardshipStandards.regionCode,
      monthlyIncomeLineFen: hardshipStandards.monthlyIncomeLineFen,
      relativeIncomeLineFen: hardshipStandards.relativeIncomeLineFen,
      updatedAt: hardshipStandards.updatedAt,
    })
    .from(hardshipStandards)
    .where(prefix ? sql`${hardshipStandards.regionCode} like ${`${prefix}%`}` : undefined)
    .orderBy(asc(hardshipStandards.regionCode))
    .limit(1000);
}

// ——— figures ———

/** Files of a subtree by status and level. */
export async function countsByStatusAndLevel(db: Db, scope: string) {
  return db
    .select({ status: h.status, level: h.level, n: count() })
    .from(h)
    .innerJoin(orgs, eq(orgs.id, h.orgId))
    .where(within(orgs.path, scope))
    .groupBy(h.status, h.level);
}

/** Files of a subtree in `status` whose deadline is before `at` (overdue or due soon). */
export async function countDueBefore(db: Db, scope: string, status: HardshipState, at: Date, from?: Date) {
  return db.$count(
    h,
    and(
      eq(h.status, status),
      lt(h.dueAt, at),
      from ? gte(h.dueAt, from) : undefined,
      sql`${h.orgId} in (select ${orgs.id} from ${orgs} where ${within(orgs.path, scope)})`,
    ),
  );
}

const children = alias(orgs, 'child');

/** Each union directly below `orgId`: the archives and all files of its subtree. */
export async function countsByChild(db: Db, orgId: string) {
  return db
    .select({
      id: children.id,
      name: children.name,
      archived: sql<number>`count(${h.id}) filter (where ${h.status} = 'archived')`.mapWith(Number),
      total: sql<number>`count(${h.id})`.mapWith(Number),
    })
    .from(children)
    .leftJoin(orgs, sql`${orgs.path} <@ ${children.path}`)
    .leftJoin(h, eq(h.orgId, orgs.id))
    .where(eq(children.parentId, orgId))
    .groupBy(children.id, children.name)
    .orderBy(asc(children.name), asc(children.id));
}
