import { z } from 'zod';
import { proposalCategoryLabels, proposalStatusLabels } from '../../../../shared/labels.js';
import { requireStaffRole } from '../../kernel/access.js';
import type { Actor } from '../../kernel/audit.js';
import type { Principal, StaffPrincipal, WorkerPrincipal } from '../../kernel/auth.js';
import { shanghaiDate, shanghaiDayStart, type WorkTime } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import type { Db } from '../../kernel/db/client.js';
import { AppError, validationFailed } from '../../kernel/errors.js';
import { checkUpload, readStoredFile, storeFile, withStagedFile, type FileToServe } from '../../kernel/files.js';
import { runIdempotent } from '../../kernel/idempotency.js';
import { notify } from '../../kernel/notifications.js';
import { findOrgWithin } from '../../kernel/org-tree.js';
import { decodeCursor, everyPage, paginate } from '../../kernel/pagination.js';
import { actorOf, audit, audited, auditIn, workTime } from '../../kernel/use-case.js';
import {
  applyAction,
  availableActions,
  presentTimeline,
  initialColumns,
  recordStart,
  timelineOf,
  validateDefinition,
} from '../../kernel/workflow.js';
import { workbookOf } from '../../kernel/xlsx.js';
import {
  congressInScope,
  lockActiveCongressIn,
  representativeOf,
  requireActiveCongress,
} from './congresses.service.js';
import { tellMember } from './participation.notify.js';
import { openSuggestionFromProposal, suggestionToTakeUp, takeUpSuggestion } from './suggestions.service.js';
import {
  authorizeReadProposal,
  canSeeProposal,
  closableUnratedFrom,
  isCosigningOpen,
  isProposalOverdue,
  isSatisfied,
  proposalPartiesOf,
  type ProposalParties,
} from './proposals.policy.js';
import * as congressRepo from './congresses.repository.js';
import * as repo from './proposals.repository.js';
import type {
  cosignatureBody,
  cosignerCandidatesQuery,
  listProposalsQuery,
  ProposalActionBody,
  proposalStatsView,
  submitProposalBody,
} from './proposals.schemas.js';
import {
  committee,
  dissatisfiedRating,
  proposalStates,
  proposalWorkflow,
  requestedProposalActions,
  type ProposalAction,
  type ProposalState,
} from './proposals.workflow.js';

validateDefinition(proposalWorkflow);

export const maxAttachmentBytes = 10 * 1024 * 1024;
const timeCursor = z.object({ createdAt: z.string(), id: z.uuid() });
const requested = new Set<string>(requestedProposalActions);
type RequestedAction = (typeof requestedProposalActions)[number];

/** The member app's (and the console's) page of a proposal: the link of every notice about it. */
const linkOf = (id: string) => `/proposals/${id}`;

/** What the proposer and the confirmed co-signers are told of each step. */
const stepTitles: Record<ProposalAction, string> = {
  resubmit: '提案已重新提交审议',
  withdraw: '提案已撤回',
  review_accept: '提案已立案',
  review_return: '提案被退回修改',
  review_reject: '提案不予立案',
  convert_to_suggestion: '提案已转为建议办理',
  assign: '提案已交办',
  refer_external: '提案已转外部平台办理',
  record_external_answer: '提案已答复，请评价',
  answer: '提案已答复，请评价',
  rate: '提案已办结',
  reopen: '提案已重新交办',
  reopen_referral: '提案已重新转外部平台跟进',
  close_dissatisfied: '提案已办结（不满意）',
  close: '提案已办结',
};

/** End of a Shanghai calendar day, as the due instant (addWorkingDays' convention). */
function endOfShanghaiDay(date: string): Date {
  return new Date(shanghaiDayStart(date).getTime() + 24 * 3600 * 1000 - 1);
}

function partiesFacts(row: repo.ProposalRow, cosigners: repo.CosignerRow[]): ProposalParties {
  return {
    proposerMemberId: row.proposerMemberId,
    congressOrgPath: row.congressOrgPath,
    handlerOrgPath: row.handlerOrgPath,
    cosignerMemberIds: cosigners.map((c) => c.memberId),
  };
}

/** While answered and unrated: from when the committee may close it without a rating. */
function closableFrom(row: repo.ProposalRow, time: WorkTime): Date | null {
  return row.status === 'answered' && row.repliedAt ? closableUnratedFrom(row.repliedAt, time.calendar) : null;
}

