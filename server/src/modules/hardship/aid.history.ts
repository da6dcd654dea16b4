import { asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { hardshipStatuses, visitSubjects } from '../../../../shared/labels.js';
import type { StaffPrincipal } from '../../kernel/auth.js';
import { shanghaiDate, shanghaiDayStart } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import type { Db } from '../../kernel/db/client.js';
import { staff } from '../../kernel/db/kernel.tables.js';
import { audit } from '../../kernel/use-case.js';
import { timelineOf } from '../../kernel/workflow.js';
import { listAidOfHousehold } from './aid.repository.js';
import { aidView } from './aid.schemas.js';
import { presentAid } from './aid.service.js';
import { seesLeadSensitive } from './leads.policy.js';
import { hardshipVisits } from './hardship.tables.js';
import { hardshipWorkflow, type HardshipState } from './hardship.workflow.js';
import { plansOf, readableHousehold } from './plans.service.js';

/** A household's history on one page: its file's steps, the help given, plan versions, measures done and visits. */

export const historyKinds = ['workflow', 'aid', 'plan', 'measure_done', 'visit'] as const;

export const historyItem = z.object({
  kind: z.enum(historyKinds),
  at: z.string().describe('when, for the order: a dated entry (aid, visit) at the time it was recorded that day'),
  on: z.string().describe('the day, Asia/Shanghai (YYYY-MM-DD)'),
  by: z.string().nullable().describe("who recorded it (a staff member's username), when known"),
  workflow: z
    .object({
      action: z.string(),
      fromState: z.enum(hardshipStatuses).nullable(),
      toState: z.enum(hardshipStatuses),
      note: z.string().nullable().describe('null when the reader may not see it (sensitive)'),
    })
    .optional(),
  aid: aidView.optional(),
  plan: z.object({ id: z.uuid(), version: z.number().int(), goal: z.string(), measures: z.number().int() }).optional(),
  measure: z
    .object({ id: z.uuid(), title: z.string(), planVersion: z.number().int(), note: z.string().nullable() })
    .optional(),
  visit: z
    .object({
      id: z.uuid(),
      subject: z.enum(visitSubjects),
      visitedOn: z.string(),
      visitors: z.array(z.string()),
      findings: z.string().nullable().describe('null when the reader may not see it (sensitive)'),
      followUp: z.string().nullable(),
      followUpDoneAt: z.string().nullable(),
    })
    .optional(),
});
export type HistoryItem = z.infer<typeof historyItem>;

export const historyReply = z.object({
  householdId: z.uuid(),
  items: z.array(historyItem).describe('oldest first'),
  sensitiveMasked: z.boolean().describe('true: notes and findings are withheld from this reader'),
});

/** A dated entry's place in the day: the time it was recorded when that was on the day, else the day's noon. */
function placeInDay(on: string, recordedAt: Date): Date {
  return shanghaiDate(recordedAt) === on ? recordedAt : new Date(shanghaiDayStart(on).getTime() + 12 * 3_600_000);
}

async function usernames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: staff.id, username: staff.username }).from(staff).where(inArray(staff.id, unique));
  return new Map(rows.map((r) => [r.id, r.username]));
}

/**
 * The household's history, oldest first. Notes of the file's steps and visit findings (health, income) are shown only
 * to the roles that work on the household, and such a read is audited; other readers get them as null.
 */
export async function householdHistory(ctx: AppContext, principal: StaffPrincipal, householdId: string) {
  const household = await readableHousehold(ctx, principal, householdId);
  const sensitive = seesLeadSensitive(principal, household);
  const today = shanghaiDate(ctx.clock.now());
  const [timeline, aid, plans, visits] = [
    await timelineOf(ctx.db, hardshipWorkflow, household.id),
    await listAidOfHousehold(ctx.db, household.id),
    await plansOf(ctx.db, household.id, today),
    await ctx.db
      .select()
      .from(hardshipVisits)
      .where(eq(hardshipVisits.householdId, household.id))
      .orderBy(asc(hardshipVisits.visitedOn), asc(hardshipVisits.createdAt)),
  ];
  const names = await usernames(ctx.db, [
    ...timeline.filter((t) => t.actorKind === 'staff' && t.actorId).map((t) => t.actorId!),
    ...visits.map((v) => v.recordedBy),
  ]);
  const entries: { at: Date; item: Omit<HistoryItem, 'at' | 'on'> & { on?: string } }[] = [];
  for (const t of timeline)
    entries.push({
      at: t.at,
      item: {
        kind: 'workflow',
        by: t.actorKind === 'staff' && t.actorId ? (names.get(t.actorId) ?? null) : null,
        workflow: {
          action: t.action,
          fromState: t.fromState as HardshipState | null,
          toState: t.toState as HardshipState,
          note: sensitive ? t.note : null,
        },
      },
    });
  for (const a of aid)
    entries.push({
      at: placeInDay(a.givenOn, a.createdAt),
      item: {
        kind: 'aid',
        on: a.givenOn,
        by: a.recordedByName,
        aid: presentAid(a),
      },
    });
  for (const p of plans) {
    entries.push({
      at: new Date(p.createdAt),
      item: {
        kind: 'plan',
        by: p.createdBy.username,
        plan: { id: p.id, version: p.version, goal: p.goal, measures: p.measures.length },
      },
    });
    for (const m of p.measures)
      if (m.doneAt)
        entries.push({
          at: new Date(m.doneAt),
          item: {
            kind: 'measure_done',
            by: null,
            measure: { id: m.id, title: m.title, planVersion: p.version, note: m.doneNote },
          },
        });
  }
  for (const v of visits)
    entries.push({
      at: placeInDay(v.visitedOn, v.createdAt),
      item: {
        kind: 'visit',
        on: v.visitedOn,
        by: names.get(v.recordedBy) ?? null,
        visit: {
          id: v.id,
          subject: v.subject,
          visitedOn: v.visitedOn,
          visitors: v.visitors,
          findings: sensitive ? v.findings : null,
          followUp: sensitive ? v.followUp : null,
          followUpDoneAt: v.followUpDoneAt?.toISOString() ?? null,
        },
      },
    });
  entries.sort((x, y) => x.at.getTime() - y.at.getTime());
  if (sensitive)
    await audit(ctx, principal, {
      action: 'hardship.household.history_read',
      objectType: 'hardship_household',
      objectId: household.id,
      orgId: household.orgId,
    });
  return {
    householdId: household.id,
    items: entries.map(({ at, item }) => ({ ...item, at: at.toISOString(), on: item.on ?? shanghaiDate(at) })),
    sensitiveMasked: !sensitive,
  };
}
