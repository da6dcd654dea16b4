import { z } from 'zod';
import { pageOf, pageQuery } from '../../kernel/pagination.js';
import { contestAwards, contestStates } from './contests.tables.js';

/** The contract of innovation contests (五小, 云创客) judged online (网报网评). */

const text = (max: number) => z.string().trim().min(1).max(max);
const isoTime = z.iso.datetime({ offset: true });
const ref = z.object({ id: z.uuid(), name: z.string() });

export const idParams = z.object({ id: z.uuid() }).strict();
export const fileParams = z.object({ id: z.uuid(), fileId: z.uuid() }).strict();
export const certificateParams = z.object({ code: z.string().regex(/^[A-Z0-9]{12}$/) }).strict();

/** The five kinds of 五小 (a contest may name others: 云创客's tracks). */
export const fiveSmallCategories = [
  { key: 'invention', label: '小发明' },
  { key: 'creation', label: '小创造' },
  { key: 'innovation', label: '小革新' },
  { key: 'design', label: '小设计' },
  { key: 'suggestion', label: '小建议' },
];

const category = z
  .object({
    key: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,39}$/)
      .describe('a stable key: lower-case letters, digits, underscores'),
    label: text(40),
  })
  .strict();

const criterion = z
  .object({
    criterion: text(60),
    weight: z.number().positive().max(1000).describe('relative: totals divide by the sum of the weights'),
    maxScore: z.number().positive().max(1000),
  })
  .strict();

/** A category given by its label alone (["小发明", "小革新"]): 五小's own keep their keys, others get c1, c2… by place. */
function categoryOf(c: z.infer<typeof category> | string, i: number): z.infer<typeof category> {
  if (typeof c !== 'string') return c;
  return fiveSmallCategories.find((f) => f.label === c) ?? { key: `c${i + 1}`, label: c };
}

const distinct =
  <T>(key: (t: T) => string, field: string) =>
  (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const k = key(item);
      if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [i, field], message: 'duplicate' });
      seen.add(k);
    });
  };

export const createContestBody = z
  .object({
    orgId: z
      .uuid()
      .optional()
      .describe("the organising union: members of its subtree enter, its officers run it (default: the caller's own)"),
    title: text(200),
    description: z.string().trim().max(5000).optional(),
    categories: z
      .array(z.union([category, text(40)]))
      .min(1)
      .max(20)
      .transform((list) => list.map(categoryOf))
      .superRefine(distinct((c) => c.key, 'key'))
      .default(fiveSmallCategories)
      .describe('default the five of 五小: 小发明 小创造 小革新 小设计 小建议'),
    rubric: z
      .array(criterion)
      .min(1)
      .max(20)
      .superRefine(distinct((c) => c.criterion, 'criterion'))
      .describe(
        'criteria with weights and max scores; a judge’s total = Σ weight × score / maxScore ÷ Σ weight × 100 (weights are relative, normalised by their sum)',
      ),
    submissionsOpenAt: isoTime.optional().describe('default: at once'),
    submissionsCloseAt: isoTime.optional().describe('default: until judging opens'),
    judgesPerEntry: z.number().int().min(3).max(15).default(3).describe('judges each entry gets (3 at least)'),
  })
  .strict()
  .refine(
    (v) =>
      !v.submissionsOpenAt ||
      !v.submissionsCloseAt ||
      Date.parse(v.submissionsCloseAt) > Date.parse(v.submissionsOpenAt),
    { path: ['submissionsCloseAt'], message: 'invalid' },
  );
export type CreateContestBody = z.infer<typeof createContestBody>;

const rubricView = z.array(z.object({ criterion: z.string(), weight: z.number(), maxScore: z.number() }));
const categoriesView = z.array(z.object({ key: z.string(), label: z.string() }));

export const contestView = z.object({
  id: z.uuid(),
  org: ref,
  title: z.string(),
  description: z.string().nullable(),
  categories: categoriesView,
  rubric: rubricView,
  judgesPerEntry: z.number().int(),
  submissionsOpenAt: z.string().nullable(),
  submissionsCloseAt: z.string().nullable(),
  status: z.enum(contestStates).describe('open: taking entries; judging: judges score; closed: scores are final'),
  acceptingEntries: z.boolean().describe('entries are taken now (open, within the window)'),
  entryCount: z.number().int(),
  judgeCount: z.number().int(),
  createdAt: z.string(),
});
export const contestPage = pageOf(contestView);
export const listContestsQuery = pageQuery
  .extend({ orgId: z.uuid().optional().describe("the subtree (default the caller's)") })
  .strict();

