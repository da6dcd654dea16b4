import { z } from 'zod';
import { pageOf, pageQuery } from '../../kernel/pagination.js';
import { calendarDate } from './programmes.kind-schemas.js';
import { applicationView, payeeBody } from './programmes.schemas.js';

const fen = z.number().int().min(0).max(100_000_000_000).describe('integer fen (分)');

export const enrolBody = z
  .object({
    memberId: z.uuid(),
    startsOn: calendarDate().optional().describe("default: the programme's opening day (Asia/Shanghai)"),
    endsOn: calendarDate().optional().describe("default: the programme's last day"),
  })
  .strict();

export const enrolmentView = z.object({
  id: z.uuid(),
  programmeId: z.uuid(),
  member: z.object({
    id: z.uuid(),
    name: z.string(),
    phone: z.string().describe('masked'),
    idNumber: z.string().nullable().describe('masked'),
  }),
  org: z.object({ id: z.uuid(), name: z.string() }).describe("the member's union when enrolled"),
  startsOn: z.string(),
  endsOn: z.string(),
  source: z.string().describe('manual, or the import job’s id'),
  createdAt: z.string(),
});
export const enrolmentPage = pageOf(enrolmentView);
export const listEnrolmentsQuery = pageQuery
  .extend({
    orgId: z.uuid().optional().describe("the subtree whose members' enrolments to list (default the caller's)"),
  })
  .strict();
export const exportEnrolmentsQuery = z.object({ orgId: z.uuid().optional() }).strict();
export const enrolmentImportQuery = z.object({ orgId: z.uuid().describe('the unit whose members the file lists') });

/** One hospital bill (住院费用): its total and what basic medical insurance and major-illness insurance paid. */
export const billBody = z
  .object({
    totalFen: fen.describe('the bill’s total (统筹内费用)'),
    basicInsuranceFen: fen.describe('paid by basic medical insurance (基本医保)'),
    majorIllnessFen: fen.describe('paid by major-illness insurance (大额/大病医保)'),
    admittedOn: calendarDate().describe('within the member’s enrolment period'),
    dischargedOn: calendarDate().optional(),
    hospital: z.string().trim().min(1).max(100).optional(),
    invoiceNo: z.string().trim().min(1).max(50).optional(),
  })
  .strict();

export const claimBody = z
  .object({
    programmeId: z
      .uuid()
      .optional()
      .describe('the mutual-aid programme; may be left out when the member is enrolled in one only'),
    memberId: z.uuid().optional().describe('staff: the member claimed for; members claim for themselves'),
    bills: z.array(billBody).min(1).max(20),
    payee: payeeBody.optional().describe('needed before the claim can be paid'),
    attachmentIds: z.array(z.uuid()).max(20).optional().describe("the caller's own uploads: invoices, discharge notes"),
  })
  .strict();

export const tierLine = z.object({
  fromFen: z.number().int(),
  uptoFen: z.number().int().nullable().describe('null: no upper bound'),
  percent: z.number().int(),
  baseFen: z.number().int().describe('the part of the self-paid amount in this band'),
  paidFen: z.number().int().describe('baseFen × percent, rounded down to the fen'),
});
export const billLine = z.object({
  index: z.number().int(),
  totalFen: z.number().int(),
  basicInsuranceFen: z.number().int(),
  majorIllnessFen: z.number().int(),
  selfPaidFen: z.number().int().describe('total − basic − major-illness: the reimbursable part'),
  tiers: z.array(tierLine),
  computedFen: z.number().int(),
});
export const claimComputation = z.object({
  bills: z.array(billLine),
  computedFen: z.number().int().describe('the sum over the bills, before the cap'),
  cap: z.object({
    limitFen: z.number().int(),
    usedBeforeFen: z.number().int().describe("the member's earlier claims (not rejected or withdrawn)"),
    leftBeforeFen: z.number().int(),
  }),
  amountFen: z.number().int().describe('what the claim pays: the computed amount, at most what was left'),
  capped: z.boolean(),
});
export const claimView = z.object({ application: applicationView, computation: claimComputation });

export const myMutualAid = z.object({
  items: z.array(
    z.object({
      programme: z.object({ id: z.uuid(), title: z.string() }),
      startsOn: z.string(),
      endsOn: z.string(),
      capFen: z.number().int(),
      usedFen: z.number().int().describe('claims not rejected or withdrawn'),
      leftFen: z.number().int(),
    }),
  ),
});
