import crypto from 'node:crypto';
import { z } from 'zod';
import type { StaffPrincipal } from '../../kernel/auth.js';
import type { AppContext } from '../../kernel/context.js';
import type { Db } from '../../kernel/db/client.js';
import { AppError } from '../../kernel/errors.js';
import { audit } from '../../kernel/use-case.js';
import { congressInScope } from './congresses.service.js';
import * as repo from './motions.repository.js';
import type { BallotCounts, MotionOutcome } from './motions.rule.js';

/**
 * 厂务公开 disclosures of motion results. One hash chain per congress's org (the org's disclosure board, across its
 * congress terms): each disclosure's `contentHash` is sha256(prevHash ‖ "\n" ‖ content), `prevHash` the previous
 * disclosure's hash on the same board (64 zeros for the first). The close action's audit record (itself in the
 * hash-chained audit log) holds the hash too, so a rewritten disclosure — even the newest, which no later link
 * covers — no longer matches what was recorded when it was published.
 */
export const genesisHash = '0'.repeat(64);

export function disclosureHash(prevHash: string, content: string): string {
  return crypto.createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

/** The published text: what was voted on and its outcome, no names, no identifiers of people. */
const disclosureContent = z.object({
  kind: z.literal('motion_result'),
  org: z.object({ name: z.string() }),
  congress: z.object({ name: z.string() }),
  motion: z.object({ id: z.string(), title: z.string() }),
  seq: z.number().int(),
  closedAt: z.string(),
  result: z.object({
    for: z.number().int(),
    against: z.number().int(),
    abstain: z.number().int(),
    voted: z.number().int(),
    representatives: z.number().int(),
    quorumMet: z.boolean(),
    passed: z.boolean(),
  }),
  rule: z.string(),
});
type DisclosureContent = z.infer<typeof disclosureContent>;

const ruleText =
  '全体代表三分之二以上参加表决方为有效，赞成票超过全体代表半数方为通过 (valid when at least two thirds of all representatives voted; passed when more than half of all representatives voted for)';

export interface PublishedDisclosure {
  id: string;
  seq: number;
  contentHash: string;
}

/**
 * Publishes a closed motion's result on its congress's org's board, chained to the board's previous disclosure (the
 * chain is locked for the transaction: two closes never take the same link).
 */
export async function publishDisclosure(
  tx: Db,
  staff: StaffPrincipal,
  motion: { id: string; title: string; congressName: string; orgId: string; orgName: string },
  result: BallotCounts & MotionOutcome & { representatives: number },
  closedAt: Date,
): Promise<PublishedDisclosure> {
  await repo.lockDisclosureChain(tx, motion.orgId);
  const last = await repo.lastDisclosure(tx, motion.orgId);
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.contentHash ?? genesisHash;
  const published: DisclosureContent = {
    kind: 'motion_result',
    org: { name: motion.orgName },
    congress: { name: motion.congressName },
    motion: { id: motion.id, title: motion.title },
    seq,
    closedAt: closedAt.toISOString(),
    result: {
      for: result.for,
      against: result.against,
      abstain: result.abstain,
      voted: result.voted,
      representatives: result.representatives,
      quorumMet: result.quorumMet,
      passed: result.passed,
    },
    rule: ruleText,
  };
  const content = JSON.stringify(published);
  const contentHash = disclosureHash(prevHash, content);
  const id = await repo.insertDisclosure(tx, {
    orgId: motion.orgId,
    motionId: motion.id,
    seq,
    content,
    contentHash,
    prevHash,
    publishedAt: closedAt,
    createdBy: staff.staffId,
  });
  return { id, seq, contentHash };
}

function parseContent(text: string): DisclosureContent | null {
  try {
    const parsed = disclosureContent.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A disclosure as published, to anyone (no sign-in): the result, the text and the hash that proves it unchanged. */
export async function getPublicDisclosure(ctx: AppContext, id: string) {
  const row = await repo.findDisclosure(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  const content = parseContent(row.content);
  return {
    id: row.id,
    kind: 'motion_result' as const,
    org: { name: row.orgName },
    congress: { name: row.congressName },
    motion: { title: row.motionTitle },
    seq: row.seq,
    publishedAt: row.publishedAt.toISOString(),
    // The text is shown as stored; the verifier reports a disclosure changed into something else.
    result: content ? { ...content.result, closedAt: content.closedAt } : null,
    content: row.content,
    contentHash: row.contentHash,
    prevHash: row.prevHash,
  };
}

type Problem = 'content_changed' | 'chain_broken' | 'not_as_audited' | 'result_changed';

const closeRecord = z.object({ disclosureId: z.string(), contentHash: z.string() });

/**
 * Recomputes the chain of the congress's org's disclosures: each hash from its link and its text, each link to the
 * previous hash, the sequence without gaps, each hash against the close's audit record, and the published counts
 * against the result the motion holds. Names every disclosure that does not hold.
 */
export async function verifyDisclosures(ctx: AppContext, principal: StaffPrincipal, congressId: string) {
  const congress = await congressInScope(ctx, principal, congressId);
  const rows = await repo.disclosuresOfOrg(ctx.db, congress.orgId);
  const audited = new Map<string, string>();
  for (const r of await repo.closeRecords(ctx.db, congress.orgId)) {
    const record = closeRecord.safeParse(r.details);
    if (record.success) audited.set(record.data.disclosureId, record.data.contentHash);
  }
  const broken: { disclosureId: string; seq: number; problem: Problem }[] = [];
  let prev = genesisHash;
  rows.forEach((d, i) => {
    if (d.seq !== i + 1 || d.prevHash !== prev)
      broken.push({ disclosureId: d.id, seq: d.seq, problem: 'chain_broken' });
    if (disclosureHash(d.prevHash, d.content) !== d.contentHash)
      broken.push({ disclosureId: d.id, seq: d.seq, problem: 'content_changed' });
    else {
      const r = parseContent(d.content)?.result;
      if (
        !r ||
        r.for !== d.resultFor ||
        r.against !== d.resultAgainst ||
        r.abstain !== d.resultAbstain ||
        r.representatives !== d.resultRepresentatives
      )
        broken.push({ disclosureId: d.id, seq: d.seq, problem: 'result_changed' });
    }
    if (audited.get(d.id) !== d.contentHash) broken.push({ disclosureId: d.id, seq: d.seq, problem: 'not_as_audited' });
    prev = d.contentHash;
  });
  await audit(ctx, principal, {
    action: 'motion.disclosures_verify',
    objectType: 'congress',
    objectId: congress.id,
    orgId: congress.orgId,
    details: { checked: rows.length, broken: broken.length },
  });
  return { ok: broken.length === 0, checked: rows.length, broken };
}
