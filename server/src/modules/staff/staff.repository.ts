import { and, asc, eq, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.js';
import { orgs, staff } from '../../kernel/db/kernel.tables.js';
import { containsText, within } from '../../kernel/db/operators.js';

function selectStaff(db: Db) {
  return db
    .select({
      id: staff.id,
      username: staff.username,
      displayName: staff.displayName,
      orgId: staff.orgId,
      orgName: orgs.name,
      orgPath: orgs.path,
      roles: staff.roles,
      active: staff.active,
      createdAt: staff.createdAt,
    })
    .from(staff)
    .innerJoin(orgs, eq(orgs.id, staff.orgId));
}

export type StaffRow = Awaited<ReturnType<typeof selectStaff>>[number];

export async function insertStaff(
  db: Db,
  row: { username: string; passwordHash: string; orgId: string; roles: string[]; displayName: string | null },
): Promise<string> {
  const [created] = await db.insert(staff).values(row).returning({ id: staff.id });
  return created!.id;
}

export async function findStaffRow(db: Db, id: string): Promise<StaffRow | null> {
  const [row] = await selectStaff(db).where(eq(staff.id, id));
  return row ?? null;
}

export async function listStaffRows(
  db: Db,
  scope: string,
  q: string | undefined,
  limit: number,
  after: { username: string } | null,
): Promise<StaffRow[]> {
  const lowerUsername: SQL<string> = sql`lower(${staff.username})`;
  return selectStaff(db)
    .where(
      and(
        within(orgs.path, scope),
        q ? or(containsText(staff.username, q), containsText(staff.displayName, q)) : undefined,
        after ? sql`${lowerUsername} > ${after.username}` : undefined,
      ),
    )
    .orderBy(asc(lowerUsername))
    .limit(limit + 1);
}

export async function updateStaffRow(
  db: Db,
  id: string,
  patch: {
    roles?: string[] | undefined;
    active?: boolean | undefined;
    passwordHash?: string | undefined;
    displayName?: string | undefined;
  },
): Promise<void> {
  const set: Partial<typeof staff.$inferInsert> = {};
  if (patch.roles) set.roles = patch.roles;
  if (patch.active !== undefined) set.active = patch.active;
  if (patch.passwordHash) set.passwordHash = patch.passwordHash;
  if (patch.displayName !== undefined) set.displayName = patch.displayName;
  if (Object.keys(set).length === 0) return;
  await db.update(staff).set(set).where(eq(staff.id, id));
}
