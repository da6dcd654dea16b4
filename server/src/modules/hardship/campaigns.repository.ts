import { and, asc, desc, eq, gte, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { pgArray, type Db } from '../../kernel/db/client.js';
import { rawStatement, runRaw } from '../../kernel/db/raw.js';
import { orgs, staff } from '../../kernel/db/kernel.tables.js';
import { before, containsText, scalarNumber, within } from '../../kernel/db/operators.js';
import { members } from '../members/index.js';
import type { aidKinds, aidSeasons } from '../../../../shared/labels.js';
import { aidCampaigns, aidCampaignTargets, hardshipAid, hardshipHouseholds } from './hardship.tables.js';
import type { HardshipState } from './hardship.workflow.js';

type AidKind = (typeof aidKinds)[number];

// ——— campaigns ———

export async function insertCampaign(tx: Db, values: typeof aidCampaigns.$inferInsert): Promise<string> {
  const [row] = await tx.insert(aidCampaigns).values(values).returning({ id: aidCampaigns.id });
  return row!.id;
}

function selectCampaigns(db: Db) {
  const c = aidCampaigns;
  return db
    .select({
      id: c.id,
      orgId: c.orgId,
      orgName: orgs.name,
      orgPath: orgs.path,
      season: c.season,
      year: c.year,
      title: c.title,
      status: c.status,
      budgetFen: c.budgetFen,
      spentFen: c.spentFen,
      createdAt: c.createdAt,
      closedAt: c.closedAt,
      targets: scalarNumber<number>(db.$count(aidCampaignTargets, eq(aidCampaignTargets.campaignId, c.id))),
      reached: scalarNumber<number>(db.$count(hardshipAid, eq(hardshipAid.campaignId, c.id))),
    })
    .from(c)
    .innerJoin(orgs, eq(orgs.id, c.orgId));
}

export type CampaignRow = NonNullable<Awaited<ReturnType<typeof findCampaign>>>;

export async function findCampaign(db: Db, id: string) {
  const [row] = await selectCampaigns(db).where(eq(aidCampaigns.id, id));
  return row ?? null;
}

export interface CampaignFilter {
  scope: string;
  year?: number | undefined;
  season?: (typeof aidSeasons)[number] | undefined;
  status?: 'open' | 'closed' | undefined;
}

/** The campaigns of a subtree, newest first. */
export async function listCampaigns(
  db: Db,
  f: CampaignFilter,
  limit: number,
  cursor: { createdAt: string; id: string } | null,
) {
  const c = aidCampaigns;
  return selectCampaigns(db)
    .where(
      and(
        within(orgs.path, f.scope),
        f.year !== undefined ? eq(c.year, f.year) : undefined,
        f.season ? eq(c.season, f.season) : undefined,
        f.status ? eq(c.status, f.status) : undefined,
        cursor ? before(c.createdAt, c.id, cursor.createdAt, cursor.id) : undefined,
      ),
    )
    .orderBy(desc(c.createdAt), desc(c.id))
    .limit(limit + 1);
}

/**
 * Locks the campaign's row: its status and spend hold until the transaction ends, so two distributions (or a
 * distribution and the close) of one campaign run one after the other.
 */
export async function lockCampaign(tx: Db, id: string) {
  const c = aidCampaigns;
  const [row] = await tx
    .select({ status: c.status, budgetFen: c.budgetFen, spentFen: c.spentFen })
    .from(c)
    .where(eq(c.id, id))
    .for('update');
  return row ?? null;
}

export async function closeCampaign(tx: Db, id: string, at: Date): Promise<void> {
  await tx.update(aidCampaigns).set({ status: 'closed', closedAt: at }).where(eq(aidCampaigns.id, id));
}

/** Adds a distribution's amount to the campaign's spend (the row is locked by the caller). */
export async function addSpent(tx: Db, id: string, amountFen: number): Promise<number> {
  const [row] = await tx
    .update(aidCampaigns)
    .set({ spentFen: sql`${aidCampaigns.spentFen} + ${amountFen}` })
    .where(eq(aidCampaigns.id, id))
    .returning({ spentFen: aidCampaigns.spentFen });
  return row!.spentFen;
}

// ——— the target list ———

/** Households by id with their status and org path (missing ids are absent). */
export async function householdsByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const h = hardshipHouseholds;
  return db
    .select({ id: h.id, status: h.status, orgPath: orgs.path })
    .from(h)
    .innerJoin(orgs, eq(orgs.id, h.orgId))
    .where(sql`${h.id} = any(${pgArray(ids)}::uuid[])`);
}

