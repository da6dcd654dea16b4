import { z } from 'zod';
import { shanghaiDate } from '../../kernel/clock.js';
import { pageOf, pageQuery } from '../../kernel/pagination.js';
import { timelineView } from '../../kernel/workflow.js';
import { applicationActions, applicationStates, maxReviewLevels } from './programmes.workflow.js';
import { programmeKinds } from '../../../../shared/labels.js';
import { kindRulesIssues, modelWorkerFundRules, reviewStepNames, studentAidRules } from './model-workers.schemas.js';
import { mutualAidRules, workStudyRules } from './programmes.kind-schemas.js';
import { isQuotaKind, quotaRules } from './quota.schemas.js';

export { programmeKinds };
export type ProgrammeKind = (typeof programmeKinds)[number];

/** What "once per member" counts by: the whole programme, the Shanghai calendar year, or month. */
export const periodKinds = ['programme', 'year', 'month'] as const;

const positiveFen = z.number().int().min(1).max(100_000_000_000).describe('integer fen (分)');

/**
 * A programme's rules (API.md: at least reviewLevels and publicityDays). Parsed on every write and every read, so the
 * jsonb column never holds what this schema would refuse.
 */
export const programmeRules = z
  .object({
    reviewLevels: z
      .number()
      .int()
      .min(1)
      .max(maxReviewLevels)
      .default(1)
      .describe(
        "review steps: 1 — the programme's own organisation; more — the member's grassroots union first, then its ancestors, the programme's organisation last",
      ),
    publicityDays: z
      .number()
      .int()
      .min(0)
      .max(30)
      .default(5)
      .describe('calendar days (Asia/Shanghai) a notice stays open; 0 — no notice'),
    publicityAt: z
      .enum(['programme', 'review_chain'])
      .default('programme')
      .describe("whose notice boards: the programme's organisation, or every organisation of the review chain"),
    period: z.enum(periodKinds).default('programme').describe('one application per member and period'),
    standardAmountFen: positiveFen.optional().describe('the amount every application is for; else each names its own'),
    caps: z
      .object({
        perApplicationFen: positiveFen.optional(),
        perMemberPerMonthFen: positiveFen.optional().describe('Asia/Shanghai calendar month'),
        perMemberPerYearFen: positiveFen.optional().describe('Asia/Shanghai calendar year'),
        perMemberLifetimeFen: positiveFen.optional(),
      })
      .strict()
      .default({}),
    reviewStepNames: reviewStepNames.optional(),
    reviewChainShape: z
      .enum(['up_the_tree', 'union_then_programme'])
      .optional()
      .describe(
        "up_the_tree (default): the member's union, its ancestors, the programme's organisation last; union_then_programme: the member's union first, every later step the programme's organisation (主席办公会, then 党组会)",
      ),
    modelWorkerFund: modelWorkerFundRules.optional().describe('model_worker_fund only (required there)'),
    studentAid: studentAidRules.optional().describe('student_aid only (required there)'),
    workStudy: workStudyRules
      .optional()
      .describe('work_study: the pay caps per student (default 15,000 fen a day, 300,000 a month)'),
    mutualAid: mutualAidRules
      .optional()
      .describe('medical_mutual_aid: the tiers claims are paid by, the cap per member'),
    quota: quotaRules
      .optional()
      .describe('quota programmes (recuperation, health_check) only, and required there: places, event date, priority'),
  })
  .strict();
export type ProgrammeRules = z.infer<typeof programmeRules>;

export const createProgrammeBody = z
  .object({
    kind: z.enum(programmeKinds),
    title: z.string().trim().min(1).max(200),
    orgId: z.uuid(),
    opensAt: z.iso.datetime({ offset: true }),
    closesAt: z.iso.datetime({ offset: true }),
    rules: programmeRules.default({
      reviewLevels: 1,
      publicityDays: 5,
      publicityAt: 'programme',
      period: 'programme',
      caps: {},
    }),
  })
  .strict()
  .refine((v) => Number.isNaN(Date.parse(v.opensAt)) || Date.parse(v.closesAt) > Date.parse(v.opensAt), {
    path: ['closesAt'],
    message: 'invalid',
  })
  .superRefine(kindRulesIssues)
  .refine((v) => v.kind !== 'medical_mutual_aid' || v.rules.mutualAid !== undefined, {
    path: ['rules', 'mutualAid'],
    message: 'required',
  })
  // A quota programme gives places (rules.quota), the others money: neither carries the other's rules.
  .refine((v) => isQuotaKind(v.kind) === (v.rules.quota !== undefined), {
    path: ['rules', 'quota'],
    message: 'invalid',
  })
  // The places are allocated once the window closes, and attendance is marked on the day: the day comes after.
  .refine(
    (v) =>
      v.rules.quota === undefined ||
      Number.isNaN(Date.parse(v.closesAt)) ||
      v.rules.quota.eventDate >= shanghaiDate(new Date(v.closesAt)),
    { path: ['rules', 'quota', 'eventDate'], message: 'invalid' },
  );

