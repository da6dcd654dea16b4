import { z } from 'zod';
import { programmeSignupStatusLabels } from '../../../../shared/labels.js';
import type { Actor } from '../../kernel/audit.js';
import type { Principal, StaffPrincipal } from '../../kernel/auth.js';
import type { AppContext } from '../../kernel/context.js';
import { isUniqueViolation, type Db } from '../../kernel/db/client.js';
import { AppError, validationFailed } from '../../kernel/errors.js';
import { runIdempotent } from '../../kernel/idempotency.js';
import { decodeCursor, paginate } from '../../kernel/pagination.js';
import { actorOf, audit, auditIn, inScope, workTime } from '../../kernel/use-case.js';
import {
  applyAction,
  availableActions,
  initialColumns,
  presentTimeline,
  recordStart,
  timelineOf,
  validateDefinition,
} from '../../kernel/workflow.js';
import type { WorkTime } from '../../kernel/clock.js';
import { workbookOf } from '../../kernel/xlsx.js';
import { authorizeRunProgrammes, canSeeApplication, isProgrammeOpen } from './programmes.policy.js';
import { applicantFor, tellMember } from './programmes.applicant.js';
import { visibleProgramme } from './programmes.service.js';
import * as programmesRepo from './programmes.repository.js';
import { programmeRules } from './programmes.schemas.js';
import { compareKeys, isEventHeld, priorityKey, signupPartiesOf } from './quota.policy.js';
import * as repo from './quota.repository.js';
import { modelWorkerOfMember } from './model-workers.repository.js';
import {
  honourLevelLabels,
  isQuotaKind,
  type attendanceBody,
  type correctSignupBody,
  type QuotaRules,
  type listSignupsQuery,
  type signupActionBody,
  type signupBody,
} from './quota.schemas.js';
import { allocator, signupManager, signupWorkflow, type SignupAction, type SignupState } from './quota.workflow.js';

validateDefinition(signupWorkflow);

/**
 * 名额类项目 (劳模疗休养, 免费体检): members sign up in the window; once it closes the places are allocated by the priority
 * lists, then by arrival, and the rest wait in that order; a place given back (declined, cancelled) goes to the first
 * on the waiting list; staff mark attendance from the event's day on. Nothing here pays money: a quota programme takes
 * no applications, so no payment can ever be made for it.
 */

/** The places a quota programme gives, or 409 for a programme that pays money. */
function quotaOf(programme: { kind: string; rules: Record<string, unknown> }): QuotaRules {
  const quota = programmeRules.parse(programme.rules).quota;
  if (!isQuotaKind(programme.kind) || !quota) throw new AppError('WRONG_PROGRAMME_KIND', { kind: programme.kind });
  return quota;
}

/** What the member is told of each step (the member app's message list). */
const stepTitles: Partial<Record<SignupAction, string>> = {
  allocate: '您已获得名额',
  waitlist: '名额已满，您已进入候补名单',
  promote: '候补递补成功，您已获得名额',
  cancel: '您的报名已被取消',
  attend: '已登记您的出勤',
  absent: '您被登记为缺席',
};

/** Tells the member what happened to their signup (steps without a message say nothing). */
async function tellSignedUp(tx: Db, memberId: string, signupId: string, action: SignupAction, body: string) {
  const title = stepTitles[action];
  if (title) await tellMember(tx, memberId, { title, body, link: `/signups/${signupId}` });
}

async function presentSignup(db: Db, principal: Principal, row: repo.SignupRow, withTimeline: boolean) {
  const quota = programmeRules.parse(row.programmeRules).quota;
  return {
    id: row.id,
    programme: {
      id: row.programmeId,
      title: row.programmeTitle,
      kind: row.programmeKind,
      eventDate: quota?.eventDate ?? '',
    },
    member: { id: row.memberId, name: row.memberName },
    org: { id: row.orgId, name: row.orgName },
    honourLevel: row.honourLevel,
    frontLine: row.frontLine,
    firstTime: row.firstTime,
    status: row.status,
    rank: row.rank,
    placeNo: row.placeNo,
    waitingPosition: row.status === 'waitlisted' ? row.waitingPosition : null,
    actions: availableActions(signupWorkflow, row.status, signupPartiesOf(principal, row)) as SignupAction[],
    createdAt: row.createdAt.toISOString(),
    ...(withTimeline ? { timeline: presentTimeline(await timelineOf(db, signupWorkflow, row.id)) } : {}),
  };
}

