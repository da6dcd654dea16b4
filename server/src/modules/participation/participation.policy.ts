import { authorizeStaff } from '../../kernel/access.js';
import type { StaffPrincipal } from '../../kernel/auth.js';

/**
 * Congresses, representatives, proposals' committee work, motions, scores, suggestions and reviews are run by
 * participation_officer (民主管理专干; and org_admin, who holds every role) over the union's subtree.
 */
export function authorizeRunParticipation(principal: StaffPrincipal, orgPath: string): void {
  authorizeStaff(principal, ['participation_officer'], orgPath);
}
