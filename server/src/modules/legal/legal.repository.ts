import { and, asc, count, desc, eq, gte, inArray, isNull, lt, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../kernel/db/client.js';
import { files, orgs, staff, workerAccounts } from '../../kernel/db/kernel.tables.js';
import { afterName, before, containing, scalarNumber, within } from '../../kernel/db/operators.js';
import { members } from '../members/index.js';
import { legalCaseAttachments, legalCases } from './legal.tables.js';

export type NewCase = typeof legalCases.$inferInsert;

const handlers = alias(staff, 'handler');

function selectCases(db: Db) {
  const c = legalCases;
  return (
    db
      .select({
        id: c.id,
        applicantId: c.applicantId,
        applicantPhoneMasked: workerAccounts.phoneMasked,
        /** The name in the member registry of the applicant's phone; null for a worker who is not a member. */
        applicantName: members.name,
        kind: c.kind,
        category: c.category,
        description: c.description,
        amountClaimedFen: c.amountClaimedFen,
        employerName: c.employerName,
        employerRegionCode: c.employerRegionCode,
        employerAddress: c.employerAddress,
        centerId: c.centerId,
        centerName: orgs.name,
        orgPath: orgs.path,
        routedToCenter: c.routedToCenter,
        status: c.status,
        firstContactDueAt: c.firstContactDueAt,
        firstContactAt: c.firstContactAt,
        handlerId: c.handlerId,
        handlerDisplayName: handlers.displayName,
        handlerUsername: handlers.username,
        amountRecoveredFen: c.amountRecoveredFen,
        referredTo: c.referredTo,
        closedAt: c.closedAt,
        ratingScore: c.ratingScore,
        ratingComment: c.ratingComment,
        createdAt: c.createdAt,
      })
      .from(c)
      .innerJoin(orgs, eq(orgs.id, c.centerId))
      .innerJoin(workerAccounts, eq(workerAccounts.id, c.applicantId))
      // members.phone_hash is unique: at most one registry entry per applicant.
      .leftJoin(members, eq(members.phoneHash, workerAccounts.phoneHash))
      .leftJoin(handlers, eq(handlers.id, c.handlerId))
      .$dynamic()
  );
}

function toCaseRow({ handlerDisplayName, handlerUsername, ...row }: Awaited<ReturnType<typeof selectCases>>[number]) {
  return { ...row, handlerName: handlerDisplayName ?? handlerUsername };
}

export type CaseRow = ReturnType<typeof toCaseRow>;

/**
 * The org that takes a case from an employer in `regionCode`: a service centre serving that county,
 * else its city, else its province (GB/T 2260: 610104 → 610100 → 610000); failing that, the
 * most local federation of the same chain, so the case waits in a queue and is never lost.
 */
export async function routeCase(db: Db, regionCode: string): Promise<{ id: string; toCenter: boolean } | null> {
  const chain = [regionCode, `${regionCode.slice(0, 4)}00`, `${regionCode.slice(0, 2)}0000`];
  const [row] = await db
    .select({ id: orgs.id, kind: orgs.kind })
    .from(orgs)
    .where(and(inArray(orgs.regionCode, chain), inArray(orgs.kind, ['center', 'federation'])))
    .orderBy(
      sql`case ${orgs.kind} when 'center' then 0 else 1 end`,
      sql`array_position(array[${chain[0]}, ${chain[1]}, ${chain[2]}]::text[], ${orgs.regionCode})`,
      desc(orgs.depth),
      asc(orgs.createdAt),
    )
    .limit(1);
  return row ? { id: row.id, toCenter: row.kind === 'center' } : null;
}

export async function insertCase(db: Db, row: NewCase): Promise<string> {
  const [created] = await db.insert(legalCases).values(row).returning({ id: legalCases.id });
  return created!.id;
}

/** Cases one applicant filed since `since` (the daily limit). */
export async function countCasesSince(db: Db, applicantId: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(legalCases)
    .where(and(eq(legalCases.applicantId, applicantId), gte(legalCases.createdAt, since)));
  return row?.n ?? 0;
}

export async function attachFiles(db: Db, caseId: string, fileIds: string[]): Promise<void> {
  if (fileIds.length > 0) await db.insert(legalCaseAttachments).values(fileIds.map((fileId) => ({ caseId, fileId })));
}

export async function ownedFileIds(db: Db, ownerId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: files.id })
    .from(files)
    .where(and(eq(files.ownerKind, 'worker'), eq(files.ownerId, ownerId), inArray(files.id, ids)));
  return new Set(rows.map((r) => r.id));
}