/** Puts the households on the list; answers how many were not on it yet. */
export async function insertTargets(tx: Db, campaignId: string, householdIds: readonly string[], at: Date) {
  if (householdIds.length === 0) return 0;
  const inserted = await tx
    .insert(aidCampaignTargets)
    .values(householdIds.map((householdId) => ({ campaignId, householdId, addedAt: at })))
    .onConflictDoNothing()
    .returning({ householdId: aidCampaignTargets.householdId });
  return inserted.length;
}

export interface ArchiveFilter {
  scope: string;
  statuses: readonly HardshipState[];
  level?: string | undefined;
  /** Digits only (checked by the schema): a prefix of the household's region code. */
  regionPrefix?: string | undefined;
}

/**
 * Every household of the archive filter put on the list in one statement: how many matched, how many were new. Raw:
 * an insert from a select that also answers what it matched (the CTEs), which the builder cannot say.
 */
export const insertTargetsFromArchivesStatement = rawStatement(
  z.strictObject({ matched: z.number().int(), added: z.number().int() }),
  (campaignId: string, f: ArchiveFilter, at: Date) =>
    sql`with m as (
          select h.id from hardship_households h join orgs o on o.id = h.org_id
           where o.path <@ ${f.scope}::ltree
             and h.status = any(${pgArray(f.statuses)}::text[])
             and (${f.level ?? null}::text is null or h.level = ${f.level ?? null}::text)
             and (${f.regionPrefix ?? null}::text is null or h.region_code like ${(f.regionPrefix ?? '') + '%'})
        ), ins as (
          insert into aid_campaign_targets (campaign_id, household_id, added_at)
          select ${campaignId}::uuid, m.id, ${at.toISOString()}::timestamptz from m
          on conflict do nothing returning 1
        )
        select (select count(*) from m)::int as matched, (select count(*) from ins)::int as added`,
);

export async function insertTargetsFromArchives(tx: Db, campaignId: string, f: ArchiveFilter, at: Date) {
  const [row] = await runRaw(tx, insertTargetsFromArchivesStatement, campaignId, f, at);
  return row!;
}

export async function countTargets(db: Db, campaignId: string): Promise<number> {
  return db.$count(aidCampaignTargets, eq(aidCampaignTargets.campaignId, campaignId));
}

export async function isTarget(db: Db, campaignId: string, householdId: string): Promise<boolean> {
  const n = await db.$count(
    aidCampaignTargets,
    and(eq(aidCampaignTargets.campaignId, campaignId), eq(aidCampaignTargets.householdId, householdId)),
  );
  return n > 0;
}

export async function deleteTarget(tx: Db, campaignId: string, householdId: string): Promise<number> {
  const deleted = await tx
    .delete(aidCampaignTargets)
    .where(and(eq(aidCampaignTargets.campaignId, campaignId), eq(aidCampaignTargets.householdId, householdId)))
    .returning({ householdId: aidCampaignTargets.householdId });
  return deleted.length;
}

const householdOrgs = orgs;

