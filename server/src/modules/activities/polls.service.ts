import { z } from 'zod';
import { requireStaffRole } from '../../kernel/access.js';
import type { Membership, StaffPrincipal, WorkerPrincipal } from '../../kernel/auth.js';
import { shanghaiDate } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { isUniqueViolation, type Db } from '../../kernel/db/client.js';
import { AppError, validationFailed } from '../../kernel/errors.js';
import { checkUpload, readStoredFile, storeFile, withStagedFile, type FileToServe } from '../../kernel/files.js';
import { checkIdempotencyKey } from '../../kernel/idempotency.js';
import { notify } from '../../kernel/notifications.js';
import { decodeCursor, paginate } from '../../kernel/pagination.js';
import { audit, audited, auditIn, inScope, orgInScope, scopeOf, workTime } from '../../kernel/use-case.js';
import {
  applyAction,
  availableActions,
  initialColumns,
  presentTimeline,
  recordStarts,
  timelineOf,
  validateDefinition,
} from '../../kernel/workflow.js';
import { workbookOf } from '../../kernel/xlsx.js';
import { authorizeReadActivities, authorizeRunActivities } from './activities.policy.js';
import { isPollOpen, type BallotAnswer } from './polls.ballots.js';
import { mayVoteIn, pollPartiesOf } from './polls.policy.js';
import * as repo from './polls.repository.js';
import type {
  addEntryBody,
  EntryActionBody,
  finalistsBody,
  listEntriesQuery,
  listFlagsQuery,
  listPollsQuery,
  updatePollBody,
} from './polls.schemas.js';
import { pollsState } from './polls.state.js';
import {
  officer,
  pollEntryWorkflow,
  pollFlagWorkflow,
  type PollEntryAction,
  type PollEntryState,
  type PollFlagState,
} from './polls.workflow.js';

validateDefinition(pollEntryWorkflow);
validateDefinition(pollFlagWorkflow);

type Member = WorkerPrincipal & { membership: Membership };
/** Who reads polls: staff, a member, or anyone (null: the public pages). */
type Reader = StaffPrincipal | Member | null;

const startCursor = z.object({ startsAt: z.string(), id: z.uuid() });
const timeCursor = z.object({ createdAt: z.string(), id: z.uuid() });

/** The largest photo a poll entry takes (re-encoded on upload). */
export const maxPollPhotoBytes = 10 * 1024 * 1024;

function presentPoll(
  row: repo.PollRow,
  figures: repo.PollFigures,
  now: Date,
  extra: { staff?: boolean; myVotesToday?: number } = {},
) {
  return {
    id: row.id,
    org: { id: row.orgId, name: row.orgName },
    title: row.title,
    description: row.description,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    ballotsPerMemberPerDay: row.ballotsPerMemberPerDay,
    perEntryPerDay: row.perEntryPerDay,
    open: isPollOpen(row, now),
    round: row.round,
    previousPollId: row.previousPollId,
    nextPollId: row.nextPollId,
    liveEntries: figures.liveEntries,
    totalVotes: figures.totalVotes,
    ...(extra.staff ? { pendingEntries: figures.pendingEntries, openFlags: figures.openFlags } : {}),
    ...(extra.myVotesToday !== undefined
      ? {
          myVotesToday: {
            total: extra.myVotesToday,
            left: Math.max(0, row.ballotsPerMemberPerDay - extra.myVotesToday),
          },
        }
      : {}),
    createdAt: row.createdAt.toISOString(),
  };
}
export type PollView = ReturnType<typeof presentPoll>;

function photoUrl(entryId: string, fileId: string): string {
  return `/api/v1/public/poll-entries/${entryId}/photos/${fileId}`;
}