export const uploadReply = z.object({
  id: z.uuid().describe('named in fileIds of an entry'),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
});

export const submitEntryBody = z
  .object({
    title: text(200),
    category: z.string().min(1).max(40).describe("one of the contest's category keys"),
    description: text(10_000).describe(
      'what it is, the problem it solves, its effect; entrants should not name themselves: judges read it',
    ),
    teamName: text(100).optional().describe('a team entry: its name'),
    teamMembers: z
      .array(text(50))
      .max(20)
      .optional()
      .describe("a team entry: the other members' names (the entrant is named already)"),
    fileIds: z
      .array(z.uuid())
      .max(10)
      .optional()
      .refine((a) => !a || new Set(a).size === a.length, { message: 'duplicate' })
      .describe('documents and photos uploaded by the caller through POST /api/v1/contest-files (at most 10)'),
    orgId: z
      .uuid()
      .optional()
      .describe("staff only: the workplace's union the entry comes from (in the contest's and the caller's subtree)"),
    entrantName: text(100).optional().describe('staff only: the workplace or team entering (第三车间创新小组)'),
  })
  .strict();
export type SubmitEntryBody = z.infer<typeof submitEntryBody>;

const fileView = z.object({ id: z.uuid(), fileName: z.string(), mediaType: z.string(), sizeBytes: z.number().int() });

const judgeScoreView = z.object({
  judge: z.object({ staffId: z.uuid(), username: z.string(), org: ref }),
  scores: z.array(z.object({ criterion: z.string(), score: z.number() })).nullable(),
  total: z.number().nullable().describe('the weighted total, 0..100; null until scored'),
  comment: z.string().nullable(),
  scoredAt: z.string().nullable(),
});

/** The entry as its entrant and the contest's officers read it. */
export const entryView = z.object({
  id: z.uuid(),
  contest: z.object({ id: z.uuid(), title: z.string(), status: z.enum(contestStates) }),
  title: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  description: z.string(),
  entrant: z.object({
    name: z.string(),
    teamName: z.string().nullable(),
    teamMembers: z.array(z.string()),
    org: ref,
    memberId: z.uuid().nullable().describe('null: entered by staff for a workplace'),
  }),
  files: z.array(fileView).describe('at GET /api/v1/contest-entries/{id}/files/{fileId}'),
  award: z.enum(contestAwards).nullable(),
  certificateCode: z.string().nullable().describe('GET /api/v1/public/certificates/{code}, once awarded'),
  judges: z.array(judgeScoreView).optional().describe('officers: the assigned judges and their scores'),
  createdAt: z.string(),
});
export type EntryView = z.infer<typeof entryView>;
export const entryPage = pageOf(entryView);
export const listEntriesQuery = pageQuery.extend({ category: z.string().max(40).optional() }).strict();

/**
 * The entry as an assigned judge reads it: blind — no entrant's name, team, member id, phone or union, and files
 * under neutral names (附件1.pdf) rather than the names they were uploaded with.
 */
export const blindEntryView = z.object({
  id: z.uuid(),
  contest: z.object({
    id: z.uuid(),
    title: z.string(),
    status: z.enum(contestStates),
    rubric: rubricView,
  }),
  title: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  description: z.string(),
  files: z.array(
    z.object({
      id: z.uuid(),
      label: z.string().describe('附件1, 附件2…: the uploaded name is not shown'),
      mediaType: z.string(),
      sizeBytes: z.number().int(),
    }),
  ),
  myScores: z.array(z.object({ criterion: z.string(), score: z.number() })).nullable(),
  myTotal: z.number().nullable(),
  myComment: z.string().nullable(),
  scoredAt: z.string().nullable(),
  mayScore: z.boolean().describe('judging is open: scores may be given or replaced'),
});
export type BlindEntryView = z.infer<typeof blindEntryView>;

export const judgingQueue = z.object({
  items: z.array(
    z.object({
      entryId: z.uuid(),
      contest: z.object({ id: z.uuid(), title: z.string(), status: z.enum(contestStates) }),
      title: z.string(),
      category: z.string(),
      categoryLabel: z.string(),
      scored: z.boolean(),
      myTotal: z.number().nullable(),
    }),
  ),
  nextCursor: z.string().nullable().describe('always null: the whole queue at once'),
});

