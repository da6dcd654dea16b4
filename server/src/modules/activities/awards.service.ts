import { awardNominationSourceLabels, awardNominationStatusLabels } from '../../../../shared/labels.js';
import { z } from 'zod';
import { canSee, holdsAnyRole } from '../../kernel/access.js';
import type { Membership, Principal, StaffPrincipal, WorkerPrincipal } from '../../kernel/auth.js';
import type { AppContext } from '../../kernel/context.js';
import type { Db } from '../../kernel/db/client.js';
import { AppError, validationFailed } from '../../kernel/errors.js';
import { checkUpload, readStoredFile, storeFile, withStagedFile, type FileToServe } from '../../kernel/files.js';
import { findOrg, isWithin } from '../../kernel/org-tree.js';
import { decodeCursor, paginate } from '../../kernel/pagination.js';
import { maskName } from '../../kernel/pii.js';
import { actorOf, audit, audited, inScope, orgInScope, scopeOf, workTime } from '../../kernel/use-case.js';
import {
  applyAction,
  availableActions,
  initialColumns,
  presentTimeline,
  recordStart,
  timelineOf,
  validateDefinition,
} from '../../kernel/workflow.js';
import { workbookOf } from '../../kernel/xlsx.js';
import { authorizeReadActivities, authorizeRunActivities } from './activities.policy.js';
import * as repo from './awards.repository.js';
import type {
  CreateSelectionBody,
  listSelectionsQuery,
  mySelectionsQuery,
  NominateBody,
  NominationActionBody,
  openPublicityBody,
  resolveBody,
  selectionStages,
  UpdateSelectionBody,
} from './awards.schemas.js';
import {
  nominationStates,
  nominationWorkflow,
  nominator,
  officer,
  selection as selectionParty,
  type NominationAction,
  type NominationState,
} from './awards.workflow.js';

validateDefinition(nominationWorkflow);

type Member = WorkerPrincipal & { membership: Membership };
type Stage = (typeof selectionStages)[number];

const timeCursor = z.object({ createdAt: z.string(), id: z.uuid() });
export const maxAwardPhotoBytes = 10 * 1024 * 1024;

function stageOf(s: repo.SelectionRow): Stage {
  if (s.awardedAt) return 'awarded';
  if (s.publicityStartsAt) return 'publicity';
  if (s.pollId) return 'voting';
  return 'nominating';
}

function nominationOpen(ctx: AppContext, s: repo.SelectionRow): boolean {
  return stageOf(s) === 'nominating' && ctx.clock.now().getTime() < s.nominationClosesAt.getTime();
}

function publicityOpen(ctx: AppContext, s: repo.SelectionRow): boolean {
  const now = ctx.clock.now().getTime();
  return (
    s.awardedAt === null &&
    s.publicityStartsAt !== null &&
    s.publicityEndsAt !== null &&
    now < s.publicityEndsAt.getTime()
  );
}

function mayRun(principal: StaffPrincipal, s: { orgPath: string }): boolean {
  return canSee(principal, s.orgPath) && holdsAnyRole(principal, ['activity_officer']);
}

function presentSelection(ctx: AppContext, s: repo.SelectionRow) {
  return {
    id: s.id,
    org: { id: s.orgId, name: s.orgName },
    title: s.title,
    year: s.year,
    quota: s.quota,
    description: s.description,
    nominationClosesAt: s.nominationClosesAt.toISOString(),
    nominationOpen: nominationOpen(ctx, s),
    stage: stageOf(s),
    pollId: s.pollId,
    publicityStartsAt: s.publicityStartsAt?.toISOString() ?? null,
    publicityEndsAt: s.publicityEndsAt?.toISOString() ?? null,
    awardedAt: s.awardedAt?.toISOString() ?? null,
  };
}

function countsOf(rows: { status: string; n: number }[]) {
  const counts = Object.fromEntries(nominationStates.map((s) => [s, 0])) as Record<NominationState, number>;
  for (const r of rows) counts[r.status as NominationState] = r.n;
  return counts;
}

/**
 * A selection as staff reach it: read or run over its union; an activity officer of a union below it (who nominates
 * for their union) sees it too. Anyone else: 404.
 */
async function selectionForStaff(ctx: AppContext, principal: StaffPrincipal, id: string) {
  const s = await repo.findSelection(ctx.db, id);
  if (s && !canSee(principal, s.orgPath) && isWithin(principal.orgPath, s.orgPath)) {
    if (!holdsAnyRole(principal, ['activity_officer'])) throw new AppError('FORBIDDEN');
    return s;
  }
  return inScope(s, principal, authorizeReadActivities);
}

