import { canSee, holdsAnyRole } from '../../kernel/access.js';
import type { StaffPrincipal } from '../../kernel/auth.js';
import { AppError } from '../../kernel/errors.js';
import { authorizeReadAssistance, seesSensitive } from './hardship.policy.js';
import { officer } from './hardship.workflow.js';

/** What the lead rules need of a household file. */
export interface LeadScope {
  orgPath: string;
  filedByStaffId: string;
}

/** The staff member who filed the lead follows it wherever its union lies (a volunteer's own leads). */
export function isFiler(principal: StaffPrincipal, lead: LeadScope): boolean {
  return principal.staffId === lead.filedByStaffId;
}

/**
 * Who reads a household file: its filer; staff of its union's subtree with an assistance role or leader (else 403).
 * Everyone else gets 404.
 */
export function authorizeReadLead(principal: StaffPrincipal, lead: LeadScope): void {
  if (isFiler(principal, lead)) return;
  authorizeReadAssistance(principal, lead.orgPath);
}

/** Whether the caller could open the file (the 409 HOUSEHOLD_EXISTS answer says so). */
export function mayReadLead(principal: StaffPrincipal, lead: LeadScope): boolean {
  try {
    authorizeReadLead(principal, lead);
    return true;
  } catch {
    return false;
  }
}

/** Income, causes and note: the roles that work on the household, and the filer (who entered them). */
export function seesLeadSensitive(principal: StaffPrincipal, lead: LeadScope): boolean {
  return isFiler(principal, lead) || seesSensitive(principal, lead.orgPath);
}

/** The parties the caller stands for on a household file, for the workflow engine. */
export function leadPartiesOf(principal: StaffPrincipal, lead: LeadScope): string[] {
  return canSee(principal, lead.orgPath) && holdsAnyRole(principal, ['assistance_officer']) ? [officer] : [];
}

/**
 * The regional standard's keepers: an assistance officer whose own union's region code covers `regionCode` (the same
 * code, or its city's xxxx00 or province's xx0000 code), or one of the root union. Else 403.
 */
export function authorizeKeepStandard(
  principal: StaffPrincipal,
  own: { regionCode: string | null; depth: number },
  regionCode: string,
): void {
  if (!holdsAnyRole(principal, ['assistance_officer'])) throw new AppError('FORBIDDEN');
  if (own.depth === 0) return;
  if (!own.regionCode || !regionCovers(own.regionCode, regionCode)) throw new AppError('FORBIDDEN');
}

/** 640000 covers 64xxxx, 640300 covers 6403xx, 640381 covers itself. */
export function regionCovers(code: string, regionCode: string): boolean {
  if (code === regionCode) return true;
  if (/^\d{2}0000$/.test(code)) return regionCode.startsWith(code.slice(0, 2));
  if (/^\d{4}00$/.test(code)) return regionCode.startsWith(code.slice(0, 4));
  return false;
}