/** The buttons: the engine's actions for the caller's parties, less what the state's rules hold back now. */
function actionsFor(row: repo.ProposalRow, parties: string[], time: WorkTime): RequestedAction[] {
  if (row.congressStatus !== 'active') return [];
  const closable = closableFrom(row, time);
  return availableActions(proposalWorkflow, row.status, parties).filter(
    (a): a is RequestedAction =>
      requested.has(a) && !(a === 'close' && closable !== null && time.now.getTime() < closable.getTime()),
  );
}

function present(
  principal: Principal,
  row: repo.ProposalRow,
  related: { cosigners: repo.CosignerRow[]; attachments: repo.AttachmentRow[] },
  time: WorkTime,
) {
  const parties = proposalPartiesOf(principal, partiesFacts(row, related.cosigners));
  const memberId = principal.kind === 'worker' ? principal.membership?.memberId : undefined;
  const closable = closableFrom(row, time);
  return {
    id: row.id,
    congress: { id: row.congressId, name: row.congressName, org: { id: row.congressOrgId, name: row.congressOrgName } },
    title: row.title,
    body: row.body,
    category: row.category,
    status: row.status,
    proposer: {
      representativeId: row.proposerId,
      name: row.proposerName,
      org: { id: row.proposerOrgId, name: row.proposerOrgName },
    },
    coSigners: related.cosigners.map((c) => ({
      representativeId: c.representativeId,
      name: c.name,
      status: c.status,
      answeredAt: c.answeredAt?.toISOString() ?? null,
    })),
    myCosignature: related.cosigners.find((c) => c.memberId === memberId)?.status ?? null,
    attachments: related.attachments,
    reviewReason: row.reviewReason,
    handlerOrg: row.handlerOrgId ? { id: row.handlerOrgId, name: row.handlerOrgName ?? '' } : null,
    assignedAt: row.assignedAt?.toISOString() ?? null,
    dueOn: row.dueAt ? shanghaiDate(row.dueAt) : null,
    dueAt: row.dueAt?.toISOString() ?? null,
    overdue: isProposalOverdue(row, time.now),
    referral:
      row.externalPlatform && row.externalRef && row.referredAt
        ? { platform: row.externalPlatform, externalRef: row.externalRef, referredAt: row.referredAt.toISOString() }
        : null,
    reply:
      row.reply && row.replySource && row.repliedAt
        ? { text: row.reply, source: row.replySource, at: row.repliedAt.toISOString() }
        : null,
    rating:
      row.ratingScore !== null && row.ratedAt
        ? {
            score: row.ratingScore,
            satisfied: row.ratingSatisfied ?? row.ratingScore >= 3,
            comment: row.ratingComment,
            at: row.ratedAt.toISOString(),
          }
        : null,
    reopened: row.reopenCount > 0,
    closableFrom: closable?.toISOString() ?? null,
    availableActions: actionsFor(row, parties, time),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
  };
}

/** One proposal with its co-signers, attachments and timeline. */
async function presentOne(db: Db, principal: Principal, row: repo.ProposalRow, time: WorkTime) {
  // One after the other: `db` may be a transaction, whose one connection takes one query at a time.
  const cosigners = await repo.cosignersOf(db, [row.id]);
  const attachments = await repo.attachmentsOf(db, [row.id]);
  const timeline = await timelineOf(db, proposalWorkflow, row.id);
  return {
    ...present(
      principal,
      row,
      { cosigners: cosigners.get(row.id) ?? [], attachments: attachments.get(row.id) ?? [] },
      time,
    ),
    ratings: timeline
      .filter((e) => ratingSteps.has(e.action))
      .map((e) => ({
        score: Number(e.data.score),
        satisfied: e.data.satisfied === true,
        comment: e.note,
        at: e.at.toISOString(),
      })),
    timeline: presentTimeline(timeline),
  };
}

/** The steps a rating takes (their timeline entries carry the score and the satisfaction). */
const ratingSteps = new Set<string>(['rate', 'reopen', 'reopen_referral', 'close_dissatisfied']);

/** Tells the proposer and the co-signers who confirmed (附议) what happened, in the step's transaction. */
async function tellProposer(
  tx: Db,
  row: { id: string; proposerMemberId: string },
  cosigners: repo.CosignerRow[],
  message: { title: string; body: string },
): Promise<void> {
  const link = linkOf(row.id);
  await tellMember(tx, row.proposerMemberId, { ...message, link });
  // Every named co-signer hears of each step, except one who declined to co-sign.
  for (const c of cosigners) if (c.status !== 'declined') await tellMember(tx, c.memberId, { ...message, link });
}

