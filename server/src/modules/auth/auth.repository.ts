import { and, count, desc, eq, gt, gte, isNull, min, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.js';
import { loginFailures, orgs, smsCodes, staff, workerAccounts } from '../../kernel/db/kernel.tables.js';

/** Serialises code requests for one phone and for one client address until the transaction ends (phone first, always). */
export async function lockCodeRequests(tx: Db, phoneHash: string, clientAddress: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('sms_phone'), hashtext(${phoneHash}))`);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('sms_address'), hashtext(${clientAddress}))`);
}

export async function lastCodeSentAt(db: Db, phoneHash: string): Promise<Date | null> {
  const [row] = await db
    .select({ sentAt: smsCodes.sentAt })
    .from(smsCodes)
    .where(eq(smsCodes.phoneHash, phoneHash))
    .orderBy(desc(smsCodes.sentAt))
    .limit(1);
  return row?.sentAt ?? null;
}

export async function countCodesSince(
  db: Db,
  by: { phoneHash?: string; clientAddress?: string },
  since: Date,
): Promise<number> {
  const filter = by.phoneHash ? eq(smsCodes.phoneHash, by.phoneHash) : eq(smsCodes.clientAddress, by.clientAddress!);
  const [row] = await db
    .select({ n: count() })
    .from(smsCodes)
    .where(and(filter, gte(smsCodes.sentAt, since)));
  return row?.n ?? 0;
}

export async function insertCode(
  db: Db,
  row: { phoneHash: string; codeHash: string; clientAddress: string; sentAt: Date; expiresAt: Date },
): Promise<number> {
  const [inserted] = await db.insert(smsCodes).values(row).returning({ id: smsCodes.id });
  return inserted!.id;
}

/** A code that never reached the phone: gone, so it counts towards no cooldown or cap and signs no one in. */
export async function deleteCode(db: Db, id: number): Promise<void> {
  await db.delete(smsCodes).where(eq(smsCodes.id, id));
}

export async function latestLiveCode(db: Db, phoneHash: string, now: Date) {
  const [row] = await db
    .select()
    .from(smsCodes)
    .where(and(eq(smsCodes.phoneHash, phoneHash), isNull(smsCodes.usedAt), gt(smsCodes.expiresAt, now)))
    .orderBy(desc(smsCodes.sentAt))
    .limit(1);
  return row ?? null;
}

export async function markCodeFailed(db: Db, id: number): Promise<void> {
  await db
    .update(smsCodes)
    .set({ failedAttempts: sql`${smsCodes.failedAttempts} + 1` })
    .where(eq(smsCodes.id, id));
}

/** Marks the code used; false when a concurrent login used it first. */
export async function consumeCode(db: Db, id: number, now: Date): Promise<boolean> {
  const rows = await db
    .update(smsCodes)
    .set({ usedAt: now })
    .where(and(eq(smsCodes.id, id), isNull(smsCodes.usedAt)))
    .returning({ id: smsCodes.id });
  return rows.length === 1;
}

export async function upsertWorkerAccount(
  db: Db,
  row: { phoneHash: string; phoneEnc: string; phoneMasked: string },
  now: Date,
) {
  const [account] = await db
    .insert(workerAccounts)
    .values({ ...row, lastLoginAt: now })
    .onConflictDoUpdate({ target: workerAccounts.phoneHash, set: { lastLoginAt: now } })
    .returning({ id: workerAccounts.id, phoneHash: workerAccounts.phoneHash, phoneMasked: workerAccounts.phoneMasked });
  return account!;
}

export async function findStaffForLogin(db: Db, username: string) {
  const [row] = await db
    .select({
      id: staff.id,
      username: staff.username,
      passwordHash: staff.passwordHash,
      active: staff.active,
      roles: staff.roles,
      orgId: staff.orgId,
      orgName: orgs.name,
      orgRegionCode: orgs.regionCode,
    })
    .from(staff)
    .innerJoin(orgs, eq(orgs.id, staff.orgId))
    // lower(username) is what the unique index covers.
    .where(eq(sql`lower(${staff.username})`, sql`lower(${username})`));
  return row ?? null;
}

/**
 * Takes one of the `limit` attempts a username has per window, before its password is checked: the attempt is
 * recorded as a failure now (and forgiven if the password turns out right), under a per-username lock, so a burst
 * of concurrent guesses cannot all be checked while the count still reads zero. `locked` when none is left.
 */
export async function reserveLoginAttempt(
  db: Db,
  username: string,
  since: Date,
  limit: number,
): Promise<{ attemptId: number } | { locked: true; oldest: Date | null }> {
  const name = username.toLowerCase();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('staff-login'), hashtext(${name}))`);
    const [row] = await tx
      .select({ n: count(), oldest: min(loginFailures.at) })
      .from(loginFailures)
      .where(and(eq(loginFailures.username, name), gte(loginFailures.at, since)));
    if ((row?.n ?? 0) >= limit) return { locked: true as const, oldest: row?.oldest ?? null };
    const [attempt] = await tx.insert(loginFailures).values({ username: name }).returning({ id: loginFailures.id });
    return { attemptId: attempt!.id };
  });
}

export async function clearLoginFailures(db: Db, username: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.username, username.toLowerCase()));
}

export async function orgName(db: Db, id: string): Promise<string | null> {
  return (await orgSummary(db, id))?.name ?? null;
}

export async function orgSummary(db: Db, id: string): Promise<{ name: string; regionCode: string | null } | null> {
  const [row] = await db.select({ name: orgs.name, regionCode: orgs.regionCode }).from(orgs).where(eq(orgs.id, id));
  return row ?? null;
}