function selectAttachments(db: Db) {
  return db
    .select({
      caseId: legalCaseAttachments.caseId,
      id: files.id,
      fileName: files.fileName,
      mediaType: files.mediaType,
      sizeBytes: files.sizeBytes,
    })
    .from(legalCaseAttachments)
    .innerJoin(files, eq(files.id, legalCaseAttachments.fileId));
}

export type AttachmentRow = Omit<Awaited<ReturnType<typeof selectAttachments>>[number], 'caseId'>;

export async function attachmentsOf(db: Db, caseId: string): Promise<AttachmentRow[]> {
  return (await attachmentsOfCases(db, [caseId])).get(caseId) ?? [];
}

/** The attachments of several cases in one query (a page of cases), by case id. */
export async function attachmentsOfCases(db: Db, caseIds: string[]): Promise<Map<string, AttachmentRow[]>> {
  const byCase = new Map<string, AttachmentRow[]>(caseIds.map((id) => [id, []]));
  if (caseIds.length === 0) return byCase;
  const rows = await selectAttachments(db)
    .where(inArray(legalCaseAttachments.caseId, caseIds))
    .orderBy(asc(files.createdAt), asc(files.id));
  for (const { caseId, ...file } of rows) byCase.get(caseId)?.push(file);
  return byCase;
}

export async function isAttachedTo(db: Db, caseId: string, fileId: string): Promise<boolean> {
  const [row] = await db
    .select({ fileId: legalCaseAttachments.fileId })
    .from(legalCaseAttachments)
    .where(and(eq(legalCaseAttachments.caseId, caseId), eq(legalCaseAttachments.fileId, fileId)));
  return row !== undefined;
}

export async function findCase(db: Db, id: string): Promise<CaseRow | null> {
  const [row] = await selectCases(db).where(eq(legalCases.id, id));
  return row ? toCaseRow(row) : null;
}

const closedStates = ['closed', 'withdrawn'];
const awaitingContact = ['submitted', 'accepted', 'assigned'];

/** No first contact yet and past its deadline (by the database's clock). */
function overdueFirstContact(): SQL {
  return and(
    isNull(legalCases.firstContactAt),
    inArray(legalCases.status, awaitingContact),
    lt(legalCases.firstContactDueAt, sql`now()`),
  )!;
}

export async function listCases(
  db: Db,
  f: { applicantId?: string; handlerId?: string; scope?: string; status?: string; overdue?: boolean },
  limit: number,
  after: { createdAt: string; id: string } | null,
): Promise<CaseRow[]> {
  const c = legalCases;
  const rows = await selectCases(db)
    .where(
      and(
        f.applicantId ? eq(c.applicantId, f.applicantId) : undefined,
        f.handlerId ? eq(c.handlerId, f.handlerId) : undefined,
        f.scope ? within(orgs.path, f.scope) : undefined,
        f.status === 'open' ? notInArray(c.status, closedStates) : f.status ? eq(c.status, f.status) : undefined,
        f.overdue ? overdueFirstContact() : undefined,
        after ? before(c.createdAt, c.id, after.createdAt, after.id) : undefined,
      ),
    )
    .orderBy(desc(c.createdAt), desc(c.id))
    .limit(limit + 1);
  return rows.map(toCaseRow);
}