/** Tells the participation staff of an org (the committee's union, or the handling body) in the console. */
async function tellStaffAt(tx: Db, orgId: string, message: { title: string; body: string; link: string }) {
  for (const s of await repo.participationStaffAt(tx, [orgId]))
    await notify(tx, { recipientKind: 'staff', recipientId: s.id, ...message });
}

/**
 * A proposal the committee converts (convert_to_suggestion) goes on as a suggestion to the congress's union, in the
 * proposer's name, in the conversion's transaction: its timeline names the proposal, and the proposer is told.
 */
async function onConvertedToSuggestion(
  ctx: AppContext,
  tx: Db,
  proposal: { id: string; congressOrgId: string; proposerMemberId: string; title: string; body: string },
  by: Actor,
): Promise<void> {
  await openSuggestionFromProposal(ctx, tx, {
    orgId: proposal.congressOrgId,
    authorMemberId: proposal.proposerMemberId,
    title: proposal.title,
    body: proposal.body,
    proposalId: proposal.id,
    actor: by,
  });
}

/** An attachment (PNG, JPEG or PDF) a member uploads before submitting or resubmitting a proposal. */
export async function uploadProposalAttachment(
  ctx: AppContext,
  worker: WorkerPrincipal,
  readUpload: () => Promise<{ fileName: string; bytes: Buffer }>,
) {
  if (!worker.membership) throw new AppError('MEMBERSHIP_REQUIRED');
  const upload = await checkUpload(await readUpload(), {
    allowed: ['png', 'jpeg', 'pdf'],
    maxBytes: maxAttachmentBytes,
  });
  const file = await withStagedFile(ctx.fileStorage, upload, (staged) =>
    audited(
      ctx,
      worker,
      (tx) => storeFile(tx, staged, { ownerKind: 'worker', ownerId: worker.accountId }),
      (stored) => ({
        action: 'file.upload',
        objectType: 'file',
        objectId: stored.id,
        details: { mediaType: stored.mediaType, sizeBytes: stored.sizeBytes, for: 'proposal' },
      }),
    ),
  );
  return { id: file.id, fileName: file.fileName, mediaType: file.mediaType, sizeBytes: file.sizeBytes };
}

const nameCursor = z.object({ name: z.string(), id: z.uuid() });

/**
 * The other active representatives of a congress, by name: whom a representative may name as co-signers (names,
 * delegation and union only). A congress outside the member's union: 404; not a representative of it: 403.
 */
export async function listCosignerCandidates(
  ctx: AppContext,
  worker: WorkerPrincipal,
  congressId: string,
  q: z.infer<typeof cosignerCandidatesQuery>,
) {
  const { representative } = await representativeOf(ctx, worker, congressId);
  const rows = await congressRepo.listRepresentatives(
    ctx.db,
    { congressId, status: 'active', q: q.q },
    q.limit,
    decodeCursor(q.cursor, nameCursor),
  );
  const page = paginate(rows, q.limit, (r) => ({ name: r.memberName, id: r.id }));
  return {
    items: page.items
      .filter((r) => r.id !== representative.id)
      .map((r) => ({ id: r.id, name: r.memberName, delegation: r.delegation, org: { id: r.orgId, name: r.orgName } })),
    nextCursor: page.nextCursor,
  };
}

/** Files the caller uploaded, else 400 on the first that is not theirs. */
async function ownedAttachments(tx: Db, worker: WorkerPrincipal, ids: string[] | undefined): Promise<string[]> {
  const attachmentIds = [...new Set(ids ?? [])];
  const owned = await repo.ownedFileIds(tx, worker.accountId, attachmentIds);
  const foreign = attachmentIds.findIndex((id) => !owned.has(id));
  if (foreign >= 0) throw validationFailed([{ path: `attachmentIds.${foreign}`, code: 'invalid', message: '' }]);
  return attachmentIds;
}

/**
 * A representative submits a proposal to their congress (active term), naming co-signers among its active
 * representatives; accepts Idempotency-Key. The committee, the co-signers and the proposer are told.
 */
