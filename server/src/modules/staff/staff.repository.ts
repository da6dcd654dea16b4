import { queryRows, sql, type Db } from '../../kernel/db/client.js';
import { staff } from '../../kernel/db/kernel.tables.js';

export interface StaffRow {
  id: string;
  username: string;
  displayName: string | null;
  orgId: string;
  orgName: string;
  orgPath: string;
  roles: string[];
  active: boolean;
  createdAt: Date;
}

const selectStaff = sql`select s.id, s.username, s.display_name as "displayName", s.org_id as "orgId", o.name as "orgName",
  o.path::text as "orgPath", s.roles, s.active, s.created_at as "createdAt" from staff s join orgs o on o.id = s.org_id`;

export async function insertStaff(
  db: Db,
  row: { username: string; passwordHash: string; orgId: string; roles: string[]; displayName: string | null },
): Promise<string> {
  const [created] = await db.insert(staff).values(row).returning({ id: staff.id });
  return created!.id;
}

export async function findStaffRow(db: Db, id: string): Promise<StaffRow | null> {
  const [row] = await queryRows<StaffRow>(db, sql`${selectStaff} where s.id = ${id}`);
  return row ? { ...row, createdAt: new Date(row.createdAt) } : null;
}

export async function listStaffRows(db: Db, scope: string, q: string | undefined, limit: number, after: { username: string } | null): Promise<StaffRow[]> {
  const qClause = q ? sql`and (s.username ilike ${`%${q}%`} or s.display_name ilike ${`%${q}%`})` : sql``;
  const afterClause = after ? sql`and lower(s.username) > ${after.username}` : sql``;
  const rows = await queryRows<StaffRow>(
    db,
    sql`${selectStaff} where o.path <@ ${scope}::ltree ${qClause} ${afterClause} order by lower(s.username) limit ${limit + 1}`,
  );
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt) }));
}

export async function updateStaffRow(
  db: Db,
  id: string,
  patch: { roles?: string[] | undefined; active?: boolean | undefined; passwordHash?: string | undefined; displayName?: string | undefined },
): Promise<void> {
  const set: Partial<typeof staff.$inferInsert> = {};
  if (patch.roles) set.roles = patch.roles;
  if (patch.active !== undefined) set.active = patch.active;
  if (patch.passwordHash) set.passwordHash = patch.passwordHash;
  if (patch.displayName !== undefined) set.displayName = patch.displayName;
  if (Object.keys(set).length === 0) return;
  await db
    .update(staff)
    .set(set)
    .where(sql`${staff.id} = ${id}`);
}
