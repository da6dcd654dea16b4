import { z } from 'zod';
import type { Membership, Principal, StaffPrincipal, WorkerPrincipal } from '../../kernel/auth.js';
import { shanghaiDate } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { AppError, validationFailed, type FieldIssue } from '../../kernel/errors.js';
import { isWithin } from '../../kernel/org-tree.js';
import { decodeCursor, paginate } from '../../kernel/pagination.js';
import { maskName } from '../../kernel/pii.js';
import { audited, inScope, orgInScope, scopeOf } from '../../kernel/use-case.js';
import { authorizeReadActivities, authorizeRunActivities } from './activities.policy.js';
import * as repo from './walks.repository.js';
import type {
  ChallengeView,
  CreateChallengeBody,
  LeaderboardQuery,
  LeaderboardView,
  ListChallengesQuery,
  RecordStepsBody,
  UpdateChallengeBody,
} from './walks.schemas.js';

/**
 * 健步走 walking challenges. A union's challenge runs over Shanghai calendar days; each member of its subtree records
 * each day's steps (typed, or read from the phone's step counter by the app's shell), one count a day that a later
 * record replaces, for a day of the challenge up to today (a future day: 400 future_date; outside the challenge: 409
 * ACTIVITY_NOT_OPEN) and until `recordingGraceDays` after its last day, at most 100,000 (400 implausible_steps).
 * Leaderboards rank members by steps and the unions directly below the challenge's by average steps per participating
 * member, over the whole challenge or one day.
 */

type Member = WorkerPrincipal & { membership: Membership };

const timeCursor = z.object({ createdAt: z.string(), id: z.uuid() });

/**
 * Days after a challenge's last day during which its days may still be recorded or corrected: phones sync their step
 * counts late (a member who did not open the app on the last day, a WeChat run synced the next morning), but after it
 * the leaderboards stand still — prizes are given by them. The last recording is at 23:59:59.999 Shanghai time of the
 * third day after `endsOn`.
 */
export const recordingGraceDays = 3;

/** The date `days` calendar days after `date` (YYYY-MM-DD). */
function plusDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The last Shanghai day on which the challenge's days may be recorded. */
export const lastRecordingDay = (endsOn: string) => plusDays(endsOn, recordingGraceDays);

function stateOf(row: { startsOn: string; endsOn: string }, today: string): ChallengeView['state'] {
  if (today < row.startsOn) return 'upcoming';
  return today > row.endsOn ? 'ended' : 'running';
}

function present(row: repo.ChallengeRow, today: string): ChallengeView {
  return {
    id: row.id,
    org: { id: row.orgId, name: row.orgName },
    title: row.title,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    dailyGoalSteps: row.dailyGoalSteps,
    state: stateOf(row, today),
    today,
    recordableUntil: lastRecordingDay(row.endsOn),
    participants: row.participants,
    createdAt: row.createdAt.toISOString(),
  };
}

const todayOf = (ctx: AppContext) => shanghaiDate(ctx.clock.now());

/**
 * The challenge as the caller may see it: staff with a reading role over its union's subtree; members whose union is
 * its union or below it. 404 otherwise.
 */
async function visibleChallenge(ctx: AppContext, principal: Principal, id: string): Promise<repo.ChallengeRow> {
  const row = await repo.findChallenge(ctx.db, id);
  if (principal.kind === 'worker') {
    if (!principal.membership) throw new AppError('MEMBERSHIP_REQUIRED');
    if (!row || !isWithin(principal.membership.orgPath, row.orgPath)) throw new AppError('NOT_FOUND');
    return row;
  }
  return inScope(row, principal, authorizeReadActivities);
}

