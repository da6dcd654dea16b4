import { z } from 'zod';
import { canSee, holdsAnyRole } from '../../kernel/access.js';
import type { Membership, StaffPrincipal, WorkerPrincipal } from '../../kernel/auth.js';
import type { AppContext } from '../../kernel/context.js';
import { AppError, validationFailed } from '../../kernel/errors.js';
import { findOrg, isWithin } from '../../kernel/org-tree.js';
import { decodeCursor, paginate } from '../../kernel/pagination.js';
import { maskName } from '../../kernel/pii.js';
import { audit, audited, inScope, orgInScope, scopeOf } from '../../kernel/use-case.js';
import { workbookOf } from '../../kernel/xlsx.js';
import { authorizeReadActivities, authorizeRunActivities } from './activities.policy.js';
import { rankEntries, totalScore } from './skills.ranking.js';
import * as repo from './skills.repository.js';
import type {
  CreateCompetitionBody,
  CreateEventBody,
  listCompetitionsQuery,
  myCompetitionsQuery,
  registerEntryBody,
  ScoresBody,
} from './skills.schemas.js';

type Member = WorkerPrincipal & { membership: Membership };

const timeCursor = z.object({ createdAt: z.string(), id: z.uuid() });

/** Hundredths of a point as the API shows them (87.5). */
const points = (hundredths: number | null) => (hundredths === null ? null : hundredths / 100);

function presentEvent(e: repo.EventRow) {
  return {
    id: e.id,
    name: e.name,
    kind: e.kind,
    minTeamSize: e.minTeamSize,
    maxTeamSize: e.maxTeamSize,
    theoryWeight: e.theoryWeight,
    practicalWeight: 100 - e.theoryWeight,
    entryCount: e.entryCount,
  };
}

function presentCompetition(ctx: AppContext, c: repo.CompetitionRow) {
  return {
    id: c.id,
    org: { id: c.orgId, name: c.orgName },
    title: c.title,
    description: c.description,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    registrationClosesAt: c.registrationClosesAt.toISOString(),
    registrationOpen: registrationOpen(ctx, c),
    prizeTiers: c.prizeTiers,
    resultsPublishedAt: c.resultsPublishedAt?.toISOString() ?? null,
  };
}

function registrationOpen(ctx: AppContext, c: repo.CompetitionRow): boolean {
  return c.resultsPublishedAt === null && ctx.clock.now().getTime() < c.registrationClosesAt.getTime();
}

/** Staff who run activities over the competition's union: everything. */
function mayRun(principal: StaffPrincipal, c: repo.CompetitionRow): boolean {
  return canSee(principal, c.orgPath) && holdsAnyRole(principal, ['activity_officer']);
}

/**
 * A competition as staff reach it: run or read over its union (its subtree's officers and leaders), or, for an
 * activity officer of a union below it, to register their members. Anyone else: 404.
 */
async function competitionForStaff(ctx: AppContext, principal: StaffPrincipal, id: string) {
  const c = await repo.findCompetition(ctx.db, id);
  if (c && !canSee(principal, c.orgPath) && isWithin(principal.orgPath, c.orgPath)) {
    if (!holdsAnyRole(principal, ['activity_officer'])) throw new AppError('FORBIDDEN');
    return c;
  }
  return inScope(c, principal, authorizeReadActivities);
}

async function runnableCompetition(ctx: AppContext, principal: StaffPrincipal, id: string) {
  return inScope(await repo.findCompetition(ctx.db, id), principal, authorizeRunActivities);
}

async function eventOf(ctx: AppContext, id: string) {
  const event = await repo.findEvent(ctx.db, id);
  if (!event) throw new AppError('NOT_FOUND');
  return event;
}

// ——— competitions and events (officers) ———

/** An officer creates a competition for their union's subtree. */
export async function createCompetition(ctx: AppContext, principal: StaffPrincipal, input: CreateCompetitionBody) {
  const org = await orgInScope(ctx, principal, input.orgId, authorizeRunActivities);
  const id = await audited(
    ctx,
    principal,
    (tx) =>
      repo.insertCompetition(tx, {
        orgId: org.id,
        title: input.title,
        description: input.description ?? null,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        registrationClosesAt: new Date(input.registrationClosesAt ?? `${input.startsOn}T00:00:00+08:00`),
        prizeTiers: input.prizeTiers,
        createdBy: principal.staffId,
        createdAt: ctx.clock.now(),
      }),
    (newId) => ({
      action: 'skills_competition.create',
      objectType: 'skills_competition',
      objectId: newId,
      orgId: org.id,
      details: { title: input.title },
    }),
  );
  return getCompetition(ctx, principal, id);
}