async function runnableSelection(ctx: AppContext, principal: StaffPrincipal, id: string) {
  return inScope(await repo.findSelection(ctx.db, id), principal, authorizeRunActivities);
}

/** A selection a member takes part in: one of their union or above it. Else 404. */
async function selectionForMember(ctx: AppContext, member: Member, id: string) {
  const s = await repo.findSelection(ctx.db, id);
  if (!s || !isWithin(member.membership.orgPath, s.orgPath)) throw new AppError('NOT_FOUND');
  return s;
}

// ——— selections ———

export async function createSelection(ctx: AppContext, principal: StaffPrincipal, input: CreateSelectionBody) {
  const org = await orgInScope(ctx, principal, input.orgId, authorizeRunActivities);
  const id = await audited(
    ctx,
    principal,
    (tx) =>
      repo.insertSelection(tx, {
        orgId: org.id,
        title: input.title,
        year: input.year,
        quota: input.quota,
        description: input.description ?? null,
        nominationClosesAt: new Date(input.nominationClosesAt),
        createdBy: principal.staffId,
        createdAt: ctx.clock.now(),
      }),
    (newId) => ({
      action: 'award_selection.create',
      objectType: 'award_selection',
      objectId: newId,
      orgId: org.id,
      details: { title: input.title, year: input.year, quota: input.quota },
    }),
  );
  return getSelection(ctx, principal, id);
}

/**
 * Staff correct a selection until its publicity opens (409 INVALID_TRANSITION after): title, year, quota, description;
 * the nomination deadline only while nominating (409 after the vote started), to a time still ahead (400): moving it
 * on reopens nominations that had closed. Checked again under the selection's lock (a vote or publicity racing it).
 */
export async function updateSelection(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  input: UpdateSelectionBody,
) {
  const s = await runnableSelection(ctx, principal, id);
  const now = ctx.clock.now();
  if (input.nominationClosesAt !== undefined && Date.parse(input.nominationClosesAt) <= now.getTime())
    throw validationFailed([{ path: 'nominationClosesAt', code: 'invalid', message: 'in the past' }]);
  await audited(
    ctx,
    principal,
    async (tx) => {
      const locked = await repo.lockSelection(tx, s.id);
      if (locked?.publicityStartsAt || locked?.awardedAt)
        throw new AppError('INVALID_TRANSITION', {
          status: locked.awardedAt ? 'awarded' : 'publicity',
          action: 'edit',
        });
      if (input.nominationClosesAt !== undefined && locked?.pollId)
        throw new AppError('INVALID_TRANSITION', { status: 'voting', action: 'edit' });
      await repo.updateSelection(tx, s.id, {
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.year !== undefined ? { year: input.year } : {}),
        ...(input.quota !== undefined ? { quota: input.quota } : {}),
        ...(input.description !== undefined ? { description: input.description || null } : {}),
        ...(input.nominationClosesAt !== undefined ? { nominationClosesAt: new Date(input.nominationClosesAt) } : {}),
      });
    },
    {
      action: 'award_selection.update',
      objectType: 'award_selection',
      objectId: s.id,
      orgId: s.orgId,
      details: {
        ...input,
        before: {
          title: s.title,
          year: s.year,
          quota: s.quota,
          nominationClosesAt: s.nominationClosesAt.toISOString(),
        },
      },
    },
  );
  return getSelection(ctx, principal, s.id);
}

export async function getSelection(ctx: AppContext, principal: StaffPrincipal, id: string) {
  const s = await selectionForStaff(ctx, principal, id);
  return {
    ...presentSelection(ctx, s),
    counts: countsOf(await repo.statusCounts(ctx.db, [s.id])),
    mayRun: mayRun(principal, s),
  };
}