/** A member signs up for themself; a programme officer over a member's union signs them up (`memberId`). */
export async function signUp(
  ctx: AppContext,
  principal: Principal,
  programmeId: string,
  input: z.infer<typeof signupBody>,
  idempotencyKey: string | undefined,
) {
  const programme = await visibleProgramme(ctx, principal, programmeId);
  const member = await applicantFor(ctx.db, principal, programme, input.memberId);
  quotaOf(programme);
  const time = workTime(ctx);
  if (!isProgrammeOpen(programme, time.now))
    throw new AppError('PROGRAMME_NOT_OPEN', {
      opensAt: programme.opensAt.toISOString(),
      closesAt: programme.closesAt.toISOString(),
    });
  const owner = principal.kind === 'worker' ? `worker:${principal.accountId}` : `staff:${principal.staffId}`;
  try {
    const answer = await runIdempotent(
      ctx.db,
      { principal: owner, scope: 'programme_signup.create', key: idempotencyKey, payload: { programmeId, input } },
      async (tx) => {
        await programmesRepo.lockMemberApplications(tx, programme.id, member.id);
        const existing = await repo.activeSignupFor(tx, programme.id, member.id);
        if (existing) throw new AppError('DUPLICATE_APPLICATION', { signupId: existing.id });
        // The model-worker register decides the honour level of those on it (none when deceased or disqualified);
        // others' declared level stands until an officer corrects it (registers are loaded unit by unit).
        const registered = await modelWorkerOfMember(tx, member.id);
        const honourLevel = registered
          ? registered.status === 'active'
            ? registered.honourLevel
            : null
          : (input.honourLevel ?? null);
        const id = await repo.insertSignup(tx, {
          programmeId: programme.id,
          memberId: member.id,
          orgId: member.orgId,
          honourLevel,
          frontLine: input.frontLine ?? false,
          createdBy: owner,
          createdAt: time.now,
          ...initialColumns(signupWorkflow, time),
          status: signupWorkflow.initial,
        });
        await recordStart(tx, signupWorkflow, id, {
          action: 'sign_up',
          actor: actorOf(principal),
          parties: principal.kind === 'worker' ? ['applicant'] : ['staff:agent'],
          orgId: member.orgId,
          note: input.note ?? null,
          data: {
            programmeId: programme.id,
            honourLevel,
            frontLine: input.frontLine ?? false,
          },
          time,
        });
        const row = (await repo.findSignup(tx, id))!;
        return { statusCode: 201, body: await presentSignup(tx, principal, row, true) };
      },
    );
    return answer.body;
  } catch (error) {
    // The unique index is the last word, should two signups ever pass the check at once.
    if (isUniqueViolation(error)) throw new AppError('DUPLICATE_APPLICATION');
    throw error;
  }
}

export async function getSignup(ctx: AppContext, principal: Principal, id: string) {
  const row = await repo.findSignup(ctx.db, id);
  if (!row || !canSeeApplication(principal, row)) throw new AppError('NOT_FOUND');
  return presentSignup(ctx.db, principal, row, true);
}

const keyCursor = z.object({ key: z.number().int() });

/**
 * The allocation list (名额分配名单) in order — the places first, then the waiting list, then those not yet ranked: to
 * officers, the signups of their subtree's members; to a member, their own.
 */