export const programmeView = z.object({
  id: z.uuid(),
  kind: z.enum(programmeKinds),
  title: z.string(),
  org: z.object({ id: z.uuid(), name: z.string() }),
  opensAt: z.string(),
  closesAt: z.string(),
  open: z.boolean().describe('applications are accepted now'),
  rules: programmeRules,
  createdAt: z.string(),
});
export const programmePage = pageOf(programmeView);
export const listProgrammesQuery = pageQuery
  .extend({
    orgId: z.uuid().optional().describe("staff: the subtree to list (default the caller's)"),
    kind: z.enum(programmeKinds).optional(),
  })
  .strict();

export const idParams = z.object({ id: z.uuid() }).strict();

/** Where the money goes: the bank (开户行) and the account number (digits; shown masked, only the bank file has it whole). */
export const payeeBody = z
  .object({
    bank: z.string().trim().min(2).max(100),
    accountNo: z.string().regex(/^\d{8,32}$/, 'digits'),
  })
  .strict();

export const applyBody = z
  .object({
    memberId: z.uuid().optional().describe('staff only: the member applied for'),
    amountFen: positiveFen.optional().describe("required unless the programme's rules set standardAmountFen"),
    payee: payeeBody.optional().describe('needed before the application can be paid'),
    details: z.record(z.string().max(100), z.unknown()).optional().describe('kind-specific fields'),
    attachmentIds: z.array(z.uuid()).max(20).optional(),
  })
  .strict()
  .refine((v) => v.details === undefined || JSON.stringify(v.details).length <= 20_000, {
    path: ['details'],
    message: 'too_big',
  });

const reason = z.string().trim().min(1).max(1000);
const note = z.string().trim().max(1000).optional();

export const applicationActionBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('review_pass'), note }).strict(),
  z.object({ action: z.literal('review_return'), reason }).strict(),
  z.object({ action: z.literal('review_reject'), reason }).strict(),
  z
    .object({
      action: z.literal('resubmit'),
      amountFen: positiveFen.optional(),
      payee: payeeBody.optional(),
      details: z.record(z.string().max(100), z.unknown()).optional(),
      note,
    })
    .strict(),
  z.object({ action: z.literal('withdraw'), note }).strict(),
  z.object({ action: z.literal('publicize'), note }).strict(),
  z.object({ action: z.literal('approve'), note }).strict(),
  z.object({ action: z.literal('disburse'), note }).strict(),
]);

export const applicationView = z.object({
  id: z.uuid(),
  programme: z.object({ id: z.uuid(), title: z.string(), kind: z.enum(programmeKinds) }),
  member: z.object({ id: z.uuid(), name: z.string() }),
  org: z.object({ id: z.uuid(), name: z.string() }).describe("the member's union when applying"),
  period: z.string(),
  amountFen: z.number().int(),
  payee: z.object({ bank: z.string(), account: z.string().describe('masked') }).nullable(),
  details: z.record(z.string(), z.unknown()),
  status: z.enum(applicationStates),
  reviewLevel: z.number().int().nullable().describe('the level under review now (1 first), null outside review'),
  reviewStep: z.string().nullable().describe("the current level's name from the rules' reviewStepNames (主席办公会…)"),
  reviewChain: z.array(
    z.object({
      level: z.number().int(),
      org: z.object({ id: z.uuid(), name: z.string() }),
      step: z.string().nullable().describe('the step name the rules give the level'),
    }),
  ),
  attachments: z.array(z.uuid()),
  actions: z.array(z.enum(applicationActions)).describe('what the caller may do now'),
  createdAt: z.string(),
  notices: z
    .array(
      z.object({
        id: z.uuid().describe('GET /api/v1/public/notices/{id}'),
        org: z.object({ name: z.string() }),
        entryNo: z.number().int(),
        opensAt: z.string(),
        closesAt: z.string(),
        open: z.boolean(),
      }),
    )
    .optional()
    .describe('the public notices listing it (on the page of one application)'),
  timeline: z
    .array(
      timelineView.element.extend({
        step: z.string().nullable().describe('the review step the application was at when the entry was taken'),
      }),
    )
    .optional(),
});
export const applicationPage = pageOf(applicationView.omit({ timeline: true, notices: true }));
export const listApplicationsQuery = pageQuery
  .extend({
    mine: z.enum(['true', 'false']).optional().describe('members: always their own'),
    programmeId: z.uuid().optional(),
    orgId: z
      .uuid()
      .optional()
      .describe("staff: the subtree whose members' applications to list (default the caller's)"),
    status: z.enum(applicationStates).optional().describe('review_2: the queue of the second level'),
    awaitingMe: z
      .enum(['true', 'false'])
      .optional()
      .describe(
        "staff: only the applications waiting for the caller's organisation: its review level, or (the programme's organisation) publicity and approval",
      ),
  })
  .strict();

export const exportApplicationsQuery = listApplicationsQuery.omit({ limit: true, cursor: true, mine: true });

