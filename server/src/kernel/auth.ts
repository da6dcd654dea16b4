import crypto from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { BatchLoader } from './batch-loader.js';
import { pgArray, queryRows, type Db } from './db/client.js';
import { orgs, sessions, staff } from './db/kernel.tables.js';
import { AppError } from './errors.js';
import { staffRoles } from '../../../shared/labels.js';

export { staffRoles };
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

/**
 * Looks up the member registry for signed-in phones (by blind index), many at once; supplied by the
 * members module at start-up. Phones not in the registry are absent from the answer.
 */
export type MembershipResolver = (db: Db, phoneHashes: string[]) => Promise<Map<string, Membership>>;

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

export async function createSession(
  db: Db,
  kind: 'staff' | 'worker',
  subjectId: string,
  policy: SessionPolicy,
  at: Date,
): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  const now = at.getTime();
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

export async function revokeSession(db: Db, token: string, at: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: at })
    .where(eq(sessions.tokenHash, hashToken(token)));
}

export async function revokeSessionsOf(db: Db, kind: 'staff' | 'worker', subjectId: string, at: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(eq(sessions.subjectKind, kind), eq(sessions.subjectId, subjectId), isNull(sessions.revokedAt)));
}

// Refreshing the idle deadline on every request would turn every read into a write.
const idleRefreshAfterMs = 60_000;

interface SessionRow {
  tokenHash: string;
  subjectKind: string;
  subjectId: string;
  lastSeenAt: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
  revokedAt: Date | null;
  /** The worker account's, for worker sessions. */
  phoneHash: string | null;
  phoneMasked: string | null;
}

/**
 * The lookups of concurrent requests — sessions by token, memberships by phone — answered together, one query per
 * turn of the event loop (BatchLoader): a burst of sign-ins costs a few queries. One per app (`ctx.sessions`).
 */
export class SessionLookups {
  readonly sessions: BatchLoader<string, SessionRow>;
  readonly memberships: BatchLoader<string, Membership>;

  constructor(db: Db, resolveMembership: MembershipResolver) {
    this.sessions = new BatchLoader(async (tokenHashes: string[]) => {
      // One parameter (an array) whatever the batch size: the statement text never changes.
      const rows = (
        await queryRows<SessionRow>(
          db,
          sql`select s.token_hash as "tokenHash", s.subject_kind as "subjectKind", s.subject_id as "subjectId", s.last_seen_at as "lastSeenAt",
                 s.idle_expires_at as "idleExpiresAt", s.absolute_expires_at as "absoluteExpiresAt", s.revoked_at as "revokedAt",
                 w.phone_hash as "phoneHash", w.phone_masked as "phoneMasked"
               from sessions s left join worker_accounts w on s.subject_kind = 'worker' and w.id = s.subject_id
               where s.token_hash = any(${pgArray(tokenHashes)}::text[])`,
        )
      ).map((r) => ({
        ...r,
        lastSeenAt: new Date(r.lastSeenAt),
        idleExpiresAt: new Date(r.idleExpiresAt),
        absoluteExpiresAt: new Date(r.absoluteExpiresAt),
        revokedAt: r.revokedAt ? new Date(r.revokedAt) : null,
      }));
      return new Map(rows.map((r) => [r.tokenHash, r]));
    });
    this.memberships = new BatchLoader((phoneHashes: string[]) => resolveMembership(db, phoneHashes));
  }

  /** The member record of one signed-in phone, or null (batched with other requests' lookups). */
  async membershipOf(phoneHash: string): Promise<Membership | null> {
    return (await this.memberships.load(phoneHash)) ?? null;
  }
}

/**
 * The principal behind a bearer token, or null when the token is unknown, revoked or expired.
 * Concurrent requests' lookups share queries (BatchLoader), so a burst of sign-ins costs a few.
 */
export async function resolveToken(
  db: Db,
  lookups: SessionLookups,
  token: string,
  policy: SessionPolicy,
  at: Date,
): Promise<Principal | null> {
  const tokenHash = hashToken(token);
  const session = await lookups.sessions.load(tokenHash);
  const now = at.getTime();
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
      .select({
        id: staff.id,
        username: staff.username,
        orgId: staff.orgId,
        roles: staff.roles,
        active: staff.active,
        orgPath: orgs.path,
      })
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
  if (session.phoneHash === null || session.phoneMasked === null) return null;
  return {
    kind: 'worker',
    accountId: session.subjectId,
    phoneMasked: session.phoneMasked,
    membership: await lookups.membershipOf(session.phoneHash),
  };
}

/** Anyone signed in, staff or worker; 401 otherwise. */
export function requireSignedIn(principal: Principal | null): Principal {
  if (!principal) throw new AppError('UNAUTHENTICATED');
  return principal;
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
