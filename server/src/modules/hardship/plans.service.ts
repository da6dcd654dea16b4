import type { StaffPrincipal } from '../../kernel/auth.js';
import { shanghaiDate } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import type { Db } from '../../kernel/db/client.js';
import { AppError } from '../../kernel/errors.js';
import { audited } from '../../kernel/use-case.js';
import { canSee, holdsAnyRole } from '../../kernel/access.js';
import { findHouseholdRef, lockHousehold, type HouseholdRef } from './aid.repository.js';
import { authorizeRunAssistance } from './hardship.policy.js';
import { authorizeReadLead } from './leads.policy.js';
import type { HardshipState } from './hardship.workflow.js';
import * as repo from './plans.repository.js';
import type { PlanBody, PlanView } from './plans.schemas.js';

/**
 * 一户一策: plans and the help recorded are for households in assistance — verified, archived, or helped case by case.
 * A lead not yet verified, a rejected or a closed file has none (409 HOUSEHOLD_NOT_ASSISTED).
 */
export const assistedStates: readonly HardshipState[] = ['verified', 'archived', 'case_by_case'];

export function requireAssisted(status: HardshipState | null): void {
  if (status === null) throw new AppError('NOT_FOUND');
  if (!assistedStates.includes(status)) throw new AppError('HOUSEHOLD_NOT_ASSISTED', { status });
}

/**
 * A household the caller may read, by the lead rules: its filer, or the assistance roles and leaders of its union's
 * subtree (403 without one); everyone else 404.
 */
export async function readableHousehold(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<HouseholdRef> {
  const row = await findHouseholdRef(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  authorizeReadLead(principal, row);
  return row;
}

/**
 * A household the caller works on as an assistance officer over its union: 403 to anyone else who may read it (its
 * filer, a worker, a leader), 404 to the rest.
 */
export async function runnableHousehold(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<HouseholdRef> {
  const row = await readableHousehold(ctx, principal, id);
  if (!canSee(principal, row.orgPath)) throw new AppError('FORBIDDEN');
  authorizeRunAssistance(principal, row.orgPath);
  return row;
}

export function mayRun(principal: StaffPrincipal, orgPath: string): boolean {
  return canSee(principal, orgPath) && holdsAnyRole(principal, ['assistance_officer']);
}

function presentPlan(plan: repo.PlanRow, measures: repo.MeasureRow[], today: string): PlanView {
  return {
    id: plan.id,
    householdId: plan.householdId,
    version: plan.version,
    goal: plan.goal,
    createdBy: { staffId: plan.createdBy, username: plan.createdByName },
    createdAt: plan.createdAt.toISOString(),
    measures: measures
      .filter((m) => m.planId === plan.id)
      .map((m) => ({
        id: m.id,
        position: m.position,
        title: m.title,
        kind: m.kind,
        owner: m.owner,
        dueOn: m.dueOn,
        doneAt: m.doneAt?.toISOString() ?? null,
        doneNote: m.doneNote,
        overdue: m.doneAt === null && m.dueOn < today,
      })),
  };
}

/** Every version of a household's plan, presented: the current one (the highest) first. */
export async function plansOf(db: Db, householdId: string, today: string): Promise<PlanView[]> {
  const plans = await repo.listPlans(db, householdId);
  const measures = await repo.listMeasures(
    db,
    plans.map((p) => p.id),
  );
  return plans.map((p) => presentPlan(p, measures, today));
}

export async function listPlans(ctx: AppContext, principal: StaffPrincipal, householdId: string) {
  const household = await readableHousehold(ctx, principal, householdId);
  const [current, ...earlier] = await plansOf(ctx.db, household.id, shanghaiDate(ctx.clock.now()));
  return {
    current: current ?? null,
    earlier,
    mayPlan: mayRun(principal, household.orgPath) && assistedStates.includes(household.status),
  };
}

/**
 * An assistance officer over the household's union makes its plan: the first, or a new version that replaces the
 * current one (which stays in the history). The household is locked meanwhile, so two at once make two versions.
 */
export async function createPlan(ctx: AppContext, principal: StaffPrincipal, householdId: string, input: PlanBody) {
  const household = await runnableHousehold(ctx, principal, householdId);
  const now = ctx.clock.now();
  const created = await audited(
    ctx,
    principal,
    async (tx) => {
      requireAssisted(await lockHousehold(tx, household.id));
      const version = await repo.nextPlanVersion(tx, household.id);
      const id = await repo.insertPlan(
        tx,
        { householdId: household.id, version, goal: input.goal, createdBy: principal.staffId, createdAt: now },
        input.measures.map((m, position) => ({
          position,
          title: m.title,
          kind: m.kind ?? null,
          owner: m.owner,
          dueOn: m.dueOn,
        })),
      );
      return { id, version };
    },
    (p) => ({
      action: 'hardship.plan.create',
      objectType: 'hardship_plan',
      objectId: p.id,
      orgId: household.orgId,
      details: { householdId: household.id, version: p.version, measures: input.measures.length },
    }),
  );
  const plans = await plansOf(ctx.db, household.id, shanghaiDate(now));
  return plans.find((p) => p.id === created.id)!;
}

/**
 * A measure of the household's current plan is marked done, once (409 INVALID_TRANSITION when done already or when
 * its plan has been replaced by a newer version); a measure of another household is 404.
 */
export async function markMeasureDone(
  ctx: AppContext,
  principal: StaffPrincipal,
  householdId: string,
  measureId: string,
  note: string | undefined,
) {
  const household = await runnableHousehold(ctx, principal, householdId);
  const now = ctx.clock.now();
  await audited(
    ctx,
    principal,
    async (tx) => {
      requireAssisted(await lockHousehold(tx, household.id));
      const measure = await repo.findMeasure(tx, measureId);
      if (!measure || measure.householdId !== household.id) throw new AppError('NOT_FOUND');
      if (measure.doneAt !== null) throw new AppError('INVALID_TRANSITION', { reason: 'already_done' });
      if (!measure.current) throw new AppError('INVALID_TRANSITION', { reason: 'not_current_plan' });
      await repo.markMeasureDone(tx, measureId, now, note ?? null);
    },
    {
      action: 'hardship.plan.measure_done',
      objectType: 'hardship_plan_measure',
      objectId: measureId,
      orgId: household.orgId,
      details: { householdId: household.id },
    },
  );
  const [current] = await plansOf(ctx.db, household.id, shanghaiDate(now));
  return current!;
}
