import { authorizeStaff, canSee, holdsAnyRole } from '../../kernel/access.js';
import type { StaffPrincipal } from '../../kernel/auth.js';

/**
 * Who works on hardship assistance (困难职工帮扶), over a union's subtree (org_admin holds every role):
 * - assistance_officer (帮扶专干): verifies, archives and reviews households, keeps the regional standards, plans,
 *   aid, donors and seasonal campaigns;
 * - assistance_worker (帮扶调查员: union staff, social worker or volunteer bound to an org, its territory): files leads
 *   in the field, records visits, and reads the households of its subtree;
 * - leader: reads the figures and the lists, with sensitive fields masked.
 * Any staff member may file a lead (API.md: "assistance_worker or staff").
 */
export function authorizeRunAssistance(principal: StaffPrincipal, orgPath: string): void {
  authorizeStaff(principal, ['assistance_officer'], orgPath);
}

/** Field work on the households of a subtree: visits, photos, reading the file unmasked. */
export function authorizeWorkHouseholds(principal: StaffPrincipal, orgPath: string): void {
  authorizeStaff(principal, ['assistance_officer', 'assistance_worker'], orgPath);
}

/** Reading lists, files (masked unless `seesSensitive`) and figures of a subtree. */
export function authorizeReadAssistance(principal: StaffPrincipal, orgPath: string): void {
  authorizeStaff(principal, ['assistance_officer', 'assistance_worker', 'leader'], orgPath);
}

/**
 * Income, health and disability (income per head, causes, the worker's note) are shown only to the roles that work on
 * the household (officers and workers over its org); every other reader gets them masked. Each unmasked read is
 * audited by the caller.
 */
export function seesSensitive(principal: StaffPrincipal, orgPath: string): boolean {
  return canSee(principal, orgPath) && holdsAnyRole(principal, ['assistance_officer', 'assistance_worker']);
}
