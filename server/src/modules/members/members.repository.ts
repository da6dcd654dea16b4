import { and, eq, inArray } from 'drizzle-orm';
import { pgArray, queryRows, sql, type Db } from '../../kernel/db/client.js';
import { orgs, workerAccounts } from '../../kernel/db/kernel.tables.js';
import { members, membershipApplications } from './members.tables.js';

export interface MemberRow {
  id: string;
  name: string;
  phoneMasked: string;
  idNumberMasked: string | null;
  employer: string | null;
  occupation: string | null;
  orgId: string;
  orgName: string;
  orgPath: string;
  joinedAt: Date;
  createdAt: Date;
}

export type NewMember = typeof members.$inferInsert;

const selectMember = sql`select m.id, m.name, m.phone_masked as "phoneMasked", m.id_number_masked as "idNumberMasked", m.employer, m.occupation,
  m.org_id as "orgId", o.name as "orgName", o.path::text as "orgPath", m.joined_at as "joinedAt", m.created_at as "createdAt"
  from members m join orgs o on o.id = m.org_id`;

function withDates(row: MemberRow): MemberRow {
  return { ...row, joinedAt: new Date(row.joinedAt), createdAt: new Date(row.createdAt) };
}

export async function insertMember(db: Db, row: NewMember): Promise<string> {
  const [created] = await db.insert(members).values(row).returning({ id: members.id });
  return created!.id;
}

/** Inserts what does not collide with an existing phone or ID number; answers the phone hashes inserted. */
export async function insertMembersSkippingDuplicates(db: Db, rows: NewMember[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const inserted = await db.insert(members).values(rows).onConflictDoNothing().returning({ phoneHash: members.phoneHash });
  return new Set(inserted.map((r) => r.phoneHash));
}

export async function existingPhoneOrIdHashes(db: Db, phoneHashes: string[], idHashes: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  if (phoneHashes.length > 0) {
    for (const r of await db.select({ h: members.phoneHash }).from(members).where(inArray(members.phoneHash, phoneHashes))) found.add(r.h);
  }
  if (idHashes.length > 0) {
    for (const r of await db.select({ h: members.idNumberHash }).from(members).where(inArray(members.idNumberHash, idHashes))) if (r.h) found.add(r.h);
  }
  return found;
}

export async function findMemberRow(db: Db, id: string): Promise<MemberRow | null> {
  const [row] = await queryRows<MemberRow>(db, sql`${selectMember} where m.id = ${id}`);
  return row ? withDates(row) : null;
}

export async function findMemberSecrets(db: Db, id: string) {
  const [row] = await db.select({ phoneEnc: members.phoneEnc, idNumberEnc: members.idNumberEnc }).from(members).where(eq(members.id, id));
  return row ?? null;
}

export interface MemberFilter {
  scope: string;
  nameLike?: string;
  phoneHash?: string;
  idNumberHash?: string;
}

function filterClause(f: MemberFilter) {
  const parts = [sql`o.path <@ ${f.scope}::ltree`];
  if (f.nameLike) parts.push(sql`m.name ilike ${`%${f.nameLike.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (f.phoneHash) parts.push(sql`m.phone_hash = ${f.phoneHash}`);
  if (f.idNumberHash) parts.push(sql`m.id_number_hash = ${f.idNumberHash}`);
  return sql.join(parts, sql` and `);
}

export async function listMemberRows(db: Db, f: MemberFilter, limit: number, after: { createdAt: string; id: string } | null): Promise<MemberRow[]> {
  const afterClause = after ? sql`and (m.created_at, m.id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)` : sql``;
  const rows = await queryRows<MemberRow>(
    db,
    sql`${selectMember} where ${filterClause(f)} ${afterClause} order by m.created_at desc, m.id desc limit ${limit + 1}`,
  );
  return rows.map(withDates);
}

export async function countMembers(db: Db, scope: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from members m join orgs o on o.id = m.org_id where o.path <@ ${scope}::ltree`,
  );
  return row?.n ?? 0;
}

export async function membershipsByPhoneHash(db: Db, phoneHashes: string[]) {
  return queryRows<{ phoneHash: string; memberId: string; orgId: string; orgPath: string; name: string }>(
    db,
    sql`select m.phone_hash as "phoneHash", m.id as "memberId", m.org_id as "orgId", o.path::text as "orgPath", m.name
        from members m join orgs o on o.id = m.org_id where m.phone_hash = any(${pgArray(phoneHashes)}::text[])`,
  );
}

export async function accountPhone(db: Db, accountId: string) {
  const [row] = await db
    .select({ phoneHash: workerAccounts.phoneHash, phoneEnc: workerAccounts.phoneEnc, phoneMasked: workerAccounts.phoneMasked })
    .from(workerAccounts)
    .where(eq(workerAccounts.id, accountId));
  return row ?? null;
}

export interface ApplicationRow {
  id: string;
  accountId: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  name: string;
  phoneMasked: string;
  idNumberMasked: string | null;
  idNumberHash: string | null;
  idNumberEnc: string | null;
  employer: string | null;
  occupation: string | null;
  status: string;
  createdAt: Date;
  dueAt: Date | null;
  memberId: string | null;
}

const selectApplication = sql`select a.id, a.account_id as "accountId", a.org_id as "orgId", o.name as "orgName", o.path::text as "orgPath", a.name,
  w.phone_masked as "phoneMasked", a.id_number_masked as "idNumberMasked", a.id_number_hash as "idNumberHash", a.id_number_enc as "idNumberEnc",
  a.employer, a.occupation, a.status, a.created_at as "createdAt", a.due_at as "dueAt", a.member_id as "memberId"
  from membership_applications a join orgs o on o.id = a.org_id join worker_accounts w on w.id = a.account_id`;

function applicationDates(row: ApplicationRow): ApplicationRow {
  return { ...row, createdAt: new Date(row.createdAt), dueAt: row.dueAt ? new Date(row.dueAt) : null };
}

export async function insertApplication(db: Db, row: typeof membershipApplications.$inferInsert): Promise<string> {
  const [created] = await db.insert(membershipApplications).values(row).returning({ id: membershipApplications.id });
  return created!.id;
}

export async function findApplicationRow(db: Db, id: string): Promise<ApplicationRow | null> {
  const [row] = await queryRows<ApplicationRow>(db, sql`${selectApplication} where a.id = ${id}`);
  return row ? applicationDates(row) : null;
}

/** Applications one worker submitted since `since` (the daily limit). */
export async function countApplicationsSince(db: Db, accountId: string, since: Date): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from membership_applications where account_id = ${accountId} and created_at >= ${since}`,
  );
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
  const parts = [sql`true`];
  if (f.accountId) parts.push(sql`a.account_id = ${f.accountId}`);
  if (f.scope) parts.push(sql`o.path <@ ${f.scope}::ltree`);
  if (f.status) parts.push(sql`a.status = ${f.status}`);
  if (after) parts.push(sql`(a.created_at, a.id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`);
  const rows = await queryRows<ApplicationRow>(
    db,
    sql`${selectApplication} where ${sql.join(parts, sql` and `)} order by a.created_at desc, a.id desc limit ${limit + 1}`,
  );
  return rows.map(applicationDates);
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
  return queryRows<{ id: string }>(
    db,
    sql`select id from orgs where path <@ ${scope}::ltree and (name = ${text} or region_code = ${text}) order by depth, id limit 2`,
  );
}