export async function listSignups(
  ctx: AppContext,
  principal: Principal,
  programmeId: string,
  q: z.infer<typeof listSignupsQuery>,
) {
  const programme = await visibleProgramme(ctx, principal, programmeId);
  quotaOf(programme);
  let filter: { memberId?: string; scope?: string };
  if (principal.kind === 'worker') {
    if (!principal.membership) throw new AppError('MEMBERSHIP_REQUIRED');
    filter = { memberId: principal.membership.memberId };
  } else {
    authorizeRunProgrammes(principal, principal.orgPath);
    filter = { scope: principal.orgPath };
  }
  const rows = await repo.listSignups(
    ctx.db,
    { programmeId: programme.id, ...filter, ...(q.status ? { status: q.status } : {}) },
    q.limit,
    decodeCursor(q.cursor, keyCursor)?.key ?? null,
  );
  const page = paginate(rows, q.limit, (r) => ({ key: r.orderKey }));
  return {
    items: await Promise.all(page.items.map((r) => presentSignup(ctx.db, principal, r, false))),
    nextCursor: page.nextCursor,
  };
}

async function programmeInScope(ctx: AppContext, principal: StaffPrincipal, id: string) {
  return inScope(await programmesRepo.findProgramme(ctx.db, id), principal, authorizeRunProgrammes);
}

/**
 * 分配名额: once the window has closed, ranks every signup not yet ranked — by the programme's priority lists in
 * order, then by arrival — gives the free places (1..N) to the first and puts the rest on the waiting list in that
 * order. The programme's row is locked for the whole of it, as it is by every step that gives or frees a place: two
 * allocations, or an allocation and a decline, never count the same free place twice. Running it again ranks only
 * signups that came since (none, once the window has closed), so it is safe to repeat.
 */
export async function allocatePlaces(ctx: AppContext, principal: StaffPrincipal, programmeId: string) {
  const programme = await programmeInScope(ctx, principal, programmeId);
  const quota = quotaOf(programme);
  const time = workTime(ctx);
  if (time.now.getTime() < programme.closesAt.getTime())
    throw new AppError('PROGRAMME_STILL_OPEN', { closesAt: programme.closesAt.toISOString() });
  return ctx.db.transaction(async (tx) => {
    await programmesRepo.lockProgramme(tx, programme.id);
    const pending = await repo.signupsToRank(tx, programme.id);
    const attendedBefore = await repo.membersWhoAttended(
      tx,
      programme.kind,
      programme.id,
      pending.map((p) => p.memberId),
    );
    const ranked = pending
      .map((p) => {
        const facts = {
          honourLevel: p.honourLevel,
          frontLine: p.frontLine,
          firstTime: !attendedBefore.has(p.memberId),
          arrival: p.arrival,
        };
        return { ...p, firstTime: facts.firstTime, key: priorityKey(quota.priority, facts) };
      })
      .sort((a, b) => compareKeys(a.key, b.key));
    const { placeNos, maxRank } = await repo.placesInUse(tx, programme.id);
    // Waiting already (signups ranked by an earlier run): the newly waiting queue behind them.
    const waitingBefore = (await repo.countByStatus(tx, programme.id, ['waitlisted'])).get('waitlisted') ?? 0;
    const held = new Set(placeNos);
    const free = Array.from({ length: quota.places }, (_, i) => i + 1).filter((n) => !held.has(n));
    let newlyAllocated = 0;
    for (const [i, s] of ranked.entries()) {
      const placeNo = free[i] ?? null;
      const rank = maxRank + i + 1;
      await repo.setRanking(tx, s.id, { rank, placeNo, firstTime: s.firstTime });
      const action: SignupAction = placeNo !== null ? 'allocate' : 'waitlist';
      await applyAction(tx, signupWorkflow, s.id, action, {
        actor: actorOf(principal),
        // The caller holds the role over the programme's org (programmeInScope): its manager.
        parties: [signupManager],
        orgId: s.orgId,
        data: { rank, placeNo, key: s.key },
        time,
      });
      if (placeNo !== null) newlyAllocated++;
      await tellSignedUp(
        tx,
        s.memberId,
        s.id,
        action,
        placeNo !== null
          ? `${programme.title}：名额第 ${placeNo} 号`
          : `${programme.title}：候补第 ${waitingBefore + i + 1 - free.length} 位`,
      );
    }
    const counts = await repo.countByStatus(tx, programme.id, ['allocated', 'attended', 'absent', 'waitlisted']);
    const summary = {
      programmeId: programme.id,
      places: quota.places,
      allocated: (counts.get('allocated') ?? 0) + (counts.get('attended') ?? 0) + (counts.get('absent') ?? 0),
      waitlisted: counts.get('waitlisted') ?? 0,
      newlyAllocated,
      newlyWaitlisted: ranked.length - newlyAllocated,
    };
    await auditIn(ctx, tx, principal, {
      action: 'programme.allocate',
      objectType: 'programme',
      objectId: programme.id,
      orgId: programme.orgId,
      details: { ...summary, priority: quota.priority },
    });
    return summary;
  });
}

