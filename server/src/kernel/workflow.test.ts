import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { verifyAuditChain } from './audit.js';
import { queryRows, sql } from './db/client.js';
import { AppError } from './errors.js';
import {
  applyAction,
  availableActions,
  dueAtFor,
  initialColumns,
  recordStart,
  timelineOf,
  validateDefinition,
  type WorkflowDefinition,
} from './workflow.js';

type S = 'submitted' | 'accepted' | 'closed';
type A = 'accept' | 'close' | 'withdraw';

const def: WorkflowDefinition<S, A> = {
  name: 'test_flow',
  table: 'test_flow_objects',
  initial: 'submitted',
  states: ['submitted', 'accepted', 'closed'],
  terminal: ['closed'],
  transitions: [
    { action: 'accept', from: ['submitted'], to: 'accepted', by: ['staff:case_handler'] },
    { action: 'close', from: ['accepted'], to: 'closed', by: ['staff:case_handler'] },
    { action: 'withdraw', from: ['submitted', 'accepted'], to: 'closed', by: ['applicant'] },
  ],
  deadlines: { submitted: { name: 'first_contact', workingDays: 1 }, accepted: { name: 'close', hours: 72 } },
};

const weekdays = { holidays: new Set<string>(), workdays: new Set<string>() };
const time = () => ({ now: new Date(), calendar: weekdays });

describe('workflow definitions (pure)', () => {
  it('accepts a sound definition and rejects broken ones', () => {
    expect(() => validateDefinition(def)).not.toThrow();
    expect(() => validateDefinition({ ...def, initial: 'nope' as S })).toThrow(/initial/);
    expect(() =>
      validateDefinition({
        ...def,
        transitions: [{ action: 'x' as A, from: ['submitted'], to: 'gone' as S, by: ['applicant'] }],
      }),
    ).toThrow(/unknown state/);
    expect(() =>
      validateDefinition({
        ...def,
        transitions: [{ action: 'x' as A, from: ['closed'], to: 'submitted', by: ['applicant'] }],
      }),
    ).toThrow(/terminal/);
    expect(() =>
      validateDefinition({ ...def, transitions: [{ action: 'x' as A, from: ['submitted'], to: 'closed', by: [] }] }),
    ).toThrow(/nobody/);
    // A state no transition leads to, and a state no transition leaves.
    expect(() =>
      validateDefinition({ ...def, transitions: def.transitions.filter((t) => t.action !== 'accept') }),
    ).toThrow(/accepted cannot be reached/);
    expect(() =>
      validateDefinition({ ...def, transitions: def.transitions.filter((t) => t.action === 'accept') }),
    ).toThrow(/closed cannot be reached|accepted is a dead end/);
    expect(() =>
      validateDefinition({ ...def, deadlines: { ...def.deadlines, ['gone' as S]: { name: 'x', hours: 1 } } }),
    ).toThrow(/unknown state gone/);
  });

  it('lists the actions a party may take in a state', () => {
    expect(availableActions(def, 'submitted', ['staff:case_handler'])).toEqual(['accept']);
    expect(availableActions(def, 'submitted', ['applicant'])).toEqual(['withdraw']);
    expect(availableActions(def, 'closed', ['applicant', 'staff:case_handler'])).toEqual([]);
  });

  it('computes deadlines in working days or hours', () => {
    const at = new Date('2026-11-20T20:00:00+08:00');
    expect(dueAtFor(def, 'submitted', at, weekdays)?.toISOString()).toBe('2026-11-23T15:59:59.999Z');
    expect(dueAtFor(def, 'accepted', at, weekdays)?.toISOString()).toBe('2026-11-23T12:00:00.000Z');
    expect(dueAtFor(def, 'closed', at, weekdays)).toBeNull();
  });
});

