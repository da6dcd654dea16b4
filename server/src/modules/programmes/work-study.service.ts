import { z } from 'zod';
import { canSee, holdsAnyRole } from '../../kernel/access.js';
import type { Principal, StaffPrincipal } from '../../kernel/auth.js';
import { shanghaiDate } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { AppError, validationFailed } from '../../kernel/errors.js';
import { runIdempotent } from '../../kernel/idempotency.js';
import { findOrg } from '../../kernel/org-tree.js';
import { auditIn } from '../../kernel/use-case.js';
import { defaultWorkStudyRules, type WorkStudyRules } from './programmes.kind-schemas.js';
import * as kinds from './programmes.kinds.repository.js';
import { canSeeApplication } from './programmes.policy.js';
import * as repo from './programmes.repository.js';
import { programmeRules } from './programmes.schemas.js';
import type { workDayBody } from './work-study.schemas.js';

/**
 * 勤工俭学 work days (seed 003: at most 150 yuan a day and 3,000 yuan a month per student). A placement is an
 * application of a `work_study` programme; its student is the application's (one application per member and period).
 */

const officers = ['programme_officer'] as const;

/** What the work days read of a placement's stored details: the employing unit. */
const storedPlacement = z.object({ employerOrgId: z.uuid() });

interface Placement {
  row: repo.ApplicationRow;
  employerPath: string | null;
  caps: WorkStudyRules;
}