/** The list with each household and what it received from this campaign, newest on the list first. */
export async function listTargets(
  db: Db,
  campaignId: string,
  f: { received?: boolean | undefined; q?: string | undefined },
  limit: number,
  cursor: { addedAt: string; id: string } | null,
) {
  const t = aidCampaignTargets;
  const h = hardshipHouseholds;
  const a = hardshipAid;
  return db
    .select({
      householdId: h.id,
      headName: h.headName,
      idNumberMasked: h.headIdMasked,
      regionCode: h.regionCode,
      address: h.address,
      status: h.status,
      level: h.level,
      orgId: householdOrgs.id,
      orgName: householdOrgs.name,
      addedAt: t.addedAt,
      aidId: a.id,
      kind: a.kind,
      amountFen: a.amountFen,
      description: a.description,
      givenOn: a.givenOn,
      via: a.via,
      recordedBy: a.recordedBy,
      recorderName: staff.username,
      aidCreatedAt: a.createdAt,
    })
    .from(t)
    .innerJoin(h, eq(h.id, t.householdId))
    .innerJoin(householdOrgs, eq(householdOrgs.id, h.orgId))
    .leftJoin(a, and(eq(a.campaignId, t.campaignId), eq(a.householdId, t.householdId)))
    .leftJoin(staff, eq(staff.id, a.recordedBy))
    .where(
      and(
        eq(t.campaignId, campaignId),
        f.received === true ? isNotNull(a.id) : f.received === false ? isNull(a.id) : undefined,
        f.q ? containsText(h.headName, f.q) : undefined,
        cursor ? before(t.addedAt, t.householdId, cursor.addedAt, cursor.id) : undefined,
      ),
    )
    .orderBy(desc(t.addedAt), desc(t.householdId))
    .limit(limit + 1);
}

// ——— distribution ———

/** The household, when it lies in the campaign's subtree, and whether it is on the campaign's list. */
export async function householdInCampaign(db: Db, campaignId: string, householdId: string, scope: string) {
  const h = hardshipHouseholds;
  const [row] = await db
    .select({
      id: h.id,
      status: h.status,
      listed: sql<boolean>`exists (select 1 from ${aidCampaignTargets} where ${aidCampaignTargets.campaignId} = ${campaignId} and ${aidCampaignTargets.householdId} = ${h.id})`,
    })
    .from(h)
    .innerJoin(orgs, eq(orgs.id, h.orgId))
    .where(and(eq(h.id, householdId), within(orgs.path, scope)));
  return row ?? null;
}

/**
 * The member whose card shows `code` (GET /api/v1/me/member-card: the first 12 hexadecimal digits of the member id,
 * upper case): a range of the primary key, so the lookup uses its index. Null when none, or (never seen, 2^48 codes)
 * more than one.
 */
export async function memberByCardCode(db: Db, code: string) {
  const hex = code.toLowerCase();
  const prefix = `${hex.slice(0, 8)}-${hex.slice(8, 12)}`;
  const rows = await db
    .select({ id: members.id, idNumberHash: members.idNumberHash })
    .from(members)
    .where(
      and(gte(members.id, `${prefix}-0000-0000-000000000000`), lte(members.id, `${prefix}-ffff-ffff-ffffffffffff`)),
    )
    .limit(2);
  return rows.length === 1 ? rows[0]! : null;
}

/**
 * The household of a member within `scope`: the one linked to the member, or whose head's ID number (blind index) is
 * the member's; one on the campaign's list first.
 */
export async function householdOfMember(
  db: Db,
  campaignId: string,
  member: { id: string; idNumberHash: string | null },
  scope: string,
) {
  const h = hardshipHouseholds;
  const listed = sql<boolean>`exists (select 1 from ${aidCampaignTargets} where ${aidCampaignTargets.campaignId} = ${campaignId} and ${aidCampaignTargets.householdId} = ${h.id})`;
  const [row] = await db
    .select({ id: h.id, status: h.status, listed })
    .from(h)
    .innerJoin(orgs, eq(orgs.id, h.orgId))
    .where(
      and(
        within(orgs.path, scope),
        member.idNumberHash
          ? sql`(${h.memberId} = ${member.id} or ${h.headIdHash} = ${member.idNumberHash})`
          : eq(h.memberId, member.id),
      ),
    )
    .orderBy(desc(listed))
    .limit(1);
  return row ?? null;
}

