import type { Principal } from '../../kernel/auth.js';
import { canSee } from '../../kernel/access.js';
import type { Db } from '../../kernel/db/client.js';
import { AppError, validationFailed } from '../../kernel/errors.js';
import { notify } from '../../kernel/notifications.js';
import { isWithin } from '../../kernel/org-tree.js';
import { authorizeRunProgrammes } from './programmes.policy.js';
import * as repo from './programmes.repository.js';

/**
 * Whom an application, a signup or a claim is for: a member acts for themself (naming anyone else is refused),
 * staff name the member (`memberId`).
 */
export function applicantIdOf(principal: Principal, memberId: string | undefined): string {
  if (principal.kind === 'worker') {
    if (!principal.membership) throw new AppError('MEMBERSHIP_REQUIRED');
    if (memberId !== undefined && memberId !== principal.membership.memberId)
      throw validationFailed([{ path: 'memberId', code: 'staff_only', message: '' }]);
    return principal.membership.memberId;
  }
  if (memberId === undefined) throw validationFailed([{ path: 'memberId', code: 'required', message: '' }]);
  return memberId;
}

/**
 * The member an application or signup to `programme` is for, checked: staff need the role over the member's union,
 * and the programme serves its own subtree (a member above or beside it is not eligible).
 */
export async function applicantFor(
  db: Db,
  principal: Principal,
  programme: { orgPath: string },
  memberId: string | undefined,
) {
  const member = await repo.findMember(db, applicantIdOf(principal, memberId));
  if (!member) throw validationFailed([{ path: 'memberId', code: 'not_in_scope', message: '' }]);
  if (principal.kind === 'staff') {
    if (!canSee(principal, member.orgPath))
      throw validationFailed([{ path: 'memberId', code: 'not_in_scope', message: '' }]);
    authorizeRunProgrammes(principal, member.orgPath);
    if (!isWithin(member.orgPath, programme.orgPath))
      throw validationFailed([{ path: 'memberId', code: 'not_eligible', message: '' }]);
  }
  // A member whose union moved out of the programme's subtree since signing in: as if the programme did not exist.
  if (principal.kind === 'worker' && !isWithin(member.orgPath, programme.orgPath)) throw new AppError('NOT_FOUND');
  return member;
}

/**
 * Tells a member in their app (when they have signed in once) what happened to their application or signup, in the
 * change's transaction; `link` is the member app's page of it.
 */
export async function tellMember(tx: Db, memberId: string, message: { title: string; body: string; link: string }) {
  const accountId = await repo.workerAccountOfMember(tx, memberId);
  if (accountId) await notify(tx, { recipientKind: 'worker', recipientId: accountId, ...message });
}