function presentEntry(
  principal: Reader,
  poll: { orgPath: string },
  row: repo.EntryRow,
  extra: { myVotesToday?: number; timeline?: Awaited<ReturnType<typeof timelineOf>> } = {},
) {
  const parties = principal ? pollPartiesOf(principal, poll) : [];
  return {
    id: row.id,
    pollId: row.pollId,
    title: row.title,
    description: row.description,
    photos: row.photoIds.map((id) => ({ id, url: photoUrl(row.id, id) })),
    status: row.status as PollEntryState,
    nominated: row.nominatedBy !== null,
    mine: principal?.kind === 'worker' && row.nominatedBy === principal.membership.memberId,
    sourceEntryId: row.sourceEntryId,
    votes: row.votes,
    ...(extra.myVotesToday !== undefined ? { myVotesToday: extra.myVotesToday } : {}),
    availableActions: availableActions(pollEntryWorkflow, row.status, parties) as PollEntryAction[],
    createdAt: row.createdAt.toISOString(),
    ...(extra.timeline ? { timeline: presentTimeline(extra.timeline) } : {}),
  };
}

/**
 * A poll as the caller may see it: staff of its subtree (officers and leaders), members of its union or below (their
 * polls), anyone for the public pages. 404 otherwise.
 */
async function readablePoll(ctx: AppContext, reader: Reader, id: string): Promise<repo.PollRow> {
  const row = await repo.findPoll(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  if (reader?.kind === 'staff') return inScope(row, reader, authorizeReadActivities);
  if (reader && !mayVoteIn(reader.membership, row)) throw new AppError('NOT_FOUND');
  return row;
}

/** A poll the officer runs: 404 outside their subtree, 403 without the role. */
async function runPoll(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<repo.PollRow> {
  return inScope(await repo.findPoll(ctx.db, id), principal, authorizeRunActivities);
}

async function pollView(ctx: AppContext, reader: Reader, row: repo.PollRow): Promise<PollView> {
  const figures = (await repo.figuresOf(ctx.db, [row.id])).get(row.id)!;
  const now = ctx.clock.now();
  if (reader?.kind === 'worker') {
    const mine = await repo.memberDay(ctx.db, row.id, reader.membership.memberId, shanghaiDate(now));
    return presentPoll(row, figures, now, { myVotesToday: mine.votes });
  }
  return presentPoll(row, figures, now, { staff: reader?.kind === 'staff' });
}

export interface CreatePollInput {
  title: string;
  orgId: string;
  startsAt: string;
  endsAt: string;
  ballotsPerMemberPerDay: number;
  perEntryPerDay: number;
  description?: string | undefined;
}

/**
 * A poll of `orgId`'s union (activity_officer over it): members of its subtree vote from `startsAt` until `endsAt`.
 * Also the public-vote stage of an award selection.
 */
export async function createPoll(ctx: AppContext, principal: StaffPrincipal, input: CreatePollInput) {
  const org = await orgInScope(ctx, principal, input.orgId, authorizeRunActivities);
  checkWindow(input.startsAt, input.endsAt);
  const id = await audited(
    ctx,
    principal,
    (tx) =>
      repo.insertPoll(tx, {
        orgId: org.id,
        title: input.title,
        description: input.description ?? null,
        startsAt: new Date(input.startsAt),
        endsAt: new Date(input.endsAt),
        ballotsPerMemberPerDay: input.ballotsPerMemberPerDay,
        perEntryPerDay: input.perEntryPerDay,
        createdBy: principal.staffId,
      }),
    (pollId) => ({ action: 'poll.create', objectType: 'poll', objectId: pollId, orgId: org.id, details: { ...input } }),
  );
  return pollView(ctx, principal, (await repo.findPoll(ctx.db, id))!);
}

/** An entry a poll is made with (an award selection's approved nomination): its text, and photos already checked. */
export interface SeedEntry {
  title: string;
  description: string | null;
  photoIds: readonly string[];
}

/**
 * A poll of `orgId`'s union with its entries, live from the start, written in the caller's transaction `tx` with the
 * poll's audit record and each entry's flow (added and approved by the officer, as `addEntry` does): the public vote of
 * an award selection, which moves its nominations in the same transaction. The caller has authorized the officer over
 * `orgId` (createPoll's check) and vouches for the photos: an entry serves them to anyone while it is live.
 */
export async function createPollWithEntriesIn(
  ctx: AppContext,
  tx: Db,
  principal: StaffPrincipal,
  input: CreatePollInput,
  entries: readonly SeedEntry[],
): Promise<{ pollId: string; entryIds: string[] }> {
  checkWindow(input.startsAt, input.endsAt);
  const pollId = await repo.insertPoll(tx, {
    orgId: input.orgId,
    title: input.title,
    description: input.description ?? null,
    startsAt: new Date(input.startsAt),
    endsAt: new Date(input.endsAt),
    ballotsPerMemberPerDay: input.ballotsPerMemberPerDay,
    perEntryPerDay: input.perEntryPerDay,
    createdBy: principal.staffId,
  });
  await auditIn(ctx, tx, principal, {
    action: 'poll.create',
    objectType: 'poll',
    objectId: pollId,
    orgId: input.orgId,
    details: { ...input, entries: entries.length },
  });
  const time = workTime(ctx);
  const entryIds = await repo.insertEntries(
    tx,
    entries.map((e, i) => ({
      pollId,
      // Listed (oldest first) in the order given.
      createdAt: new Date(time.now.getTime() + i),
      title: e.title,
      description: e.description,
      photoIds: [...e.photoIds],
      addedBy: principal.staffId,
      ...initialColumns(pollEntryWorkflow, time),
    })),
  );
  const poll = await repo.findPoll(tx, pollId);
  await startEntries(tx, ctx, principal, poll!, entryIds, 'add');
  return { pollId, entryIds };
}

function checkWindow(startsAt: string, endsAt: string): void {
  if (Date.parse(endsAt) <= Date.parse(startsAt))
    throw validationFailed([{ path: 'endsAt', code: 'invalid', message: '' }]);
}

export async function updatePoll(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  input: z.infer<typeof updatePollBody>,
) {
  const row = await runPoll(ctx, principal, id);
  const startsAt = input.startsAt ?? row.startsAt.toISOString();
  const endsAt = input.endsAt ?? row.endsAt.toISOString();
  checkWindow(startsAt, endsAt);
  await audited(
    ctx,
    principal,
    (tx) =>
      repo.updatePoll(tx, row.id, {
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        startsAt: new Date(startsAt),
        endsAt: new Date(endsAt),
        ...(input.ballotsPerMemberPerDay !== undefined ? { ballotsPerMemberPerDay: input.ballotsPerMemberPerDay } : {}),
        ...(input.perEntryPerDay !== undefined ? { perEntryPerDay: input.perEntryPerDay } : {}),
        updatedAt: ctx.clock.now(),
      }),
    { action: 'poll.update', objectType: 'poll', objectId: row.id, orgId: row.orgId, details: { ...input } },
  );
  ctx.state.get(pollsState).ballots.forget(row.id);
  return pollView(ctx, principal, (await repo.findPoll(ctx.db, row.id))!);
}

export async function getPoll(ctx: AppContext, reader: Reader, id: string) {
  return pollView(ctx, reader, await readablePoll(ctx, reader, id));
}

/** Staff: the polls of their subtree (or of `orgId` within it). Members: the polls of their union chain. */
export async function listPolls(ctx: AppContext, reader: StaffPrincipal | Member, q: z.infer<typeof listPollsQuery>) {
  const after = decodeCursor(q.cursor, startCursor);
  const rows =
    reader.kind === 'staff'
      ? await repo.pollsInScope(
          ctx.db,
          await scopeOf(ctx, reader, q.orgId, authorizeReadActivities),
          q.q,
          q.limit,
          after,
        )
      : await repo.pollsForMember(ctx.db, reader.membership.orgPath, q.q, q.limit, after);
  const page = paginate(rows, q.limit, (r) => ({ startsAt: r.startsAt.toISOString(), id: r.id }));
  const ids = page.items.map((p) => p.id);
  const now = ctx.clock.now();
  // One query each for the page's figures and the member's ballots today, not one per poll.
  const [figures, mine] = await Promise.all([
    repo.figuresOf(ctx.db, ids),
    reader.kind === 'worker'
      ? repo.memberDays(ctx.db, ids, reader.membership.memberId, shanghaiDate(now))
      : Promise.resolve(null),
  ]);
  return {
    items: page.items.map((p) =>
      presentPoll(p, figures.get(p.id)!, now, mine ? { myVotesToday: mine.get(p.id) ?? 0 } : { staff: true }),
    ),
    nextCursor: page.nextCursor,
  };
}

// ——— entries ———

/** What uploads are owned by in the files table. */
function ownerOf(principal: StaffPrincipal | Member): { kind: string; id: string } {
  return principal.kind === 'staff'
    ? { kind: 'staff', id: principal.staffId }
    : { kind: 'worker', id: principal.accountId };
}

/**
 * An entry: added by an officer of the poll (live at once: added and approved in one transaction, so its timeline is
 * that of any entry), or nominated by a member who votes in it (pending until staff moderate it). Photos are the
 * caller's own uploads, not used by another entry.
 */
export async function addEntry(
  ctx: AppContext,
  principal: StaffPrincipal | Member,
  pollId: string,
  input: z.infer<typeof addEntryBody>,
) {
  const poll =
    principal.kind === 'staff' ? await runPoll(ctx, principal, pollId) : await readablePoll(ctx, principal, pollId);
  if (principal.kind === 'worker' && ctx.clock.now() >= poll.endsAt) throw new AppError('ACTIVITY_NOT_OPEN');
  const photoIds = [...new Set(input.photoIds ?? [])];
  const id = await ctx.db.transaction(async (tx) => {
    const attachable = await repo.attachablePhotoIds(tx, ownerOf(principal), photoIds);
    const foreign = photoIds.findIndex((p) => !attachable.has(p));
    if (foreign >= 0) throw validationFailed([{ path: `photoIds.${foreign}`, code: 'invalid', message: '' }]);
    const time = workTime(ctx);
    const [entryId] = await repo.insertEntries(tx, [
      {
        pollId: poll.id,
        title: input.title,
        description: input.description ?? null,
        photoIds,
        nominatedBy: principal.kind === 'worker' ? principal.membership.memberId : null,
        nominatorAccountId: principal.kind === 'worker' ? principal.accountId : null,
        addedBy: principal.kind === 'staff' ? principal.staffId : null,
        ...initialColumns(pollEntryWorkflow, time),
      },
    ]);
    await startEntries(tx, ctx, principal, poll, [entryId!], principal.kind === 'staff' ? 'add' : 'nominate');
    return entryId!;
  });
  return getEntry(ctx, principal, id);
}

/** The start of new entries' flow (timeline and audit), and for staff's own, their approval in the same transaction. */
async function startEntries(
  tx: Db,
  ctx: AppContext,
  principal: StaffPrincipal | Member,
  poll: repo.PollRow,
  entryIds: string[],
  action: 'add' | 'nominate' | 'finalist',
  data: (entryId: string) => Record<string, unknown> = () => ({}),
): Promise<void> {
  const time = workTime(ctx);
  const actor =
    principal.kind === 'staff'
      ? { kind: 'staff' as const, id: principal.staffId }
      : { kind: 'worker' as const, id: principal.accountId };
  await recordStarts(
    tx,
    pollEntryWorkflow,
    entryIds.map((objectId) => ({ objectId, orgId: poll.orgId, data: { pollId: poll.id, ...data(objectId) } })),
    { actor, parties: [], action, time },
  );
  if (principal.kind !== 'staff') return;
  for (const entryId of entryIds)
    await applyAction(tx, pollEntryWorkflow, entryId, 'approve', {
      actor,
      parties: [officer],
      orgId: poll.orgId,
      time,
    });
}

/** An entry with its timeline: staff of the poll; the member who nominated it; anyone else only while it is live. */
export async function getEntry(ctx: AppContext, reader: Reader, id: string) {
  const row = await repo.findEntry(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  const poll = await readablePoll(ctx, reader, row.pollId);
  const mine = reader?.kind === 'worker' && row.nominatedBy === reader.membership.memberId;
  if (reader?.kind !== 'staff' && !mine && row.status !== 'live') throw new AppError('NOT_FOUND');
  const showTimeline = reader?.kind === 'staff' || mine;
  return presentEntry(
    reader,
    poll,
    row,
    showTimeline ? { timeline: await timelineOf(ctx.db, pollEntryWorkflow, id) } : {},
  );
}

/** Staff: every entry (or one state). Members: the live ones, or their own nominations (`mine`). Public: live ones. */
export async function listEntries(
  ctx: AppContext,
  reader: Reader,
  pollId: string,
  q: z.infer<typeof listEntriesQuery>,
) {
  const poll = await readablePoll(ctx, reader, pollId);
  const after = decodeCursor(q.cursor, timeCursor);
  const filter =
    reader?.kind === 'staff'
      ? { status: q.status }
      : reader && q.mine === 'true'
        ? { nominatedBy: reader.membership.memberId }
        : { status: 'live' };
  const search = 'q' in q && q.q ? q.q : undefined;
  const rows = await repo.entriesOf(ctx.db, poll.id, { ...filter, q: search }, q.limit, after);
  const page = paginate(rows, q.limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
  const mine =
    reader?.kind === 'worker'
      ? await repo.memberDay(ctx.db, poll.id, reader.membership.memberId, shanghaiDate(ctx.clock.now()))
      : null;
  return {
    items: page.items.map((r) => presentEntry(reader, poll, r, mine ? { myVotesToday: mine.byEntry[r.id] ?? 0 } : {})),
    nextCursor: page.nextCursor,
  };
}

const decisionTitles: Partial<Record<PollEntryAction, string>> = {
  approve: '您推荐的投票候选已通过审核',
  reject: '您推荐的投票候选未通过审核',
};

/** Moderation: approve a nomination (live), reject it with a reason, or take a live entry down. The nominator is told. */
export async function actOnEntry(ctx: AppContext, principal: StaffPrincipal, id: string, body: EntryActionBody) {
  const row = await repo.findEntry(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  const poll = inScope(await repo.findPoll(ctx.db, row.pollId), principal, authorizeReadActivities);
  const note = body.action === 'approve' ? (body.note ?? null) : body.reason;
  await ctx.db.transaction(async (tx) => {
    await applyAction(tx, pollEntryWorkflow, row.id, body.action, {
      actor: { kind: 'staff', id: principal.staffId },
      parties: pollPartiesOf(principal, poll),
      orgId: poll.orgId,
      note,
      data: { pollId: poll.id },
      time: workTime(ctx),
    });
    const title = decisionTitles[body.action];
    if (title && row.nominatorAccountId)
      await notify(tx, {
        recipientKind: 'worker',
        recipientId: row.nominatorAccountId,
        title,
        body: note ? `《${row.title}》：${note}` : `《${row.title}》`,
        link: `/activities/polls/${poll.id}`,
      });
  });
  return getEntry(ctx, principal, id);
}

// ——— ballots ———

/**
 * One ballot for a live entry of a poll the member votes in, within the poll's window and both daily limits (Asia/
 * Shanghai days): served with the ballots arriving at the same time in one transaction (polls.ballots.ts). Throttled
 * per client address first (429 with Retry-After). Member accounts are by phone, so a phone is one voter.
 */
export async function castBallot(
  ctx: AppContext,
  member: Member,
  pollId: string,
  entryId: string,
  idempotencyKey: string | undefined,
  clientAddress: string,
): Promise<BallotAnswer> {
  checkIdempotencyKey(idempotencyKey);
  const state = ctx.state.get(pollsState);
  const now = ctx.clock.now();
  await state.ballotsPerAddress.hit(clientAddress, now.getTime());
  const poll = await state.ballots.pollForBallots(pollId);
  if (!poll || !mayVoteIn(member.membership, poll)) throw new AppError('NOT_FOUND');
  const answer = await state.ballots.submit(
    { id: poll.id, orgId: poll.orgId },
    {
      memberId: member.membership.memberId,
      accountId: member.accountId,
      entryId,
      address: clientAddress,
      key: idempotencyKey,
    },
  );
  return answer.body;
}

// ——— results ———

/** Results are read a lot while a poll runs (a public page): each poll's are computed at most once a second. */
const resultsTtlMs = 1000;

/** The live results: entries by votes (the counters, no count over ballots); anyone, no sign-in. */
export async function publicResults(ctx: AppContext, pollId: string) {
  const cache = ctx.state.get(pollsState).results;
  const hit = cache.get(pollId);
  if (hit && performance.now() - hit.at < resultsTtlMs) return hit.answer;
  const answer = (async () => {
    const poll = await repo.findPoll(ctx.db, pollId);
    if (!poll) throw new AppError('NOT_FOUND');
    const rows = await repo.resultsOf(ctx.db, poll.id);
    return {
      items: rows.map((r) => ({ entryId: r.entryId, title: r.title, votes: r.votes })),
      totalVotes: rows.reduce((n, r) => n + r.votes, 0),
    };
  })();
  if (cache.size > 1000) cache.clear();
  cache.set(pollId, { answer, at: performance.now() });
  answer.catch(() => cache.delete(pollId));
  return answer;
}

/** Staff's results: as the public's, read now, with the voided ballots and whether the poll has ended. */
export async function staffResults(ctx: AppContext, principal: StaffPrincipal, pollId: string) {
  const poll = await readablePoll(ctx, principal, pollId);
  const [rows, voided] = await Promise.all([repo.resultsOf(ctx.db, poll.id), repo.voidedVotesOf(ctx.db, poll.id)]);
  return {
    items: rows.map((r) => ({ entryId: r.entryId, title: r.title, votes: r.votes })),
    totalVotes: rows.reduce((n, r) => n + r.votes, 0),
    voidedVotes: voided,
    final: ctx.clock.now() >= poll.endsAt,
  };
}

/** 投票结果: rank, entry, votes, share; recorded in the audit log as an export. */
export async function resultsWorkbook(ctx: AppContext, principal: StaffPrincipal, pollId: string) {
  const poll = await readablePoll(ctx, principal, pollId);
  const results = await staffResults(ctx, principal, pollId);
  await audit(ctx, principal, {
    action: 'poll.export_results',
    objectType: 'poll',
    objectId: poll.id,
    orgId: poll.orgId,
    details: { entries: results.items.length },
  });
  const bytes = await workbookOf(
    '投票结果',
    [
      { header: '名次', key: 'rank', width: 8 },
      { header: '候选', key: 'title', width: 40, kind: 'text' },
      { header: '票数', key: 'votes', width: 12 },
      { header: '得票率', key: 'share', width: 10, kind: 'text' },
    ],
    rankOf(results.items).map((r) => ({
      rank: r.rank,
      title: r.title,
      votes: r.votes,
      share: results.totalVotes > 0 ? `${((100 * r.votes) / results.totalVotes).toFixed(2)}%` : '0.00%',
    })),
  );
  return { poll, bytes };
}

/** Competition ranking (1, 2, 2, 4): entries with the same votes share a rank. */
export function rankOf<T extends { votes: number }>(items: readonly T[]): (T & { rank: number })[] {
  return items.map((item, i) => {
    let first = i;
    while (first > 0 && items[first - 1]!.votes === item.votes) first--;
    return { ...item, rank: first + 1 };
  });
}

// ——— finalists ———

/**
 * The top `topN` of entries ranked by votes, and every entry tied with the N-th: a tie is never decided by the order
 * of nomination, so a finalist round may have more than N entries.
 */
export function finalistsOf<T extends { votes: number }>(ranked: readonly T[], topN: number): T[] {
  if (ranked.length <= topN) return [...ranked];
  const cut = ranked[topN - 1]!.votes;
  return ranked.filter((r, i) => i < topN || r.votes === cut);
}

/**
 * 决赛: a new poll (round + 1, `previousPollId`) whose entries are the first round's top N by votes, ties with the N-th
 * included; the first round must have ended (its results final), and has one finalist round at most (409 CONFLICT).
 */
export async function createFinalRound(
  ctx: AppContext,
  principal: StaffPrincipal,
  pollId: string,
  input: z.infer<typeof finalistsBody>,
) {
  const first = await runPoll(ctx, principal, pollId);
  checkWindow(input.startsAt, input.endsAt);
  if (ctx.clock.now() < first.endsAt) throw new AppError('CONFLICT', { reason: 'round_not_ended' });
  if (first.nextPollId) throw new AppError('CONFLICT', { reason: 'final_round_exists', pollId: first.nextPollId });
  const ranked = await repo.resultsOf(ctx.db, first.id);
  const finalists = finalistsOf(ranked, input.topN);
  let id: string;
  try {
    id = await ctx.db.transaction(async (tx) => {
      const created = await repo.insertPoll(tx, {
        orgId: first.orgId,
        title: input.title ?? `${first.title}（决赛）`,
        description: input.description ?? first.description,
        startsAt: new Date(input.startsAt),
        endsAt: new Date(input.endsAt),
        ballotsPerMemberPerDay: input.ballotsPerMemberPerDay ?? first.ballotsPerMemberPerDay,
        perEntryPerDay: input.perEntryPerDay ?? first.perEntryPerDay,
        round: first.round + 1,
        previousPollId: first.id,
        createdBy: principal.staffId,
      });
      const time = workTime(ctx);
      const entryIds = await repo.insertEntries(
        tx,
        finalists.map((f, i) => ({
          pollId: created,
          // Listed (oldest first) in the order they qualified.
          createdAt: new Date(time.now.getTime() + i),
          title: f.title,
          description: f.description,
          photoIds: f.photoIds,
          addedBy: principal.staffId,
          sourceEntryId: f.entryId,
          ...initialColumns(pollEntryWorkflow, time),
        })),
      );
      const source = new Map(entryIds.map((e, i) => [e, finalists[i]!]));
      const round = { ...first, id: created };
      await startEntries(tx, ctx, principal, round, entryIds, 'finalist', (e) => ({
        sourceEntryId: source.get(e)!.entryId,
        votes: source.get(e)!.votes,
      }));
      await auditIn(ctx, tx, principal, {
        action: 'poll.final_round',
        objectType: 'poll',
        objectId: created,
        orgId: first.orgId,
        details: { previousPollId: first.id, topN: input.topN, finalists: finalists.length },
      });
      return created;
    });
  } catch (error) {
    // Two officers at once: the unique previous_poll_id lets one through.
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', { reason: 'final_round_exists' });
    throw error;
  }
  const view = await pollView(ctx, principal, (await repo.findPoll(ctx.db, id))!);
  return { ...view, tiesIncluded: Math.max(0, finalists.length - input.topN) };
}

// ——— flags ———

function presentFlag(f: repo.FlagRow) {
  return {
    id: f.id,
    pollId: f.pollId,
    entry: { id: f.entryId, title: f.entryTitle },
    kind: f.kind as 'address' | 'new_accounts',
    address: f.kind === 'address' ? f.address : null,
    windowStart: f.windowStart.toISOString(),
    windowEnd: f.windowEnd.toISOString(),
    ballotsAtFlag: f.ballotsAtFlag,
    ballotsInWindow: f.ballotsInWindow,
    voidedBallots: f.voidedBallots,
    status: f.status as PollFlagState,
    createdAt: f.createdAt.toISOString(),
  };
}

export async function listFlags(
  ctx: AppContext,
  principal: StaffPrincipal,
  pollId: string,
  q: z.infer<typeof listFlagsQuery>,
) {
  const poll = await readablePoll(ctx, principal, pollId);
  const rows = await repo.flagsOf(ctx.db, poll.id, q.status, q.limit, decodeCursor(q.cursor, timeCursor));
  const page = paginate(rows, q.limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
  return { items: page.items.map(presentFlag), nextCursor: page.nextCursor };
}

/**
 * Staff handle a flag: `void` takes its ballots out of the count (those of its burst cast until now; they stay on
 * record, marked voided, and still used their voter's daily allowance), `dismiss` keeps them. Audited with the count.
 */
export async function actOnFlag(
  ctx: AppContext,
  principal: StaffPrincipal,
  flagId: string,
  action: 'void' | 'dismiss',
  note: string | undefined,
) {
  const flag = await repo.findFlag(ctx.db, flagId);
  if (!flag) throw new AppError('NOT_FOUND');
  const poll = inScope(await repo.findPoll(ctx.db, flag.pollId), principal, authorizeReadActivities);
  await ctx.db.transaction(async (tx) => {
    const time = workTime(ctx);
    // The engine first: it locks the flag and refuses a second void (409) before any ballot is touched.
    await applyAction(tx, pollFlagWorkflow, flag.id, action, {
      actor: { kind: 'staff', id: principal.staffId },
      parties: pollPartiesOf(principal, poll),
      orgId: poll.orgId,
      note: note ?? null,
      data: { pollId: poll.id, entryId: flag.entryId },
      time,
    });
    if (action === 'void') {
      const voided = await repo.voidFlagBallots(tx, flag, time.now);
      await auditIn(ctx, tx, principal, {
        action: 'poll.void_ballots',
        objectType: 'poll',
        objectId: poll.id,
        orgId: poll.orgId,
        details: { flagId: flag.id, entryId: flag.entryId, ballots: voided },
      });
    }
  });
  ctx.state.get(pollsState).results.delete(poll.id);
  return presentFlag((await repo.findFlag(ctx.db, flag.id))!);
}

// ——— photos ———

/** A photo for an entry (PNG or JPEG, re-encoded without its metadata), uploaded before the entry that cites it. */
export async function uploadPollPhoto(
  ctx: AppContext,
  principal: StaffPrincipal | Member,
  readUpload: () => Promise<{ fileName: string; bytes: Buffer }>,
) {
  if (principal.kind === 'staff') requireStaffRole(principal, ['activity_officer']);
  const upload = await checkUpload(await readUpload(), { allowed: ['png', 'jpeg'], maxBytes: maxPollPhotoBytes });
  const owner = ownerOf(principal);
  const file = await withStagedFile(ctx.fileStorage, upload, (staged) =>
    audited(
      ctx,
      principal,
      (tx) => storeFile(tx, staged, { ownerKind: owner.kind, ownerId: owner.id }),
      (stored) => ({
        action: 'file.upload',
        objectType: 'file',
        objectId: stored.id,
        details: { mediaType: stored.mediaType, sizeBytes: stored.sizeBytes, for: 'poll_entry' },
      }),
    ),
  );
  return { id: file.id, fileName: file.fileName, mediaType: file.mediaType, sizeBytes: file.sizeBytes };
}

/** An entry's photo: to anyone while the entry is live; otherwise to whoever may read the entry. */
export async function entryPhoto(
  ctx: AppContext,
  reader: Reader,
  entryId: string,
  fileId: string,
): Promise<FileToServe> {
  const row = await repo.findEntry(ctx.db, entryId);
  if (!row || !row.photoIds.includes(fileId)) throw new AppError('NOT_FOUND');
  if (row.status !== 'live') await getEntry(ctx, reader, entryId);
  const file = await readStoredFile(ctx.db, ctx.fileStorage, fileId);
  if (!file) throw new AppError('NOT_FOUND');
  return file;
}
