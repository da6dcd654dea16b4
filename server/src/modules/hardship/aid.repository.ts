import { and, asc, desc, eq, gte, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.js';
import { orgs, staff } from '../../kernel/db/kernel.tables.js';
import { within } from '../../kernel/db/operators.js';
import { members } from '../members/index.js';
import { aidCampaigns, hardshipAid, hardshipDonors, hardshipHouseholds } from './hardship.tables.js';
import type { HardshipState } from './hardship.workflow.js';

/** What plans, aid and the history need of a household: its state and the union whose subtree sees it. */
export interface HouseholdRef {
  id: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  status: HardshipState;
  level: (typeof hardshipHouseholds.$inferSelect)['level'];
  headName: string;
  headIdMasked: string;
  memberId: string | null;
  filedByStaffId: string;
  createdAt: Date;
}

function selectHouseholds(db: Db) {
  const h = hardshipHouseholds;
  return db
    .select({
      id: h.id,
      orgId: h.orgId,
      orgName: orgs.name,
      orgPath: orgs.path,
      status: h.status,
      level: h.level,
      headName: h.headName,
      headIdMasked: h.headIdMasked,
      memberId: h.memberId,
      filedByStaffId: h.filedByStaffId,
      createdAt: h.createdAt,
    })
    .from(h)
    .innerJoin(orgs, eq(orgs.id, h.orgId));
}

export async function findHouseholdRef(db: Db, id: string): Promise<HouseholdRef | null> {
  const [row] = await selectHouseholds(db).where(eq(hardshipHouseholds.id, id));
  return row ?? null;
}

/** The household row locked for this transaction: plans and aid of one household are written one at a time. */
export async function lockHousehold(tx: Db, id: string): Promise<HardshipState | null> {
  const [row] = await tx
    .select({ status: hardshipHouseholds.status })
    .from(hardshipHouseholds)
    .where(eq(hardshipHouseholds.id, id))
    .for('update');
  return row?.status ?? null;
}

/**
 * The household whose head is this member — matched to them when filed, or whose head's ID number is theirs (the same
 * blind index) — the newest file, should there be more than one.
 */
export async function findHouseholdOfMember(db: Db, memberId: string): Promise<HouseholdRef | null> {
  const h = hardshipHouseholds;
  const [row] = await selectHouseholds(db)
    .where(
      or(
        eq(h.memberId, memberId),
        eq(h.headIdHash, sql`(select ${members.idNumberHash} from ${members} where ${members.id} = ${memberId})`),
      ),
    )
    .orderBy(desc(hardshipHouseholds.createdAt))
    .limit(1);
  return row ?? null;
}

export async function insertAid(tx: Db, values: typeof hardshipAid.$inferInsert): Promise<string> {
  const [row] = await tx.insert(hardshipAid).values(values).returning({ id: hardshipAid.id });
  return row!.id;
}

/** An earlier cash entry of the same amount for the same household on the same day (outside campaigns). */
export async function findSameCash(tx: Db, householdId: string, givenOn: string, amountFen: number): Promise<boolean> {
  const a = hardshipAid;
  const [row] = await tx
    .select({ id: a.id })
    .from(a)
    .where(
      and(
        eq(a.householdId, householdId),
        eq(a.givenOn, givenOn),
        eq(a.amountFen, amountFen),
        eq(a.kind, 'cash'),
        sql`${a.campaignId} is null`,
      ),
    );
  return row !== undefined;
}

export function selectAid(db: Db) {
  const a = hardshipAid;
  return db
    .select({
      id: a.id,
      householdId: a.householdId,
      kind: a.kind,
      amountFen: a.amountFen,
      description: a.description,
      givenOn: a.givenOn,
      orgId: a.orgId,
      orgName: orgs.name,
      donorId: a.donorId,
      donorName: hardshipDonors.name,
      campaignId: a.campaignId,
      campaignTitle: aidCampaigns.title,
      via: a.via,
      recordedBy: a.recordedBy,
      recordedByName: staff.username,
      createdAt: a.createdAt,
      headName: hardshipHouseholds.headName,
      headIdMasked: hardshipHouseholds.headIdMasked,
      householdOrgName: sql<string>`(select name from orgs ho where ho.id = ${hardshipHouseholds.orgId})`,
    })
    .from(a)
    .innerJoin(orgs, eq(orgs.id, a.orgId))
    .innerJoin(staff, eq(staff.id, a.recordedBy))
    .innerJoin(hardshipHouseholds, eq(hardshipHouseholds.id, a.householdId))
    .leftJoin(hardshipDonors, eq(hardshipDonors.id, a.donorId))
    .leftJoin(aidCampaigns, eq(aidCampaigns.id, a.campaignId));
}
export type AidRow = Awaited<ReturnType<ReturnType<typeof selectAid>['execute']>>[number];

export async function findAid(db: Db, id: string): Promise<AidRow | null> {
  const [row] = await selectAid(db).where(eq(hardshipAid.id, id));
  return row ?? null;
}

/** A household's record, newest first. */
export function listAidOfHousehold(db: Db, householdId: string): Promise<AidRow[]> {
  return selectAid(db)
    .where(eq(hardshipAid.householdId, householdId))
    .orderBy(desc(hardshipAid.givenOn), desc(hardshipAid.createdAt), desc(hardshipAid.id));
}

/** A donor's gifts, newest first. */
export function listAidOfDonor(db: Db, donorId: string): Promise<AidRow[]> {
  return selectAid(db)
    .where(eq(hardshipAid.donorId, donorId))
    .orderBy(desc(hardshipAid.givenOn), desc(hardshipAid.createdAt), desc(hardshipAid.id));
}

export interface AidLedgerFilter {
  scope: string;
  from?: string;
  to?: string;
  kind?: string;
}

/** The ledger of a subtree (by the household's union), a page at a time in the order given, after `after`. */
export function listAidLedger(
  db: Db,
  f: AidLedgerFilter,
  limit: number,
  after: { givenOn: string; createdAt: Date; id: string } | null,
): Promise<AidRow[]> {
  const conditions: SQL[] = [
    sql`exists (select 1 from orgs ho where ho.id = ${hardshipHouseholds.orgId} and ${within(sql`ho.path`, f.scope)})`,
  ];
  if (f.from) conditions.push(gte(hardshipAid.givenOn, f.from));
  if (f.to) conditions.push(lte(hardshipAid.givenOn, f.to));
  if (f.kind) conditions.push(eq(hardshipAid.kind, f.kind as (typeof hardshipAid.$inferSelect)['kind']));
  const a = hardshipAid;
  if (after)
    conditions.push(
      sql`(${a.givenOn}, ${a.createdAt}, ${a.id}) > (${after.givenOn}::date, ${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)`,
    );
  return selectAid(db)
    .where(and(...conditions))
    .orderBy(asc(a.givenOn), asc(a.createdAt), asc(a.id))
    .limit(limit);
}
