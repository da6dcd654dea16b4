import { asc, desc, eq, inArray, max, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.js';
import { staff } from '../../kernel/db/kernel.tables.js';
import { hardshipPlanMeasures, hardshipPlans } from './hardship.tables.js';

export type PlanRow = typeof hardshipPlans.$inferSelect & { createdByName: string };
export type MeasureRow = typeof hardshipPlanMeasures.$inferSelect;

/** The next version of a household's plan (call with the household locked). */
export async function nextPlanVersion(tx: Db, householdId: string): Promise<number> {
  const [row] = await tx
    .select({ top: max(hardshipPlans.version) })
    .from(hardshipPlans)
    .where(eq(hardshipPlans.householdId, householdId));
  return (row?.top ?? 0) + 1;
}

export async function insertPlan(
  tx: Db,
  plan: typeof hardshipPlans.$inferInsert,
  measures: Omit<typeof hardshipPlanMeasures.$inferInsert, 'planId'>[],
): Promise<string> {
  const [row] = await tx.insert(hardshipPlans).values(plan).returning({ id: hardshipPlans.id });
  await tx.insert(hardshipPlanMeasures).values(measures.map((m) => ({ ...m, planId: row!.id })));
  return row!.id;
}

/** Every version of a household's plan, the current (highest) first. */
export async function listPlans(db: Db, householdId: string): Promise<PlanRow[]> {
  const p = hardshipPlans;
  return db
    .select({
      id: p.id,
      householdId: p.householdId,
      version: p.version,
      goal: p.goal,
      createdBy: p.createdBy,
      createdAt: p.createdAt,
      createdByName: staff.username,
    })
    .from(p)
    .innerJoin(staff, eq(staff.id, p.createdBy))
    .where(eq(p.householdId, householdId))
    .orderBy(desc(p.version));
}

export async function listMeasures(db: Db, planIds: readonly string[]): Promise<MeasureRow[]> {
  if (planIds.length === 0) return [];
  const m = hardshipPlanMeasures;
  return db
    .select()
    .from(m)
    .where(inArray(m.planId, [...planIds]))
    .orderBy(asc(m.planId), asc(m.position));
}

/** A measure with its plan's household and version, and whether that plan is the household's current one. */
export async function findMeasure(
  tx: Db,
  measureId: string,
): Promise<(MeasureRow & { householdId: string; version: number; current: boolean }) | null> {
  const m = hardshipPlanMeasures;
  const p = hardshipPlans;
  const [row] = await tx
    .select({
      id: m.id,
      planId: m.planId,
      position: m.position,
      title: m.title,
      kind: m.kind,
      owner: m.owner,
      dueOn: m.dueOn,
      doneAt: m.doneAt,
      doneNote: m.doneNote,
      householdId: p.householdId,
      version: p.version,
      current: sql<boolean>`${p.version} = (select max(q.version) from hardship_plans q where q.household_id = ${p.householdId})`,
    })
    .from(m)
    .innerJoin(p, eq(p.id, m.planId))
    .where(eq(m.id, measureId));
  return row ?? null;
}

export async function markMeasureDone(tx: Db, measureId: string, at: Date, note: string | null): Promise<void> {
  await tx
    .update(hardshipPlanMeasures)
    .set({ doneAt: at, doneNote: note })
    .where(eq(hardshipPlanMeasures.id, measureId));
}
