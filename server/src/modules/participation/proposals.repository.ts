import { and, asc, avg, count, desc, eq, exists, gte, ilike, inArray, lt, notInArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../kernel/db/client.js';
import { files, orgs, staff } from '../../kernel/db/kernel.tables.js';
import { before, within } from '../../kernel/db/operators.js';
import { members } from '../members/index.js';
import { congresses, congressRepresentatives } from './congresses.tables.js';
import { proposalAttachments, proposalCosigners, proposalReminders, proposals } from './proposals.tables.js';
import type { ProposalState } from './proposals.workflow.js';

export type NewProposal = typeof proposals.$inferInsert;
export type ProposalPatch = Partial<
  Omit<NewProposal, 'id' | 'congressId' | 'proposerId' | 'status' | 'statusChangedAt' | 'dueAt' | 'createdAt'>
>;

const congressOrgs = alias(orgs, 'congress_org');
const handlerOrgs = alias(orgs, 'handler_org');
const proposerOrgs = alias(orgs, 'proposer_org');
const proposerReps = alias(congressRepresentatives, 'proposer_rep');

/** The states that end the loop: not in the `open` filter. */
export const endStates: ProposalState[] = ['closed', 'closed_dissatisfied', 'rejected', 'converted', 'withdrawn'];

function selectProposals(db: Db) {
  const p = proposals;
  return db
    .select({
      id: p.id,
      congressId: p.congressId,
      congressName: congresses.name,
      congressStatus: congresses.status,
      congressOrgId: congresses.orgId,
      congressOrgName: congressOrgs.name,
      congressOrgPath: congressOrgs.path,
      proposerId: p.proposerId,
      proposerMemberId: proposerReps.memberId,
      proposerName: members.name,
      proposerOrgId: members.orgId,
      proposerOrgName: proposerOrgs.name,
      title: p.title,
      body: p.body,
      category: p.category,
      status: p.status,
      statusChangedAt: p.statusChangedAt,
      dueAt: p.dueAt,
      reviewReason: p.reviewReason,
      handlerOrgId: p.handlerOrgId,
      handlerOrgName: handlerOrgs.name,
      handlerOrgPath: handlerOrgs.path,
      assignedAt: p.assignedAt,
      externalPlatform: p.externalPlatform,
      externalRef: p.externalRef,
      referredAt: p.referredAt,
      reply: p.reply,
      replySource: p.replySource,
      repliedAt: p.repliedAt,
      reopenCount: p.reopenCount,
      ratingScore: p.ratingScore,
      ratingSatisfied: p.ratingSatisfied,
      ratingComment: p.ratingComment,
      ratedAt: p.ratedAt,
      closedAt: p.closedAt,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    })
    .from(p)
    .innerJoin(congresses, eq(congresses.id, p.congressId))
    .innerJoin(congressOrgs, eq(congressOrgs.id, congresses.orgId))
    .innerJoin(proposerReps, eq(proposerReps.id, p.proposerId))
    .innerJoin(members, eq(members.id, proposerReps.memberId))
    .innerJoin(proposerOrgs, eq(proposerOrgs.id, members.orgId))
    .leftJoin(handlerOrgs, eq(handlerOrgs.id, p.handlerOrgId))
    .$dynamic();
}
export type ProposalRow = Awaited<ReturnType<typeof selectProposals>>[number];

export async function findProposal(db: Db, id: string): Promise<ProposalRow | null> {
  const [row] = await selectProposals(db).where(eq(proposals.id, id));
  return row ?? null;
}

export interface ProposalFilter {
  /** Members: the proposals this member made or was named to co-sign. */
  memberId?: string | undefined;
  /** Staff: proposals of congresses in this subtree, or assigned to a handling body in it. */
  scope?: string | undefined;
  /** Staff's `mine=true`: only those assigned to a handling body in this subtree. */
  handlerScope?: string | undefined;
  congressId?: string | undefined;
  status?: ProposalState | 'open' | undefined;
  category?: string | undefined;
  /** Being handled past the due time as of this instant. */
  overdueAt?: Date | undefined;
  handlerOrgId?: string | undefined;
  q?: string | undefined;
}

function conditions(db: Db, f: ProposalFilter) {
  const p = proposals;
  const cosigned = alias(congressRepresentatives, 'cosigner_rep');
  return and(
    f.memberId
      ? or(
          eq(proposerReps.memberId, f.memberId),
          exists(
            db
              .select({ one: sql`1` })
              .from(proposalCosigners)
              .innerJoin(cosigned, eq(cosigned.id, proposalCosigners.representativeId))
              .where(and(eq(proposalCosigners.proposalId, p.id), eq(cosigned.memberId, f.memberId))),
          ),
        )
      : undefined,
    f.scope ? or(within(congressOrgs.path, f.scope), within(handlerOrgs.path, f.scope)) : undefined,
    f.handlerScope ? within(handlerOrgs.path, f.handlerScope) : undefined,
    f.congressId ? eq(p.congressId, f.congressId) : undefined,
    f.status === 'open' ? notInArray(p.status, endStates) : f.status ? eq(p.status, f.status) : undefined,
    f.category ? eq(p.category, f.category as NewProposal['category']) : undefined,
    f.overdueAt ? and(eq(p.status, 'assigned'), lt(p.dueAt, f.overdueAt)) : undefined,
    f.handlerOrgId ? eq(p.handlerOrgId, f.handlerOrgId) : undefined,
    f.q ? ilike(p.title, `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
  );
}

/** A page of proposals, newest first. */
export async function listProposals(
  db: Db,
  f: ProposalFilter,
  limit: number,
  after: { createdAt: string; id: string } | null,
): Promise<ProposalRow[]> {
  return selectProposals(db)
    .where(
      and(conditions(db, f), after ? before(proposals.createdAt, proposals.id, after.createdAt, after.id) : undefined),
    )
    .orderBy(desc(proposals.createdAt), desc(proposals.id))
    .limit(limit + 1);
}

export async function insertProposal(db: Db, row: NewProposal): Promise<string> {
  const [created] = await db.insert(proposals).values(row).returning({ id: proposals.id });
  return created!.id;
}

export async function updateProposal(db: Db, id: string, patch: ProposalPatch): Promise<void> {
  await db.update(proposals).set(patch).where(eq(proposals.id, id));
}

/** Locks the proposal for a step and reads what the step decides by (the engine locks the same row again). */
export async function lockProposal(db: Db, id: string) {
  const [row] = await db
    .select({
      status: proposals.status,
      reopenCount: proposals.reopenCount,
      handlerOrgId: proposals.handlerOrgId,
      replySource: proposals.replySource,
      repliedAt: proposals.repliedAt,
    })
    .from(proposals)
    .where(eq(proposals.id, id))
    .for('update');
  return row ?? null;
}

/** Representatives of a congress among `ids`: their member and status (to check the proposer's co-signers). */
export async function representativesAmong(db: Db, congressId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: congressRepresentatives.id,
      memberId: congressRepresentatives.memberId,
      status: congressRepresentatives.status,
    })
    .from(congressRepresentatives)
    .where(and(eq(congressRepresentatives.congressId, congressId), inArray(congressRepresentatives.id, ids)));
}

export async function insertCosigners(db: Db, proposalId: string, representativeIds: string[]): Promise<void> {
  if (representativeIds.length > 0)
    await db
      .insert(proposalCosigners)
      .values(
        representativeIds.map((representativeId) => ({ proposalId, representativeId, status: 'pending' as const })),
      );
}

function selectCosigners(db: Db) {
  return db
    .select({
      proposalId: proposalCosigners.proposalId,
      representativeId: proposalCosigners.representativeId,
      memberId: congressRepresentatives.memberId,
      representativeStatus: congressRepresentatives.status,
      name: members.name,
      status: proposalCosigners.status,
      answeredAt: proposalCosigners.answeredAt,
    })
    .from(proposalCosigners)
    .innerJoin(congressRepresentatives, eq(congressRepresentatives.id, proposalCosigners.representativeId))
    .innerJoin(members, eq(members.id, congressRepresentatives.memberId));
}
export type CosignerRow = Omit<Awaited<ReturnType<typeof selectCosigners>>[number], 'proposalId'>;

/** The co-signers of several proposals in one query (a page), by proposal id, in name order. */
export async function cosignersOf(db: Db, proposalIds: string[]): Promise<Map<string, CosignerRow[]>> {
  const byProposal = new Map<string, CosignerRow[]>(proposalIds.map((id) => [id, []]));
  if (proposalIds.length === 0) return byProposal;
  const rows = await selectCosigners(db)
    .where(inArray(proposalCosigners.proposalId, proposalIds))
    .orderBy(asc(members.name), asc(proposalCosigners.representativeId));
  for (const { proposalId, ...row } of rows) byProposal.get(proposalId)?.push(row);
  return byProposal;
}

/** A named co-signer's answer, once: false when they already answered. */
export async function answerCosignature(
  db: Db,
  proposalId: string,
  representativeId: string,
  status: 'agreed' | 'declined',
  at: Date,
): Promise<boolean> {
  const rows = await db
    .update(proposalCosigners)
    .set({ status, answeredAt: at })
    .where(
      and(
        eq(proposalCosigners.proposalId, proposalId),
        eq(proposalCosigners.representativeId, representativeId),
        eq(proposalCosigners.status, 'pending'),
      ),
    )
    .returning({ proposalId: proposalCosigners.proposalId });
  return rows.length > 0;
}

export async function ownedFileIds(db: Db, ownerId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: files.id })
    .from(files)
    .where(and(eq(files.ownerKind, 'worker'), eq(files.ownerId, ownerId), inArray(files.id, ids)));
  return new Set(rows.map((r) => r.id));
}

/** The proposal's attachments become exactly `fileIds`. */
export async function replaceAttachments(db: Db, proposalId: string, fileIds: string[]): Promise<void> {
  await db.delete(proposalAttachments).where(eq(proposalAttachments.proposalId, proposalId));
  if (fileIds.length > 0)
    await db.insert(proposalAttachments).values(fileIds.map((fileId) => ({ proposalId, fileId })));
}

function selectAttachments(db: Db) {
  return db
    .select({
      proposalId: proposalAttachments.proposalId,
      id: files.id,
      fileName: files.fileName,
      mediaType: files.mediaType,
      sizeBytes: files.sizeBytes,
    })
    .from(proposalAttachments)
    .innerJoin(files, eq(files.id, proposalAttachments.fileId));
}
export type AttachmentRow = Omit<Awaited<ReturnType<typeof selectAttachments>>[number], 'proposalId'>;

/** The attachments of several proposals in one query, by proposal id. */
export async function attachmentsOf(db: Db, proposalIds: string[]): Promise<Map<string, AttachmentRow[]>> {
  const byProposal = new Map<string, AttachmentRow[]>(proposalIds.map((id) => [id, []]));
  if (proposalIds.length === 0) return byProposal;
  const rows = await selectAttachments(db)
    .where(inArray(proposalAttachments.proposalId, proposalIds))
    .orderBy(asc(files.createdAt), asc(files.id));
  for (const { proposalId, ...file } of rows) byProposal.get(proposalId)?.push(file);
  return byProposal;
}

export async function isAttachedTo(db: Db, proposalId: string, fileId: string): Promise<boolean> {
  const [row] = await db
    .select({ fileId: proposalAttachments.fileId })
    .from(proposalAttachments)
    .where(and(eq(proposalAttachments.proposalId, proposalId), eq(proposalAttachments.fileId, fileId)));
  return row !== undefined;
}

/**
 * Active staff at these orgs (not above or below) who run participation (participation_officer or org_admin): the
 * committee's or the handling body's people to tell.
 */
export async function participationStaffAt(db: Db, orgIds: string[]) {
  if (orgIds.length === 0) return [];
  return db
    .select({ id: staff.id, orgId: staff.orgId })
    .from(staff)
    .where(
      and(
        inArray(staff.orgId, orgIds),
        eq(staff.active, true),
        sql`${staff.roles} && array['participation_officer', 'org_admin']::text[]`,
      ),
    );
}

/** Proposals being handled whose due time falls in [from, to), of active congress terms: the sweep's candidates. */
export async function dueBetween(db: Db, from: Date, to: Date) {
  return db
    .select({
      id: proposals.id,
      title: proposals.title,
      handlerOrgId: proposals.handlerOrgId,
      dueAt: proposals.dueAt,
    })
    .from(proposals)
    .innerJoin(congresses, eq(congresses.id, proposals.congressId))
    .where(
      and(
        eq(proposals.status, 'assigned'),
        gte(proposals.dueAt, from),
        lt(proposals.dueAt, to),
        eq(congresses.status, 'active'),
      ),
    )
    .orderBy(asc(proposals.dueAt), asc(proposals.id));
}

/** Records reminders; answers those not sent before (the others are left as they were). */
export async function insertReminders(
  db: Db,
  rows: { proposalId: string; kind: 'due_tomorrow' | 'due_today'; onDate: string; sentAt: Date }[],
) {
  if (rows.length === 0) return [];
  return db
    .insert(proposalReminders)
    .values(rows)
    .onConflictDoNothing()
    .returning({ proposalId: proposalReminders.proposalId, kind: proposalReminders.kind });
}

/** How many proposals of a congress are in each state. */
export async function countByStatus(db: Db, congressId: string) {
  return db
    .select({ status: proposals.status, n: count() })
    .from(proposals)
    .where(eq(proposals.congressId, congressId))
    .groupBy(proposals.status);
}

/** A congress's answered, overdue and rated proposals (the latest rating of each). */
export async function proposalFigures(db: Db, congressId: string, now: Date) {
  const p = proposals;
  const [row] = await db
    .select({
      answered: count(p.repliedAt),
      overdue:
        sql<number>`count(*) filter (where ${p.status} = 'assigned' and ${p.dueAt} < ${now.toISOString()}::timestamptz)`.mapWith(
          Number,
        ),
      rated: count(p.ratingScore),
      satisfied: sql<number>`count(*) filter (where ${p.ratingSatisfied})`.mapWith(Number),
      averageRating: avg(p.ratingScore).mapWith((v: unknown) => (v === null ? null : Number(v))),
    })
    .from(p)
    .where(eq(p.congressId, congressId));
  return row!;
}
