import { queryRows, sql, type Db } from '../../kernel/db/client.js';

export interface OrgRow {
  id: string;
  parentId: string | null;
  name: string;
  kind: string;
  regionCode: string | null;
  depth: number;
  path: string;
  childCount: number;
}

const selectOrg = sql`select o.id, o.parent_id as "parentId", o.name, o.kind, o.region_code as "regionCode", o.depth, o.path::text as path,
  (select count(*)::int from orgs c where c.parent_id = o.id) as "childCount" from orgs o`;

export async function listChildren(db: Db, parentId: string, limit: number, after: { name: string; id: string } | null): Promise<OrgRow[]> {
  const afterClause = after ? sql`and (o.name, o.id) > (${after.name}, ${after.id}::uuid)` : sql``;
  return queryRows<OrgRow>(db, sql`${selectOrg} where o.parent_id = ${parentId} ${afterClause} order by o.name, o.id limit ${limit + 1}`);
}

export async function searchOrgs(
  db: Db,
  scope: string,
  filter: { q?: string | undefined; kind?: string | undefined },
  limit: number,
  after: { name: string; id: string } | null,
): Promise<OrgRow[]> {
  const q = filter.q ? sql`and o.name ilike ${`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}` : sql``;
  const kind = filter.kind ? sql`and o.kind = ${filter.kind}` : sql``;
  const afterClause = after ? sql`and (o.name, o.id) > (${after.name}, ${after.id}::uuid)` : sql``;
  return queryRows<OrgRow>(db, sql`${selectOrg} where o.path <@ ${scope}::ltree ${q} ${kind} ${afterClause} order by o.name, o.id limit ${limit + 1}`);
}

export async function findOrgRow(db: Db, id: string): Promise<OrgRow | null> {
  const [row] = await queryRows<OrgRow>(db, sql`${selectOrg} where o.id = ${id}`);
  return row ?? null;
}

export async function updateOrgRow(db: Db, id: string, patch: { name?: string | undefined; regionCode?: string | null | undefined }): Promise<void> {
  const sets = [];
  if (patch.name !== undefined) sets.push(sql`name = ${patch.name}`);
  if (patch.regionCode !== undefined) sets.push(sql`region_code = ${patch.regionCode}`);
  if (sets.length === 0) return;
  await db.execute(sql`update orgs set ${sql.join(sets, sql`, `)} where id = ${id}`);
}

export interface DirectoryRow {
  id: string;
  name: string;
  regionCode: string | null;
  parentName: string | null;
}

/** Grassroots unions anyone may apply to join: names only, no internal structure. */
export async function searchDirectory(db: Db, q: string | undefined, limit: number, after: { name: string; id: string } | null): Promise<DirectoryRow[]> {
  const qClause = q ? sql`and o.name ilike ${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}` : sql``;
  const afterClause = after ? sql`and (o.name, o.id) > (${after.name}, ${after.id}::uuid)` : sql``;
  return queryRows<DirectoryRow>(
    db,
    sql`select o.id, o.name, o.region_code as "regionCode", p.name as "parentName" from orgs o left join orgs p on p.id = o.parent_id
        where o.kind = 'grassroots' ${qClause} ${afterClause} order by o.name, o.id limit ${limit + 1}`,
  );
}
