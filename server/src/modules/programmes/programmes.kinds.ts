import { z } from 'zod';
import { workStudyJobTypes } from '../../../../shared/labels.js';
import type { Db } from '../../kernel/db/client.js';
import { validationFailed, type FieldIssue } from '../../kernel/errors.js';
import { findOrg, isWithin } from '../../kernel/org-tree.js';
import type { ProgrammeKind } from './programmes.schemas.js';

/**
 * What an application carries for the kinds whose amount the engine does not take from the applicant: 勤工俭学 (the
 * sum of the placement's work days) and 医疗互助 (computed from a claim's bills, filed through its own route).
 * programmes.service.ts asks here when an application is made or resubmitted.
 */

/** A work-study placement (勤工俭学岗位): the job type, the employing unit (an org of the tree), the student. */
export const workStudyDetails = z
  .object({
    jobType: z.enum(workStudyJobTypes),
    employerOrgId: z.uuid().describe('the employing unit: its staff record the work days'),
    post: z.string().trim().min(1).max(100).optional().describe('the post, e.g. 档案整理助理'),
    student: z
      .object({
        name: z.string().trim().min(1).max(50),
        school: z.string().trim().min(1).max(100),
        major: z.string().trim().max(100).optional(),
      })
      .strict(),
  })
  .strict();
export type WorkStudyDetails = z.infer<typeof workStudyDetails>;

/** The kinds whose amount is computed: applicants may not give one. */
export const computedAmountKinds: readonly ProgrammeKind[] = ['work_study', 'medical_mutual_aid'];

function detailsIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: ['details', ...i.path].join('.'), code: i.code, message: i.message }));
}

/**
 * The details and amount of a new application of a kind that has its own (null: the engine's usual rules). A
 * work-study placement is made at 0 fen and grows with each work day recorded; its employing unit must lie in the
 * programme's subtree. A mutual-aid claim is made through POST /api/v1/mutual-aid/claims only.
 */
export async function kindApplication(
  db: Db,
  programme: { kind: ProgrammeKind; orgPath: string },
  input: { amountFen?: number | undefined; details?: Record<string, unknown> | undefined },
): Promise<{ amountFen: number; details: Record<string, unknown> } | null> {
  if (programme.kind === 'medical_mutual_aid')
    throw validationFailed([{ path: 'details', code: 'use_mutual_aid_claims', message: '' }]);
  if (programme.kind !== 'work_study') return null;
  if (input.amountFen !== undefined)
    throw validationFailed([{ path: 'amountFen', code: 'computed_amount', message: '' }]);
  const parsed = workStudyDetails.safeParse(input.details ?? {});
  if (!parsed.success) throw validationFailed(detailsIssues(parsed.error));
  const employer = await findOrg(db, parsed.data.employerOrgId);
  if (!employer || !isWithin(employer.path, programme.orgPath))
    throw validationFailed([{ path: 'details.employerOrgId', code: 'not_in_scope', message: '' }]);
  return { amountFen: 0, details: { ...parsed.data, employerName: employer.name } };
}

/**
 * The details a resubmission stores (undefined: unchanged). The kinds with computed amounts take no amount; a
 * work-study placement may correct its details (checked as a new placement's), a mutual-aid claim may not change the
 * bills it was computed from (a new claim is filed instead).
 */
export async function kindResubmitDetails(
  db: Db,
  programme: { kind: ProgrammeKind; orgPath: string },
  body: { amountFen?: number | undefined; details?: Record<string, unknown> | undefined },
): Promise<Record<string, unknown> | undefined> {
  if (!computedAmountKinds.includes(programme.kind)) return body.details;
  if (body.amountFen !== undefined)
    throw validationFailed([{ path: 'amountFen', code: 'computed_amount', message: '' }]);
  if (body.details === undefined) return undefined;
  if (programme.kind === 'medical_mutual_aid')
    throw validationFailed([{ path: 'details', code: 'computed_amount', message: '' }]);
  return (await kindApplication(db, programme, { details: body.details }))!.details;
}
