import { z } from 'zod';
import { shanghaiDate } from '../../kernel/clock.js';
import { isUniqueViolation, type Db } from '../../kernel/db/client.js';
import { AppError, validationFailed } from '../../kernel/errors.js';
import * as repo from './model-workers.repository.js';
import { reviewStepNames, specialHardshipDetails } from './model-workers.schemas.js';
import type { NewKindApplication } from './programmes.kind-rules.js';
import { levelOf } from './programmes.workflow.js';

/** The review steps' names a programme's rules give (主席办公会…), by level and by review state. */
export function stepNamesOf(stored: Record<string, unknown>) {
  const parsed = reviewStepNames.safeParse(stored.reviewStepNames);
  const names = parsed.success ? parsed.data : [];
  const atLevel = (level: number | null): string | null => (level === null ? null : (names[level - 1] ?? null));
  return { atLevel, atState: (state: string | null) => atLevel(state === null ? null : levelOf(state)) };
}

/** Issues of a details object, as field issues under `details.`. */
export function detailIssues(error: z.ZodError) {
  return validationFailed(
    error.issues.map((i) => ({ path: ['details', ...i.path].join('.'), code: i.code, message: i.message })),
  );
}

/**
 * Writes the kind's columns of a new application; a live application of the member holding the same exclusive key
 * (written by a concurrent request between our check and this write) makes the unique index refuse: `conflict`.
 */
export async function setKindColumns(
  tx: Db,
  id: string,
  set: { exclusiveKey?: string; amountFen?: number; period?: string },
  conflict: () => AppError,
): Promise<void> {
  try {
    await repo.setApplicationKindColumns(tx, id, set);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict();
    throw error;
  }
}

/**
 * 劳模三金 at apply time. Eligible: the member is on the register, active, of an honour level the programme names,
 * and (unless the rules say otherwise) checked this year (年度核查: the fund pays what the check confirmed). The same
 * fund once a year per member across programmes: the application holds `model_worker_fund:<fund>:<year>` (Shanghai
 * calendar year of applying), and a unique index over live applications refuses a second — a rejected or withdrawn
 * one frees it. 特殊困难帮扶金 needs its reason (injury, serious illness, disaster) in the details; a per-level standard
 * replaces the programme's standard amount.
 */
export async function modelWorkerFundAtApply(tx: Db, a: NewKindApplication): Promise<void> {
  const rules = a.rules.modelWorkerFund;
  if (!rules) return; // refused when the programme was created; rules read from older rows pass through
  const year = Number(shanghaiDate(a.now).slice(0, 4));
  const entry = await repo.modelWorkerOfMember(tx, a.memberId);
  if (!entry) throw new AppError('NOT_ELIGIBLE', { reason: 'not_on_register' });
  if (entry.status !== 'active') throw new AppError('NOT_ELIGIBLE', { reason: 'not_active', status: entry.status });
  if (rules.honourLevels && !rules.honourLevels.includes(entry.honourLevel))
    throw new AppError('NOT_ELIGIBLE', {
      reason: 'honour_level',
      honourLevel: entry.honourLevel,
      allowed: rules.honourLevels,
    });
  if (rules.requireYearlyCheck && !(await repo.hasCheck(tx, entry.id, year)))
    throw new AppError('NOT_ELIGIBLE', { reason: 'not_checked', year });
  if (rules.fund === 'special_hardship') {
    const details = specialHardshipDetails.safeParse(a.details);
    if (!details.success) throw detailIssues(details.error);
  }
  const amountFen = rules.standardFenByHonourLevel?.[entry.honourLevel];
  const cap = a.rules.caps.perApplicationFen;
  if (amountFen !== undefined && cap !== undefined && amountFen > cap)
    throw new AppError('CAP_EXCEEDED', { cap: 'perApplicationFen', limitFen: cap, leftFen: cap });
  const key = `model_worker_fund:${rules.fund}:${year}`;
  await repo.lockExclusiveKey(tx, a.memberId, key);
  const held = await repo.liveApplicationWithKey(tx, a.memberId, key, a.id);
  const conflict = (applicationId?: string) =>
    new AppError('FUND_ALREADY_APPLIED', { fund: rules.fund, year, ...(applicationId ? { applicationId } : {}) });
  if (held) throw conflict(held.id);
  await setKindColumns(tx, a.id, { exclusiveKey: key, ...(amountFen !== undefined ? { amountFen } : {}) }, conflict);
}