/** The allocation's own actor: a promotion follows from a place given back, whoever gave it back. */
const allocatorActor: Actor = { kind: 'system', id: null };

/**
 * A place given back goes to the first on the waiting list, before the event's day (after it, a place is of no use).
 * In the transaction that freed it, under the programme's lock.
 */
async function promoteNext(
  tx: Db,
  programme: { id: string; title: string; eventDate: string },
  placeNo: number,
  freedBy: string,
  time: WorkTime,
): Promise<void> {
  if (isEventHeld(programme.eventDate, time.now)) return;
  const next = await repo.firstWaiting(tx, programme.id);
  if (!next) return;
  await repo.setPlace(tx, next.id, placeNo);
  await applyAction(tx, signupWorkflow, next.id, 'promote', {
    actor: allocatorActor,
    parties: [allocator],
    orgId: next.orgId,
    data: { placeNo, freedBy },
    time,
  });
  await tellSignedUp(tx, next.memberId, next.id, 'promote', `${programme.title}：名额第 ${placeNo} 号`);
}

/**
 * decline (the member, or an officer for them), withdraw (before a place), cancel {reason} and attendance (the
 * programme's officers). A place given back — declined or cancelled — is promoted to the waiting list's first.
 */
export async function actOnSignup(
  ctx: AppContext,
  principal: Principal,
  id: string,
  body: z.infer<typeof signupActionBody>,
  idempotencyKey: string | undefined,
) {
  const row = await repo.findSignup(ctx.db, id);
  if (!row || !canSeeApplication(principal, row)) throw new AppError('NOT_FOUND');
  if (principal.kind === 'staff') authorizeRunProgrammes(principal, row.orgPath);
  const quota = quotaOf({ kind: row.programmeKind, rules: row.programmeRules });
  const time = workTime(ctx);
  const answer = await runIdempotent(
    ctx.db,
    {
      principal: principal.kind === 'worker' ? `worker:${principal.accountId}` : `staff:${principal.staffId}`,
      scope: 'programme_signup.action',
      key: idempotencyKey,
      payload: { id, body },
    },
    async (tx) => {
      // Places are given and freed one step at a time per programme (see allocatePlaces).
      await programmesRepo.lockProgramme(tx, row.programmeId);
      const locked = await repo.lockSignup(tx, id);
      if (!locked) throw new AppError('NOT_FOUND');
      const parties = signupPartiesOf(principal, row);
      if (
        (body.action === 'attend' || body.action === 'absent') &&
        locked.status === 'allocated' &&
        parties.includes(signupManager) &&
        !isEventHeld(quota.eventDate, time.now)
      )
        throw new AppError('EVENT_NOT_HELD', { eventDate: quota.eventDate });
      const note = 'reason' in body ? body.reason : (body.note ?? null);
      await applyAction(tx, signupWorkflow, id, body.action, {
        actor: actorOf(principal),
        parties,
        orgId: row.orgId,
        note,
        data: locked.placeNo !== null ? { placeNo: locked.placeNo } : {},
        time,
      });
      await tellSignedUp(tx, row.memberId, id, body.action, note ?? row.programmeTitle);
      if ((body.action === 'decline' || body.action === 'cancel') && locked.placeNo !== null) {
        await repo.setPlace(tx, id, null);
        await promoteNext(
          tx,
          { id: row.programmeId, title: row.programmeTitle, eventDate: quota.eventDate },
          locked.placeNo,
          id,
          time,
        );
      }
      const updated = (await repo.findSignup(tx, id))!;
      return { statusCode: 200, body: await presentSignup(tx, principal, updated, true) };
    },
  );
  return answer.body;
}

