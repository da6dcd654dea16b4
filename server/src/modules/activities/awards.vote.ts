import type { z } from 'zod';
import type { StaffPrincipal } from '../../kernel/auth.js';
import type { AppContext } from '../../kernel/context.js';
import { AppError } from '../../kernel/errors.js';
import { maskName } from '../../kernel/pii.js';
import { auditIn } from '../../kernel/use-case.js';
import * as repo from './awards.repository.js';
import type { openPublicityBody, startVoteBody } from './awards.schemas.js';
import {
  getSelection,
  listNominations,
  nominationsWorkbook,
  openPublicity,
  recordVote,
  votableSelection,
} from './awards.service.js';
import type { NominationState } from './awards.workflow.js';
import { createPollWithEntriesIn, publicResults } from './polls.service.js';

/**
 * The public vote of an award selection (网络投票): a poll of the polls part whose entries are the selection's approved
 * nominations — the nominee's name masked, their union and post as the title, the deeds as the description, the
 * nomination's photos (served to anyone by the poll's photo route once the entry is live; a nomination not approved
 * never becomes an entry, so its photos stay with the nomination's readers) — its limits those the officer sets.
 * One transaction: the selection locked first, then the poll and its entries, the nominations moved to voting on the
 * engine, and the audit; a second start (racing the first, or later) finds the selection voting and is refused (409
 * INVALID_TRANSITION) with nothing written.
 */
export async function startVote(
  ctx: AppContext,
  principal: StaffPrincipal,
  selectionId: string,
  input: z.infer<typeof startVoteBody>,
) {
  const { s } = await votableSelection(ctx, principal, selectionId);
  await ctx.db.transaction(async (tx) => {
    const locked = await repo.lockSelection(tx, s.id);
    if (locked?.pollId || locked?.publicityStartsAt)
      throw new AppError('INVALID_TRANSITION', { status: locked.pollId ? 'voting' : 'publicity', action: 'vote' });
    // Read again under the lock: the review may have moved on since the check above.
    const approved = await repo.listNominations(tx, s.id, ['approved']);
    if (approved.length === 0) throw new AppError('INVALID_TRANSITION', { status: 'no_approved', action: 'vote' });
    const { pollId, entryIds } = await createPollWithEntriesIn(
      ctx,
      tx,
      principal,
      {
        title: `${s.title}（网络投票）`.slice(0, 200),
        orgId: s.orgId,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        ballotsPerMemberPerDay: input.ballotsPerMemberPerDay,
        perEntryPerDay: input.perEntryPerDay,
        description: s.description ?? undefined,
      },
      approved.map((n) => ({
        title: `${maskName(n.nomineeName)} · ${n.orgName} · ${n.position}`.slice(0, 200),
        description: n.deeds.slice(0, 5000),
        photoIds: n.photoIds,
      })),
    );
    const entries = new Map(approved.map((n, i) => [n.id, entryIds[i]!]));
    await recordVote(ctx, tx, principal, s, pollId, entries);
    await auditIn(ctx, tx, principal, {
      action: 'award_selection.vote',
      objectType: 'award_selection',
      objectId: s.id,
      orgId: s.orgId,
      details: { pollId, nominations: [...entries.keys()] },
    });
  });
  return getSelection(ctx, principal, s.id);
}

/** Each nomination's votes in the selection's poll (its entries' counts). */
async function votesOf(ctx: AppContext, s: repo.SelectionRow): Promise<ReadonlyMap<string, number>> {
  if (!s.pollId) return new Map();
  const results = await publicResults(ctx, s.pollId);
  const byEntry = new Map(results.items.map((r) => [r.entryId, r.votes]));
  const running = await repo.listNominations(ctx.db, s.id, ['voting']);
  return new Map(running.map((n) => [n.id, n.pollEntryId ? (byEntry.get(n.pollEntryId) ?? 0) : 0]));
}

/** Opens the publicity with the vote's counts: by default the top `quota` by votes are publicized. */
export function openPublicityWithVotes(
  ctx: AppContext,
  principal: StaffPrincipal,
  selectionId: string,
  input: z.infer<typeof openPublicityBody>,
) {
  return openPublicity(ctx, principal, selectionId, input, (s) => votesOf(ctx, s));
}

/** The nominations' Excel list with their votes: the poll's live counts while the vote runs. */
export function nominationsWorkbookWithVotes(ctx: AppContext, principal: StaffPrincipal, selectionId: string) {
  return nominationsWorkbook(ctx, principal, selectionId, (s) => votesOf(ctx, s));
}

/** The nominations for staff, with the poll's counts so far while the vote runs. */
export function listNominationsWithVotes(
  ctx: AppContext,
  principal: StaffPrincipal,
  selectionId: string,
  status: NominationState | undefined,
) {
  return listNominations(ctx, principal, selectionId, status, (s) => votesOf(ctx, s));
}