describe('workflow engine against the database', () => {
  let t: TestApp;
  const table = `test_flow_objects`;
  beforeAll(async () => {
    t = await startTestApp();
    await t.ctx.db.execute(
      sql.raw(
        `create table if not exists ${table} (id uuid primary key, status text not null, status_changed_at timestamptz not null, due_at timestamptz)`,
      ),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  async function newObject(): Promise<string> {
    const id = crypto.randomUUID();
    const cols = initialColumns(def, time());
    await t.ctx.db.transaction(async (tx) => {
      await tx.execute(
        sql`insert into ${sql.identifier(table)} (id, status, status_changed_at, due_at) values (${id}, ${cols.status}, ${cols.statusChangedAt.toISOString()}, ${cols.dueAt?.toISOString() ?? null})`,
      );
      await recordStart(tx, def, id, {
        action: 'submit',
        actor: { kind: 'worker', id: 'w1' },
        parties: ['applicant'],
        orgId: null,
        time: time(),
      });
    });
    return id;
  }

  async function act(id: string, action: string, parties: string[]) {
    return t.ctx.db.transaction((tx) =>
      applyAction(tx, def, id, action, {
        actor: { kind: 'staff', id: 's1' },
        parties,
        orgId: null,
        note: `did ${action}`,
        time: time(),
      }),
    );
  }

  it('moves through states, records the timeline and the audit, and sets deadlines', async () => {
    const id = await newObject();
    expect(await act(id, 'accept', ['staff:case_handler'])).toEqual({ from: 'submitted', to: 'accepted' });
    const [row] = await queryRows<{ status: string; due: string }>(
      t.ctx.db,
      sql`select status, due_at::text as due from ${sql.identifier(table)} where id = ${id}`,
    );
    expect(row!.status).toBe('accepted');
    expect(row!.due).not.toBeNull();
    await act(id, 'close', ['staff:case_handler']);
    const timeline = await timelineOf(t.ctx.db, def, id);
    expect(timeline.map((e) => [e.action, e.fromState, e.toState])).toEqual([
      ['submit', null, 'submitted'],
      ['accept', 'submitted', 'accepted'],
      ['close', 'accepted', 'closed'],
    ]);
    const audits = await queryRows<{ action: string }>(
      t.ctx.db,
      sql`select action from audit_log where object_id = ${id} order by seq`,
    );
    expect(audits.map((a) => a.action)).toEqual(['test_flow.submit', 'test_flow.accept', 'test_flow.close']);
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
  });

  it('answers INVALID_TRANSITION for an action the state does not allow, FORBIDDEN for the wrong party', async () => {
    const id = await newObject();
    await expect(act(id, 'close', ['staff:case_handler'])).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await expect(act(id, 'accept', ['applicant'])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(act(id, 'fly', ['applicant'])).rejects.toBeInstanceOf(AppError);
    const [row] = await queryRows<{ status: string }>(
      t.ctx.db,
      sql`select status from ${sql.identifier(table)} where id = ${id}`,
    );
    expect(row!.status).toBe('submitted');
    expect(await timelineOf(t.ctx.db, def, id)).toHaveLength(1);
  });

  it("takes a due date the actor sets instead of the definition's deadline", async () => {
    const id = await newObject();
    const due = new Date('2027-03-31T15:59:59.999Z');
    await t.ctx.db.transaction((tx) =>
      applyAction(tx, def, id, 'accept', {
        actor: { kind: 'staff', id: 's1' },
        parties: ['staff:case_handler'],
        orgId: null,
        time: time(),
        dueAt: due,
      }),
    );
    const [row] = await queryRows<{ due: Date | string }>(
      t.ctx.db,
      sql`select due_at as due from ${sql.identifier(table)} where id = ${id}`,
    );
    expect(new Date(row!.due).toISOString()).toBe(due.toISOString());
  });

  it('serialises concurrent actions on one object: exactly one wins', async () => {
    const id = await newObject();
    const results = await Promise.allSettled([
      act(id, 'accept', ['staff:case_handler']),
      act(id, 'accept', ['staff:case_handler']),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: 'INVALID_TRANSITION' });
  });
});
