import { describe, expect, it } from 'vitest';
import type { StaffPrincipal, StaffRole, WorkerPrincipal } from '../../kernel/auth.js';
import {
  canSeeProposal,
  closableUnratedFrom,
  isCosigningOpen,
  isProposalOverdue,
  isSatisfied,
  proposalPartiesOf,
  type ProposalParties,
} from './proposals.policy.js';

const city = { id: 'c', path: 'oc' };
const town = { id: 't', path: 'oc.ot' };
const factory = { id: 'f', path: 'oc.ot.of' };
const sibling = { id: 's', path: 'oc.os' };

function staffOf(org: { id: string; path: string }, roles: StaffRole[] = ['participation_officer']): StaffPrincipal {
  return { kind: 'staff', staffId: `st-${org.id}`, username: 'x', orgId: org.id, orgPath: org.path, roles };
}
function memberOf(memberId: string | null): WorkerPrincipal {
  return {
    kind: 'worker',
    accountId: `a-${memberId}`,
    phoneMasked: '138****0000',
    membership: memberId ? { memberId, orgId: factory.id, orgPath: factory.path, name: '代表' } : null,
  };
}

/** A proposal to the town's congress, assigned to the factory's union, with one named co-signer. */
const proposal: ProposalParties = {
  proposerMemberId: 'm-proposer',
  congressOrgPath: town.path,
  handlerOrgPath: factory.path,
  cosignerMemberIds: ['m-cosigner'],
};

describe('proposal policy', () => {
  it('names the parties: proposer, co-signer, committee over the congress, handler over the handling body', () => {
    expect(proposalPartiesOf(memberOf('m-proposer'), proposal)).toEqual(['proposer']);
    expect(proposalPartiesOf(memberOf('m-cosigner'), proposal)).toEqual(['cosigner']);
    expect(proposalPartiesOf(memberOf('m-other'), proposal)).toEqual([]);
    expect(proposalPartiesOf(memberOf(null), proposal)).toEqual([]);
    // Above the congress's union: committee, and over the handling body below it too.
    expect(proposalPartiesOf(staffOf(city), proposal)).toEqual(['committee', 'handler']);
    expect(proposalPartiesOf(staffOf(town), proposal)).toEqual(['committee', 'handler']);
    expect(proposalPartiesOf(staffOf(factory), proposal)).toEqual(['handler']);
    expect(proposalPartiesOf(staffOf(factory, ['org_admin']), proposal)).toEqual(['handler']);
    expect(proposalPartiesOf(staffOf(sibling), proposal)).toEqual([]);
    expect(proposalPartiesOf(staffOf(town, ['perks_manager']), proposal)).toEqual([]);
    expect(proposalPartiesOf(staffOf(factory), { ...proposal, handlerOrgPath: null })).toEqual([]);
  });

  it('shows a proposal to its proposer, co-signers and the staff over the congress or the handling body only', () => {
    expect(canSeeProposal(memberOf('m-proposer'), proposal)).toBe(true);
    expect(canSeeProposal(memberOf('m-cosigner'), proposal)).toBe(true);
    expect(canSeeProposal(memberOf('m-other'), proposal)).toBe(false);
    expect(canSeeProposal(memberOf(null), proposal)).toBe(false);
    expect(canSeeProposal(staffOf(factory), proposal)).toBe(true);
    expect(canSeeProposal(staffOf(factory), { ...proposal, handlerOrgPath: null })).toBe(false);
    expect(canSeeProposal(staffOf(sibling), proposal)).toBe(false);
    // Seeing is not acting: staff without the role see it (and are refused with 403 by authorizeReadProposal).
    expect(canSeeProposal(staffOf(town, ['perks_manager']), proposal)).toBe(true);
  });

  it('calls a rating satisfied as the proposer says, else from a score of 3', () => {
    expect([1, 2, 3, 4, 5].map((score) => isSatisfied({ score }))).toEqual([false, false, true, true, true]);
    expect(isSatisfied({ score: 5, satisfied: false })).toBe(false);
    expect(isSatisfied({ score: 1, satisfied: true })).toBe(true);
  });

  it('is overdue only while being handled past the due time', () => {
    const dueAt = new Date('2026-10-09T15:59:59.999Z');
    const after = new Date('2026-10-09T16:00:00Z');
    expect(isProposalOverdue({ status: 'assigned', dueAt }, after)).toBe(true);
    expect(isProposalOverdue({ status: 'assigned', dueAt }, dueAt)).toBe(false);
    expect(isProposalOverdue({ status: 'answered', dueAt }, after)).toBe(false);
    expect(isProposalOverdue({ status: 'assigned', dueAt: null }, after)).toBe(false);
  });

  it('keeps co-signing open until the committee decides, and the rating window 15 working days', () => {
    expect(['submitted', 'returned', 'accepted', 'closed'].map(isCosigningOpen)).toEqual([true, true, false, false]);
    const none = { holidays: new Set<string>(), workdays: new Set<string>() };
    // Answered Friday 2 October 2026 on a plain calendar: the 15th working day after is Friday 23 October.
    expect(closableUnratedFrom(new Date('2026-10-02T10:00:00+08:00'), none).toISOString()).toBe(
      '2026-10-23T15:59:59.999Z',
    );
  });
});