/** The day after a calendar date. */
function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The first day of the month after the month of `date`. */
function nextMonth(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/**
 * A work-study application the caller may see: its member, staff whose subtree holds the member's union (and so the
 * programme's), and staff of the employing unit's subtree. Anyone else, or an application of another kind: 404.
 */
async function placementFor(ctx: AppContext, principal: Principal, applicationId: string): Promise<Placement> {
  const row = await repo.findApplication(ctx.db, applicationId);
  if (!row || row.programmeKind !== 'work_study') throw new AppError('NOT_FOUND');
  const details = storedPlacement.safeParse(row.details);
  const employer = details.success ? await findOrg(ctx.db, details.data.employerOrgId) : null;
  const employerPath = employer?.path ?? null;
  const visible =
    canSeeApplication(principal, row) ||
    (principal.kind === 'staff' && employerPath !== null && canSee(principal, employerPath));
  if (!visible) throw new AppError('NOT_FOUND');
  const caps = programmeRules.parse(row.programmeRules).workStudy ?? defaultWorkStudyRules;
  return { row, employerPath, caps };
}

/**
 * Who records work days: staff holding programme_officer (or org_admin) over the employing unit, or over the
 * programme's organisation. Others who may see the placement (the member, the member's union, staff without the role):
 * 403.
 */
function authorizeRecord(principal: Principal, p: Placement): StaffPrincipal {
  if (principal.kind !== 'staff' || !holdsAnyRole(principal, officers)) throw new AppError('FORBIDDEN');
  const over = [p.employerPath, p.row.programmeOrgPath].some((path) => path !== null && canSee(principal, path));
  if (!over) throw new AppError('FORBIDDEN');
  return principal;
}

/**
 * Records a day's pay on an approved placement, within the caps per student and day and per student and Shanghai
 * month (every placement of the student in the programme counts): else 409 CAP_EXCEEDED with the binding cap and what
 * is left. The student's work days are serialised by the lock the engine takes on a member's applications to a
 * programme, so concurrent posts never pass a cap together. The pay is added to the application's amount, which the
 * disbursement batch pays; once the placement is in a batch it takes no more days.
 */
export async function recordWorkDay(
  ctx: AppContext,
  principal: Principal,
  applicationId: string,
  input: z.infer<typeof workDayBody>,
  idempotencyKey: string | undefined,
) {
  const placement = await placementFor(ctx, principal, applicationId);
  const staff = authorizeRecord(principal, placement);
  const { row, caps } = placement;
  const now = ctx.clock.now();
  if (input.date > shanghaiDate(now)) throw validationFailed([{ path: 'date', code: 'future_date', message: '' }]);
  // A placement of a yearly or monthly programme covers that year or month only.
  if (row.period !== 'once' && !input.date.startsWith(row.period))
    throw validationFailed([{ path: 'date', code: 'outside_period', message: '' }]);
  const answer = await runIdempotent(
    ctx.db,
    {
      principal: `staff:${staff.staffId}`,
      scope: 'work_study.day',
      key: idempotencyKey,
      payload: { applicationId, input },
    },
    async (tx) => {
      await repo.lockMemberApplications(tx, row.programmeId, row.memberId);
      const status = await repo.lockApplication(tx, row.id);
      if (status !== 'approved')
        throw new AppError('INVALID_TRANSITION', {
          status,
          action: 'record_work_day',
          reason: 'placement_not_approved',
        });
      if (await kinds.hasPayment(tx, row.id))
        throw new AppError('INVALID_TRANSITION', { status, action: 'record_work_day', reason: 'in_disbursement' });
      const monthStart = `${input.date.slice(0, 7)}-01`;
      const dayTotal = await kinds.sumWorkDays(tx, row.programmeId, row.memberId, input.date, nextDay(input.date));
      const monthTotal = await kinds.sumWorkDays(tx, row.programmeId, row.memberId, monthStart, nextMonth(input.date));
      const dayLeft = Math.max(0, caps.perDayFen - dayTotal);
      const monthLeft = Math.max(0, caps.perMonthFen - monthTotal);
      if (input.payFen > Math.min(dayLeft, monthLeft))
        throw new AppError(
          'CAP_EXCEEDED',
          dayLeft <= monthLeft
            ? { cap: 'perDayFen', limitFen: caps.perDayFen, leftFen: dayLeft, date: input.date }
            : { cap: 'perMonthFen', limitFen: caps.perMonthFen, leftFen: monthLeft, month: input.date.slice(0, 7) },
        );
      const createdAt = ctx.clock.now();
      const id = await kinds.insertWorkDay(tx, {
        applicationId: row.id,
        programmeId: row.programmeId,
        memberId: row.memberId,
        workDate: input.date,
        payFen: input.payFen,
        note: input.note ?? null,
        recordedBy: `staff:${staff.staffId}`,
        createdAt,
      });
      await auditIn(ctx, tx, staff, {
        action: 'work_study.record_day',
        objectType: 'programme_application',
        objectId: row.id,
        orgId: row.orgId,
        details: { workDayId: id, date: input.date, payFen: input.payFen },
      });
      const dayNow = dayTotal + input.payFen;
      const monthNow = monthTotal + input.payFen;
      return {
        statusCode: 201,
        body: {
          id,
          date: input.date,
          payFen: input.payFen,
          note: input.note ?? null,
          createdAt: createdAt.toISOString(),
          day: { date: input.date, totalFen: dayNow, limitFen: caps.perDayFen, leftFen: caps.perDayFen - dayNow },
          month: {
            month: input.date.slice(0, 7),
            totalFen: monthNow,
            limitFen: caps.perMonthFen,
            leftFen: caps.perMonthFen - monthNow,
          },
          applicationAmountFen: (await repo.findApplication(tx, row.id))!.amountFen,
        },
      };
    },
  );
  return answer.body;
}

/** The placement's work days, and the student's totals per month against the cap: to whoever may see the placement. */
export async function listWorkDays(ctx: AppContext, principal: Principal, applicationId: string) {
  const { row, caps } = await placementFor(ctx, principal, applicationId);
  const [items, months] = [
    await kinds.workDaysOf(ctx.db, row.id),
    await kinds.monthTotalsOfMember(ctx.db, row.programmeId, row.memberId),
  ];
  return {
    applicationId: row.id,
    status: row.status,
    amountFen: row.amountFen,
    caps: { perDayFen: caps.perDayFen, perMonthFen: caps.perMonthFen },
    items: items.map((d) => ({
      id: d.id,
      date: d.workDate,
      payFen: d.payFen,
      note: d.note,
      createdAt: d.createdAt.toISOString(),
    })),
    months: months.map((m) => ({
      month: m.month,
      totalFen: m.totalFen,
      limitFen: caps.perMonthFen,
      leftFen: Math.max(0, caps.perMonthFen - m.totalFen),
    })),
  };
}
