import crypto from 'node:crypto';
import argon2 from 'argon2';
import {
  createSession,
  loginFailureLimit,
  loginFailureWindowMs,
  revokeSession,
  type Principal,
} from '../../kernel/auth.js';
import { shanghaiDate, shanghaiDayStart } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { AppError } from '../../kernel/errors.js';
import { stateSlot } from '../../kernel/module.js';
import { maskPhone } from '../../kernel/pii.js';
import { SmsSendError } from '../../kernel/sms.js';
import { audit } from '../../kernel/use-case.js';
import * as repo from './auth.repository.js';

export const smsCooldownSeconds = 60;
const codeLifetimeMs = 5 * 60_000;
const maxWrongCodeAttempts = 5;

function codeHash(phoneHash: string, code: string): string {
  return crypto.createHash('sha256').update(`${phoneHash}:${code}`).digest('hex');
}

function rateLimited(retryAfterSeconds: number, reason: string): AppError {
  return new AppError(
    'RATE_LIMITED',
    { reason, retryAfterSeconds },
    { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
  );
}

/** Sends a 6-digit sign-in code: one a minute per phone, bounded per day per phone and per client address. */
export async function sendSmsCode(
  ctx: AppContext,
  phone: string,
  clientAddress: string,
): Promise<{ cooldownSeconds: number }> {
  const phoneHash = ctx.pii.blindIndex('phone', phone);
  const now = ctx.clock.now();
  const code = crypto.randomInt(0, 1_000_000).toString().padStart(6, '0');
  // The checks and the insert under the phone's and the address's locks, so that concurrent requests — to this
  // server process or another — are counted one after another and cannot pass the cooldown or a cap together.
  // The code is stored before it is sent (a second request meanwhile meets the cooldown); one the provider finally
  // and surely did not take (after its retries, kernel/sms-providers.ts) is deleted: it burns no cooldown, no cap.
  const codeId = await ctx.db.transaction(async (tx) => {
    await repo.lockCodeRequests(tx, phoneHash, clientAddress);
    const last = await repo.lastCodeSentAt(tx, phoneHash);
    if (last && now.getTime() - last.getTime() < smsCooldownSeconds * 1000) {
      throw rateLimited(smsCooldownSeconds - (now.getTime() - last.getTime()) / 1000, 'cooldown');
    }
    const dayStart = shanghaiDayStart(shanghaiDate(now));
    const untilTomorrow = (dayStart.getTime() + 86_400_000 - now.getTime()) / 1000;
    if ((await repo.countCodesSince(tx, { phoneHash }, dayStart)) >= ctx.config.smsLimitPerPhonePerDay) {
      throw rateLimited(untilTomorrow, 'phone_daily_limit');
    }
    if ((await repo.countCodesSince(tx, { clientAddress }, dayStart)) >= ctx.config.smsLimitPerAddressPerDay) {
      throw rateLimited(untilTomorrow, 'address_daily_limit');
    }
    return repo.insertCode(tx, {
      phoneHash,
      codeHash: codeHash(phoneHash, code),
      clientAddress,
      // The app's time, as the cooldown and the day's count read it.
      sentAt: now,
      expiresAt: new Date(now.getTime() + codeLifetimeMs),
    });
  });
  try {
    await ctx.sms.send(phone, `【智慧工会】您的登录验证码为${code}，5分钟内有效。如非本人操作请忽略。`, code);
  } catch (error) {
    // A send that may have reached the provider (no answer after the request went out) keeps its code: the message
    // may still arrive, and the cooldown and caps must count it. One the provider surely never took is deleted.
    if (!(error instanceof SmsSendError && error.maybeDelivered)) await repo.deleteCode(ctx.db, codeId);
    // The provider adapter logged why (masked); anything else thrown by a provider is logged here.
    if (!(error instanceof SmsSendError)) ctx.log.error({ err: error }, 'SMS provider failed');
    throw new AppError('SMS_UNAVAILABLE');
  }
  return { cooldownSeconds: smsCooldownSeconds };
}

export interface WorkerSummary {
  accountId: string;
  phone: string;
  isMember: boolean;
  memberId: string | null;
  name: string | null;
  org: { id: string; name: string } | null;
}

export async function describeWorker(
  ctx: AppContext,
  principal: Extract<Principal, { kind: 'worker' }>,
): Promise<WorkerSummary> {
  const m = principal.membership;
  return {
    accountId: principal.accountId,
    phone: principal.phoneMasked,
    isMember: m !== null,
    memberId: m?.memberId ?? null,
    name: m?.name ?? null,
    org: m ? { id: m.orgId, name: (await repo.orgName(ctx.db, m.orgId)) ?? '' } : null,
  };
}

/** Phone + SMS code. A phone outside the registry signs in as a worker who is not (yet) a member. */
export async function loginMember(
  ctx: AppContext,
  phone: string,
  code: string,
): Promise<{ token: string; member: WorkerSummary }> {
  const phoneHash = ctx.pii.blindIndex('phone', phone);
  const now = ctx.clock.now();
  const live = await repo.latestLiveCode(ctx.db, phoneHash, now);
  if (!live || live.failedAttempts >= maxWrongCodeAttempts) throw new AppError('INVALID_CODE');
  const expected = Buffer.from(live.codeHash);
  const given = Buffer.from(codeHash(phoneHash, code));
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) {
    await repo.markCodeFailed(ctx.db, live.id);
    throw new AppError('INVALID_CODE');
  }
  if (!(await repo.consumeCode(ctx.db, live.id, now))) throw new AppError('INVALID_CODE');
  const account = await repo.upsertWorkerAccount(
    ctx.db,
    {
      phoneHash,
      phoneEnc: ctx.pii.encrypt(phone),
      phoneMasked: maskPhone(phone),
    },
    now,
  );
  const token = await createSession(ctx.db, 'worker', account.id, ctx.config, now);
  const membership = await ctx.sessions.membershipOf(phoneHash);
  const member = await describeWorker(ctx, {
    kind: 'worker',
    accountId: account.id,
    phoneMasked: account.phoneMasked,
    membership,
  });
  return { token, member };
}

