import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { writeAudit, writeAuditBatch, type Actor } from './audit.js';
import { addWorkingDays, type WorkingCalendar, type WorkTime } from './clock.js';
import { pgArray, queryRows, sql, type Db } from './db/client.js';
import { workflowTimeline } from './db/kernel.tables.js';
import { AppError } from './errors.js';

/**
 * The one workflow engine behind every approval flow. A definition is data: states, the actions that
 * move between them, who may take each, and deadlines. Only this engine writes a workflow object's
 * `status` (and `status_changed_at`, `due_at`); every transition is audited and leaves a timeline entry.
 */
export interface Transition<S extends string, A extends string> {
  action: A;
  from: readonly S[];
  to: S;
  /** Parties that may take the action, e.g. "applicant", "staff:case_handler". */
  by: readonly string[];
}

export interface Deadline {
  name: string;
  workingDays?: number;
  hours?: number;
}

export interface WorkflowDefinition<S extends string = string, A extends string = string> {
  name: string;
  /** Table holding the objects: columns id, status, status_changed_at, due_at. */
  table: string;
  initial: S;
  states: readonly S[];
  terminal: readonly S[];
  transitions: readonly Transition<S, A>[];
  /** A deadline starts when the object enters the state and ends when it leaves it. */
  deadlines?: Partial<Record<S, Deadline>>;
}

export interface TimelineEntry {
  action: string;
  fromState: string | null;
  toState: string;
  actorKind: string;
  actorId: string | null;
  note: string | null;
  data: Record<string, unknown>;
  at: Date;
}

export function dueAtFor(
  def: WorkflowDefinition,
  state: string,
  enteredAt: Date,
  calendar: WorkingCalendar,
): Date | null {
  const deadline = def.deadlines?.[state as keyof typeof def.deadlines] as Deadline | undefined;
  if (!deadline) return null;
  if (deadline.workingDays !== undefined) return addWorkingDays(enteredAt, deadline.workingDays, calendar);
  return new Date(enteredAt.getTime() + (deadline.hours ?? 0) * 3_600_000);
}

/** Checks a definition once at start-up: every state known, every transition reachable from a known state. */
export function validateDefinition(def: WorkflowDefinition): void {
  const known = new Set(def.states);
  if (!known.has(def.initial)) throw new Error(`${def.name}: initial state ${def.initial} is not a state`);
  for (const t of def.transitions) {
    for (const s of [...t.from, t.to])
      if (!known.has(s)) throw new Error(`${def.name}: ${t.action} names unknown state ${s}`);
    if (t.by.length === 0) throw new Error(`${def.name}: nobody may take ${t.action}`);
    for (const s of t.from)
      if (def.terminal.includes(s)) throw new Error(`${def.name}: ${t.action} leaves terminal state ${s}`);
  }
  for (const s of def.terminal) if (!known.has(s)) throw new Error(`${def.name}: terminal state ${s} is not a state`);
  // Every state can be reached from the start, and every state that is not an end has a way on: an object can
  // neither be stuck nor sit in a state no one can put it in.
  const reached = new Set([def.initial]);
  for (let grew = true; grew;) {
    grew = false;
    for (const t of def.transitions)
      if (t.from.some((s) => reached.has(s)) && !reached.has(t.to)) {
        reached.add(t.to);
        grew = true;
      }
  }
  for (const s of def.states) {
    if (!reached.has(s)) throw new Error(`${def.name}: state ${s} cannot be reached from ${def.initial}`);
    if (!def.terminal.includes(s) && !def.transitions.some((t) => t.from.includes(s)))
      throw new Error(`${def.name}: state ${s} is a dead end`);
  }
  for (const s of Object.keys(def.deadlines ?? {}))
    if (!known.has(s)) throw new Error(`${def.name}: a deadline names unknown state ${s}`);
}

/** Column values for a new object; the caller inserts them with the rest of its row, then calls recordStart. */
export function initialColumns(
  def: WorkflowDefinition,
  time: WorkTime,
): { status: string; statusChangedAt: Date; dueAt: Date | null } {
  return { status: def.initial, statusChangedAt: time.now, dueAt: dueAtFor(def, def.initial, time.now, time.calendar) };
}

export interface ActionContext {
  actor: Actor;
  /** The parties the actor stands for on this object, as decided by the module's policy. */
  parties: readonly string[];
  orgId: string | null;
  note?: string | null;
  data?: Record<string, unknown>;
  /** When, and by which calendar deadlines count (`workTime(ctx)`). */
  time: WorkTime;
  /**
   * The deadline of the state entered when the actor sets it on the object (a proposal's handling due date, given
   * with the assignment), instead of the definition's.
   */
  dueAt?: Date;
}

export async function recordStart(
  tx: Db,
  def: WorkflowDefinition,
  objectId: string,
  ctx: ActionContext & { action: string },
): Promise<void> {
  await tx.insert(workflowTimeline).values({
    workflow: def.name,
    objectId,
    action: ctx.action,
    fromState: null,
    toState: def.initial,
    actorKind: ctx.actor.kind,
    actorId: ctx.actor.id,
    note: ctx.note ?? null,
    data: ctx.data ?? {},
    at: ctx.time.now,
  });
  await writeAudit(tx, {
    at: ctx.time.now,
    actor: ctx.actor,
    action: `${def.name}.${ctx.action}`,
    objectType: def.name,
    objectId,
    orgId: ctx.orgId,
    details: { to: def.initial, ...(ctx.data ?? {}) },
  });
}

