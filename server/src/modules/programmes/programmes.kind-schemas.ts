import { z } from 'zod';

/**
 * The rules only one kind of programme reads, kept apart from programmes.schemas.ts (which nests them in
 * `programmeRules`) so that the kind's own schemas can import the module's schemas without a cycle.
 */

/** A calendar date PostgreSQL stores (zod takes year 0000, which the database refuses). */
export const calendarDate = () =>
  z.iso.date().refine((d) => d >= '1900-01-01' && d <= '2199-12-31', { message: 'invalid_date' });

const fen = (max: number) => z.number().int().min(1).max(max).describe('integer fen (分)');

/** 勤工俭学: what one student may be paid (seed 003: at most 150 yuan a day, 3,000 yuan a month). */
export const workStudyRules = z
  .object({
    perDayFen: fen(100_000_000).default(15_000).describe('per student and day'),
    perMonthFen: fen(1_000_000_000).default(300_000).describe('per student and Asia/Shanghai calendar month'),
  })
  .strict();
export type WorkStudyRules = z.infer<typeof workStudyRules>;
export const defaultWorkStudyRules: WorkStudyRules = { perDayFen: 15_000, perMonthFen: 300_000 };

/**
 * One band of the reimbursable (self-paid) amount of a bill: the part from the previous band's `uptoFen` up to this
 * one's is paid at `percent`. The last band may leave `uptoFen` out (no upper bound); a percent of 0 is a deductible.
 */
export const mutualAidTier = z
  .object({
    uptoFen: fen(100_000_000_000).optional().describe('the band ends here (fen of the bill’s self-paid part)'),
    percent: z.number().int().min(0).max(100),
  })
  .strict();

/** 医疗互助: the tiers and the cap per member (seed 004: at most 500,000 yuan). */
export const mutualAidRules = z
  .object({
    tiers: z
      .array(mutualAidTier)
      .min(1)
      .max(10)
      .superRefine((tiers, ctx) => {
        tiers.forEach((tier, i) => {
          if (tier.uptoFen === undefined && i < tiers.length - 1)
            ctx.addIssue({ code: 'custom', path: [i, 'uptoFen'], message: 'required' });
          const prev = tiers[i - 1]?.uptoFen;
          if (tier.uptoFen !== undefined && prev !== undefined && tier.uptoFen <= prev)
            ctx.addIssue({ code: 'custom', path: [i, 'uptoFen'], message: 'not_increasing' });
        });
      })
      .describe('bands of each bill’s self-paid part, increasing; percent 0..100'),
    perMemberCapFen: fen(100_000_000_000)
      .default(50_000_000)
      .describe('paid to one member across all claims of the programme (one enrolment period)'),
  })
  .strict();
export type MutualAidRules = z.infer<typeof mutualAidRules>;
