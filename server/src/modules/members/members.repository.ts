import { and, asc, count, desc, eq, gte, inArray, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.js';
import { orgs, workerAccounts } from '../../kernel/db/kernel.tables.js';
import { anyOf, before, containsText, within } from '../../kernel/db/operators.js';
import { members, membershipApplications } from './members.tables.js';

export type NewMember = typeof members.$inferInsert;

function selectMember(db: Db) {
  return db
    .select({
      id: members.id,
      name: members.name,
      phoneMasked: members.phoneMasked,
      idNumberMasked: members.idNumberMasked,
      employer: members.employer,
      occupation: members.occupation,
      orgId: members.orgId,
      orgName: orgs.name,
      orgPath: orgs.path,
      joinedAt: members.joinedAt,
      createdAt: members.createdAt,
    })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId));
}

export type MemberRow = Awaited<ReturnType<typeof selectMember>>[number];

export async function insertMember(db: Db, row: NewMember): Promise<string> {
  const [created] = await db.insert(members).values(row).returning({ id: members.id });
  return created!.id;
}

/** Inserts what does not collide with an existing phone or ID number; answers the phone hashes inserted. */
export async function insertMembersSkippingDuplicates(db: Db, rows: NewMember[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const inserted = await db
    .insert(members)
    .values(rows)
    .onConflictDoNothing()
    .returning({ phoneHash: members.phoneHash });
  return new Set(inserted.map((r) => r.phoneHash));
}

export async function existingPhoneOrIdHashes(db: Db, phoneHashes: string[], idHashes: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  if (phoneHashes.length > 0) {
    for (const r of await db
      .select({ h: members.phoneHash })
      .from(members)
      .where(inArray(members.phoneHash, phoneHashes)))
      found.add(r.h);
  }
  if (idHashes.length > 0) {
    for (const r of await db
      .select({ h: members.idNumberHash })
      .from(members)
      .where(inArray(members.idNumberHash, idHashes)))
      if (r.h) found.add(r.h);
  }
  return found;
}

export async function findMemberRow(db: Db, id: string): Promise<MemberRow | null> {
  const [row] = await selectMember(db).where(eq(members.id, id));
  return row ?? null;
}

export async function findMemberSecrets(db: Db, id: string) {
  const [row] = await db
    .select({ phoneEnc: members.phoneEnc, idNumberEnc: members.idNumberEnc })
    .from(members)
    .where(eq(members.id, id));
  return row ?? null;
}

export interface MemberFilter {
  scope: string;
  nameLike?: string;
  phoneHash?: string;
  idNumberHash?: string;
}

function filterClause(f: MemberFilter): SQL | undefined {
  return and(
    within(orgs.path, f.scope),
    f.nameLike ? containsText(members.name, f.nameLike) : undefined,
    f.phoneHash ? eq(members.phoneHash, f.phoneHash) : undefined,
    f.idNumberHash ? eq(members.idNumberHash, f.idNumberHash) : undefined,
  );
}

export async function listMemberRows(
  db: Db,
  f: MemberFilter,
  limit: number,
  after: { createdAt: string; id: string } | null,
): Promise<MemberRow[]> {
  return selectMember(db)
    .where(and(filterClause(f), after ? before(members.createdAt, members.id, after.createdAt, after.id) : undefined))
    .orderBy(desc(members.createdAt), desc(members.id))
    .limit(limit + 1);
}

export async function countMembers(db: Db, scope: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(within(orgs.path, scope));
  return row?.n ?? 0;
}

export async function membershipsByPhoneHash(db: Db, phoneHashes: string[]) {
  if (phoneHashes.length === 0) return [];
  return (
    db
      .select({
        phoneHash: members.phoneHash,
        memberId: members.id,
        orgId: members.orgId,
        orgPath: orgs.path,
        name: members.name,
      })
      .from(members)
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      // Batched per event-loop turn behind sign-in (kernel/auth.ts): one statement text whatever the batch size.
      .where(anyOf(members.phoneHash, phoneHashes, 'text'))
  );
}

export async function accountPhone(db: Db, accountId: string) {
  const [row] = await db
    .select({
      phoneHash: workerAccounts.phoneHash,
      phoneEnc: workerAccounts.phoneEnc,
      phoneMasked: workerAccounts.phoneMasked,
    })
    .from(workerAccounts)
    .where(eq(workerAccounts.id, accountId));
  return row ?? null;
}

function selectApplication(db: Db) {
  const a = membershipApplications;
  return db
    .select({
      id: a.id,
      accountId: a.accountId,
      orgId: a.orgId,
      orgName: orgs.name,
      orgPath: orgs.path,
      name: a.name,
      phoneMasked: workerAccounts.phoneMasked,
      idNumberMasked: a.idNumberMasked,
      idNumberHash: a.idNumberHash,
      idNumberEnc: a.idNumberEnc,
      employer: a.employer,
      occupation: a.occupation,
      status: a.status,
      createdAt: a.createdAt,
      dueAt: a.dueAt,
      memberId: a.memberId,
    })
    .from(a)
    .innerJoin(orgs, eq(orgs.id, a.orgId))
    .innerJoin(workerAccounts, eq(workerAccounts.id, a.accountId));
}

export type ApplicationRow = Awaited<ReturnType<typeof selectApplication>>[number];

export async function insertApplication(db: Db, row: typeof membershipApplications.$inferInsert): Promise<string> {
  const [created] = await db.insert(membershipApplications).values(row).returning({ id: membershipApplications.id });
  return created!.id;
}

export async function findApplicationRow(db: Db, id: string): Promise<ApplicationRow | null> {
  const [row] = await selectApplication(db).where(eq(membershipApplications.id, id));
  return row ?? null;
}

/** Applications one worker submitted since `since` (the daily limit). */
export async function countApplicationsSince(db: Db, accountId: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(membershipApplications)
    .where(and(eq(membershipApplications.accountId, accountId), gte(membershipApplications.createdAt, since)));
  return row?.n ?? 0;
}

export async function pendingApplicationOf(db: Db, accountId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: membershipApplications.id })
    .from(membershipApplications)
    .where(and(eq(membershipApplications.accountId, accountId), eq(membershipApplications.status, 'submitted')));
  return row?.id ?? null;
}