/**
 * `recordStart` for many new objects at once (an import's batch): their timeline entries in one insert and their audit
 * records under one hold of the chain lock, whatever the count. Each object gets what `recordStart` would give it.
 */
export async function recordStarts(
  tx: Db,
  def: WorkflowDefinition,
  starts: readonly { objectId: string; orgId: string | null; data?: Record<string, unknown> }[],
  ctx: Omit<ActionContext, 'orgId' | 'data' | 'dueAt'> & { action: string },
): Promise<void> {
  if (starts.length === 0) return;
  const at = ctx.time.now.toISOString();
  await tx.execute(sql`insert into workflow_timeline (workflow, object_id, action, from_state, to_state, actor_kind, actor_id, note, data, at)
      select ${def.name}, t.object_id, ${ctx.action}, null, ${def.initial}, ${ctx.actor.kind}, ${ctx.actor.id}, ${ctx.note ?? null}, t.data, ${at}::timestamptz
        from unnest(${pgArray(starts.map((s) => s.objectId))}::uuid[], ${pgArray(starts.map((s) => JSON.stringify(s.data ?? {})))}::jsonb[])
          with ordinality as t(object_id, data, ord)
       order by ord`);
  await writeAuditBatch(
    tx,
    starts.map((s) => ({
      at: ctx.time.now,
      actor: ctx.actor,
      action: `${def.name}.${ctx.action}`,
      objectType: def.name,
      objectId: s.objectId,
      orgId: s.orgId,
      details: { to: def.initial, ...(s.data ?? {}) },
    })),
  );
}

/** Which actions the parties could take now: what a client shows as buttons. */
export function availableActions(def: WorkflowDefinition, state: string, parties: readonly string[]): string[] {
  return def.transitions
    .filter((t) => t.from.includes(state) && t.by.some((p) => parties.includes(p)))
    .map((t) => t.action);
}

/**
 * Takes `action` on the object: 409 INVALID_TRANSITION when the current state does not allow it,
 * 403 when none of the actor's parties may take it. Locks the row, so two concurrent actions serialise.
 */
export async function applyAction(
  tx: Db,
  def: WorkflowDefinition,
  objectId: string,
  action: string,
  ctx: ActionContext,
): Promise<{ from: string; to: string }> {
  const table = sql.identifier(def.table);
  const [row] = await queryRows<{ status: string }>(
    tx,
    sql`select status from ${table} where id = ${objectId} for update`,
  );
  if (!row) throw new AppError('NOT_FOUND');
  const candidates = def.transitions.filter((t) => t.action === action);
  if (candidates.length === 0)
    throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'action', code: 'invalid_value', message: action }] });
  const allowedHere = candidates.filter((t) => t.from.includes(row.status));
  if (allowedHere.length === 0) throw new AppError('INVALID_TRANSITION', { status: row.status, action });
  const transition = allowedHere.find((t) => t.by.some((p) => ctx.parties.includes(p)));
  if (!transition) throw new AppError('FORBIDDEN', { action });
  const now = ctx.time.now;
  const dueAt = ctx.dueAt ?? dueAtFor(def, transition.to, now, ctx.time.calendar);
  await tx.execute(
    sql`update ${table} set status = ${transition.to}, status_changed_at = ${now.toISOString()}, due_at = ${dueAt ? dueAt.toISOString() : null} where id = ${objectId}`,
  );
  await tx.insert(workflowTimeline).values({
    workflow: def.name,
    objectId,
    action,
    fromState: row.status,
    toState: transition.to,
    actorKind: ctx.actor.kind,
    actorId: ctx.actor.id,
    note: ctx.note ?? null,
    data: ctx.data ?? {},
    at: now,
  });
  await writeAudit(tx, {
    at: now,
    actor: ctx.actor,
    action: `${def.name}.${action}`,
    objectType: def.name,
    objectId,
    orgId: ctx.orgId,
    details: { from: row.status, to: transition.to, ...(ctx.note ? { note: ctx.note } : {}), ...(ctx.data ?? {}) },
  });
  return { from: row.status, to: transition.to };
}

export async function timelineOf(db: Db, def: WorkflowDefinition, objectId: string): Promise<TimelineEntry[]> {
  return db
    .select({
      action: workflowTimeline.action,
      fromState: workflowTimeline.fromState,
      toState: workflowTimeline.toState,
      actorKind: workflowTimeline.actorKind,
      actorId: workflowTimeline.actorId,
      note: workflowTimeline.note,
      data: workflowTimeline.data,
      at: workflowTimeline.at,
    })
    .from(workflowTimeline)
    .where(and(eq(workflowTimeline.workflow, def.name), eq(workflowTimeline.objectId, objectId)))
    .orderBy(asc(workflowTimeline.id));
}

export function isOverdue(dueAt: Date | null, now: Date): boolean {
  return dueAt !== null && dueAt.getTime() < now.getTime();
}

/** How a timeline appears in API answers (one shape for every workflow). */
export const timelineView = z.array(
  z.object({
    action: z.string(),
    fromState: z.string().nullable(),
    toState: z.string(),
    actorKind: z.string(),
    note: z.string().nullable(),
    at: z.string(),
  }),
);

export function presentTimeline(entries: TimelineEntry[]): z.infer<typeof timelineView> {
  return entries.map((t) => ({
    action: t.action,
    fromState: t.fromState,
    toState: t.toState,
    actorKind: t.actorKind,
    note: t.note,
    at: t.at.toISOString(),
  }));
}
