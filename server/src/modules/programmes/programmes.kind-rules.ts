/**
 * Where a programme's kind enters the generic flow of applying — the one place the service asks:
 * - before the application's row: `kindApplication` computes the amount and checks the details of the kinds that
 *   compute their amounts (勤工俭学 placements start at 0 and grow by work days; 医疗互助 claims file through their own
 *   route), and `kindResubmitDetails` does it again on a correction (programmes.kinds.ts);
 * - after the row, in its transaction: `applyKindRules` (below) — eligibility and what no two live applications may
 *   share across programmes;
 * - quota kinds (疗休养, 体检) take signups, never applications (quota.schemas.ts `isQuotaKind`).
 */
import type { Db } from '../../kernel/db/client.js';
import { modelWorkerFundAtApply } from './programmes.model-workers.js';
import type { ProgrammeRules } from './programmes.schemas.js';
import { studentAidAtApply } from './programmes.student-aid.js';

/** A new application, as the kind's rules see it (inside the transaction that made it). */
export interface NewKindApplication {
  id: string;
  kind: string;
  rules: ProgrammeRules;
  memberId: string;
  details: Record<string, unknown>;
  now: Date;
}

/**
 * The rules of a programme's kind, at apply time: who of the subtree is eligible (the model-worker register, the
 * student-aid groups), what the application's details must say, and what no two live applications may share across
 * programmes (one fund a year, one student a school year). Runs right after the application's row is written, in the
 * same transaction: a refusal (409 NOT_ELIGIBLE, FUND_ALREADY_APPLIED, DUPLICATE_APPLICATION; 400 for details) undoes
 * it.
 */
export async function applyKindRules(tx: Db, a: NewKindApplication): Promise<void> {
  if (a.kind === 'model_worker_fund') await modelWorkerFundAtApply(tx, a);
  if (a.kind === 'student_aid') await studentAidAtApply(tx, a);
}

export { kindApplication, kindResubmitDetails } from './programmes.kinds.js';
export { isQuotaKind } from './quota.schemas.js';
