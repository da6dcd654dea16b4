import { describe, expect, it } from 'vitest';
import type { StaffPrincipal, StaffRole, WorkerPrincipal } from '../../kernel/auth.js';
import { applicationPartiesOf, canSeeApplication, canSeeProgramme, reviewChainFor } from './programmes.policy.js';

const province = { id: 'p', path: 'op' };
const city = { id: 'c', path: 'op.oc' };
const union = { id: 'u', path: 'op.oc.ou' };
const sibling = { id: 's', path: 'op.os' };

function staffOf(org: { id: string; path: string }, roles: StaffRole[] = ['programme_officer']): StaffPrincipal {
  return { kind: 'staff', staffId: `st-${org.id}`, username: 'x', orgId: org.id, orgPath: org.path, roles };
}
const member: WorkerPrincipal = {
  kind: 'worker',
  accountId: 'a1',
  phoneMasked: '138****0000',
  membership: { memberId: 'm1', orgId: union.id, orgPath: union.path, name: '张三' },
};

describe('programme policy', () => {
  it('builds the review chain from the member’s union up, the programme’s org last', () => {
    const ancestry = [province, city, union];
    expect(reviewChainFor(ancestry, 'p', 1)).toEqual(['p']);
    expect(reviewChainFor(ancestry, 'p', 2)).toEqual(['u', 'p']);
    expect(reviewChainFor(ancestry, 'p', 3)).toEqual(['u', 'c', 'p']);
    // A short path: the programme's org takes the remaining steps (主席办公会, then 党组会).
    expect(reviewChainFor(ancestry, 'p', 5)).toEqual(['u', 'c', 'p', 'p', 'p']);
    expect(reviewChainFor(ancestry, 'c', 3)).toEqual(['u', 'c', 'c']);
    expect(() => reviewChainFor(ancestry, 's', 2)).toThrow();
    // The union's first review, then the programme's org for every later step, however deep the union lies.
    expect(reviewChainFor(ancestry, 'p', 3, 'union_then_programme')).toEqual(['u', 'p', 'p']);
    expect(reviewChainFor(ancestry, 'p', 1, 'union_then_programme')).toEqual(['p']);
  });

  it('shows a programme to its subtree’s staff, the staff and members of the unions it serves, no one else', () => {
    expect(canSeeProgramme(staffOf(province), city.path)).toBe(true);
    expect(canSeeProgramme(staffOf(union), city.path)).toBe(true);
    expect(canSeeProgramme(staffOf(sibling), city.path)).toBe(false);
    expect(canSeeProgramme(member, city.path)).toBe(true);
    expect(canSeeProgramme(member, sibling.path)).toBe(false);
    expect(canSeeProgramme({ ...member, membership: null }, city.path)).toBe(false);
  });

  it('grants each level’s review to the staff of that very org, and the last level as final', () => {
    const app = { memberId: 'm1', orgPath: union.path, programmeOrgPath: province.path, reviewChain: ['u', 'c', 'p'] };
    expect(applicationPartiesOf(staffOf(union), { ...app, status: 'review_1' })).toEqual([
      'staff:agent',
      'staff:reviewer',
    ]);
    expect(applicationPartiesOf(staffOf(city), { ...app, status: 'review_1' })).toEqual(['staff:agent']);
    expect(applicationPartiesOf(staffOf(city), { ...app, status: 'review_2' })).toEqual([
      'staff:agent',
      'staff:reviewer',
    ]);
    expect(applicationPartiesOf(staffOf(province), { ...app, status: 'review_3' })).toEqual([
      'staff:agent',
      'staff:final_reviewer',
      'staff:manager',
    ]);
    expect(applicationPartiesOf(staffOf(union), { ...app, status: 'reviewed' })).toEqual(['staff:agent']);
    // Without the role, or outside the subtree: no party at all.
    expect(applicationPartiesOf(staffOf(union, ['leader']), { ...app, status: 'review_1' })).toEqual([]);
    expect(applicationPartiesOf(staffOf(sibling), { ...app, status: 'review_1' })).toEqual([]);
    expect(applicationPartiesOf(staffOf(union, ['org_admin']), { ...app, status: 'review_1' })).toEqual([
      'staff:agent',
      'staff:reviewer',
    ]);
    expect(applicationPartiesOf(member, { ...app, status: 'returned' })).toEqual(['applicant']);
    expect(applicationPartiesOf({ ...member, membership: null }, { ...app, status: 'returned' })).toEqual([]);
  });

  it('shows an application to its member and the staff over the member’s union', () => {
    const app = { memberId: 'm1', orgPath: union.path };
    expect(canSeeApplication(member, app)).toBe(true);
    expect(canSeeApplication(member, { ...app, memberId: 'm2' })).toBe(false);
    expect(canSeeApplication(staffOf(city), app)).toBe(true);
    expect(canSeeApplication(staffOf(sibling), app)).toBe(false);
  });
});
