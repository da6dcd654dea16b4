import crypto from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from './db/client.js';
import { orgs, sessions, staff, workerAccounts } from './db/kernel.tables.js';
import { AppError } from './errors.js';

export const staffRoles = ['org_admin', 'member_manager', 'case_handler', 'station_manager', 'perks_manager', 'merchant', 'leader'] as const;
export type StaffRole = (typeof staffRoles)[number];

export interface StaffPrincipal {
  kind: 'staff';
  staffId: string;
  username: string;
  orgId: string;
  /** ltree path of the staff member's org: every role they hold applies here and below. */
  orgPath: string;
  roles: StaffRole[];
}

export interface Membership {
  memberId: string;
  orgId: string;
  orgPath: string;
  name: string;
}

export interface WorkerPrincipal {
  kind: 'worker';
  accountId: string;
  phoneMasked: string;
  /** Set when the phone is in the member registry. */
  membership: Membership | null;
}

export type Principal = StaffPrincipal | WorkerPrincipal;

/** Looks up the member registry for a signed-in phone; supplied by the members module at start-up. */
export type MembershipResolver = (db: Db, phoneHash: string) => Promise<Membership | null>;

export interface SessionPolicy {
  staffIdleMinutes: number;
  staffAbsoluteHours: number;
  workerIdleDays: number;
  workerAbsoluteDays: number;
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('base64url');
}

function lifetimes(kind: 'staff' | 'worker', policy: SessionPolicy): { idleMs: number; absoluteMs: number } {
  return kind === 'staff'
    ? { idleMs: policy.staffIdleMinutes * 60_000, absoluteMs: policy.staffAbsoluteHours * 3_600_000 }
    : { idleMs: policy.workerIdleDays * 86_400_000, absoluteMs: policy.workerAbsoluteDays * 86_400_000 };
}

export async function createSession(db: Db, kind: 'staff' | 'worker', subjectId: string, policy: SessionPolicy): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  const now = Date.now();
  const { idleMs, absoluteMs } = lifetimes(kind, policy);
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    subjectKind: kind,
    subjectId,
    idleExpiresAt: new Date(now + idleMs),
    absoluteExpiresAt: new Date(now + absoluteMs),
  });
  return token;
}

export async function revokeSession(db: Db, token: string): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(eq(sessions.tokenHash, hashToken(token)));
}

export async function revokeSessionsOf(db: Db, kind: 'staff' | 'worker', subjectId: string): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.subjectKind, kind), eq(sessions.subjectId, subjectId), isNull(sessions.revokedAt)));
}

// Refreshing the idle deadline on every request would turn every read into a write.
const idleRefreshAfterMs = 60_000;

/** The principal behind a bearer token, or null when the token is unknown, revoked or expired. */
export async function resolveToken(db: Db, token: string, policy: SessionPolicy, resolveMembership: MembershipResolver): Promise<Principal | null> {
  const tokenHash = hashToken(token);
  const [session] = await db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash));
  const now = Date.now();
  if (!session || session.revokedAt) return null;
  if (session.idleExpiresAt.getTime() <= now || session.absoluteExpiresAt.getTime() <= now) return null;
  const kind = session.subjectKind === 'staff' ? 'staff' : 'worker';
  if (now - session.lastSeenAt.getTime() > idleRefreshAfterMs) {
    const { idleMs } = lifetimes(kind, policy);
    const idleExpiresAt = new Date(Math.min(now + idleMs, session.absoluteExpiresAt.getTime()));
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(now), idleExpiresAt })
      .where(eq(sessions.tokenHash, tokenHash));
  }
  if (kind === 'staff') {
    const [row] = await db
      .select({ id: staff.id, username: staff.username, orgId: staff.orgId, roles: staff.roles, active: staff.active, orgPath: orgs.path })
      .from(staff)
      .innerJoin(orgs, eq(orgs.id, staff.orgId))
      .where(eq(staff.id, session.subjectId));
    if (!row || !row.active) return null;
    return {
      kind: 'staff',
      staffId: row.id,
      username: row.username,
      orgId: row.orgId,
      orgPath: row.orgPath,
      roles: row.roles.filter((r): r is StaffRole => (staffRoles as readonly string[]).includes(r)),
    };
  }
  const [account] = await db
    .select({ id: workerAccounts.id, phoneHash: workerAccounts.phoneHash, phoneMasked: workerAccounts.phoneMasked })
    .from(workerAccounts)
    .where(eq(workerAccounts.id, session.subjectId));
  if (!account) return null;
  return {
    kind: 'worker',
    accountId: account.id,
    phoneMasked: account.phoneMasked,
    membership: await resolveMembership(db, account.phoneHash),
  };
}

export function requireStaff(principal: Principal | null): StaffPrincipal {
  if (!principal) throw new AppError('UNAUTHENTICATED');
  if (principal.kind !== 'staff') throw new AppError('FORBIDDEN');
  return principal;
}

export function requireWorker(principal: Principal | null): WorkerPrincipal {
  if (!principal) throw new AppError('UNAUTHENTICATED');
  if (principal.kind !== 'worker') throw new AppError('FORBIDDEN');
  return principal;
}

export function requireMember(principal: Principal | null): WorkerPrincipal & { membership: Membership } {
  const worker = requireWorker(principal);
  if (!worker.membership) throw new AppError('MEMBERSHIP_REQUIRED');
  return worker as WorkerPrincipal & { membership: Membership };
}

export const loginFailureWindowMs = 15 * 60_000;
export const loginFailureLimit = 5;

export { sql };
