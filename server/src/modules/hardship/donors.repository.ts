import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.js';
import { orgs } from '../../kernel/db/kernel.tables.js';
import { containing, containsText, within } from '../../kernel/db/operators.js';
import { hardshipDonors } from './hardship.tables.js';

function selectDonors(db: Db) {
  const d = hardshipDonors;
  return db
    .select({
      id: d.id,
      orgId: d.orgId,
      orgName: orgs.name,
      orgPath: orgs.path,
      name: d.name,
      kind: d.kind,
      contactName: d.contactName,
      contactPhone: d.contactPhone,
      note: d.note,
      createdAt: d.createdAt,
      giftCount: sql<number>`(select count(*)::int from hardship_aid a where a.donor_id = ${d.id})`,
      giftTotalFen:
        sql<number>`(select coalesce(sum(a.amount_fen), 0)::bigint from hardship_aid a where a.donor_id = ${d.id})`.mapWith(
          Number,
        ),
      lastGivenOn: sql<string | null>`(select max(a.given_on)::text from hardship_aid a where a.donor_id = ${d.id})`,
    })
    .from(d)
    .innerJoin(orgs, eq(orgs.id, d.orgId));
}
export type DonorRow = Awaited<ReturnType<ReturnType<typeof selectDonors>['execute']>>[number];

export async function insertDonor(tx: Db, values: typeof hardshipDonors.$inferInsert): Promise<string> {
  const [row] = await tx.insert(hardshipDonors).values(values).returning({ id: hardshipDonors.id });
  return row!.id;
}

export async function updateDonor(
  tx: Db,
  id: string,
  values: Partial<Pick<typeof hardshipDonors.$inferInsert, 'name' | 'kind' | 'contactName' | 'contactPhone' | 'note'>>,
): Promise<void> {
  if (Object.keys(values).length === 0) return;
  await tx.update(hardshipDonors).set(values).where(eq(hardshipDonors.id, id));
}

export async function findDonor(db: Db, id: string): Promise<DonorRow | null> {
  const [row] = await selectDonors(db).where(eq(hardshipDonors.id, id));
  return row ?? null;
}

export interface DonorFilter {
  /** Donors of unions in this subtree. */
  scope?: string;
  /** Donors of the union at this path or of a union above it (a household's alliance). */
  servingPath?: string;
  q?: string;
}

export function listDonors(db: Db, f: DonorFilter): Promise<DonorRow[]> {
  const conditions: SQL[] = [];
  if (f.scope) conditions.push(within(orgs.path, f.scope));
  if (f.servingPath) conditions.push(containing(orgs.path, f.servingPath));
  if (f.q) conditions.push(containsText(hardshipDonors.name, f.q));
  return selectDonors(db)
    .where(and(...conditions))
    .orderBy(asc(orgs.path), asc(hardshipDonors.name), asc(hardshipDonors.id))
    .limit(1000);
}