export async function getCompetition(ctx: AppContext, principal: StaffPrincipal, id: string) {
  const c = await competitionForStaff(ctx, principal, id);
  const events = await repo.eventsOf(ctx.db, [c.id]);
  return { ...presentCompetition(ctx, c), events: events.map(presentEvent), mayRun: mayRun(principal, c) };
}

export async function listCompetitions(
  ctx: AppContext,
  principal: StaffPrincipal,
  q: z.infer<typeof listCompetitionsQuery>,
) {
  const scope = await scopeOf(ctx, principal, q.orgId, () => undefined);
  if (!holdsAnyRole(principal, ['activity_officer', 'leader'])) throw new AppError('FORBIDDEN');
  const rows = await repo.listCompetitions(
    ctx.db,
    { scope, above: q.orgId ? undefined : principal.orgPath },
    q.limit,
    decodeCursor(q.cursor, timeCursor),
  );
  const page = paginate(rows, q.limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
  return {
    items: page.items.map((c) => ({ ...presentCompetition(ctx, c), mayRun: mayRun(principal, c) })),
    nextCursor: page.nextCursor,
  };
}

/** An event (项目) of the competition: 409 once results are published; a name taken in it is 409 CONFLICT. */
export async function addEvent(
  ctx: AppContext,
  principal: StaffPrincipal,
  competitionId: string,
  input: CreateEventBody,
) {
  const c = await runnableCompetition(ctx, principal, competitionId);
  const team = input.kind === 'team';
  const minTeamSize = team ? (input.minTeamSize ?? 2) : 1;
  const maxTeamSize = team ? (input.maxTeamSize ?? Math.max(minTeamSize, input.minTeamSize ?? 2)) : 1;
  await audited(
    ctx,
    principal,
    async (tx) => {
      const locked = await repo.lockCompetition(tx, c.id);
      if (locked?.resultsPublishedAt)
        throw new AppError('INVALID_TRANSITION', { status: 'published', action: 'add_event' });
      const id = await repo.insertEvent(tx, {
        competitionId: c.id,
        name: input.name,
        kind: input.kind,
        minTeamSize,
        maxTeamSize,
        theoryWeight: input.theoryWeight,
        createdAt: ctx.clock.now(),
      });
      if (!id) throw new AppError('CONFLICT', { field: 'name' });
      return id;
    },
    (id) => ({
      action: 'skills_event.create',
      objectType: 'skills_event',
      objectId: id,
      orgId: c.orgId,
      details: { competitionId: c.id, name: input.name, kind: input.kind },
    }),
  );
  return getCompetition(ctx, principal, c.id);
}

// ——— registration ———

/**
 * Registers an entry in an event, for its competition's union: each member once per event (409 ALREADY_REGISTERED,
 * whatever the concurrency: UNIQUE (event, member)), an individual event one member, a team event min..max members of
 * one union (400 otherwise); every member within the competition's subtree and, for an officer, within theirs (400
 * `not_in_scope`). Only while registration is open (409 ACTIVITY_NOT_OPEN).
 */
async function register(
  ctx: AppContext,
  by: StaffPrincipal | Member,
  c: repo.CompetitionRow,
  event: NonNullable<Awaited<ReturnType<typeof repo.findEvent>>>,
  memberIds: readonly string[],
  teamName: string | undefined,
) {
  if (!registrationOpen(ctx, c)) throw new AppError('ACTIVITY_NOT_OPEN');
  const unique = [...new Set(memberIds)];
  if (unique.length !== memberIds.length)
    throw validationFailed([{ path: 'memberIds', code: 'duplicate', message: 'a member named twice' }]);
  if (event.kind === 'individual' && unique.length !== 1)
    throw validationFailed([{ path: 'memberIds', code: 'team_size', message: 'an individual event takes one member' }]);
  if (event.kind === 'team' && (unique.length < event.minTeamSize || unique.length > event.maxTeamSize))
    throw validationFailed([
      {
        path: 'memberIds',
        code: 'team_size',
        message: `a team of ${event.minTeamSize}–${event.maxTeamSize} members`,
      },
    ]);
  const found = await repo.membersWithOrgs(ctx.db, unique);
  const scope = by.kind === 'staff' ? by.orgPath : c.orgPath;
  unique.forEach((id, i) => {
    const m = found.find((f) => f.id === id);
    if (!m || !isWithin(m.orgPath, c.orgPath) || !isWithin(m.orgPath, scope))
      throw validationFailed([{ path: `memberIds.${i}`, code: 'not_in_scope', message: '' }]);
  });
  const orgIds = new Set(found.map((m) => m.orgId));
  if (orgIds.size > 1)
    throw validationFailed([{ path: 'memberIds', code: 'one_union', message: 'a team is of one union' }]);
  const orgId = found[0]!.orgId;
  const taken = await repo.registeredMembers(ctx.db, event.id, unique);
  if (taken.length) throw new AppError('ALREADY_REGISTERED', { memberIds: taken });
  const org = await findOrg(ctx.db, orgId);
  const entryId = await audited(
    ctx,
    by,
    async (tx) => {
      const id = await repo.insertEntry(
        tx,
        {
          eventId: event.id,
          orgId,
          teamName: event.kind === 'team' ? (teamName ?? `${org!.name}代表队`) : null,
          registeredBy: by.kind === 'staff' ? 'staff' : 'member',
          createdAt: ctx.clock.now(),
        },
        unique,
      );
      if (!id) throw new AppError('ALREADY_REGISTERED');
      return id;
    },
    (id) => ({
      action: 'skills_entry.register',
      objectType: 'skills_entry',
      objectId: id,
      orgId,
      details: { competitionId: c.id, eventId: event.id, memberIds: unique },
    }),
  );
  const [entry] = await repo.entriesOf(ctx.db, [event.id]).then((rows) => rows.filter((r) => r.id === entryId));
  return presentEntry(entry!);
}

/** An officer registers their members (or a team of them) in an event. */
export async function registerEntry(
  ctx: AppContext,
  principal: StaffPrincipal,
  eventId: string,
  input: z.infer<typeof registerEntryBody>,
) {
  const event = await eventOf(ctx, eventId);
  const c = await competitionForStaff(ctx, principal, event.competitionId);
  if (!holdsAnyRole(principal, ['activity_officer'])) throw new AppError('FORBIDDEN');
  return register(ctx, principal, c, event, input.memberIds, input.teamName);
}

/** A member registers themself in an individual event of a competition of their union or one above it. */
export async function registerSelf(ctx: AppContext, member: Member, eventId: string) {
  const event = await eventOf(ctx, eventId);
  const c = await repo.findCompetition(ctx.db, event.competitionId);
  if (!c || !isWithin(member.membership.orgPath, c.orgPath)) throw new AppError('NOT_FOUND');
  if (event.kind === 'team')
    throw validationFailed([{ path: 'eventId', code: 'team_event', message: 'teams are registered by their union' }]);
  return register(ctx, member, c, event, [member.membership.memberId], undefined);
}

/**
 * Withdraws an entry while registration is open and before it is scored: the member from their own individual entry,
 * an officer any entry of their subtree's unions. 409 ACTIVITY_NOT_OPEN after that.
 */
export async function withdrawEntry(ctx: AppContext, by: StaffPrincipal | Member, entryId: string) {
  const entry = await repo.findEntry(ctx.db, entryId);
  if (!entry) throw new AppError('NOT_FOUND');
  const event = await eventOf(ctx, entry.eventId);
  const c = (await repo.findCompetition(ctx.db, event.competitionId))!;
  if (by.kind === 'staff') {
    if (!canSee(by, entry.orgPath)) throw new AppError('NOT_FOUND');
    if (!holdsAnyRole(by, ['activity_officer'])) throw new AppError('FORBIDDEN');
  } else {
    const people = await repo.entryMembers(ctx.db, entryId);
    if (!people.includes(by.membership.memberId)) throw new AppError('NOT_FOUND');
    if (event.kind === 'team') throw new AppError('FORBIDDEN');
  }
  if (!registrationOpen(ctx, c) || entry.totalScore !== null) throw new AppError('ACTIVITY_NOT_OPEN');
  await audited(ctx, by, (tx) => repo.deleteEntry(tx, entryId), {
    action: 'skills_entry.withdraw',
    objectType: 'skills_entry',
    objectId: entryId,
    orgId: c.orgId,
    details: { competitionId: c.id, eventId: event.id },
  });
}

function presentEntry(e: repo.EntryRow) {
  return {
    id: e.id,
    eventId: e.eventId,
    org: { id: e.orgId, name: e.orgName },
    teamName: e.teamName,
    contestants: e.contestants,
    registeredBy: e.registeredBy,
    theory: points(e.theoryScore),
    practical: points(e.practicalScore),
    total: points(e.totalScore),
    createdAt: e.createdAt.toISOString(),
  };
}

/** An event's entries: all of them for those who run or read the competition, a lower union's officer their own. */
export async function listEntries(ctx: AppContext, principal: StaffPrincipal, eventId: string) {
  const event = await eventOf(ctx, eventId);
  const c = await competitionForStaff(ctx, principal, event.competitionId);
  const rows = await repo.entriesOf(ctx.db, [event.id], canSee(principal, c.orgPath) ? undefined : principal.orgPath);
  return { items: rows.map(presentEntry), nextCursor: null };
}

// ——— scores and results ———

/**
 * Officers enter an event's scores (理论 and 实操 parts, 0–100 to the hundredth; the theory part required exactly when
 * the event weighs it), entry by entry: the total is computed here with the event's weights. Scores are final once
 * the results are published (409 INVALID_TRANSITION); an entry of another event is 400.
 */
export async function enterScores(ctx: AppContext, principal: StaffPrincipal, eventId: string, input: ScoresBody) {
  const event = await eventOf(ctx, eventId);
  const c = await runnableCompetition(ctx, principal, event.competitionId);
  const issues = input.items.flatMap((item, i) => {
    const hasTheory = item.theory !== undefined && item.theory !== null;
    if (event.theoryWeight > 0 && !hasTheory) return [{ path: `items.${i}.theory`, code: 'required', message: '' }];
    if (event.theoryWeight === 0 && hasTheory)
      return [{ path: `items.${i}.theory`, code: 'not_weighed', message: 'this event takes a single score' }];
    return [];
  });
  const ids = input.items.map((x) => x.entryId);
  if (new Set(ids).size !== ids.length) issues.push({ path: 'items', code: 'duplicate', message: 'an entry twice' });
  if (issues.length) throw validationFailed(issues);
  if ((await repo.countEntriesOfEvent(ctx.db, event.id, ids)) !== ids.length)
    throw validationFailed([{ path: 'items', code: 'not_in_event', message: 'an entry of another event' }]);
  return audited(
    ctx,
    principal,
    async (tx) => {
      const locked = await repo.lockCompetition(tx, c.id);
      if (locked?.resultsPublishedAt)
        throw new AppError('INVALID_TRANSITION', { status: 'published', action: 'score' });
      const now = ctx.clock.now();
      for (const item of input.items) {
        const theory = event.theoryWeight > 0 ? Math.round(item.theory! * 100) : null;
        const practical = Math.round(item.practical * 100);
        await repo.setScore(tx, item.entryId, {
          theoryScore: theory,
          practicalScore: practical,
          totalScore: totalScore(theory, practical, event.theoryWeight),
          scoredBy: principal.staffId,
          scoredAt: now,
        });
      }
      return { updated: input.items.length };
    },
    {
      action: 'skills_scores.enter',
      objectType: 'skills_event',
      objectId: event.id,
      orgId: c.orgId,
      details: { competitionId: c.id, items: input.items },
    },
  );
}

/** Publishes the results: public from now on, and final (no more scores, entries or events). */
export async function publishResults(ctx: AppContext, principal: StaffPrincipal, competitionId: string) {
  const c = await runnableCompetition(ctx, principal, competitionId);
  await audited(
    ctx,
    principal,
    async (tx) => {
      const locked = await repo.lockCompetition(tx, c.id);
      if (locked?.resultsPublishedAt)
        throw new AppError('INVALID_TRANSITION', { status: 'published', action: 'publish' });
      await repo.setPublished(tx, c.id, ctx.clock.now());
    },
    { action: 'skills_competition.publish', objectType: 'skills_competition', objectId: c.id, orgId: c.orgId },
  );
  return getCompetition(ctx, principal, c.id);
}

/** Each event's entries, ranked with their prize tiers (skills.ranking.ts); `masked`: names as the public sees them. */
async function resultsOf(ctx: AppContext, c: repo.CompetitionRow, masked: boolean) {
  const events = await repo.eventsOf(ctx.db, [c.id]);
  const entries = await repo.entriesOf(
    ctx.db,
    events.map((e) => e.id),
  );
  return {
    competition: {
      id: c.id,
      title: c.title,
      org: { id: c.orgId, name: c.orgName },
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      resultsPublishedAt: c.resultsPublishedAt?.toISOString() ?? null,
      prizeTiers: c.prizeTiers,
    },
    events: events.map((e) => {
      const mine = entries.filter((x) => x.eventId === e.id);
      const ranks = rankEntries(
        mine.map((x) => ({ total: x.totalScore, practical: x.practicalScore })),
        c.prizeTiers,
      );
      const items = mine
        .map((x, i) => ({
          entryId: x.id,
          rank: ranks[i]!.rank,
          tier: ranks[i]!.tier === null ? null : c.prizeTiers[ranks[i]!.tier!]!.name,
          teamName: x.teamName,
          contestants: x.contestants.map((p) => (masked ? maskName(p.name) : p.name)),
          org: { id: x.orgId, name: x.orgName },
          theory: points(x.theoryScore),
          practical: points(x.practicalScore),
          total: points(x.totalScore),
        }))
        .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
      const { entryCount: _count, ...event } = presentEvent(e);
      return { ...event, items };
    }),
  };
}

/** The results as officers and leaders see them (full names), published or not. */
export async function competitionResults(ctx: AppContext, principal: StaffPrincipal, competitionId: string) {
  const c = inScope(await repo.findCompetition(ctx.db, competitionId), principal, authorizeReadActivities);
  return resultsOf(ctx, c, false);
}

/** The public results page: no sign-in, names masked (张*明), unions named; 404 until published. */
export async function publicResults(ctx: AppContext, competitionId: string) {
  const c = await repo.findCompetition(ctx.db, competitionId);
  if (!c || c.resultsPublishedAt === null) throw new AppError('NOT_FOUND');
  return resultsOf(ctx, c, true);
}

/** The results as an Excel workbook (one row per entry, events in order), the export audited. */
export async function resultsWorkbook(ctx: AppContext, principal: StaffPrincipal, competitionId: string) {
  const c = inScope(await repo.findCompetition(ctx.db, competitionId), principal, authorizeReadActivities);
  const results = await resultsOf(ctx, c, false);
  const rows = results.events.flatMap((e) =>
    e.items.map((x) => ({
      event: e.name,
      rank: x.rank ?? '',
      tier: x.tier ?? '',
      team: x.teamName ?? '',
      contestants: x.contestants.join('、'),
      org: x.org.name,
      theory: x.theory ?? '',
      practical: x.practical ?? '',
      total: x.total ?? '',
    })),
  );
  await audit(ctx, principal, {
    action: 'skills_competition.export',
    objectType: 'skills_competition',
    objectId: c.id,
    orgId: c.orgId,
    details: { rows: rows.length },
  });
  return workbookOf(
    '技能大赛成绩',
    [
      { header: '项目', key: 'event', width: 16 },
      { header: '名次', key: 'rank', width: 8 },
      { header: '奖项', key: 'tier', width: 10 },
      { header: '队名', key: 'team', width: 20 },
      { header: '选手', key: 'contestants', width: 24 },
      { header: '代表单位', key: 'org', width: 24 },
      { header: '理论成绩', key: 'theory', width: 10 },
      { header: '实操成绩', key: 'practical', width: 10 },
      { header: '总成绩', key: 'total', width: 10 },
    ],
    rows,
  );
}

// ——— members ———

/** The competitions of the member's union and those above it, with each event and the member's own entry in it. */
export async function myCompetitions(ctx: AppContext, member: Member, q: z.infer<typeof myCompetitionsQuery>) {
  const rows = await repo.listCompetitions(
    ctx.db,
    { above: member.membership.orgPath },
    q.limit,
    decodeCursor(q.cursor, timeCursor),
  );
  const page = paginate(rows, q.limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
  const events = await repo.eventsOf(
    ctx.db,
    page.items.map((c) => c.id),
  );
  const mine = await repo.myEntries(
    ctx.db,
    member.membership.memberId,
    events.map((e) => e.id),
  );
  return {
    items: page.items.map((c) => ({
      ...presentCompetition(ctx, c),
      events: events
        .filter((e) => e.competitionId === c.id)
        .map((e) => {
          const entry = mine.find((m) => m.eventId === e.id);
          return {
            ...presentEvent(e),
            myEntry: entry
              ? { entryId: entry.entryId, teamName: entry.teamName, registeredBy: entry.registeredBy }
              : null,
          };
        }),
    })),
    nextCursor: page.nextCursor,
  };
}