export async function updateCase(db: Db, id: string, patch: Partial<NewCase>): Promise<void> {
  if (Object.keys(patch).length > 0) await db.update(legalCases).set(patch).where(eq(legalCases.id, id));
}

/** Marks the first contact once; later contacts leave it. */
export async function markFirstContact(db: Db, id: string, at: Date): Promise<void> {
  await db
    .update(legalCases)
    .set({ firstContactAt: at })
    .where(and(eq(legalCases.id, id), isNull(legalCases.firstContactAt)));
}

/** Aggregates over the schema's columns; each figure's type is declared with its expression and checked by legal.repository.test.ts. */
export async function caseStats(db: Db, scope: string) {
  const c = legalCases;
  const isClosed = sql`${c.status} = 'closed'`;
  const num = scalarNumber;
  const [row] = await db
    .select({
      cases: count(),
      open: num<number>(sql`count(*) filter (where ${notInArray(c.status, closedStates)})`),
      closed: num<number>(sql`count(*) filter (where ${isClosed})`),
      recoveredFen: num<number>(sql`coalesce(sum(${c.amountRecoveredFen}) filter (where ${isClosed}), 0)::float8`),
      averageHoursToFirstContact: num<number | null>(
        sql`round((avg(extract(epoch from ${c.firstContactAt} - ${c.createdAt})) / 3600)::numeric, 1)::float8`,
      ),
      averageDaysToClose: num<number | null>(
        sql`round((avg(extract(epoch from ${c.closedAt} - ${c.createdAt})) filter (where ${isClosed}) / 86400)::numeric, 1)::float8`,
      ),
      overdueFirstContact: num<number>(sql`count(*) filter (where ${overdueFirstContact()})`),
      averageRating: num<number | null>(sql`round(avg(${c.ratingScore})::numeric, 2)::float8`),
    })
    .from(c)
    .innerJoin(orgs, eq(orgs.id, c.centerId))
    .where(within(orgs.path, scope));
  return row!;
}

export async function findHandler(
  db: Db,
  staffId: string,
): Promise<{ active: boolean; roles: string[]; orgPath: string } | null> {
  const [row] = await db
    .select({ active: staff.active, roles: staff.roles, orgPath: orgs.path })
    .from(staff)
    .innerJoin(orgs, eq(orgs.id, staff.orgId))
    .where(eq(staff.id, staffId));
  return row ?? null;
}

/** The applicant's phone as stored (ciphertext), for the audited unmasked read. */
export async function applicantPhoneEnc(db: Db, caseId: string): Promise<string | null> {
  const [row] = await db
    .select({ phoneEnc: workerAccounts.phoneEnc })
    .from(legalCases)
    .innerJoin(workerAccounts, eq(workerAccounts.id, legalCases.applicantId))
    .where(eq(legalCases.id, caseId));
  return row?.phoneEnc ?? null;
}

/**
 * Who may take a centre's cases (what the assign action accepts): active case handlers of the centre's
 * subtree or above it (a district's handler may take a street centre's case), and the centre's own admins.
 */
export async function handlersOf(
  db: Db,
  centrePath: string,
  limit: number,
  after: { name: string; id: string } | null,
) {
  const name = sql<string>`coalesce(${staff.displayName}, ${staff.username})`;
  const hasRole = (role: string) => sql`${role} = any(${staff.roles})`;
  return db
    .select({ id: staff.id, name, roles: staff.roles, orgId: orgs.id, orgName: orgs.name })
    .from(staff)
    .innerJoin(orgs, eq(orgs.id, staff.orgId))
    .where(
      and(
        eq(staff.active, true),
        or(
          and(hasRole('case_handler'), or(within(orgs.path, centrePath), containing(orgs.path, centrePath))),
          and(hasRole('org_admin'), within(orgs.path, centrePath)),
        ),
        after ? afterName(name, staff.id, after) : undefined,
      ),
    )
    .orderBy(asc(name), asc(staff.id))
    .limit(limit + 1);
}

export type HandlerRow = Awaited<ReturnType<typeof handlersOf>>[number];