export async function listApplicationRows(
  db: Db,
  f: { accountId?: string; scope?: string; status?: string },
  limit: number,
  after: { createdAt: string; id: string } | null,
): Promise<ApplicationRow[]> {
  const a = membershipApplications;
  return selectApplication(db)
    .where(
      and(
        f.accountId ? eq(a.accountId, f.accountId) : undefined,
        f.scope ? within(orgs.path, f.scope) : undefined,
        f.status ? eq(a.status, f.status) : undefined,
        after ? before(a.createdAt, a.id, after.createdAt, after.id) : undefined,
      ),
    )
    .orderBy(desc(a.createdAt), desc(a.id))
    .limit(limit + 1);
}

export async function linkApplicationMember(db: Db, id: string, memberId: string): Promise<void> {
  await db.update(membershipApplications).set({ memberId }).where(eq(membershipApplications.id, id));
}

export async function orgKind(db: Db, id: string): Promise<string | null> {
  const [row] = await db.select({ kind: orgs.kind }).from(orgs).where(eq(orgs.id, id));
  return row?.kind ?? null;
}

/** Organisations of a subtree a spreadsheet names by name or region code (at most 2: one, or ambiguous). */
export async function orgsNamedWithin(db: Db, scope: string, text: string): Promise<{ id: string }[]> {
  return db
    .select({ id: orgs.id })
    .from(orgs)
    .where(and(within(orgs.path, scope), or(eq(orgs.name, text), eq(orgs.regionCode, text))))
    .orderBy(asc(orgs.depth), asc(orgs.id))
    .limit(2);
}
