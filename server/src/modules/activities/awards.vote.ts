import type { z } from 'zod';
import type { StaffPrincipal } from '../../kernel/auth.js';
import type { AppContext } from '../../kernel/context.js';
import { AppError } from '../../kernel/errors.js';
import { maskName } from '../../kernel/pii.js';
import { audited } from '../../kernel/use-case.js';
import * as repo from './awards.repository.js';
import type { openPublicityBody, startVoteBody } from './awards.schemas.js';
import { getSelection, openPublicity, recordVote, votableSelection } from './awards.service.js';
import { addEntry, createPoll, publicResults } from './polls.service.js';

/**
 * The public vote of an award selection (网络投票): a poll of the polls part, made through its use cases — the
 * selection's approved nominations are its entries (the nominee's name masked, their union and post; the deeds as the
 * description), its limits those the officer sets. The poll and its entries are written in the polls part's own
 * transactions, then the selection records them and moves the nominations to voting in one of its own; a second start
 * racing the first is refused there (409), leaving its poll unused.
 */
export async function startVote(
  ctx: AppContext,
  principal: StaffPrincipal,
  selectionId: string,
  input: z.infer<typeof startVoteBody>,
) {
  const { s, approved } = await votableSelection(ctx, principal, selectionId);
  const poll = await createPoll(ctx, principal, {
    title: `${s.title}（网络投票）`.slice(0, 200),
    orgId: s.orgId,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    ballotsPerMemberPerDay: input.ballotsPerMemberPerDay,
    perEntryPerDay: input.perEntryPerDay,
    description: s.description ?? undefined,
  });
  const entries = new Map<string, string>();
  for (const n of approved) {
    const entry = await addEntry(ctx, principal, poll.id, {
      title: `${maskName(n.nomineeName)} · ${n.orgName} · ${n.position}`.slice(0, 200),
      description: n.deeds.slice(0, 5000),
    });
    entries.set(n.id, entry.id);
  }
  await audited(
    ctx,
    principal,
    async (tx) => {
      const locked = await repo.lockSelection(tx, s.id);
      if (locked?.pollId || locked?.publicityStartsAt)
        throw new AppError('INVALID_TRANSITION', { status: 'voting', action: 'vote' });
      await recordVote(ctx, tx, principal, s, poll.id, entries);
    },
    {
      action: 'award_selection.vote',
      objectType: 'award_selection',
      objectId: s.id,
      orgId: s.orgId,
      details: { pollId: poll.id, nominations: [...entries.keys()] },
    },
  );
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