/** The auth module's per-app state (`ctx.state`). */
export interface AuthState {
  /** Verifying against a fixed hash when the user is unknown keeps the answer time the same either way. */
  dummyHash(): Promise<string>;
}

export const authState = stateSlot<AuthState>('auth');

export function createAuthState(): AuthState {
  let hash: Promise<string> | null = null;
  return { dummyHash: () => (hash ??= hashPassword('not-a-real-password')) };
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export interface StaffSummary {
  id: string;
  username: string;
  org: { id: string; name: string; regionCode: string | null };
  roles: string[];
}

/**
 * Username + password; five failures within 15 minutes lock the account until the oldest failure ages out.
 * The attempt counts as a failure before the password is checked (so a burst cannot outrun the count), and
 * the right password then clears the account's failures.
 */
export async function loginStaff(
  ctx: AppContext,
  username: string,
  password: string,
): Promise<{ token: string; staff: StaffSummary }> {
  const now = ctx.clock.now().getTime();
  const since = new Date(now - loginFailureWindowMs);
  const attempt = await repo.reserveLoginAttempt(ctx.db, username, since, loginFailureLimit);
  if ('locked' in attempt) {
    const retryAfter = attempt.oldest
      ? (attempt.oldest.getTime() + loginFailureWindowMs - now) / 1000
      : loginFailureWindowMs / 1000;
    throw new AppError(
      'ACCOUNT_LOCKED',
      { retryAfterSeconds: Math.ceil(retryAfter) },
      { 'retry-after': String(Math.max(1, Math.ceil(retryAfter))) },
    );
  }
  const row = await repo.findStaffForLogin(ctx.db, username);
  const ok = row
    ? await argon2.verify(row.passwordHash, password)
    : (await argon2.verify(await ctx.state.get(authState).dummyHash(), password), false);
  if (!row || !ok || !row.active) throw new AppError('INVALID_CREDENTIALS');
  await repo.clearLoginFailures(ctx.db, username);
  const token = await createSession(ctx.db, 'staff', row.id, ctx.config, ctx.clock.now());
  await audit(
    ctx,
    { kind: 'staff', id: row.id },
    { action: 'staff.login', objectType: 'staff', objectId: row.id, orgId: row.orgId },
  );
  return {
    token,
    staff: {
      id: row.id,
      username: row.username,
      org: { id: row.orgId, name: row.orgName, regionCode: row.orgRegionCode },
      roles: row.roles,
    },
  };
}

export async function logout(ctx: AppContext, token: string): Promise<void> {
  await revokeSession(ctx.db, token, ctx.clock.now());
}

export async function describeStaff(
  ctx: AppContext,
  principal: Extract<Principal, { kind: 'staff' }>,
): Promise<StaffSummary> {
  return {
    id: principal.staffId,
    username: principal.username,
    org: await (async () => {
      const org = await repo.orgSummary(ctx.db, principal.orgId);
      return { id: principal.orgId, name: org?.name ?? '', regionCode: org?.regionCode ?? null };
    })(),
    roles: principal.roles,
  };
}
