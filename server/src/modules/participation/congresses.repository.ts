import { and, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../kernel/db/client.js';
import { orgs, workerAccounts } from '../../kernel/db/kernel.tables.js';
import { anyOf, before, containsText, within } from '../../kernel/db/operators.js';
import { members } from '../members/index.js';
import type { CongressStatus, RepresentativeStatus } from './congresses.schemas.js';
import { congresses, congressRepresentatives } from './congresses.tables.js';

export type NewCongress = typeof congresses.$inferInsert;
export type NewRepresentative = typeof congressRepresentatives.$inferInsert;

function selectCongresses(db: Db) {
  const c = congresses;
  return db
    .select({
      id: c.id,
      orgId: c.orgId,
      orgName: orgs.name,
      orgPath: orgs.path,
      kind: c.kind,
      name: c.name,
      termStartsOn: c.termStartsOn,
      termEndsOn: c.termEndsOn,
      status: c.status,
      archivedAt: c.archivedAt,
      createdAt: c.createdAt,
      representatives:
        sql<number>`(select count(*) from ${congressRepresentatives} r where r.congress_id = ${c.id} and r.status = 'active')`.mapWith(
          Number,
        ),
    })
    .from(c)
    .innerJoin(orgs, eq(orgs.id, c.orgId))
    .$dynamic();
}
export type CongressRow = Awaited<ReturnType<typeof selectCongresses>>[number];

export async function findCongress(db: Db, id: string): Promise<CongressRow | null> {
  const [row] = await selectCongresses(db).where(eq(congresses.id, id));
  return row ?? null;
}

export async function listCongresses(
  db: Db,
  f: { scope: string; status?: CongressStatus | undefined },
  limit: number,
  after: { createdAt: string; id: string } | null,
): Promise<CongressRow[]> {
  return selectCongresses(db)
    .where(
      and(
        within(orgs.path, f.scope),
        f.status ? eq(congresses.status, f.status) : undefined,
        after ? before(congresses.createdAt, congresses.id, after.createdAt, after.id) : undefined,
      ),
    )
    .orderBy(desc(congresses.createdAt), desc(congresses.id))
    .limit(limit + 1);
}

export async function insertCongress(db: Db, row: NewCongress): Promise<string> {
  const [created] = await db.insert(congresses).values(row).returning({ id: congresses.id });
  return created!.id;
}

export async function archiveCongress(db: Db, id: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(congresses)
    .set({ status: 'archived', archivedAt: at })
    .where(and(eq(congresses.id, id), eq(congresses.status, 'active')))
    .returning({ id: congresses.id });
  return rows.length > 0;
}

const memberOrgs = alias(orgs, 'member_org');

function selectRepresentatives(db: Db) {
  const r = congressRepresentatives;
  return db
    .select({
      id: r.id,
      congressId: r.congressId,
      memberId: r.memberId,
      memberName: members.name,
      memberPhoneMasked: members.phoneMasked,
      orgId: members.orgId,
      orgName: memberOrgs.name,
      orgPath: memberOrgs.path,
      delegation: r.delegation,
      status: r.status,
      createdAt: r.createdAt,
    })
    .from(r)
    .innerJoin(members, eq(members.id, r.memberId))
    .innerJoin(memberOrgs, eq(memberOrgs.id, members.orgId))
    .$dynamic();
}
export type RepresentativeRow = Awaited<ReturnType<typeof selectRepresentatives>>[number];

export async function findRepresentative(db: Db, id: string): Promise<RepresentativeRow | null> {
  const [row] = await selectRepresentatives(db).where(eq(congressRepresentatives.id, id));
  return row ?? null;
}

/** The member's representative row in a congress, whatever its status (null when never one). */
export async function representativeOfMember(
  db: Db,
  congressId: string,
  memberId: string,
): Promise<RepresentativeRow | null> {
  const [row] = await selectRepresentatives(db).where(
    and(eq(congressRepresentatives.congressId, congressId), eq(congressRepresentatives.memberId, memberId)),
  );
  return row ?? null;
}

export async function listRepresentatives(
  db: Db,
  f: { congressId: string; status: RepresentativeStatus; q?: string | undefined },
  limit: number,
  after: { name: string; id: string } | null,
): Promise<RepresentativeRow[]> {
  const r = congressRepresentatives;
  return selectRepresentatives(db)
    .where(
      and(
        eq(r.congressId, f.congressId),
        eq(r.status, f.status),
        f.q ? containsText(members.name, f.q) : undefined,
        after ? sql`(${members.name}, ${r.id}) > (${after.name}, ${after.id})` : undefined,
      ),
    )
    .orderBy(members.name, r.id)
    .limit(limit + 1);
}

/** Adds a representative; null when the member already is one of this congress (active or removed). */
export async function insertRepresentative(db: Db, row: NewRepresentative): Promise<string | null> {
  const [created] = await db
    .insert(congressRepresentatives)
    .values(row)
    .onConflictDoNothing({ target: [congressRepresentatives.congressId, congressRepresentatives.memberId] })
    .returning({ id: congressRepresentatives.id });
  return created?.id ?? null;
}

export async function setRepresentativeStatus(db: Db, id: string, status: RepresentativeStatus): Promise<void> {
  await db.update(congressRepresentatives).set({ status }).where(eq(congressRepresentatives.id, id));
}

/** The member's active representative rows, newest term first: which congresses they represent. */
export async function representationsOfMember(db: Db, memberId: string) {
  return db
    .select({
      congressId: congressRepresentatives.congressId,
      representativeId: congressRepresentatives.id,
      delegation: congressRepresentatives.delegation,
    })
    .from(congressRepresentatives)
    .innerJoin(congresses, eq(congresses.id, congressRepresentatives.congressId))
    .where(and(eq(congressRepresentatives.memberId, memberId), eq(congressRepresentatives.status, 'active')))
    .orderBy(desc(congresses.termStartsOn), desc(congresses.id));
}

export async function findMember(db: Db, id: string) {
  const [row] = await db
    .select({ id: members.id, name: members.name, orgId: members.orgId, orgPath: orgs.path })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(eq(members.id, id));
  return row ?? null;
}

/** Members by id with their union's path (ids not found are left out). */
export async function findMembers(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: members.id, name: members.name, orgId: members.orgId, orgPath: orgs.path })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(anyOf(members.id, ids, 'uuid'));
}

