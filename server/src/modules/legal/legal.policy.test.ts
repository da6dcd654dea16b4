import { describe, expect, it } from 'vitest';
import type { StaffPrincipal, WorkerPrincipal } from '../../kernel/auth.js';
import { casePartiesOf, isFirstContactOverdue, mayHandleCase, mayRateCase } from './legal.policy.js';

const staff = (orgPath: string, roles: StaffPrincipal['roles']): StaffPrincipal => ({
  kind: 'staff',
  staffId: 's',
  username: 'u',
  orgId: 'o',
  orgPath,
  roles,
});
const worker: WorkerPrincipal = { kind: 'worker', accountId: 'w1', phoneMasked: '138****0000', membership: null };
const centreCase = { applicantId: 'w1', orgPath: 'oroot.ocity.ocentre' };

describe('legal policy', () => {
  it('names the parties on a case without throwing: applicant, handlers of the subtree, nobody else', () => {
    expect(casePartiesOf(worker, centreCase)).toEqual(['applicant']);
    expect(casePartiesOf({ ...worker, accountId: 'w2' }, centreCase)).toEqual([]);
    expect(casePartiesOf(staff('oroot.ocity', ['case_handler']), centreCase)).toEqual(['staff:case_handler']);
    expect(casePartiesOf(staff('oroot.ocity', ['org_admin']), centreCase)).toEqual(['staff:case_handler']);
    expect(casePartiesOf(staff('oroot.ocity', ['leader']), centreCase)).toEqual([]);
    expect(casePartiesOf(staff('oroot.oother', ['case_handler']), centreCase)).toEqual([]);
  });

  it('lets the applicant rate a closed case once', () => {
    expect(mayRateCase(['applicant'], { status: 'closed', ratingScore: null })).toBe(true);
    expect(mayRateCase(['applicant'], { status: 'closed', ratingScore: 4 })).toBe(false);
    expect(mayRateCase(['applicant'], { status: 'agreed', ratingScore: null })).toBe(false);
    expect(mayRateCase(['staff:case_handler'], { status: 'closed', ratingScore: null })).toBe(false);
  });

  it('counts first contact overdue only while it is owed', () => {
    const due = new Date('2030-01-11T15:59:59.999Z');
    const after = new Date('2030-01-12T00:00:00Z');
    expect(isFirstContactOverdue({ firstContactAt: null, status: 'accepted', firstContactDueAt: due }, after)).toBe(
      true,
    );
    expect(
      isFirstContactOverdue(
        { firstContactAt: null, status: 'accepted', firstContactDueAt: due },
        new Date('2030-01-11T00:00:00Z'),
      ),
    ).toBe(false);
    expect(isFirstContactOverdue({ firstContactAt: due, status: 'in_contact', firstContactDueAt: due }, after)).toBe(
      false,
    );
    expect(isFirstContactOverdue({ firstContactAt: null, status: 'withdrawn', firstContactDueAt: due }, after)).toBe(
      false,
    );
  });

  it('takes handlers that are active, hold the role, and sit in the centre’s line of orgs', () => {
    expect(mayHandleCase({ active: true, roles: ['case_handler'], orgPath: 'oroot.ocity' }, centreCase)).toBe(true);
    expect(
      mayHandleCase({ active: true, roles: ['case_handler'], orgPath: 'oroot.ocity.ocentre.ostreet' }, centreCase),
    ).toBe(true);
    expect(mayHandleCase({ active: false, roles: ['case_handler'], orgPath: 'oroot.ocity' }, centreCase)).toBe(false);
    expect(mayHandleCase({ active: true, roles: ['leader'], orgPath: 'oroot.ocity' }, centreCase)).toBe(false);
    expect(mayHandleCase({ active: true, roles: ['case_handler'], orgPath: 'oroot.oother' }, centreCase)).toBe(false);
    expect(mayHandleCase(null, centreCase)).toBe(false);
  });
});