const statusLabel: Record<SignupState, string> = programmeSignupStatusLabels['zh-CN'];

/** The allocation list as a workbook (名额分配名单): every row the officer's list shows, in its order. */
export async function exportSignups(
  ctx: AppContext,
  principal: StaffPrincipal,
  programmeId: string,
  q: { status?: SignupState | undefined },
) {
  const programme = await visibleProgramme(ctx, principal, programmeId);
  quotaOf(programme);
  const rows: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  do {
    const page = await listSignups(ctx, principal, programme.id, { ...q, limit: 100, cursor });
    for (const s of page.items)
      rows.push({
        rank: s.rank,
        status: statusLabel[s.status],
        placeNo: s.placeNo,
        waitingPosition: s.waitingPosition,
        member: s.member.name,
        org: s.org.name,
        honourLevel: s.honourLevel ? honourLevelLabels[s.honourLevel] : '',
        frontLine: s.frontLine ? '是' : '否',
        firstTime: s.firstTime === null ? '' : s.firstTime ? '是' : '否',
        createdAt: s.createdAt,
      });
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  await audit(ctx, principal, {
    action: 'programme_signup.export',
    objectType: 'programme',
    objectId: programme.id,
    orgId: programme.orgId,
    details: { rows: rows.length, ...q },
  });
  return workbookOf(
    '名额分配名单',
    [
      { header: '排序', key: 'rank', width: 6 },
      { header: '状态', key: 'status', width: 10 },
      { header: '名额号', key: 'placeNo', width: 8 },
      { header: '候补顺位', key: 'waitingPosition', width: 10 },
      { header: '姓名', key: 'member', width: 10 },
      { header: '所在工会', key: 'org', width: 24 },
      { header: '劳模荣誉', key: 'honourLevel', width: 12 },
      { header: '一线职工', key: 'frontLine', width: 10 },
      { header: '首次参加', key: 'firstTime', width: 10 },
      { header: '报名时间', key: 'createdAt', width: 17, kind: 'datetime' },
    ],
    rows,
  );
}

/**
 * 登记出勤, many at once (the list of a trip's bus, of a day at the clinic): each signup holding a place of the
 * programme becomes attended or absent, from the event's day on; all of them, or none.
 */
export async function markAttendance(
  ctx: AppContext,
  principal: StaffPrincipal,
  programmeId: string,
  input: z.infer<typeof attendanceBody>,
  idempotencyKey: string | undefined,
) {
  const programme = await programmeInScope(ctx, principal, programmeId);
  const quota = quotaOf(programme);
  const time = workTime(ctx);
  if (!isEventHeld(quota.eventDate, time.now)) throw new AppError('EVENT_NOT_HELD', { eventDate: quota.eventDate });
  const ids = input.items.map((i) => i.signupId);
  const twice = ids.findIndex((id, i) => ids.indexOf(id) !== i);
  if (twice >= 0) throw validationFailed([{ path: `items.${twice}.signupId`, code: 'not_unique', message: '' }]);
  const answer = await runIdempotent(
    ctx.db,
    {
      principal: `staff:${principal.staffId}`,
      scope: 'programme_signup.attendance',
      key: idempotencyKey,
      payload: { programmeId, input },
    },
    async (tx) => {
      await programmesRepo.lockProgramme(tx, programme.id);
      const byId = new Map((await repo.signupsByIds(tx, ids)).map((s) => [s.id, s]));
      const foreign = ids.findIndex((id) => byId.get(id)?.programmeId !== programme.id);
      if (foreign >= 0) throw validationFailed([{ path: `items.${foreign}.signupId`, code: 'invalid', message: '' }]);
      for (const item of input.items) {
        const s = byId.get(item.signupId)!;
        const action: SignupAction = item.attended ? 'attend' : 'absent';
        await applyAction(tx, signupWorkflow, s.id, action, {
          actor: actorOf(principal),
          // The caller holds the role over the programme's org (programmeInScope): its manager.
          parties: [signupManager],
          orgId: s.orgId,
          note: item.note ?? null,
          time,
        });
        await tellSignedUp(tx, s.memberId, s.id, action, programme.title);
      }
      const attended = input.items.filter((i) => i.attended).length;
      return { statusCode: 200, body: { attended, absent: input.items.length - attended } };
    },
  );
  return answer.body;
}

const arrivalCursor = z.object({ arrival: z.number().int() });

/** A member's own signups to every programme, newest first: where the member app shows places and waiting lists. */
export async function listMySignups(ctx: AppContext, principal: Principal, q: { limit: number; cursor?: string }) {
  if (principal.kind !== 'worker') throw new AppError('FORBIDDEN');
  if (!principal.membership) throw new AppError('MEMBERSHIP_REQUIRED');
  const rows = await repo.signupsOfMember(
    ctx.db,
    principal.membership.memberId,
    q.limit,
    decodeCursor(q.cursor, arrivalCursor)?.arrival ?? null,
  );
  const page = paginate(rows, q.limit, (r) => ({ arrival: r.arrival }));
  return {
    items: await Promise.all(page.items.map((r) => presentSignup(ctx.db, principal, r, false))),
    nextCursor: page.nextCursor,
  };
}

/** Where the allocation stands: the places, how many are free, the signups in each state (the console's summary). */
export async function allocationOf(ctx: AppContext, principal: StaffPrincipal, programmeId: string) {
  const programme = await programmeInScope(ctx, principal, programmeId);
  const quota = quotaOf(programme);
  const counts = await repo.countByStatus(ctx.db, programme.id, signupWorkflow.states);
  const byStatus = Object.fromEntries(signupWorkflow.states.map((st) => [st, counts.get(st) ?? 0])) as Record<
    SignupState,
    number
  >;
  return {
    programmeId: programme.id,
    places: quota.places,
    placesFree: Math.max(0, quota.places - byStatus.allocated - byStatus.attended - byStatus.absent),
    eventDate: quota.eventDate,
    byStatus,
  };
}

/**
 * The programme's officers correct what a member declared (honour level, front line) before the allocation ranks the
 * signup: the priority lists then read the checked facts. Audited with the values before and after.
 */
export async function correctSignup(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  input: z.infer<typeof correctSignupBody>,
) {
  const row = await repo.findSignup(ctx.db, id);
  if (!row || !canSeeApplication(principal, row)) throw new AppError('NOT_FOUND');
  // Staff who see the signup but do not run the programme (the member's union): 403.
  if (!signupPartiesOf(principal, row).includes(signupManager)) throw new AppError('FORBIDDEN');
  await ctx.db.transaction(async (tx) => {
    // The allocation holds this lock while it ranks: a correction lands before it, or finds the signup ranked.
    await programmesRepo.lockProgramme(tx, row.programmeId);
    const locked = await repo.lockSignup(tx, id);
    if (locked?.status !== 'applied')
      throw new AppError('INVALID_TRANSITION', { status: locked?.status, action: 'correct', reason: 'ranked' });
    const values = {
      ...(input.honourLevel !== undefined ? { honourLevel: input.honourLevel } : {}),
      ...(input.frontLine !== undefined ? { frontLine: input.frontLine } : {}),
    };
    await repo.correctFacts(tx, id, values);
    await auditIn(ctx, tx, principal, {
      action: 'programme_signup.correct',
      objectType: 'programme_signup',
      objectId: id,
      orgId: row.orgId,
      details: {
        before: { honourLevel: row.honourLevel, frontLine: row.frontLine },
        after: values,
        note: input.note,
      },
    });
  });
  return presentSignup(ctx.db, principal, (await repo.findSignup(ctx.db, id))!, true);
}
