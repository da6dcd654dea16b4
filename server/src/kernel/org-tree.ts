import { asc, eq } from 'drizzle-orm';
import type { Db } from './db/client.js';
import { orgs } from './db/kernel.tables.js';
import { containing } from './db/operators.js';

export const orgKinds = ['federation', 'industry', 'grassroots', 'center'] as const;
export type OrgKind = (typeof orgKinds)[number];

export interface OrgNode {
  id: string;
  parentId: string | null;
  path: string;
  depth: number;
  name: string;
  kind: string;
  regionCode: string | null;
}

/** ltree labels allow only [A-Za-z0-9_] on PostgreSQL 15, so ids lose their dashes. */
export function orgLabel(id: string): string {
  return `o${id.replace(/-/g, '')}`;
}

/** True when `path` is `scope` or lies below it: the one rule of "role R in O and everything below it". */
export function isWithin(path: string, scope: string): boolean {
  return path === scope || path.startsWith(`${scope}.`);
}

const columns = {
  id: orgs.id,
  parentId: orgs.parentId,
  path: orgs.path,
  depth: orgs.depth,
  name: orgs.name,
  kind: orgs.kind,
  regionCode: orgs.regionCode,
};

export async function findOrg(db: Db, id: string): Promise<OrgNode | null> {
  const [row] = await db.select(columns).from(orgs).where(eq(orgs.id, id));
  return row ?? null;
}

/** The org if it lies within `scope`, else null, so callers answer 404 for what they may not see. */
export async function findOrgWithin(db: Db, id: string, scope: string): Promise<OrgNode | null> {
  const org = await findOrg(db, id);
  return org && isWithin(org.path, scope) ? org : null;
}

export async function insertOrg(
  tx: Db,
  input: { id?: string; parent: OrgNode | null; name: string; kind: string; regionCode: string | null },
): Promise<OrgNode> {
  const id = input.id ?? crypto.randomUUID();
  const path = input.parent ? `${input.parent.path}.${orgLabel(id)}` : orgLabel(id);
  const depth = input.parent ? input.parent.depth + 1 : 0;
  const [row] = await tx
    .insert(orgs)
    .values({
      id,
      parentId: input.parent?.id ?? null,
      path,
      depth,
      name: input.name,
      kind: input.kind,
      regionCode: input.regionCode,
    })
    .returning(columns);
  return row!;
}

export async function findRootOrg(db: Db): Promise<OrgNode | null> {
  const [row] = await db.select(columns).from(orgs).where(eq(orgs.depth, 0)).limit(1);
  return row ?? null;
}

/** Ancestors from the root down to the org itself. */
export async function orgAncestry(db: Db, path: string): Promise<OrgNode[]> {
  return db.select(columns).from(orgs).where(containing(orgs.path, path)).orderBy(asc(orgs.depth));
}