export async function submitProposal(
  ctx: AppContext,
  worker: WorkerPrincipal,
  input: z.infer<typeof submitProposalBody>,
  idempotencyKey: string | undefined,
) {
  const answer = await runIdempotent(
    ctx.db,
    { principal: `worker:${worker.accountId}`, scope: 'proposal.submit', key: idempotencyKey, payload: input },
    async (tx) => {
      const { congress, representative } = await representativeOf(ctx, worker, input.congressId, tx);
      requireActiveCongress(congress);
      await lockActiveCongressIn(tx, congress.id);
      const coSignerIds = [...new Set(input.coSignerIds ?? [])];
      const known = new Map((await repo.representativesAmong(tx, congress.id, coSignerIds)).map((r) => [r.id, r]));
      const invalid = coSignerIds.findIndex((id) => known.get(id)?.status !== 'active' || id === representative.id);
      if (invalid >= 0) throw validationFailed([{ path: `coSignerIds.${invalid}`, code: 'invalid', message: '' }]);
      const attachmentIds = await ownedAttachments(tx, worker, input.attachmentIds);
      if (input.suggestionId !== undefined) await suggestionToTakeUp(tx, worker, input.suggestionId);
      const time = workTime(ctx);
      const id = await repo.insertProposal(tx, {
        congressId: congress.id,
        proposerId: representative.id,
        title: input.title,
        body: input.body,
        category: input.category,
        createdAt: time.now,
        updatedAt: time.now,
        ...initialColumns(proposalWorkflow, time),
        status: 'submitted',
      });
      await repo.insertCosigners(tx, id, coSignerIds);
      await repo.replaceAttachments(tx, id, attachmentIds);
      await recordStart(tx, proposalWorkflow, id, {
        action: 'submit',
        actor: actorOf(worker),
        parties: ['proposer'],
        orgId: congress.orgId,
        data: {
          congressId: congress.id,
          category: input.category,
          coSigners: coSignerIds.length,
          ...(input.suggestionId ? { suggestionId: input.suggestionId } : {}),
        },
        time,
      });
      // 职工事大家议: a suggestion many members support, taken up as this proposal.
      if (input.suggestionId !== undefined) await takeUpSuggestion(ctx, tx, input.suggestionId, id, actorOf(worker));
      const link = linkOf(id);
      await tellMember(tx, representative.memberId, { title: '提案已提交', body: input.title, link });
      for (const coSignerId of coSignerIds)
        await tellMember(tx, known.get(coSignerId)!.memberId, {
          title: '邀请您附议提案',
          body: `${representative.memberName}邀请您附议《${input.title}》，请在应用中确认或谢绝。`,
          link,
        });
      await tellStaffAt(tx, congress.orgId, { title: '新提案待审议', body: input.title, link });
      const row = (await repo.findProposal(tx, id))!;
      return { statusCode: 201, body: await presentOne(tx, worker, row, time) };
    },
  );
  return answer.body;
}

/** The proposal as the caller may see it (404 otherwise; staff in scope without the participation role: 403). */
async function loadVisible(ctx: AppContext, principal: Principal, id: string, db: Db = ctx.db) {
  const row = await repo.findProposal(db, id);
  const cosigners = row ? ((await repo.cosignersOf(db, [id])).get(id) ?? []) : [];
  if (!row || !canSeeProposal(principal, partiesFacts(row, cosigners))) throw new AppError('NOT_FOUND');
  authorizeReadProposal(principal);
  return { row, cosigners };
}

export async function getProposal(ctx: AppContext, principal: Principal, id: string) {
  const { row } = await loadVisible(ctx, principal, id);
  return presentOne(ctx.db, principal, row, workTime(ctx));
}

/** One attachment of a proposal, to whoever may read the proposal. */
export async function proposalAttachment(
  ctx: AppContext,
  principal: Principal,
  id: string,
  fileId: string,
): Promise<FileToServe> {
  await loadVisible(ctx, principal, id);
  const file = (await repo.isAttachedTo(ctx.db, id, fileId))
    ? await readStoredFile(ctx.db, ctx.fileStorage, fileId)
    : null;
  if (!file) throw new AppError('NOT_FOUND');
  return file;
}

type ListQuery = Omit<z.infer<typeof listProposalsQuery>, 'limit' | 'cursor'> & {
  limit: number;
  cursor?: string | undefined;
};

/**
 * Members: the proposals they made or were named to co-sign. Staff (participation role): those of congresses in
 * their subtree and those assigned to a handling body in it; `mine=true` → only the latter (their handling queue).
 */