export const addJudgesBody = z
  .object({
    staffIds: z
      .array(z.uuid())
      .min(1)
      .max(100)
      .refine((a) => new Set(a).size === a.length, { message: 'duplicate' })
      .describe("staff accounts holding the judge role, in the contest's subtree"),
  })
  .strict();

export const judgesView = z.object({
  items: z.array(
    z.object({
      staffId: z.uuid(),
      username: z.string(),
      displayName: z.string().nullable(),
      org: ref,
      assigned: z.number().int(),
      scored: z.number().int(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const candidatesView = z.object({
  items: z.array(z.object({ staffId: z.uuid(), username: z.string(), displayName: z.string().nullable(), org: ref })),
  nextCursor: z.string().nullable().describe('always null: at most 500, by username'),
});

export const assignmentsReply = z.object({
  contestId: z.uuid(),
  status: z.enum(contestStates),
  entries: z.number().int(),
  assignments: z.number().int(),
  perJudge: z.array(z.object({ staffId: z.uuid(), username: z.string(), assigned: z.number().int() })),
});

export const scoreBody = z
  .object({
    scores: z
      .array(z.object({ criterion: z.string().min(1).max(60), score: z.number().min(0).max(1000) }).strict())
      .min(1)
      .max(20)
      .describe('every criterion of the rubric once, each 0..its maxScore'),
    comment: z.string().trim().max(2000).optional(),
  })
  .strict();
export type ScoreBody = z.infer<typeof scoreBody>;

const rankingRow = z.object({
  entryId: z.uuid(),
  title: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  entrant: z.object({ name: z.string(), teamName: z.string().nullable(), org: ref }),
  judges: z.number().int().describe('assigned'),
  scored: z.number().int().describe('assigned judges who have scored'),
  complete: z.boolean().describe('every assigned judge has scored (and there are some)'),
  totals: z.array(
    z.object({ staffId: z.uuid(), username: z.string(), total: z.number().nullable() }).describe('per judge'),
  ),
  dropped: z
    .object({ highest: z.uuid(), lowest: z.uuid() })
    .nullable()
    .describe('with 5 judges or more: the judges whose totals were dropped'),
  finalScore: z.number().nullable().describe('rounded to 2 decimals; null while incomplete'),
  rank: z.number().int().nullable().describe('overall; equal scores share a rank (1, 2, 2, 4); null while incomplete'),
  categoryRank: z.number().int().nullable(),
  award: z.enum(contestAwards).nullable(),
});
export type RankingRow = z.infer<typeof rankingRow>;

export const rankingView = z.object({
  contest: z.object({ id: z.uuid(), title: z.string(), status: z.enum(contestStates), judgesPerEntry: z.number() }),
  items: z.array(rankingRow).describe('ranked entries first (by score), then incomplete ones'),
  categories: z.array(
    z.object({ key: z.string(), label: z.string(), entries: z.number().int(), complete: z.number().int() }),
  ),
  complete: z.boolean().describe('every entry is complete'),
});

export const awardBody = z.union([
  z
    .object({
      entryId: z.uuid(),
      award: z.enum(contestAwards).nullable().describe('null withdraws it'),
    })
    .strict(),
  z
    .object({
      tiers: z
        .object({
          first: z.number().int().min(0).max(1000).default(0),
          second: z.number().int().min(0).max(1000).default(0),
          third: z.number().int().min(0).max(1000).default(0),
          excellence: z.number().int().min(0).max(1000).default(0),
        })
        .strict()
        .describe('how many entries of each tier, by rank: the top `first` get first, and so on'),
      per: z
        .enum(['category', 'overall'])
        .default('category')
        .describe('tiers in each category (default) or over the whole contest'),
    })
    .strict(),
]);
export type AwardBody = z.infer<typeof awardBody>;

export const awardsReply = z.object({
  awarded: z.array(
    z.object({ entryId: z.uuid(), award: z.enum(contestAwards).nullable(), certificateCode: z.string().nullable() }),
  ),
});

export const certificateView = z.object({
  code: z.string(),
  contest: z.object({ title: z.string(), org: z.string().describe('the organising union') }),
  entry: z.object({ title: z.string(), category: z.string() }),
  entrant: z.object({ name: z.string(), teamName: z.string().nullable(), teamMembers: z.array(z.string()) }),
  award: z.enum(contestAwards),
  awardedAt: z.string(),
});
