import { authorizeStaff } from '../../kernel/access.js';
import type { StaffPrincipal } from '../../kernel/auth.js';

/** Stations of a subtree are kept by station_manager (and org_admin) over it. */
export function authorizeManageStations(principal: StaffPrincipal, orgPath: string): void {
  authorizeStaff(principal, ['station_manager'], orgPath);
}

/** Usage and satisfaction are also read by leaders. */
export function authorizeReadStations(principal: StaffPrincipal, orgPath: string): void {
  authorizeStaff(principal, ['station_manager', 'leader'], orgPath);
}