export async function listProposals(ctx: AppContext, principal: Principal, q: ListQuery) {
  const time = workTime(ctx);
  const filter: repo.ProposalFilter = {
    congressId: q.congressId,
    status: q.status,
    category: q.category,
    overdueAt: q.overdue === 'true' ? time.now : undefined,
    handlerOrgId: q.handlerOrgId,
    q: q.q,
  };
  if (principal.kind === 'worker') {
    if (!principal.membership) throw new AppError('MEMBERSHIP_REQUIRED');
    filter.memberId = principal.membership.memberId;
  } else {
    requireStaffRole(principal, ['participation_officer']);
    filter.scope = principal.orgPath;
    if (q.mine === 'true') filter.handlerScope = principal.orgPath;
  }
  const rows = await repo.listProposals(ctx.db, filter, q.limit, decodeCursor(q.cursor, timeCursor));
  const page = paginate(rows, q.limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
  // One query each for the page's co-signers and attachments, not one per proposal.
  const ids = page.items.map((r) => r.id);
  const [cosigners, attachments] = await Promise.all([repo.cosignersOf(ctx.db, ids), repo.attachmentsOf(ctx.db, ids)]);
  return {
    items: page.items.map((r) =>
      present(principal, r, { cosigners: cosigners.get(r.id) ?? [], attachments: attachments.get(r.id) ?? [] }, time),
    ),
    nextCursor: page.nextCursor,
  };
}

/** Checks an assignment's handling body (an org of the congress's subtree); its due date, the end of that Shanghai day. */
async function checkAssignment(
  db: Db,
  row: repo.ProposalRow,
  body: { handlerOrgId: string; dueOn?: string | undefined },
): Promise<Date | undefined> {
  if (!(await findOrgWithin(db, body.handlerOrgId, row.congressOrgPath)))
    throw validationFailed([{ path: 'handlerOrgId', code: 'not_in_scope', message: '' }]);
  if (body.dueOn === undefined) return undefined;
  // A past date is taken as given (an assignment recorded late is overdue at once), not refused.
  return endOfShanghaiDay(body.dueOn);
}

/**
 * Takes a step of the loop (proposals.workflow.ts). 404 outside the proposal's scope, 409 INVALID_TRANSITION when
 * the state does not allow the action, 403 when the caller's parties may not take it; archived terms take no steps.
 */
export async function actOnProposal(
  ctx: AppContext,
  principal: Principal,
  id: string,
  body: ProposalActionBody,
  idempotencyKey?: string,
) {
  const time = workTime(ctx);
  const now = time.now;
  const answer = await runIdempotent(
    ctx.db,
    { principal: principalKey(principal), scope: 'proposal.action', key: idempotencyKey, payload: { id, body } },
    async (tx) => {
      // Locked first, so what the step is decided by (state, handling body, co-signers) cannot change under it.
      const locked = await repo.lockProposal(tx, id);
      if (!locked) throw new AppError('NOT_FOUND');
      const { row, cosigners } = await loadVisible(ctx, principal, id, tx);
      requireActiveCongress({ status: row.congressStatus });
      await lockActiveCongressIn(tx, row.congressId);
      const parties = proposalPartiesOf(principal, partiesFacts(row, cosigners));
      // The role first: only the committee learns whether an org is in the congress's subtree.
      if (body.action === 'assign' && !availableActions(proposalWorkflow, row.status, parties).includes('assign'))
        throw new AppError(
          proposalWorkflow.transitions.some((t) => t.action === 'assign' && t.from.includes(row.status))
            ? 'FORBIDDEN'
            : 'INVALID_TRANSITION',
          { action: 'assign', status: row.status },
        );
      const dueAt = body.action === 'assign' ? await checkAssignment(tx, row, body) : undefined;
      let action: ProposalAction = body.action;
      let actingParties = parties;
      const data: Record<string, unknown> = {};
      let note: string | null = 'note' in body ? (body.note ?? null) : null;
      const patch: repo.ProposalPatch = { updatedAt: now };
      switch (body.action) {
        case 'resubmit': {
          if (body.title !== undefined) patch.title = body.title;
          if (body.body !== undefined) patch.body = body.body;
          if (body.category !== undefined) patch.category = body.category;
          break;
        }
        case 'review_return':
        case 'review_reject':
          note = body.reason;
          patch.reviewReason = body.reason;
          break;
        case 'assign': {
          const dueOn = dueAt ? shanghaiDate(dueAt) : null;
          Object.assign(data, { handlerOrgId: body.handlerOrgId, ...(dueOn ? { dueOn } : {}) });
          patch.handlerOrgId = body.handlerOrgId;
          patch.assignedAt = now;
          break;
        }
        case 'refer_external':
          Object.assign(data, { platform: body.platform, externalRef: body.externalRef });
          Object.assign(patch, { externalPlatform: body.platform, externalRef: body.externalRef, referredAt: now });
          break;
        case 'answer':
        case 'record_external_answer':
          note = body.reply;
          Object.assign(patch, {
            reply: body.reply,
            replySource: body.action === 'answer' && locked.status !== 'referred' ? 'handler' : 'external',
            repliedAt: now,
          });
          break;
        case 'rate': {
          // The rating's own checks, in the engine's order: the state first (409), then the party (403).
          if (locked.status !== 'answered')
            throw new AppError('INVALID_TRANSITION', { status: locked.status, action: 'rate' });
          if (!parties.includes('proposer')) throw new AppError('FORBIDDEN', { action: 'rate' });
          const satisfied = isSatisfied(body);
          if (!satisfied) {
            // The first dissatisfied rating sends it back to whoever answered; the second ends the loop.
            action =
              locked.reopenCount > 0
                ? 'close_dissatisfied'
                : locked.replySource === 'external'
                  ? 'reopen_referral'
                  : 'reopen';
            actingParties = [...parties, dissatisfiedRating];
            if (action !== 'close_dissatisfied') patch.reopenCount = locked.reopenCount + 1;
          }
          note = body.comment ?? null;
          Object.assign(data, { score: body.score, satisfied });
          Object.assign(patch, {
            ratingScore: body.score,
            ratingSatisfied: satisfied,
            ratingComment: body.comment ?? null,
            ratedAt: now,
          });
          break;
        }
        case 'close': {
          if (locked.status === 'answered' && parties.includes(committee) && locked.repliedAt) {
            const from = closableUnratedFrom(locked.repliedAt, time.calendar);
            if (now.getTime() < from.getTime())
              throw new AppError('INVALID_TRANSITION', {
                status: locked.status,
                action: 'close',
                reason: 'rating_window_open',
                closableFrom: from.toISOString(),
              });
          }
          break;
        }
        default:
          break;
      }
      await applyAction(tx, proposalWorkflow, id, action, {
        actor: actorOf(principal),
        parties: actingParties,
        orgId: row.congressOrgId,
        note,
        data,
        time,
        ...(dueAt ? { dueAt } : {}),
      });
      if (action === 'rate' || action === 'close' || action === 'close_dissatisfied') patch.closedAt = now;
      await repo.updateProposal(tx, id, patch);
      if (body.action === 'resubmit' && body.attachmentIds !== undefined && principal.kind === 'worker')
        await repo.replaceAttachments(tx, id, await ownedAttachments(tx, principal, body.attachmentIds));
      if (action === 'convert_to_suggestion')
        await onConvertedToSuggestion(
          ctx,
          tx,
          {
            id,
            congressOrgId: row.congressOrgId,
            proposerMemberId: row.proposerMemberId,
            title: row.title,
            body: row.body,
          },
          actorOf(principal),
        );
      const updated = (await repo.findProposal(tx, id))!;
      await tellProposer(tx, updated, cosigners, { title: stepTitles[action], body: stepBody(updated, action, note) });
      if ((action === 'assign' || action === 'reopen') && updated.handlerOrgId)
        await tellStaffAt(tx, updated.handlerOrgId, {
          title: action === 'assign' ? '新交办提案' : '提案不满意，重新交办',
          body: `《${updated.title}》请于 ${updated.dueAt ? shanghaiDate(updated.dueAt) : ''} 前答复`,
          link: linkOf(id),
        });
      if (action === 'reopen_referral')
        await tellStaffAt(tx, updated.congressOrgId, {
          title: '提案不满意，请继续跟进外部平台',
          body: `《${updated.title}》`,
          link: linkOf(id),
        });
      if (action === 'resubmit')
        await tellStaffAt(tx, updated.congressOrgId, {
          title: '提案已修改，待审议',
          body: updated.title,
          link: linkOf(id),
        });
      return { statusCode: 200, body: await presentOne(tx, principal, updated, time) };
    },
  );
  return answer.body;
}

/** Who a stored Idempotency-Key belongs to. */
function principalKey(principal: Principal): string {
  return principal.kind === 'worker' ? `worker:${principal.accountId}` : `staff:${principal.staffId}`;
}

/** The words of a step's notice: the reason, answer or due date the proposer needs. */
function stepBody(row: repo.ProposalRow, action: ProposalAction, note: string | null): string {
  if (action === 'assign' || action === 'reopen')
    return `《${row.title}》承办单位：${row.handlerOrgName ?? ''}，办理期限：${row.dueAt ? shanghaiDate(row.dueAt) : ''}`;
  if (action === 'refer_external')
    return `《${row.title}》已转${row.externalPlatform ?? ''}（编号 ${row.externalRef ?? ''}）`;
  return note ? `《${row.title}》${note}` : `《${row.title}》`;
}

/**
 * A named co-signer confirms (附议) or declines, once (409 ALREADY_COSIGNED), while the committee has not yet
 * decided. Anyone else who may see the proposal: 403; who may not: 404. The proposer is told.
 */
export async function answerCosignature(
  ctx: AppContext,
  worker: WorkerPrincipal,
  id: string,
  input: z.infer<typeof cosignatureBody>,
  idempotencyKey?: string,
) {
  const time = workTime(ctx);
  const answer = await runIdempotent(
    ctx.db,
    { principal: principalKey(worker), scope: 'proposal.cosign', key: idempotencyKey, payload: { id, input } },
    async (tx) => {
      // Locked first, as a step is: a co-signature and the committee's decision take turns.
      if (!(await repo.lockProposal(tx, id))) throw new AppError('NOT_FOUND');
      const { row, cosigners } = await loadVisible(ctx, worker, id, tx);
      const mine = cosigners.find((c) => c.memberId === worker.membership?.memberId);
      if (!mine || mine.representativeStatus !== 'active')
        throw new AppError('FORBIDDEN', { reason: 'not_a_cosigner' });
      requireActiveCongress({ status: row.congressStatus });
      await lockActiveCongressIn(tx, row.congressId);
      if (!isCosigningOpen(row.status))
        throw new AppError('INVALID_TRANSITION', { status: row.status, action: 'cosign' });
      const status = input.agree ? 'agreed' : 'declined';
      if (!(await repo.answerCosignature(tx, id, mine.representativeId, status, time.now)))
        throw new AppError('ALREADY_COSIGNED');
      await auditIn(ctx, tx, worker, {
        action: 'proposal.cosign',
        objectType: 'proposal',
        objectId: id,
        orgId: row.congressOrgId,
        details: { representativeId: mine.representativeId, agree: input.agree },
      });
      await tellMember(tx, row.proposerMemberId, {
        title: input.agree ? '代表已附议您的提案' : '代表谢绝附议您的提案',
        body: `${mine.name}：《${row.title}》`,
        link: linkOf(id),
      });
      return { statusCode: 201, body: await presentOne(tx, worker, (await repo.findProposal(tx, id))!, time) };
    },
  );
  return answer.body;
}

/** A congress's loop in figures (the console and the data cockpit): counts per state, closure, overdue, ratings. */
export async function proposalStats(
  ctx: AppContext,
  principal: StaffPrincipal,
  congressId: string,
): Promise<z.infer<typeof proposalStatsView>> {
  await congressInScope(ctx, principal, congressId);
  const [counts, figures] = await Promise.all([
    repo.countByStatus(ctx.db, congressId),
    repo.proposalFigures(ctx.db, congressId, ctx.clock.now()),
  ]);
  const byStatus = Object.fromEntries(proposalStates.map((s) => [s, 0])) as Record<ProposalState, number>;
  for (const c of counts) byStatus[c.status] = c.n;
  const total = counts.reduce((sum, c) => sum + c.n, 0);
  const accepted = (['accepted', 'assigned', 'referred', 'answered', 'closed', 'closed_dissatisfied'] as const).reduce(
    (sum, s) => sum + byStatus[s],
    0,
  );
  const closed = byStatus.closed + byStatus.closed_dissatisfied;
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return {
    total,
    byStatus,
    accepted,
    answered: figures.answered,
    closed,
    closureRate: accepted > 0 ? round(closed / accepted) : null,
    overdue: figures.overdue,
    averageRating: figures.averageRating === null ? null : Math.round(figures.averageRating * 100) / 100,
    satisfiedShare: figures.rated > 0 ? round(figures.satisfied / figures.rated) : null,
  };
}

const statusLabel: Record<string, string> = proposalStatusLabels['zh-CN'];
const categoryLabel: Record<string, string> = proposalCategoryLabels['zh-CN'];

/** The proposals ledger (提案台账) as a workbook: every row of the list's filter, staff only. */
export async function exportProposals(
  ctx: AppContext,
  principal: StaffPrincipal,
  q: Omit<ListQuery, 'limit' | 'cursor'>,
) {
  const rows = await everyPage(
    (cursor) => listProposals(ctx, principal, { ...q, limit: 100, cursor }),
    (p) => ({
      createdAt: p.createdAt,
      congress: p.congress.name,
      title: p.title,
      category: categoryLabel[p.category],
      proposer: p.proposer.name,
      proposerOrg: p.proposer.org.name,
      coSigners: p.coSigners
        .filter((c) => c.status === 'agreed')
        .map((c) => c.name)
        .join('、'),
      status: statusLabel[p.status],
      handlerOrg: p.handlerOrg?.name ?? '',
      dueOn: p.dueOn,
      overdue: p.overdue ? '超期' : '',
      referral: p.referral ? `${p.referral.platform} ${p.referral.externalRef}` : '',
      repliedAt: p.reply?.at ?? null,
      score: p.rating?.score ?? null,
      satisfied: p.rating ? (p.rating.satisfied ? '满意' : '不满意') : '',
      closedAt: p.closedAt,
    }),
  );
  await audit(ctx, principal, {
    action: 'proposal.export',
    objectType: 'proposal',
    objectId: null,
    orgId: principal.orgId,
    details: { rows: rows.length, filter: q },
  });
  return workbookOf(
    '提案台账',
    [
      { header: '提交时间', key: 'createdAt', width: 17, kind: 'datetime' },
      { header: '届次', key: 'congress', width: 24 },
      { header: '标题', key: 'title', width: 36 },
      { header: '类别', key: 'category', width: 16 },
      { header: '提案人', key: 'proposer', width: 10 },
      { header: '提案人单位', key: 'proposerOrg', width: 20 },
      { header: '附议代表', key: 'coSigners', width: 24 },
      { header: '状态', key: 'status', width: 14 },
      { header: '承办单位', key: 'handlerOrg', width: 20 },
      { header: '办理期限', key: 'dueOn', width: 12, kind: 'date' },
      { header: '督办', key: 'overdue', width: 8 },
      { header: '外部平台及编号', key: 'referral', width: 24 },
      { header: '答复时间', key: 'repliedAt', width: 17, kind: 'datetime' },
      { header: '评分', key: 'score', width: 6 },
      { header: '满意度', key: 'satisfied', width: 8 },
      { header: '办结时间', key: 'closedAt', width: 17, kind: 'datetime' },
    ],
    rows,
  );
}

/** 督办: how often the module's start runs the reminder sweep (each reminder still goes once a day at most). */
export const proposalReminderIntervalMs = 15 * 60_000;

/**
 * 督办 reminders to the handling body's participation staff: the day before a proposal's due day and on the due day
 * (Asia/Shanghai), each once — the (proposal, kind, Shanghai date) key makes a second run, or another process's,
 * send nothing. Answers how many reminders went out. The module's `start` runs it in the background; tests call it.
 */
export async function sendProposalReminders(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  const todayStart = shanghaiDayStart(today);
  const dayAfterTomorrow = new Date(todayStart.getTime() + 48 * 3600 * 1000);
  return ctx.db.transaction(async (tx) => {
    const due = await repo.dueBetween(tx, todayStart, dayAfterTomorrow);
    const sent = await repo.insertReminders(
      tx,
      due.map((p) => ({
        proposalId: p.id,
        kind: shanghaiDate(p.dueAt!) === today ? ('due_today' as const) : ('due_tomorrow' as const),
        onDate: today,
        sentAt: now,
      })),
    );
    const byId = new Map(due.map((p) => [p.id, p]));
    const handlerOrgIds = [...new Set(sent.map((s) => byId.get(s.proposalId)!.handlerOrgId!))];
    const staffByOrg = new Map<string, string[]>();
    for (const s of await repo.participationStaffAt(tx, handlerOrgIds))
      staffByOrg.set(s.orgId, [...(staffByOrg.get(s.orgId) ?? []), s.id]);
    for (const s of sent) {
      const p = byId.get(s.proposalId)!;
      for (const staffId of staffByOrg.get(p.handlerOrgId!) ?? [])
        await notify(tx, {
          recipientKind: 'staff',
          recipientId: staffId,
          title: s.kind === 'due_today' ? '督办：提案今日到期' : '督办：提案明日到期',
          body: `《${p.title}》办理期限：${shanghaiDate(p.dueAt!)}，请及时答复`,
          link: linkOf(p.id),
        });
    }
    return sent.length;
  });
}