export async function distributionFor(db: Db, campaignId: string, householdId: string) {
  const [row] = await db
    .select({ id: hardshipAid.id, givenOn: hardshipAid.givenOn })
    .from(hardshipAid)
    .where(and(eq(hardshipAid.campaignId, campaignId), eq(hardshipAid.householdId, householdId)));
  return row ?? null;
}

export async function insertDistribution(tx: Db, values: typeof hardshipAid.$inferInsert): Promise<string> {
  const [row] = await tx.insert(hardshipAid).values(values).returning({ id: hardshipAid.id });
  return row!.id;
}

function selectDistributions(db: Db) {
  const a = hardshipAid;
  const h = hardshipHouseholds;
  return db
    .select({
      id: a.id,
      campaignId: a.campaignId,
      householdId: h.id,
      headName: h.headName,
      idNumberMasked: h.headIdMasked,
      regionCode: h.regionCode,
      level: h.level,
      orgName: orgs.name,
      kind: a.kind,
      amountFen: a.amountFen,
      description: a.description,
      givenOn: a.givenOn,
      via: a.via,
      recordedBy: a.recordedBy,
      recorderName: staff.username,
      createdAt: a.createdAt,
    })
    .from(a)
    .innerJoin(h, eq(h.id, a.householdId))
    .innerJoin(orgs, eq(orgs.id, h.orgId))
    .innerJoin(staff, eq(staff.id, a.recordedBy));
}

export type DistributionRow = Awaited<ReturnType<typeof findDistribution>>;

export async function findDistribution(db: Db, id: string) {
  const [row] = await selectDistributions(db).where(eq(hardshipAid.id, id));
  return row!;
}

/** Every distribution of the campaign, in the order given. */
export async function distributionsOf(db: Db, campaignId: string) {
  return selectDistributions(db)
    .where(eq(hardshipAid.campaignId, campaignId))
    .orderBy(asc(hardshipAid.givenOn), asc(hardshipAid.createdAt), asc(hardshipAid.id));
}

// ——— report ———

export async function spendByKind(db: Db, campaignId: string) {
  const a = hardshipAid;
  const rows = await db
    .select({
      kind: a.kind,
      households: sql<number>`count(*)::int`,
      amountFen: sql<number>`coalesce(sum(${a.amountFen}), 0)::bigint`.mapWith(Number),
    })
    .from(a)
    .where(eq(a.campaignId, campaignId))
    .groupBy(a.kind)
    .orderBy(asc(a.kind));
  return rows as { kind: AidKind; households: number; amountFen: number }[];
}

/**
 * Targets, households reached and amounts per child union of the campaign's union (a household filed to the union
 * itself counts for the union). Households reached without being on the list (aid recorded elsewhere with the
 * campaign) count as reached, not as targets. Raw: the child union is a prefix of the household's org path (ltree).
 */
export const spendByUnionStatement = rawStatement(
  z.strictObject({
    id: z.uuid(),
    name: z.string(),
    targets: z.number().int(),
    reached: z.number().int(),
    amountFen: z.number(),
  }),
  (campaignId: string, campaignOrgPath: string) =>
    sql`with x as (
          select household_id from aid_campaign_targets where campaign_id = ${campaignId}
          union select household_id from hardship_aid where campaign_id = ${campaignId}
        )
        select u.id, u.name,
               count(t.household_id)::int as targets, count(a.id)::int as reached,
               coalesce(sum(a.amount_fen), 0)::float8 as "amountFen"
          from x
          join hardship_households h on h.id = x.household_id
          join orgs ho on ho.id = h.org_id
          join orgs u on u.path = subpath(ho.path, 0, least(nlevel(ho.path), nlevel(${campaignOrgPath}::ltree) + 1))
          left join aid_campaign_targets t on t.campaign_id = ${campaignId} and t.household_id = x.household_id
          left join hardship_aid a on a.campaign_id = ${campaignId} and a.household_id = x.household_id
         group by u.id, u.name
         order by u.name, u.id`,
);

export function spendByUnion(db: Db, campaignId: string, campaignOrgPath: string) {
  return runRaw(db, spendByUnionStatement, campaignId, campaignOrgPath);
}