/** An activity officer of the union (or above it) opens a challenge for its subtree. */
export async function createWalkChallenge(ctx: AppContext, principal: StaffPrincipal, input: CreateChallengeBody) {
  const org = await orgInScope(ctx, principal, input.orgId, authorizeRunActivities);
  const id = await audited(
    ctx,
    principal,
    (tx) =>
      repo.insertChallenge(tx, {
        orgId: org.id,
        title: input.title,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        dailyGoalSteps: input.dailyGoalSteps ?? null,
        createdBy: principal.staffId,
        createdAt: ctx.clock.now(),
      }),
    (challengeId) => ({
      action: 'walk_challenge.create',
      objectType: 'walk_challenge',
      objectId: challengeId,
      orgId: org.id,
      details: { startsOn: input.startsOn, endsOn: input.endsOn },
    }),
  );
  return present((await repo.findChallenge(ctx.db, id))!, todayOf(ctx));
}

/** The challenge to an activity officer over its union (404 outside the caller's subtree, 403 without the role). */
async function runChallenge(ctx: AppContext, principal: StaffPrincipal, id: string) {
  return inScope(await repo.findChallenge(ctx.db, id), principal, authorizeRunActivities);
}

/**
 * An officer edits a challenge while it makes sense: the title and the daily goal any time; the first day only before
 * it starts (409 CONFLICT reason started), never to a past day; the last day not before today and not once the
 * challenge has ended (409 ACTIVITY_NOT_OPEN reason ended) — days already recorded always stay inside the window.
 * Values sent unchanged are not changes. Audited with what changed.
 */
export async function updateWalkChallenge(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  input: UpdateChallengeBody,
) {
  const row = await runChallenge(ctx, principal, id);
  const today = todayOf(ctx);
  await audited(
    ctx,
    principal,
    async (tx) => {
      const current = await repo.lockChallenge(tx, id);
      const startsOn = input.startsOn ?? current.startsOn;
      const endsOn = input.endsOn ?? current.endsOn;
      const moveStart = startsOn !== current.startsOn;
      const moveEnd = endsOn !== current.endsOn;
      if ((moveStart || moveEnd) && today > current.endsOn)
        throw new AppError('ACTIVITY_NOT_OPEN', {
          reason: 'ended',
          startsOn: current.startsOn,
          endsOn: current.endsOn,
        });
      if (moveStart && today >= current.startsOn)
        throw new AppError('CONFLICT', { reason: 'started', startsOn: current.startsOn });
      const issues: FieldIssue[] = [];
      if (moveStart && startsOn < today) issues.push({ path: 'startsOn', code: 'past_date', message: '' });
      if (moveEnd && endsOn < today) issues.push({ path: 'endsOn', code: 'past_date', message: '' });
      else if (endsOn < startsOn) issues.push({ path: 'endsOn', code: 'too_small', message: '' });
      else if (Date.parse(endsOn) - Date.parse(startsOn) > 366 * 86_400_000)
        issues.push({ path: 'endsOn', code: 'too_big', message: '' });
      if (issues.length > 0) throw validationFailed(issues);
      const set = {
        ...(input.title !== undefined && input.title !== row.title ? { title: input.title } : {}),
        ...(moveStart ? { startsOn } : {}),
        ...(moveEnd ? { endsOn } : {}),
        ...(input.dailyGoalSteps !== undefined && input.dailyGoalSteps !== row.dailyGoalSteps
          ? { dailyGoalSteps: input.dailyGoalSteps }
          : {}),
      };
      await repo.updateChallenge(tx, id, set);
      return set;
    },
    (set) => ({
      action: 'walk_challenge.update',
      objectType: 'walk_challenge',
      objectId: id,
      orgId: row.orgId,
      details: { ...set },
    }),
  );
  return present((await repo.findChallenge(ctx.db, id))!, today);
}

/**
 * An officer ends a running challenge early: today becomes its last day (members still record today's steps, and
 * the grace after it applies). Before it starts or once ended: 409 ACTIVITY_NOT_OPEN (reason not_started / ended).
 */
