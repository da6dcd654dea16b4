import { and, asc, desc, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import { auditLog, files, notifications, orgs, workerAccounts } from '../../kernel/db/kernel.tables.js';
import { z } from 'zod';
import { pgArray, type Db } from '../../kernel/db/client.js';
import { rawStatement, runRaw } from '../../kernel/db/raw.js';
import { anyOf } from '../../kernel/db/operators.js';
import { members } from '../members/index.js';
import { congresses, congressRepresentatives } from './congresses.tables.js';
import type { BallotChoice, BallotCounts } from './motions.rule.js';
import { motionBallots, motionDisclosures, motions } from './motions.tables.js';

export type NewMotion = typeof motions.$inferInsert;

function selectMotions(db: Db) {
  const m = motions;
  return db
    .select({
      id: m.id,
      congressId: m.congressId,
      congressName: congresses.name,
      congressStatus: congresses.status,
      orgId: congresses.orgId,
      orgName: orgs.name,
      orgPath: orgs.path,
      title: m.title,
      body: m.body,
      documentFileId: m.documentFileId,
      documentFileName: files.fileName,
      documentMediaType: files.mediaType,
      opensAt: m.opensAt,
      closesAt: m.closesAt,
      closedAt: m.closedAt,
      createdAt: m.createdAt,
      resultFor: m.resultFor,
      resultAgainst: m.resultAgainst,
      resultAbstain: m.resultAbstain,
      resultRepresentatives: m.resultRepresentatives,
      disclosureId: motionDisclosures.id,
      disclosureHash: motionDisclosures.contentHash,
    })
    .from(m)
    .innerJoin(congresses, eq(congresses.id, m.congressId))
    .innerJoin(orgs, eq(orgs.id, congresses.orgId))
    .leftJoin(files, eq(files.id, m.documentFileId))
    .leftJoin(motionDisclosures, eq(motionDisclosures.motionId, m.id))
    .$dynamic();
}
export type MotionRow = Awaited<ReturnType<typeof selectMotions>>[number];

export async function findMotion(db: Db, id: string): Promise<MotionRow | null> {
  const [row] = await selectMotions(db).where(eq(motions.id, id));
  return row ?? null;
}

/** Many motions in one query: what a burst of ballots needs to know before they join a batch. */
export async function findMotions(db: Db, ids: readonly string[]): Promise<MotionRow[]> {
  if (ids.length === 0) return [];
  return selectMotions(db).where(anyOf(motions.id, ids, 'uuid'));
}

/** A congress's motions: open and scheduled ones first (by opening), then the closed ones, newest first. */
export async function motionsOfCongresses(db: Db, congressIds: readonly string[]): Promise<MotionRow[]> {
  if (congressIds.length === 0) return [];
  return selectMotions(db)
    .where(anyOf(motions.congressId, congressIds, 'uuid'))
    .orderBy(sql`${motions.closedAt} is not null`, desc(motions.opensAt), desc(motions.id))
    .limit(500);
}

export async function insertMotion(db: Db, row: NewMotion): Promise<string> {
  const [created] = await db.insert(motions).values(row).returning({ id: motions.id });
  return created!.id;
}

/** The caller's own uploaded file (a motion's document is named by its uploader only). */
export async function ownedFile(db: Db, ownerKind: string, ownerId: string, id: string) {
  const [row] = await db
    .select({ id: files.id })
    .from(files)
    .where(and(eq(files.id, id), eq(files.ownerKind, ownerKind), eq(files.ownerId, ownerId)));
  return row ?? null;
}

/**
 * The motion's row for the ballots of a batch, locked for share: a close (which locks it for update) waits for the
 * batch to commit, and a batch after the close sees it closed. Null when gone.
 */
export async function motionForBallots(db: Db, id: string) {
  const [row] = await db
    .select({ opensAt: motions.opensAt, closesAt: motions.closesAt, closedAt: motions.closedAt })
    .from(motions)
    .where(eq(motions.id, id))
    .for('share');
  return row ?? null;
}

/** Locks the motion for its close: no ballot batch commits in between the count and the result. */
export async function lockMotion(db: Db, id: string) {
  const [row] = await db.select({ closedAt: motions.closedAt }).from(motions).where(eq(motions.id, id)).for('update');
  return row ?? null;
}

/** The active representative rows of these members in a congress, by member. */
export async function activeRepresentativesOfMembers(
  db: Db,
  congressId: string,
  memberIds: readonly string[],
): Promise<Map<string, string>> {
  if (memberIds.length === 0) return new Map();
  const r = congressRepresentatives;
  const rows = await db
    .select({ id: r.id, memberId: r.memberId })
    .from(r)
    .where(and(eq(r.congressId, congressId), eq(r.status, 'active'), anyOf(r.memberId, memberIds, 'uuid')));
  return new Map(rows.map((row) => [row.memberId, row.id]));
}

/**
 * Raw: the ballots of a batch in one statement, one array parameter per column whatever the batch size (a whole
 * congress's ballots); answers the representatives whose ballot is new (the others had voted: the primary key).
 */
export const insertBallotsStatement = rawStatement(
  z.strictObject({ representativeId: z.string() }),
  (motionId: string, ballots: readonly { representativeId: string; choice: BallotChoice }[], castAt: Date) =>
    sql`insert into motion_ballots (motion_id, representative_id, choice, cast_at)
        select ${motionId}::uuid, t.r, t.c, ${castAt.toISOString()}::timestamptz
        from unnest(${pgArray(ballots.map((b) => b.representativeId))}::uuid[], ${pgArray(ballots.map((b) => b.choice))}::text[]) as t(r, c)
        on conflict (motion_id, representative_id) do nothing
        returning representative_id as "representativeId"`,
);

export async function insertBallots(
  db: Db,
  motionId: string,
  ballots: readonly { representativeId: string; choice: BallotChoice }[],
  castAt: Date,
): Promise<Set<string>> {
  if (ballots.length === 0) return new Set();
  const rows = await runRaw(db, insertBallotsStatement, motionId, ballots, castAt);
  return new Set(rows.map((r) => r.representativeId));
}

export async function ballotCounts(db: Db, motionId: string): Promise<BallotCounts> {
  const rows = await db
    .select({ choice: motionBallots.choice, n: sql<number>`count(*)`.mapWith(Number) })
    .from(motionBallots)
    .where(eq(motionBallots.motionId, motionId))
    .groupBy(motionBallots.choice);
  const counts: BallotCounts = { for: 0, against: 0, abstain: 0 };
  for (const r of rows) counts[r.choice] = r.n;
  return counts;
}

/**
 * The representatives a vote counts ("all representatives"): every active representative of the congress, and anyone
 * who voted on the motion while active and was removed since (their ballot stays counted, so voted ≤ representatives).
 */
export async function representativesOfMotion(db: Db, congressId: string, motionId: string): Promise<number> {
  const r = congressRepresentatives;
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(r)
    .where(
      and(
        eq(r.congressId, congressId),
        sql`(${r.status} = 'active' or exists (select 1 from ${motionBallots} b where b.motion_id = ${motionId} and b.representative_id = ${r.id}))`,
      ),
    );
  return row?.n ?? 0;
}

/** A representative's own ballots on these motions, by motion. */
export async function choicesOf(
  db: Db,
  representativeIds: readonly string[],
  motionIds: readonly string[],
): Promise<Map<string, BallotChoice>> {
  if (representativeIds.length === 0 || motionIds.length === 0) return new Map();
  const rows = await db
    .select({ motionId: motionBallots.motionId, choice: motionBallots.choice })
    .from(motionBallots)
    .where(
      and(
        anyOf(motionBallots.motionId, motionIds, 'uuid'),
        anyOf(motionBallots.representativeId, representativeIds, 'uuid'),
      ),
    );
  return new Map(rows.map((r) => [r.motionId, r.choice]));
}

export async function setResult(
  db: Db,
  id: string,
  r: { closedAt: Date; closedBy: string; counts: BallotCounts; representatives: number },
): Promise<void> {
  await db
    .update(motions)
    .set({
      closedAt: r.closedAt,
      closedBy: r.closedBy,
      resultFor: r.counts.for,
      resultAgainst: r.counts.against,
      resultAbstain: r.counts.abstain,
      resultRepresentatives: r.representatives,
    })
    .where(eq(motions.id, id));
}

/** Who voted (never how), for attendance: every active representative and the time of their ballot if any. */
export async function attendance(db: Db, congressId: string, motionId: string) {
  const r = congressRepresentatives;
  return db
    .select({
      representativeId: r.id,
      name: members.name,
      delegation: r.delegation,
      votedAt: motionBallots.castAt,
    })
    .from(r)
    .innerJoin(members, eq(members.id, r.memberId))
    .leftJoin(motionBallots, and(eq(motionBallots.representativeId, r.id), eq(motionBallots.motionId, motionId)))
    .where(and(eq(r.congressId, congressId), sql`(${r.status} = 'active' or ${motionBallots.castAt} is not null)`))
    .orderBy(asc(members.name), asc(r.id));
}

/** Serialises the disclosures of one org's board: two closes never take the same link of its chain. */
export async function lockDisclosureChain(db: Db, orgId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`motion_disclosures:${orgId}`}))`);
}

export async function lastDisclosure(db: Db, orgId: string) {
  const [row] = await db
    .select({ seq: motionDisclosures.seq, contentHash: motionDisclosures.contentHash })
    .from(motionDisclosures)
    .where(eq(motionDisclosures.orgId, orgId))
    .orderBy(desc(motionDisclosures.seq))
    .limit(1);
  return row ?? null;
}

export async function insertDisclosure(db: Db, row: typeof motionDisclosures.$inferInsert): Promise<string> {
  const [created] = await db.insert(motionDisclosures).values(row).returning({ id: motionDisclosures.id });
  return created!.id;
}

export async function findDisclosure(db: Db, id: string) {
  const d = motionDisclosures;
  const [row] = await db
    .select({
      id: d.id,
      seq: d.seq,
      content: d.content,
      contentHash: d.contentHash,
      prevHash: d.prevHash,
      publishedAt: d.publishedAt,
      orgName: orgs.name,
      congressName: congresses.name,
      motionTitle: motions.title,
    })
    .from(d)
    .innerJoin(orgs, eq(orgs.id, d.orgId))
    .innerJoin(motions, eq(motions.id, d.motionId))
    .innerJoin(congresses, eq(congresses.id, motions.congressId))
    .where(eq(d.id, id));
  return row ?? null;
}

/** An org's chain of disclosures in order, with the result its motion holds (for the verifier). */
export async function disclosuresOfOrg(db: Db, orgId: string) {
  const d = motionDisclosures;
  return db
    .select({
      id: d.id,
      motionId: d.motionId,
      seq: d.seq,
      content: d.content,
      contentHash: d.contentHash,
      prevHash: d.prevHash,
      resultFor: motions.resultFor,
      resultAgainst: motions.resultAgainst,
      resultAbstain: motions.resultAbstain,
      resultRepresentatives: motions.resultRepresentatives,
    })
    .from(d)
    .innerJoin(motions, eq(motions.id, d.motionId))
    .where(eq(d.orgId, orgId))
    .orderBy(asc(d.seq));
}

/** The close records the audit log holds for an org's motions: the hash each disclosure had when published. */
export async function closeRecords(db: Db, orgId: string) {
  return db
    .select({ details: auditLog.details })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'motion.close'), eq(auditLog.objectType, 'motion'), eq(auditLog.orgId, orgId)));
}

/** The app accounts of a congress's active representatives (those who have signed in once): who is told. */
export async function representativeAccounts(db: Db, congressId: string): Promise<string[]> {
  const r = congressRepresentatives;
  const rows = await db
    .select({ id: workerAccounts.id })
    .from(r)
    .innerJoin(members, eq(members.id, r.memberId))
    .innerJoin(workerAccounts, eq(workerAccounts.phoneHash, members.phoneHash))
    .where(and(eq(r.congressId, congressId), eq(r.status, 'active')));
  return rows.map((row) => row.id);
}

/** One notification per account, in one statement. */
export async function notifyAccounts(
  db: Db,
  accountIds: readonly string[],
  message: { title: string; body: string; link: string },
): Promise<void> {
  if (accountIds.length === 0) return;
  await db
    .insert(notifications)
    .values(accountIds.map((id) => ({ recipientKind: 'worker', recipientId: id, ...message })));
}

/** Motions open now that their representatives have not been told of (claimed by setting announced_at). */
export async function claimUnannounced(db: Db, now: Date) {
  return db
    .update(motions)
    .set({ announcedAt: now })
    .where(
      and(
        isNull(motions.announcedAt),
        isNull(motions.closedAt),
        lte(motions.opensAt, now),
        // Not one whose window has already passed (a server that was down through it): there is nothing to vote on.
        or(isNull(motions.closesAt), gt(motions.closesAt, now)),
      ),
    )
    .returning({ id: motions.id, congressId: motions.congressId, title: motions.title });
}

export async function markAnnounced(db: Db, id: string, at: Date): Promise<void> {
  await db.update(motions).set({ announcedAt: at }).where(eq(motions.id, id));
}