export async function listSelections(
  ctx: AppContext,
  principal: StaffPrincipal,
  q: z.infer<typeof listSelectionsQuery>,
) {
  const scope = await scopeOf(ctx, principal, q.orgId, () => undefined);
  if (!holdsAnyRole(principal, ['activity_officer', 'leader'])) throw new AppError('FORBIDDEN');
  const rows = await repo.listSelections(
    ctx.db,
    { scope, above: q.orgId ? undefined : principal.orgPath },
    q.limit,
    decodeCursor(q.cursor, timeCursor),
  );
  const page = paginate(rows, q.limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
  const counts = await repo.statusCounts(
    ctx.db,
    page.items.map((s) => s.id),
  );
  return {
    items: page.items.map((s) => ({
      ...presentSelection(ctx, s),
      counts: countsOf(counts.filter((c) => c.selectionId === s.id)),
      mayRun: mayRun(principal, s),
    })),
    nextCursor: page.nextCursor,
  };
}

export async function mySelections(ctx: AppContext, member: Member, q: z.infer<typeof mySelectionsQuery>) {
  const rows = await repo.listSelections(
    ctx.db,
    { above: member.membership.orgPath },
    q.limit,
    decodeCursor(q.cursor, timeCursor),
  );
  const page = paginate(rows, q.limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
  const mine = await repo.myNominations(
    ctx.db,
    member.membership.memberId,
    page.items.map((s) => s.id),
  );
  return {
    items: page.items.map((s) => ({
      ...presentSelection(ctx, s),
      myNominations: mine
        .filter((n) => n.selectionId === s.id)
        .map((n) => ({ id: n.id, nomineeName: n.nomineeName, status: n.status as NominationState, source: n.source })),
    })),
    nextCursor: page.nextCursor,
  };
}

// ——— nominations ———

/** The engine's parties the caller stands for: the selection's officer; the nomination's nominator. */
function partiesOf(
  principal: Principal,
  s: { orgPath: string },
  n?: Pick<repo.NominationRow, 'nominatedByMember' | 'nominatedByStaff'>,
): string[] {
  const parties = principal.kind === 'staff' && mayRun(principal, s) ? [officer] : [];
  if (n && isNominator(principal, n)) parties.push(nominator);
  return parties;
}

function isNominator(principal: Principal, n: Pick<repo.NominationRow, 'nominatedByMember' | 'nominatedByStaff'>) {
  if (principal.kind === 'staff') return n.nominatedByStaff === principal.staffId;
  return !!principal.membership && n.nominatedByMember === principal.membership.memberId;
}

async function presentNomination(
  db: Db,
  principal: Principal,
  s: repo.SelectionRow,
  n: repo.NominationRow,
  withTimeline: boolean,
) {
  const timeline = withTimeline ? await timelineOf(db, nominationWorkflow, n.id) : undefined;
  return {
    id: n.id,
    selectionId: n.selectionId,
    org: { id: n.orgId, name: n.orgName },
    nomineeName: n.nomineeName,
    position: n.position,
    deeds: n.deeds,
    photoIds: n.photoIds,
    source: n.source,
    mine: principal.kind === 'worker' && principal.membership?.memberId === n.nominatedByMember,
    status: n.status as NominationState,
    votes: n.votes,
    objections: principal.kind === 'staff' ? n.objections : 0,
    createdAt: n.createdAt.toISOString(),
    availableActions: availableActions(nominationWorkflow, n.status, partiesOf(principal, s, n)) as NominationAction[],
    ...(timeline ? { timeline: presentTimeline(timeline) } : {}),
  };
}

/** A photo of a nominee: PNG or JPEG, 10 MB at most, attached by id to a nomination by its uploader. */
export async function uploadAwardPhoto(
  ctx: AppContext,
  principal: StaffPrincipal | Member,
  readUpload: () => Promise<{ fileName: string; bytes: Buffer }>,
) {
  const upload = await checkUpload(await readUpload(), { allowed: ['png', 'jpeg'], maxBytes: maxAwardPhotoBytes });
  const owner = ownerOf(principal);
  const file = await withStagedFile(ctx.fileStorage, upload, (staged) =>
    audited(
      ctx,
      principal,
      (tx) => storeFile(tx, staged, owner),
      (stored) => ({
        action: 'file.upload',
        objectType: 'file',
        objectId: stored.id,
        details: { mediaType: stored.mediaType, sizeBytes: stored.sizeBytes, for: 'award_nomination' },
      }),
    ),
  );
  return { id: file.id, fileName: file.fileName, mediaType: file.mediaType, sizeBytes: file.sizeBytes };
}

function ownerOf(principal: StaffPrincipal | Member) {
  return principal.kind === 'staff'
    ? { ownerKind: 'staff', ownerId: principal.staffId }
    : { ownerKind: 'worker', ownerId: principal.accountId };
}

/**
 * A nomination while nominations are open (409 ACTIVITY_NOT_OPEN after): by an activity officer for a nominee of a
 * union within both their subtree and the selection's (`source: union`, 400 `not_in_scope` otherwise); by a member of
 * the selection's subtree for themself (`self`, once per selection: 409 ALREADY_SUBMITTED) or a colleague of their union
 * (`peer`). Photos: the caller's own uploads, not on another nomination (400).
 */
export async function nominate(
  ctx: AppContext,
  principal: StaffPrincipal | Member,
  selectionId: string,
  input: NominateBody,
) {
  const s =
    principal.kind === 'staff'
      ? await selectionForStaff(ctx, principal, selectionId)
      : await selectionForMember(ctx, principal, selectionId);
  let orgId: string;
  let nomineeName: string;
  if (principal.kind === 'staff') {
    if (!holdsAnyRole(principal, ['activity_officer'])) throw new AppError('FORBIDDEN');
    if (input.source !== 'union')
      throw validationFailed([{ path: 'source', code: 'invalid', message: 'staff nominate for their union' }]);
    if (!input.orgId || !input.nomineeName)
      throw validationFailed([
        ...(!input.orgId ? [{ path: 'orgId', code: 'required', message: '' }] : []),
        ...(!input.nomineeName ? [{ path: 'nomineeName', code: 'required', message: '' }] : []),
      ]);
    const org = await findOrg(ctx.db, input.orgId);
    if (!org || !isWithin(org.path, principal.orgPath) || !isWithin(org.path, s.orgPath))
      throw validationFailed([{ path: 'orgId', code: 'not_in_scope', message: '' }]);
    orgId = org.id;
    nomineeName = input.nomineeName;
  } else {
    if (input.source === 'union' || input.orgId)
      throw validationFailed([
        { path: 'source', code: 'invalid', message: 'members nominate themselves or a colleague' },
      ]);
    if (input.source === 'peer' && !input.nomineeName)
      throw validationFailed([{ path: 'nomineeName', code: 'required', message: '' }]);
    orgId = principal.membership.orgId;
    nomineeName = input.source === 'self' ? principal.membership.name : input.nomineeName!;
  }
  if (!nominationOpen(ctx, s)) throw new AppError('ACTIVITY_NOT_OPEN');
  const photoIds = [...new Set(input.photoIds ?? [])];
  const id = await ctx.db.transaction(async (tx) => {
    const attachable = await repo.attachablePhotoIds(tx, ownerOf(principal), photoIds);
    const foreign = photoIds.findIndex((p) => !attachable.has(p));
    if (foreign >= 0) throw validationFailed([{ path: `photoIds.${foreign}`, code: 'invalid', message: '' }]);
    const time = workTime(ctx);
    const newId = await repo.insertNomination(tx, {
      selectionId: s.id,
      orgId,
      nomineeName,
      nomineeMemberId: principal.kind === 'worker' && input.source === 'self' ? principal.membership.memberId : null,
      position: input.position,
      deeds: input.deeds,
      photoIds,
      source: input.source,
      nominatedByStaff: principal.kind === 'staff' ? principal.staffId : null,
      nominatedByMember: principal.kind === 'worker' ? principal.membership.memberId : null,
      createdAt: time.now,
      ...initialColumns(nominationWorkflow, time),
    });
    if (!newId) throw new AppError('ALREADY_SUBMITTED');
    await recordStart(tx, nominationWorkflow, newId, {
      action: 'nominate',
      actor: actorOf(principal),
      parties: [],
      orgId: s.orgId,
      data: { selectionId: s.id, source: input.source },
      time,
    });
    return newId;
  });
  return getNomination(ctx, principal, id);
}

/** A nomination with its timeline: staff of the selection (a lower union's officer: their unions' only); its nominator. */
async function visibleNomination(ctx: AppContext, principal: Principal, id: string) {
  const n = await repo.findNomination(ctx.db, id);
  if (!n) throw new AppError('NOT_FOUND');
  const s = (await repo.findSelection(ctx.db, n.selectionId))!;
  if (principal.kind === 'staff') {
    await selectionForStaff(ctx, principal, s.id);
    if (!canSee(principal, s.orgPath) && !canSee(principal, n.orgPath)) throw new AppError('NOT_FOUND');
  } else if (!principal.membership || principal.membership.memberId !== n.nominatedByMember)
    throw new AppError('NOT_FOUND');
  return { s, n };
}

export async function getNomination(ctx: AppContext, principal: Principal, id: string) {
  const { s, n } = await visibleNomination(ctx, principal, id);
  return presentNomination(ctx.db, principal, s, n, true);
}

/**
 * The nominations of a selection: all for its officers and leaders, a lower union's officer their unions' own. While
 * the vote runs, each running one shows the poll's count so far (`liveVotes`, awards.vote.ts reads it); after it, the
 * count kept at the publicity.
 */
export async function listNominations(
  ctx: AppContext,
  principal: StaffPrincipal,
  selectionId: string,
  status: NominationState | undefined,
  liveVotes?: (s: repo.SelectionRow) => Promise<ReadonlyMap<string, number>>,
) {
  const s = await selectionForStaff(ctx, principal, selectionId);
  const visible = await visibleNominations(ctx, principal, s, status, liveVotes);
  return {
    items: await Promise.all(visible.map((n) => presentNomination(ctx.db, principal, s, n, false))),
    nextCursor: null,
  };
}

/**
 * The nominations of `s` the staff caller may list — all for its officers and leaders, a lower union's officer their
 * unions' own — each with its votes: the count kept at the publicity, or the poll's count so far while the vote runs.
 */
async function visibleNominations(
  ctx: AppContext,
  principal: StaffPrincipal,
  s: repo.SelectionRow,
  status: NominationState | undefined,
  liveVotes: ((s: repo.SelectionRow) => Promise<ReadonlyMap<string, number>>) | undefined,
): Promise<repo.NominationRow[]> {
  const rows = await repo.listNominations(ctx.db, s.id, status ? [status] : undefined);
  const visible = canSee(principal, s.orgPath) ? rows : rows.filter((n) => canSee(principal, n.orgPath));
  const live = liveVotes && stageOf(s) === 'voting' ? await liveVotes(s) : new Map<string, number>();
  return visible.map((n) => ({ ...n, votes: n.votes ?? live.get(n.id) ?? null }));
}

/**
 * 推荐人选名单: the nominations the caller may list (as `listNominations`), most votes first, with their votes — the
 * poll's count while the vote runs (`liveVotes`: its public results, at most a second old; awards.vote.ts reads them), the kept count after it, empty without a
 * vote. Names in full (staff's own list); recorded in the audit log as an export.
 */
export async function nominationsWorkbook(
  ctx: AppContext,
  principal: StaffPrincipal,
  selectionId: string,
  liveVotes: (s: repo.SelectionRow) => Promise<ReadonlyMap<string, number>>,
) {
  const s = await selectionForStaff(ctx, principal, selectionId);
  const ranked = (await visibleNominations(ctx, principal, s, undefined, liveVotes)).sort(
    (a, b) => (b.votes ?? -1) - (a.votes ?? -1) || a.createdAt.getTime() - b.createdAt.getTime(),
  );
  await audit(ctx, principal, {
    action: 'award_selection.export_nominations',
    objectType: 'award_selection',
    objectId: s.id,
    orgId: s.orgId,
    details: { rows: ranked.length },
  });
  const bytes = await workbookOf(
    '推荐人选',
    [
      { header: '序号', key: 'no', width: 6 },
      { header: '被推荐人', key: 'name', width: 12, kind: 'text' },
      { header: '所在工会', key: 'org', width: 28, kind: 'text' },
      { header: '单位及职务', key: 'position', width: 24, kind: 'text' },
      { header: '推荐方式', key: 'source', width: 10 },
      { header: '状态', key: 'status', width: 10 },
      { header: '得票', key: 'votes', width: 10 },
      { header: '推荐时间', key: 'createdAt', width: 18, kind: 'datetime' },
      { header: '主要事迹', key: 'deeds', width: 60, kind: 'text' },
    ],
    ranked.map((n, i) => ({
      no: i + 1,
      name: n.nomineeName,
      org: n.orgName,
      position: n.position,
      source: awardNominationSourceLabels['zh-CN'][n.source],
      status: awardNominationStatusLabels['zh-CN'][n.status as NominationState],
      votes: n.votes,
      createdAt: n.createdAt,
      deeds: n.deeds,
    })),
  );
  return { selection: s, bytes };
}

/** A nominee's photo, to whoever may read the nomination. */
export async function nominationPhoto(
  ctx: AppContext,
  principal: Principal,
  id: string,
  fileId: string,
): Promise<FileToServe> {
  const { n } = await visibleNomination(ctx, principal, id);
  const file = n.photoIds.includes(fileId) ? await readStoredFile(ctx.db, ctx.fileStorage, fileId) : null;
  if (!file) throw new AppError('NOT_FOUND');
  return file;
}

/** The review: approve, or reject with a reason (the selection's officers), through the workflow engine. */
export async function actOnNomination(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  body: NominationActionBody,
) {
  const { s } = await visibleNomination(ctx, principal, id);
  authorizeRunActivities(principal, s.orgPath);
  await ctx.db.transaction((tx) =>
    applyAction(tx, nominationWorkflow, id, body.action, {
      actor: actorOf(principal),
      parties: partiesOf(principal, s),
      orgId: s.orgId,
      note: body.action === 'reject' ? body.reason : (body.note ?? null),
      time: workTime(ctx),
    }),
  );
  return getNomination(ctx, principal, id);
}

/**
 * Its nominator (the member, or the officer who nominated for their union) withdraws a nomination in review or
 * approved, before the vote (409 INVALID_TRANSITION after): the engine's step, with an optional reason. The selection is
 * locked first, so a vote starting at the same time either takes the nomination or never sees it.
 */
export async function withdrawNomination(
  ctx: AppContext,
  principal: Principal,
  id: string,
  reason: string | undefined,
) {
  const { s, n } = await visibleNomination(ctx, principal, id);
  if (!isNominator(principal, n))
    throw principal.kind === 'staff' ? new AppError('FORBIDDEN') : new AppError('NOT_FOUND');
  await ctx.db.transaction(async (tx) => {
    await repo.lockSelection(tx, s.id);
    await applyAction(tx, nominationWorkflow, id, 'withdraw', {
      actor: actorOf(principal),
      parties: [nominator],
      orgId: s.orgId,
      note: reason ?? null,
      data: { selectionId: s.id },
      time: workTime(ctx),
    });
  });
  return getNomination(ctx, principal, id);
}

/** The selection's own step on many nominations at once, in `tx`: each audited with its timeline entry. */
async function stepAll(
  ctx: AppContext,
  tx: Db,
  principal: StaffPrincipal,
  s: repo.SelectionRow,
  ids: readonly string[],
  action: NominationAction,
  data: Record<string, unknown> = {},
): Promise<void> {
  const time = workTime(ctx);
  for (const id of ids)
    await applyAction(tx, nominationWorkflow, id, action, {
      actor: actorOf(principal),
      parties: [selectionParty],
      orgId: s.orgId,
      data: { selectionId: s.id, ...data },
      time,
    });
}

/**
 * Opens the public vote's stage for the selection, in the caller's transaction `tx`: records the poll and each approved
 * nomination's entry in it (`entries`: nomination → poll entry), and moves them to voting. For awards.vote.ts, which
 * creates the poll through the polls part.
 */
export async function recordVote(
  ctx: AppContext,
  tx: Db,
  principal: StaffPrincipal,
  s: repo.SelectionRow,
  pollId: string,
  entries: ReadonlyMap<string, string>,
): Promise<void> {
  await repo.updateSelection(tx, s.id, { pollId });
  for (const [nominationId, entryId] of entries) await repo.setPollEntry(tx, nominationId, entryId);
  await stepAll(ctx, tx, principal, s, [...entries.keys()], 'open_vote', { pollId });
}

/** The approved nominations of a selection still in review or nominating, for the vote: 409 when there are none. */
export async function votableSelection(ctx: AppContext, principal: StaffPrincipal, selectionId: string) {
  const s = await runnableSelection(ctx, principal, selectionId);
  if (stageOf(s) !== 'nominating') throw new AppError('INVALID_TRANSITION', { status: stageOf(s), action: 'vote' });
  const approved = await repo.listNominations(ctx.db, s.id, ['approved']);
  if (approved.length === 0) throw new AppError('INVALID_TRANSITION', { status: 'no_approved', action: 'vote' });
  return { s, approved };
}

/**
 * Opens the publicity (公示) until `endsAt`: the nominations named (default the top `quota` by the public vote, or
 * every approved one without a vote) are publicized, the others approved or voting are not selected. `votes` for each
 * nomination in the vote: the poll's final count (awards.vote.ts reads it). 409 when the selection is past this stage
 * or a nomination named is not in the running (400).
 */
export async function openPublicity(
  ctx: AppContext,
  principal: StaffPrincipal,
  selectionId: string,
  input: z.infer<typeof openPublicityBody>,
  votesOf: (s: repo.SelectionRow) => Promise<ReadonlyMap<string, number>>,
) {
  const s = await runnableSelection(ctx, principal, selectionId);
  const now = ctx.clock.now();
  if (new Date(input.endsAt).getTime() <= now.getTime())
    throw validationFailed([{ path: 'endsAt', code: 'invalid', message: 'in the past' }]);
  const stage = stageOf(s);
  if (stage === 'publicity' || stage === 'awarded')
    throw new AppError('INVALID_TRANSITION', { status: stage, action: 'publicity' });
  const running = await repo.listNominations(ctx.db, s.id, ['approved', 'voting']);
  const votes = s.pollId ? await votesOf(s) : new Map<string, number>();
  const ranked = [...running].sort(
    (a, b) => (votes.get(b.id) ?? 0) - (votes.get(a.id) ?? 0) || a.createdAt.getTime() - b.createdAt.getTime(),
  );
  let chosen: string[];
  if (input.nominationIds) {
    const ids = [...new Set(input.nominationIds)];
    const bad = ids.findIndex((id) => !running.some((n) => n.id === id));
    if (bad >= 0) throw validationFailed([{ path: `nominationIds.${bad}`, code: 'not_in_running', message: '' }]);
    chosen = ids;
  } else chosen = (s.pollId ? ranked.slice(0, s.quota) : running).map((n) => n.id);
  if (chosen.length === 0) throw new AppError('INVALID_TRANSITION', { status: 'no_approved', action: 'publicity' });
  await audited(
    ctx,
    principal,
    async (tx) => {
      const locked = await repo.lockSelection(tx, s.id);
      if (locked?.publicityStartsAt)
        throw new AppError('INVALID_TRANSITION', { status: 'publicity', action: 'publicity' });
      for (const n of running) if (votes.has(n.id)) await repo.setVotes(tx, n.id, votes.get(n.id)!);
      await repo.updateSelection(tx, s.id, { publicityStartsAt: now, publicityEndsAt: new Date(input.endsAt) });
      await stepAll(ctx, tx, principal, s, chosen, 'publicize');
      await stepAll(
        ctx,
        tx,
        principal,
        s,
        running.filter((n) => !chosen.includes(n.id)).map((n) => n.id),
        'not_select',
      );
    },
    {
      action: 'award_selection.publicity',
      objectType: 'award_selection',
      objectId: s.id,
      orgId: s.orgId,
      details: { selected: chosen, endsAt: input.endsAt },
    },
  );
  return getSelection(ctx, principal, s.id);
}

/**
 * Awards the selection after its publicity ended (409 PUBLICITY_OPEN before) with every objection resolved (409
 * OBJECTION_PENDING): each nomination still publicized is awarded.
 */
export async function award(ctx: AppContext, principal: StaffPrincipal, selectionId: string) {
  const s = await runnableSelection(ctx, principal, selectionId);
  if (stageOf(s) !== 'publicity') throw new AppError('INVALID_TRANSITION', { status: stageOf(s), action: 'award' });
  if (publicityOpen(ctx, s)) throw new AppError('PUBLICITY_OPEN');
  await audited(
    ctx,
    principal,
    async (tx) => {
      const locked = await repo.lockSelection(tx, s.id);
      if (locked?.awardedAt) throw new AppError('INVALID_TRANSITION', { status: 'awarded', action: 'award' });
      if ((await repo.countOpenObjections(tx, s.id)) > 0) throw new AppError('OBJECTION_PENDING');
      const publicized = await repo.listNominations(tx, s.id, ['publicized']);
      await stepAll(
        ctx,
        tx,
        principal,
        s,
        publicized.map((n) => n.id),
        'award',
      );
      await repo.updateSelection(tx, s.id, { awardedAt: ctx.clock.now() });
    },
    { action: 'award_selection.award', objectType: 'award_selection', objectId: s.id, orgId: s.orgId },
  );
  return getSelection(ctx, principal, s.id);
}

// ——— publicity and objections ———

/** 公示: the selected, public, no sign-in: names masked (张*明), unions named, deeds; 404 before the publicity opens. */
export async function publicity(ctx: AppContext, selectionId: string) {
  const s = await repo.findSelection(ctx.db, selectionId);
  if (!s || !s.publicityStartsAt || !s.publicityEndsAt) throw new AppError('NOT_FOUND');
  const rows = await repo.listNominations(ctx.db, s.id, ['publicized', 'awarded', 'revoked']);
  return {
    selection: {
      id: s.id,
      title: s.title,
      year: s.year,
      org: { id: s.orgId, name: s.orgName },
      publicityStartsAt: s.publicityStartsAt.toISOString(),
      publicityEndsAt: s.publicityEndsAt.toISOString(),
      open: publicityOpen(ctx, s),
      awarded: s.awardedAt !== null,
    },
    items: rows
      .sort((a, b) => (b.votes ?? 0) - (a.votes ?? 0) || a.createdAt.getTime() - b.createdAt.getTime())
      .map((n) => ({
        nominationId: n.id,
        nomineeName: maskName(n.nomineeName),
        org: { id: n.orgId, name: n.orgName },
        position: n.position,
        deeds: n.deeds,
        votes: n.votes,
        status: n.status as 'publicized' | 'awarded' | 'revoked',
      })),
  };
}

/**
 * A member of the selection's subtree objects to a publicized nomination while the publicity is open (409
 * NOTICE_CLOSED after it), once per nomination (409 ALREADY_SUBMITTED).
 */
export async function lodgeObjection(ctx: AppContext, member: Member, nominationId: string, content: string) {
  const n = await repo.findNomination(ctx.db, nominationId);
  if (!n) throw new AppError('NOT_FOUND');
  const s = await selectionForMember(ctx, member, n.selectionId);
  if (!publicityOpen(ctx, s)) throw new AppError('NOTICE_CLOSED');
  if (n.status !== 'publicized') throw new AppError('INVALID_TRANSITION', { status: n.status, action: 'object' });
  return audited(
    ctx,
    member,
    async (tx) => {
      const id = await repo.insertObjection(tx, {
        nominationId: n.id,
        selectionId: s.id,
        memberId: member.membership.memberId,
        content,
        createdAt: ctx.clock.now(),
      });
      if (!id) throw new AppError('ALREADY_SUBMITTED');
      return { id, createdAt: ctx.clock.now().toISOString() };
    },
    (r) => ({
      action: 'award_objection.lodge',
      objectType: 'award_objection',
      objectId: r.id,
      orgId: s.orgId,
      details: { nominationId: n.id, selectionId: s.id },
    }),
  );
}

export async function listObjections(ctx: AppContext, principal: StaffPrincipal, selectionId: string) {
  const s = inScope(await repo.findSelection(ctx.db, selectionId), principal, authorizeReadActivities);
  const rows = await repo.listObjections(ctx.db, s.id);
  return {
    items: rows.map((o) => ({
      id: o.id,
      nominationId: o.nominationId,
      nomineeName: o.nomineeName,
      member: { id: o.memberId, name: o.memberName, org: { id: o.memberOrgId, name: o.memberOrgName } },
      content: o.content,
      resolution: o.resolution,
      resolutionNote: o.resolutionNote,
      resolvedAt: o.resolvedAt?.toISOString() ?? null,
      createdAt: o.createdAt.toISOString(),
    })),
    nextCursor: null,
  };
}

/**
 * Staff resolve an objection with a note: dismissed, or upheld — the nomination is revoked (the engine's step, audited
 * with the objection). 409 INVALID_TRANSITION when it was resolved already.
 */
export async function resolveObjection(
  ctx: AppContext,
  principal: StaffPrincipal,
  objectionId: string,
  input: z.infer<typeof resolveBody>,
) {
  const o = await repo.findObjection(ctx.db, objectionId);
  if (!o) throw new AppError('NOT_FOUND');
  const s = await runnableSelection(ctx, principal, o.selectionId);
  await audited(
    ctx,
    principal,
    async (tx) => {
      const done = await repo.resolveObjection(tx, o.id, {
        resolution: input.resolution,
        resolutionNote: input.note,
        resolvedBy: principal.staffId,
        resolvedAt: ctx.clock.now(),
      });
      if (!done) throw new AppError('INVALID_TRANSITION', { status: 'resolved', action: 'resolve' });
      if (input.resolution === 'upheld') {
        const n = await repo.findNomination(tx, o.nominationId);
        // Two objections to one nomination both upheld: the first revokes it.
        if (n?.status === 'publicized')
          await applyAction(tx, nominationWorkflow, o.nominationId, 'revoke', {
            actor: actorOf(principal),
            parties: [selectionParty],
            orgId: s.orgId,
            note: input.note,
            data: { objectionId: o.id },
            time: workTime(ctx),
          });
      }
    },
    {
      action: 'award_objection.resolve',
      objectType: 'award_objection',
      objectId: o.id,
      orgId: s.orgId,
      details: { resolution: input.resolution, nominationId: o.nominationId },
    },
  );
  return (await listObjections(ctx, principal, s.id)).items.find((x) => x.id === o.id)!;
}