export async function closeWalkChallenge(ctx: AppContext, principal: StaffPrincipal, id: string) {
  const row = await runChallenge(ctx, principal, id);
  const today = todayOf(ctx);
  await audited(
    ctx,
    principal,
    async (tx) => {
      const current = await repo.lockChallenge(tx, id);
      if (today < current.startsOn)
        throw new AppError('ACTIVITY_NOT_OPEN', {
          reason: 'not_started',
          startsOn: current.startsOn,
          endsOn: current.endsOn,
        });
      if (today > current.endsOn)
        throw new AppError('ACTIVITY_NOT_OPEN', {
          reason: 'ended',
          startsOn: current.startsOn,
          endsOn: current.endsOn,
        });
      await repo.updateChallenge(tx, id, { endsOn: today });
    },
    {
      action: 'walk_challenge.close',
      objectType: 'walk_challenge',
      objectId: id,
      orgId: row.orgId,
      details: { endsOn: today, plannedEndsOn: row.endsOn },
    },
  );
  return present((await repo.findChallenge(ctx.db, id))!, today);
}

/** Staff: the challenges of a subtree; members: those of their union and the unions above it. Newest first. */
export async function listWalkChallenges(ctx: AppContext, principal: Principal, q: ListChallengesQuery) {
  let filter: { scope: string } | { memberOrgPath: string };
  if (principal.kind === 'worker') {
    if (!principal.membership) throw new AppError('MEMBERSHIP_REQUIRED');
    filter = { memberOrgPath: principal.membership.orgPath };
  } else {
    filter = { scope: await scopeOf(ctx, principal, q.orgId, authorizeReadActivities) };
  }
  const rows = await repo.listChallenges(ctx.db, filter, q.limit, decodeCursor(q.cursor, timeCursor));
  const page = paginate(rows, q.limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
  const today = todayOf(ctx);
  return { items: page.items.map((r) => present(r, today)), nextCursor: page.nextCursor };
}

export async function getWalkChallenge(ctx: AppContext, principal: Principal, id: string) {
  return present(await visibleChallenge(ctx, principal, id), todayOf(ctx));
}

/**
 * The member's count for one day of the challenge (replacing what they recorded for it before: PUT, idempotent).
 * Refused: a day after today in Asia/Shanghai (400 future_date on `date`), a day outside the challenge (409
 * ACTIVITY_NOT_OPEN with its first and last day), any day once the grace after the challenge's end has passed (409
 * ACTIVITY_NOT_OPEN with `reason: 'closed'` and `recordableUntil`); more than 100,000 steps is refused by the schema.
 */
export async function recordSteps(ctx: AppContext, member: Member, id: string, date: string, input: RecordStepsBody) {
  const challenge = await visibleChallenge(ctx, member, id);
  const today = todayOf(ctx);
  if (date > today) throw validationFailed([{ path: 'date', code: 'future_date', message: '' }]);
  if (date < challenge.startsOn || date > challenge.endsOn)
    throw new AppError('ACTIVITY_NOT_OPEN', { startsOn: challenge.startsOn, endsOn: challenge.endsOn });
  const lastDay = lastRecordingDay(challenge.endsOn);
  if (today > lastDay)
    throw new AppError('ACTIVITY_NOT_OPEN', {
      reason: 'closed',
      startsOn: challenge.startsOn,
      endsOn: challenge.endsOn,
      recordableUntil: lastDay,
    });
  const source = input.source ?? 'typed';
  const saved = await audited(
    ctx,
    member,
    async (tx) => {
      const day = await repo.upsertDay(tx, {
        challengeId: id,
        memberId: member.membership.memberId,
        day: date,
        steps: input.steps,
        source,
        orgId: member.membership.orgId,
        recordedAt: ctx.clock.now(),
      });
      return { day, total: await repo.memberTotal(tx, id, member.membership.memberId) };
    },
    {
      action: 'walk_challenge.steps',
      objectType: 'walk_challenge',
      objectId: id,
      orgId: challenge.orgId,
      details: { date, steps: input.steps, source },
    },
  );
  return {
    challengeId: id,
    date: saved.day.day,
    steps: saved.day.steps,
    source: saved.day.source,
    recordedAt: saved.day.recordedAt.toISOString(),
    totalSteps: saved.total,
  };
}

/** The member's own days, total, days at the goal and rank by total steps. */
export async function myWalk(ctx: AppContext, member: Member, id: string) {
  const challenge = await visibleChallenge(ctx, member, id);
  const memberId = member.membership.memberId;
  const [days, standing] = await Promise.all([
    repo.daysOf(ctx.db, id, memberId),
    repo.memberStanding(ctx.db, id, null, memberId),
  ]);
  const goal = challenge.dailyGoalSteps;
  return {
    challenge: present(challenge, todayOf(ctx)),
    days: days.map((d) => ({ date: d.day, steps: d.steps, source: d.source, recordedAt: d.recordedAt.toISOString() })),
    totalSteps: standing?.steps ?? 0,
    daysRecorded: days.length,
    goalDays: goal === null ? 0 : days.filter((d) => d.steps >= goal).length,
    rank: standing?.rank ?? null,
    participants: challenge.participants,
  };
}

/** 1 + the number of values above each: equal values share a rank (1, 2, 2, 4). */
function competitionRanks(values: readonly number[]): number[] {
  return values.map((v) => 1 + values.filter((o) => o > v).length);
}

/**
 * The leaderboard by member or by union, for the whole challenge or one of its days (`date`). Members see others'
 * names masked (张*明) and no member ids, and their own standing in `me`; staff see names and ids.
 */
export async function walkLeaderboard(
  ctx: AppContext,
  principal: Principal,
  id: string,
  q: LeaderboardQuery,
): Promise<LeaderboardView> {
  const challenge = await visibleChallenge(ctx, principal, id);
  const day = q.date ?? null;
  const myMembership = principal.kind === 'worker' ? principal.membership : null;
  if (q.by === 'member') {
    const [rows, participants, standing] = await Promise.all([
      repo.memberBoard(ctx.db, id, day, q.limit),
      repo.countParticipants(ctx.db, id, day),
      myMembership ? repo.memberStanding(ctx.db, id, day, myMembership.memberId) : Promise.resolve(null),
    ]);
    return {
      challengeId: id,
      by: 'member',
      date: day,
      participants,
      members: rows.map((r) => {
        const mine = myMembership?.memberId === r.memberId;
        return {
          rank: r.rank,
          member: {
            id: principal.kind === 'staff' ? r.memberId : null,
            name: principal.kind === 'staff' || mine ? r.name : maskName(r.name),
            org: { id: r.orgId, name: r.orgName },
          },
          mine,
          steps: r.steps,
          days: r.days,
        };
      }),
      orgs: [],
      me: myMembership ? { rank: standing?.rank ?? null, steps: standing?.steps ?? 0 } : null,
    };
  }
  const groups = await repo.orgBoard(ctx.db, id, day, challenge.orgPath);
  const withAverage = groups
    .map((g) => ({ ...g, averageSteps: g.participants === 0 ? 0 : Math.round(g.steps / g.participants) }))
    .sort((a, b) => b.averageSteps - a.averageSteps || b.participants - a.participants);
  const taking = withAverage.filter((g) => g.participants > 0);
  const ranks = new Map(
    competitionRanks(taking.map((g) => g.averageSteps)).map((rank, i) => [taking[i]!.orgId, rank] as const),
  );
  // The member's group: the union below the challenge's that holds their union (or the challenge's union itself).
  const myGroup = myMembership
    ? withAverage
        .filter((g) => isWithin(myMembership.orgPath, g.orgPath))
        .sort((a, b) => b.orgPath.length - a.orgPath.length)[0]
    : undefined;
  return {
    challengeId: id,
    by: 'org',
    date: day,
    participants: taking.reduce((n, g) => n + g.participants, 0),
    members: [],
    orgs: withAverage.slice(0, q.limit).map((g) => ({
      rank: ranks.get(g.orgId) ?? null,
      org: { id: g.orgId, name: g.orgName },
      participants: g.participants,
      steps: g.steps,
      averageSteps: g.averageSteps,
      mine: myGroup?.orgId === g.orgId,
    })),
    me: myMembership
      ? { rank: myGroup ? (ranks.get(myGroup.orgId) ?? null) : null, steps: myGroup?.averageSteps ?? 0 }
      : null,
  };
}
