import { and, asc, count, eq, getTableColumns, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../kernel/db/client.js';
import { orgs } from '../../kernel/db/kernel.tables.js';
import { afterName, containsText, scalarNumber, within } from '../../kernel/db/operators.js';

const children = alias(orgs, 'children');

function selectOrgs(db: Db) {
  const { id, parentId, name, kind, regionCode, depth, path } = getTableColumns(orgs);
  const childCount = scalarNumber<number>(
    db.select({ n: count() }).from(children).where(eq(children.parentId, orgs.id)),
  );
  return db.select({ id, parentId, name, kind, regionCode, depth, path, childCount }).from(orgs);
}

export type OrgRow = Awaited<ReturnType<typeof selectOrgs>>[number];

function page(
  db: Db,
  where: (SQL | undefined)[],
  limit: number,
  after: { name: string; id: string } | null,
): Promise<OrgRow[]> {
  return selectOrgs(db)
    .where(and(...where, after ? afterName(orgs.name, orgs.id, after) : undefined))
    .orderBy(asc(orgs.name), asc(orgs.id))
    .limit(limit + 1);
}

export async function listChildren(
  db: Db,
  parentId: string,
  limit: number,
  after: { name: string; id: string } | null,
): Promise<OrgRow[]> {
  return page(db, [eq(orgs.parentId, parentId)], limit, after);
}

export async function searchOrgs(
  db: Db,
  scope: string,
  filter: { q?: string | undefined; kind?: string | undefined },
  limit: number,
  after: { name: string; id: string } | null,
): Promise<OrgRow[]> {
  return page(
    db,
    [
      within(orgs.path, scope),
      filter.q ? containsText(orgs.name, filter.q) : undefined,
      filter.kind ? eq(orgs.kind, filter.kind) : undefined,
    ],
    limit,
    after,
  );
}

export async function findOrgRow(db: Db, id: string): Promise<OrgRow | null> {
  const [row] = await selectOrgs(db).where(eq(orgs.id, id));
  return row ?? null;
}

export async function updateOrgRow(
  db: Db,
  id: string,
  patch: { name?: string | undefined; regionCode?: string | null | undefined },
): Promise<void> {
  const set: Partial<typeof orgs.$inferInsert> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.regionCode !== undefined) set.regionCode = patch.regionCode;
  if (Object.keys(set).length === 0) return;
  await db.update(orgs).set(set).where(eq(orgs.id, id));
}

const parents = alias(orgs, 'parents');

/** Grassroots unions anyone may apply to join: names only, no internal structure. */
export async function searchDirectory(
  db: Db,
  q: string | undefined,
  limit: number,
  after: { name: string; id: string } | null,
) {
  return db
    .select({ id: orgs.id, name: orgs.name, regionCode: orgs.regionCode, parentName: parents.name })
    .from(orgs)
    .leftJoin(parents, eq(parents.id, orgs.parentId))
    .where(
      and(
        eq(orgs.kind, 'grassroots'),
        q ? containsText(orgs.name, q) : undefined,
        after ? afterName(orgs.name, orgs.id, after) : undefined,
      ),
    )
    .orderBy(asc(orgs.name), asc(orgs.id))
    .limit(limit + 1);
}

export type DirectoryRow = Awaited<ReturnType<typeof searchDirectory>>[number];