export const noticeEntryView = z.object({
  entryNo: z.number().int(),
  name: z.string().describe('masked: 张*明'),
  amountFen: z.number().int(),
});
export const publicNoticeView = z.object({
  id: z.uuid(),
  programme: z.object({ title: z.string(), kind: z.enum(programmeKinds) }),
  org: z.object({ name: z.string() }),
  seq: z.number().int(),
  opensAt: z.string(),
  closesAt: z.string(),
  open: z.boolean(),
  entries: z.array(noticeEntryView),
  content: z.string().describe('the published text the hash covers'),
  contentHash: z.string().describe('sha256(prevHash ‖ content), hex'),
  prevHash: z.string(),
});

export const objectionBody = z
  .object({
    entryNo: z
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .optional()
      .describe('the entry objected to; none: the whole notice'),
    content: z.string().trim().min(5).max(2000),
  })
  .strict();
export const objectionView = z.object({
  id: z.uuid(),
  noticeId: z.uuid(),
  entryNo: z.number().int().nullable(),
  content: z.string(),
  createdAt: z.string(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
});
export const objectionPage = pageOf(objectionView);
export const listObjectionsQuery = pageQuery.extend({ unanswered: z.enum(['true', 'false']).optional() }).strict();
export const answerBody = z.object({ answer: z.string().trim().min(1).max(2000) }).strict();

export const noticeSummary = z.object({
  id: z.uuid(),
  seq: z.number().int(),
  opensAt: z.string(),
  closesAt: z.string(),
  open: z.boolean(),
  entries: z.number().int(),
  contentHash: z.string(),
});
export const noticePage = pageOf(noticeSummary);
export const publishedNotices = z.object({ items: z.array(noticeSummary) });
export const publishNoticeBody = z
  .object({
    applicationIds: z
      .array(z.uuid())
      .min(1)
      .max(1000)
      .describe('reviewed applications of the programme, in list order'),
    note: z.string().trim().max(1000).optional(),
  })
  .strict();

export const verifyReply = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  broken: z.array(
    z.object({
      noticeId: z.uuid(),
      seq: z.number().int(),
      problem: z.enum(['content_changed', 'chain_broken', 'entries_changed', 'not_as_audited']),
    }),
  ),
});

export const paymentStatuses = ['pending', 'paid', 'failed'] as const;

export const paymentView = z.object({
  id: z.uuid(),
  applicationId: z.uuid(),
  member: z.object({ name: z.string() }),
  payee: z.object({ bank: z.string(), account: z.string().describe('masked') }),
  amountFen: z.number().int(),
  status: z.enum(paymentStatuses),
  attempt: z.number().int().describe('1 for a first payment; more for a failed one issued again'),
  failureReason: z.string().nullable(),
});
export const disbursementView = z.object({
  id: z.uuid(),
  programmeId: z.uuid(),
  createdAt: z.string(),
  count: z.number().int(),
  totalFen: z.number().int(),
  byStatus: z
    .object({
      pending: z.object({ count: z.number().int(), fen: z.number().int() }),
      paid: z.object({ count: z.number().int(), fen: z.number().int() }),
      failed: z.object({ count: z.number().int(), fen: z.number().int() }),
    })
    .describe('payments and fen by status'),
  payments: z.array(paymentView).describe('the first page; the rest through GET /api/v1/disbursements/{id}/payments'),
  nextCursor: z.string().nullable(),
});
const statusTotals = z.object({ count: z.number().int(), fen: z.number().int() });
export const batchSummary = z.object({
  id: z.uuid(),
  programmeId: z.uuid(),
  createdAt: z.string(),
  count: z.number().int(),
  totalFen: z.number().int(),
  byStatus: z.object({ pending: statusTotals, paid: statusTotals, failed: statusTotals }),
});
export const batchPage = pageOf(batchSummary);
export const listBatchesQuery = pageQuery.strict();
export const batchPaymentsQuery = pageQuery
  .extend({
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    status: z.enum(paymentStatuses).optional(),
  })
  .strict();
export const paymentPage = pageOf(paymentView);
export const settleBody = z
  .object({
    items: z
      .array(
        z
          .object({
            paymentId: z.uuid(),
            status: z.enum(['paid', 'failed']),
            reason: z.string().trim().min(1).max(500).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(10_000),
  })
  .strict();
export const reconciliationView = z.object({
  programmeId: z.uuid(),
  approved: z.number().int().describe('applications approved (paid or not)'),
  approvedFen: z.number().int(),
  paid: z.number().int(),
  paidFen: z.number().int(),
  failed: z.number().int(),
  pending: z.number().int(),
  unbatched: z.number().int().describe('approved, in no batch yet'),
});

export const publicNoticeListQuery = pageQuery.strict();
export const publicNoticeList = z.object({
  programme: z.object({ title: z.string(), kind: z.enum(programmeKinds) }),
  items: z.array(
    z.object({
      id: z.uuid(),
      org: z.object({ name: z.string() }),
      seq: z.number().int(),
      opensAt: z.string(),
      closesAt: z.string(),
      open: z.boolean(),
      entries: z.number().int(),
      contentHash: z.string(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