/** Adds representatives in one statement; members already of this congress (active or removed) are left out. */
export async function insertRepresentatives(db: Db, rows: NewRepresentative[]) {
  if (rows.length === 0) return [];
  return db
    .insert(congressRepresentatives)
    .values(rows)
    .onConflictDoNothing({ target: [congressRepresentatives.congressId, congressRepresentatives.memberId] })
    .returning({ id: congressRepresentatives.id, memberId: congressRepresentatives.memberId });
}

/** The member's app account (same phone), when they have signed in once: where their notifications go. */
export async function workerAccountOfMember(db: Db, memberId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: workerAccounts.id })
    .from(members)
    .innerJoin(workerAccounts, eq(workerAccounts.phoneHash, members.phoneHash))
    .where(eq(members.id, memberId));
  return row?.id ?? null;
}

/** Locks an active congress's row until the transaction ends (an import's batch against a concurrent archive). */
export async function lockActiveCongress(db: Db, id: string): Promise<boolean> {
  const rows = await db
    .select({ id: congresses.id })
    .from(congresses)
    .where(and(eq(congresses.id, id), eq(congresses.status, 'active')))
    .for('share');
  return rows.length > 0;
}

/** The members with these phones (blind index) in `scope`: an import's rows, a batch at a time. */
export async function membersByPhoneHashesWithin(db: Db, scope: string, phoneHashes: string[]) {
  if (phoneHashes.length === 0) return [];
  return db
    .select({ id: members.id, name: members.name, phoneHash: members.phoneHash, orgPath: orgs.path })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(within(orgs.path, scope), anyOf(members.phoneHash, phoneHashes, 'text')));
}

/**
 * Adds representatives in one statement; a removed one comes back on their row (with the new delegation, if any).
 * Returns the members added or restored: those missing from it were active representatives already.
 */
export async function insertRepresentativesRestoring(db: Db, rows: NewRepresentative[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const r = congressRepresentatives;
  const done = await db
    .insert(r)
    .values(rows)
    .onConflictDoUpdate({
      target: [r.congressId, r.memberId],
      set: { status: 'active', delegation: sql`coalesce(excluded.delegation, ${r.delegation})` },
      setWhere: eq(r.status, 'removed'),
    })
    .returning({ memberId: r.memberId });
  return new Set(done.map((d) => d.memberId));
}
