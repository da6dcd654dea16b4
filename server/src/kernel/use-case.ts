import { visibleOrNotFound } from './access.js';
import { writeAudit, type Actor, type AuditEntry } from './audit.js';
import type { Principal, StaffPrincipal } from './auth.js';
import type { WorkTime } from './clock.js';
import type { AppContext } from './context.js';
import type { Db } from './db/client.js';
import { AppError } from './errors.js';
import { findOrgWithin, type OrgNode } from './org-tree.js';

/**
 * The preambles and postscripts every use case repeats, once: the org a request names, in scope (else 404) and with
 * the role (else 403); the object loaded in scope; the audit record written in the change's transaction.
 */

/** A module policy's role check on an org path: throws 403 FORBIDDEN without the role (see kernel/access.ts). */
export type Authorize = (principal: StaffPrincipal, orgPath: string) => void;

/** Now, and the working calendar deadlines count by: what the workflow engine needs. */
export function workTime(ctx: AppContext): WorkTime {
  return { now: ctx.clock.now(), calendar: ctx.calendar.current() };
}

/** Who did it, for the audit log. */
export function actorOf(by: Principal | Actor): Actor {
  if (by.kind === 'staff' && 'staffId' in by) return { kind: 'staff', id: by.staffId };
  if (by.kind === 'worker' && 'accountId' in by) return { kind: 'worker', id: by.accountId };
  return by as Actor;
}

/** What the audit log records of a change, besides who and when. */
export type AuditRecord = Omit<AuditEntry, 'actor' | 'at'>;

/** Appends the audit record of a change inside the change's transaction `tx`, at the app's time. */
export function auditIn(ctx: AppContext, tx: Db, by: Principal | Actor, record: AuditRecord): Promise<void> {
  return writeAudit(tx, { ...record, actor: actorOf(by), at: ctx.clock.now() });
}

/** Records something that changed nothing (a read of personal data, an export) in its own transaction. */
export function audit(ctx: AppContext, by: Principal | Actor, record: AuditRecord): Promise<void> {
  return ctx.db.transaction((tx) => auditIn(ctx, tx, by, record));
}

/**
 * Runs `work` in one transaction with its audit record (both commit, or neither). `record` may read what the work
 * returned (the new object's id).
 */
export function audited<T>(
  ctx: AppContext,
  by: Principal | Actor,
  work: (tx: Db) => Promise<T>,
  record: AuditRecord | ((result: T) => AuditRecord),
): Promise<T> {
  return ctx.db.transaction(async (tx) => {
    const result = await work(tx);
    await auditIn(ctx, tx, by, typeof record === 'function' ? record(result) : record);
    return result;
  });
}

/** The org a request names: 404 unless in the caller's subtree, then the policy's role check (403). */
export async function orgInScope(
  ctx: AppContext,
  principal: StaffPrincipal,
  orgId: string,
  authorize: Authorize,
): Promise<OrgNode> {
  const org = await findOrgWithin(ctx.db, orgId, principal.orgPath);
  if (!org) throw new AppError('NOT_FOUND');
  authorize(principal, org.path);
  return org;
}

/** The subtree a list covers: `orgId`'s (404 outside the caller's), or the caller's own; then the role check. */
export async function scopeOf(
  ctx: AppContext,
  principal: StaffPrincipal,
  orgId: string | undefined,
  authorize: Authorize,
): Promise<string> {
  const scope = orgId ? (await orgInScope(ctx, principal, orgId, () => undefined)).path : principal.orgPath;
  authorize(principal, scope);
  return scope;
}

/** A loaded object: 404 when missing or outside the caller's subtree, then the role check over its org. */
export function inScope<T extends { orgPath: string }>(
  row: T | null,
  principal: StaffPrincipal,
  authorize: Authorize,
): T {
  const visible = visibleOrNotFound(row, principal);
  authorize(principal, visible.orgPath);
  return visible;
}
