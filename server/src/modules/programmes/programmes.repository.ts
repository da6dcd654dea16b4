import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  notExists,
  notInArray,
  or,
  sql,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { pgArray, type Db } from '../../kernel/db/client.js';
import { auditLog, files, orgs, workerAccounts } from '../../kernel/db/kernel.tables.js';
import { anyOf, before, containing, within } from '../../kernel/db/operators.js';
import { members } from '../members/index.js';
import {
  disbursementBatches,
  programmeApplicationAttachments,
  programmeApplications,
  programmePayments,
  programmeNoticeEntries,
  programmeNotices,
  programmeObjections,
  programmes,
} from './programmes.tables.js';
import { reviewStates } from './programmes.workflow.js';

export type NewProgramme = typeof programmes.$inferInsert;
export type NewApplication = typeof programmeApplications.$inferInsert;
export type NewNotice = typeof programmeNotices.$inferInsert;

function selectProgrammes(db: Db) {
  const p = programmes;
  return db
    .select({
      id: p.id,
      kind: p.kind,
      title: p.title,
      orgId: p.orgId,
      orgName: orgs.name,
      orgPath: orgs.path,
      opensAt: p.opensAt,
      closesAt: p.closesAt,
      rules: p.rules,
      createdAt: p.createdAt,
    })
    .from(p)
    .innerJoin(orgs, eq(orgs.id, p.orgId))
    .$dynamic();
}
export type ProgrammeRow = Awaited<ReturnType<typeof selectProgrammes>>[number];

export async function insertProgramme(db: Db, row: NewProgramme): Promise<string> {
  const [created] = await db.insert(programmes).values(row).returning({ id: programmes.id });
  return created!.id;
}

export async function findProgramme(db: Db, id: string): Promise<ProgrammeRow | null> {
  const [row] = await selectProgrammes(db).where(eq(programmes.id, id));
  return row ?? null;
}

/** Locks the programme's row until the transaction ends: its notices are published one at a time (the chain). */
export async function lockProgramme(db: Db, id: string): Promise<void> {
  await db.select({ id: programmes.id }).from(programmes).where(eq(programmes.id, id)).for('update');
}

/**
 * Programmes run by an org of `scope`'s subtree, or (`servingPath`) by the org at that path or one of its ancestors
 * (the programmes a member of that org may apply to): either, when both are given. One of them is always given.
 */
export async function listProgrammes(
  db: Db,
  filter: { scope?: string; servingPath?: string; kind?: string },
  limit: number,
  after: { createdAt: string; id: string } | null,
): Promise<ProgrammeRow[]> {
  return selectProgrammes(db)
    .where(
      and(
        or(
          filter.scope ? within(orgs.path, filter.scope) : undefined,
          filter.servingPath ? containing(orgs.path, filter.servingPath) : undefined,
        ),
        filter.kind ? eq(programmes.kind, filter.kind as ProgrammeRow['kind']) : undefined,
        after ? before(programmes.createdAt, programmes.id, after.createdAt, after.id) : undefined,
      ),
    )
    .orderBy(desc(programmes.createdAt), desc(programmes.id))
    .limit(limit + 1);
}

/** A member of the registry with their union's path: whom an application is for. */
export async function findMember(db: Db, id: string) {
  const [row] = await db
    .select({ id: members.id, name: members.name, orgId: members.orgId, orgPath: orgs.path })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(eq(members.id, id));
  return row ?? null;
}

/** The member's app account (same phone), when they have signed in once: where their notifications go. */
export async function workerAccountOfMember(db: Db, memberId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: workerAccounts.id })
    .from(members)
    .innerJoin(workerAccounts, eq(workerAccounts.phoneHash, members.phoneHash))
    .where(eq(members.id, memberId));
  return row?.id ?? null;
}

const programmeOrgs = alias(orgs, 'programme_org');

function selectApplications(db: Db) {
  const a = programmeApplications;
  return db
    .select({
      id: a.id,
      programmeId: a.programmeId,
      programmeTitle: programmes.title,
      programmeKind: programmes.kind,
      programmeRules: programmes.rules,
      programmeOrgId: programmes.orgId,
      programmeOrgPath: programmeOrgs.path,
      memberId: a.memberId,
      memberName: members.name,
      orgId: a.orgId,
      orgName: orgs.name,
      orgPath: orgs.path,
      period: a.period,
      details: a.details,
      amountFen: a.amountFen,
      payeeBank: a.payeeBank,
      payeeAccountMasked: a.payeeAccountMasked,
      reviewChain: a.reviewChain,
      status: a.status,
      createdAt: a.createdAt,
    })
    .from(a)
    .innerJoin(programmes, eq(programmes.id, a.programmeId))
    .innerJoin(programmeOrgs, eq(programmeOrgs.id, programmes.orgId))
    .innerJoin(members, eq(members.id, a.memberId))
    .innerJoin(orgs, eq(orgs.id, a.orgId))
    .$dynamic();
}
export type ApplicationRow = Awaited<ReturnType<typeof selectApplications>>[number];

export async function insertApplication(db: Db, row: NewApplication): Promise<string> {
  const [created] = await db.insert(programmeApplications).values(row).returning({ id: programmeApplications.id });
  return created!.id;
}

export async function findApplication(db: Db, id: string): Promise<ApplicationRow | null> {
  const [row] = await selectApplications(db).where(eq(programmeApplications.id, id));
  return row ?? null;
}

export async function memberOfApplication(db: Db, id: string): Promise<string | null> {
  const [row] = await db
    .select({ memberId: programmeApplications.memberId })
    .from(programmeApplications)
    .where(eq(programmeApplications.id, id));
  return row?.memberId ?? null;
}

/** Applications by id (any order; missing ids are absent). */
export async function applicationsByIds(db: Db, ids: readonly string[]): Promise<ApplicationRow[]> {
  if (ids.length === 0) return [];
  return selectApplications(db).where(anyOf(programmeApplications.id, ids, 'uuid'));
}

/** Locks the application's row: the checks before an action hold until it commits. */
export async function lockApplication(db: Db, id: string): Promise<string | null> {
  const [row] = await db
    .select({ status: programmeApplications.status })
    .from(programmeApplications)
    .where(eq(programmeApplications.id, id))
    .for('update');
  return row?.status ?? null;
}

/** The member's application to the programme for the period that is neither rejected nor withdrawn. */
export async function activeApplicationFor(db: Db, programmeId: string, memberId: string, period: string) {
  const a = programmeApplications;
  const [row] = await db
    .select({ id: a.id })
    .from(a)
    .where(
      and(
        eq(a.programmeId, programmeId),
        eq(a.memberId, memberId),
        eq(a.period, period),
        notInArray(a.status, ['rejected', 'withdrawn']),
      ),
    );
  return row ?? null;
}

export async function updateApplication(
  db: Db,
  id: string,
  values: Partial<
    Pick<NewApplication, 'amountFen' | 'details' | 'payeeBank' | 'payeeAccountEnc' | 'payeeAccountMasked'>
  >,
): Promise<void> {
  // A resubmission that changes nothing (a note only) has nothing to write.
  if (Object.keys(values).length === 0) return;
  await db.update(programmeApplications).set(values).where(eq(programmeApplications.id, id));
}

/**
 * A member's own applications, or those of `scope`'s unions (optionally of one programme and state); `reviewerOrgId`:
 * only those waiting for that org — its review level, or, for the programme's org, publicity and approval.
 */
export async function listApplications(
  db: Db,
  filter: { memberId?: string; scope?: string; programmeId?: string; status?: string; reviewerOrgId?: string },
  limit: number,
  after: { createdAt: string; id: string } | null,
): Promise<ApplicationRow[]> {
  const a = programmeApplications;
  return selectApplications(db)
    .where(
      and(
        filter.memberId ? eq(a.memberId, filter.memberId) : undefined,
        filter.scope ? within(orgs.path, filter.scope) : undefined,
        filter.programmeId ? eq(a.programmeId, filter.programmeId) : undefined,
        filter.status ? eq(a.status, filter.status as ApplicationRow['status']) : undefined,
        // review_k's level is k (array_position), and the chain's k-th org reviews it; other states index nothing.
        filter.reviewerOrgId
          ? or(
              sql`${a.reviewChain}[array_position(${pgArray(reviewStates)}::text[], ${a.status})] = ${filter.reviewerOrgId}::uuid`,
              // Reviewed or on notice: the programme's own organisation publishes and approves.
              and(inArray(a.status, ['reviewed', 'publicity']), eq(programmes.orgId, filter.reviewerOrgId)),
            )
          : undefined,
        after ? before(a.createdAt, a.id, after.createdAt, after.id) : undefined,
      ),
    )
    .orderBy(desc(a.createdAt), desc(a.id))
    .limit(limit + 1);
}

/** What a member has applied for in a programme since `since`, not counting rejected or withdrawn applications. */
export async function sumAppliedSince(db: Db, programmeId: string, memberId: string, since: Date): Promise<number> {
  const a = programmeApplications;
  const [row] = await db
    .select({ total: sql<string | null>`sum(${a.amountFen})` })
    .from(a)
    .where(
      and(
        eq(a.programmeId, programmeId),
        eq(a.memberId, memberId),
        gte(a.createdAt, since),
        notInArray(a.status, ['rejected', 'withdrawn']),
      ),
    );
  return Number(row?.total ?? 0);
}

/** Serialises one member's applications to one programme (the yearly cap counts what is already there). */
export async function lockMemberApplications(db: Db, programmeId: string, memberId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`programme:${programmeId}`}), hashtext(${memberId}))`);
}

export async function attachFiles(db: Db, applicationId: string, fileIds: string[]): Promise<void> {
  if (fileIds.length > 0)
    await db.insert(programmeApplicationAttachments).values(fileIds.map((fileId) => ({ applicationId, fileId })));
}

/** Of `ids`, the files uploaded by `owner`. */
export async function ownedFileIds(
  db: Db,
  owner: { ownerKind: string; ownerId: string },
  ids: string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: files.id })
    .from(files)
    .where(and(eq(files.ownerKind, owner.ownerKind), eq(files.ownerId, owner.ownerId), inArray(files.id, ids)));
  return new Set(rows.map((r) => r.id));
}

/** The attachments of many applications in one query (a list's page). */
export async function attachmentsOfApplications(db: Db, ids: readonly string[]): Promise<Map<string, string[]>> {
  const byApplication = new Map<string, string[]>();
  if (ids.length === 0) return byApplication;
  const rows = await db
    .select({
      applicationId: programmeApplicationAttachments.applicationId,
      id: programmeApplicationAttachments.fileId,
    })
    .from(programmeApplicationAttachments)
    .where(anyOf(programmeApplicationAttachments.applicationId, ids, 'uuid'))
    .orderBy(asc(programmeApplicationAttachments.fileId));
  for (const r of rows) byApplication.set(r.applicationId, [...(byApplication.get(r.applicationId) ?? []), r.id]);
  return byApplication;
}

/** The names of the orgs of review chains. */
export async function orgNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: orgs.id, name: orgs.name })
    .from(orgs)
    .where(anyOf(orgs.id, ids, 'uuid'));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The programme's last notice: the link the next one chains to. */
export async function lastNotice(db: Db, programmeId: string) {
  const [row] = await db
    .select({ seq: programmeNotices.seq, contentHash: programmeNotices.contentHash })
    .from(programmeNotices)
    .where(eq(programmeNotices.programmeId, programmeId))
    .orderBy(desc(programmeNotices.seq))
    .limit(1);
  return row ?? null;
}

export async function insertNotice(
  db: Db,
  notice: NewNotice,
  entries: { entryNo: number; applicationId: string }[],
): Promise<string> {
  const [created] = await db.insert(programmeNotices).values(notice).returning({ id: programmeNotices.id });
  await db.insert(programmeNoticeEntries).values(entries.map((e) => ({ ...e, noticeId: created!.id })));
  return created!.id;
}

function selectNotices(db: Db) {
  const n = programmeNotices;
  return db
    .select({
      id: n.id,
      programmeId: n.programmeId,
      programmeTitle: programmes.title,
      programmeKind: programmes.kind,
      programmeOrgPath: programmeOrgs.path,
      level: n.level,
      orgName: orgs.name,
      seq: n.seq,
      content: n.content,
      contentHash: n.contentHash,
      prevHash: n.prevHash,
      opensAt: n.opensAt,
      closesAt: n.closesAt,
    })
    .from(n)
    .innerJoin(programmes, eq(programmes.id, n.programmeId))
    .innerJoin(programmeOrgs, eq(programmeOrgs.id, programmes.orgId))
    .innerJoin(orgs, eq(orgs.id, n.orgId))
    .$dynamic();
}
export type NoticeRow = Awaited<ReturnType<typeof selectNotices>>[number];

export async function findNotice(db: Db, id: string): Promise<NoticeRow | null> {
  const [row] = await selectNotices(db).where(eq(programmeNotices.id, id));
  return row ?? null;
}

/** A programme's notices in chain order, with how many entries each links to. */
export async function noticesOfProgramme(db: Db, programmeId: string) {
  const n = programmeNotices;
  return db
    .select({
      id: n.id,
      seq: n.seq,
      content: n.content,
      contentHash: n.contentHash,
      prevHash: n.prevHash,
      opensAt: n.opensAt,
      closesAt: n.closesAt,
      entries: db.$count(programmeNoticeEntries, eq(programmeNoticeEntries.noticeId, n.id)),
    })
    .from(n)
    .where(eq(n.programmeId, programmeId))
    .orderBy(asc(n.seq));
}

/** A programme's notices, newest first, a page at a time (the public list). */
export async function publicNoticesOfProgramme(db: Db, programmeId: string, limit: number, beforeSeq: number | null) {
  const n = programmeNotices;
  return db
    .select({
      id: n.id,
      orgName: orgs.name,
      seq: n.seq,
      opensAt: n.opensAt,
      closesAt: n.closesAt,
      contentHash: n.contentHash,
      entries: db.$count(programmeNoticeEntries, eq(programmeNoticeEntries.noticeId, n.id)),
    })
    .from(n)
    .innerJoin(orgs, eq(orgs.id, n.orgId))
    .where(and(eq(n.programmeId, programmeId), beforeSeq !== null ? lt(n.seq, beforeSeq) : undefined))
    .orderBy(desc(n.seq))
    .limit(limit + 1);
}

/** The entry numbers each notice of a programme links (for the verifier). */
export async function entriesOfProgramme(db: Db, programmeId: string) {
  return db
    .select({
      noticeId: programmeNoticeEntries.noticeId,
      entryNo: programmeNoticeEntries.entryNo,
      applicationId: programmeNoticeEntries.applicationId,
    })
    .from(programmeNoticeEntries)
    .innerJoin(programmeNotices, eq(programmeNotices.id, programmeNoticeEntries.noticeId))
    .where(eq(programmeNotices.programmeId, programmeId))
    .orderBy(asc(programmeNoticeEntries.noticeId), asc(programmeNoticeEntries.entryNo));
}

/** What the (hash-chained) audit log recorded of each publication of the programme: notice ids and their hashes. */
export async function publicationRecords(db: Db, programmeId: string) {
  return db
    .select({ details: auditLog.details })
    .from(auditLog)
    .innerJoin(programmeApplications, eq(auditLog.objectId, sql`${programmeApplications.id}::text`))
    .where(
      and(
        eq(auditLog.objectType, 'programme_application'),
        eq(auditLog.action, 'programme_application.publicize'),
        eq(programmeApplications.programmeId, programmeId),
      ),
    );
}

/**
 * The notices listing the application, locked for share until the transaction ends: an objection (which locks its
 * notice for update) cannot slip in between the approval's check and its commit.
 */
export async function noticesOfApplication(db: Db, applicationId: string) {
  return db
    .select({ id: programmeNotices.id, closesAt: programmeNotices.closesAt, entryNo: programmeNoticeEntries.entryNo })
    .from(programmeNotices)
    .innerJoin(programmeNoticeEntries, eq(programmeNoticeEntries.noticeId, programmeNotices.id))
    .where(eq(programmeNoticeEntries.applicationId, applicationId))
    .orderBy(asc(programmeNotices.seq))
    .for('share', { of: programmeNotices });
}

/** Objections not yet answered on the application's notices: to the whole notice, or to the application's entry. */
export async function countUnansweredObjections(db: Db, notices: { id: string; entryNo: number }[]): Promise<number> {
  if (notices.length === 0) return 0;
  const o = programmeObjections;
  const [row] = await db
    .select({ n: count() })
    .from(o)
    .where(
      and(
        isNull(o.answer),
        or(...notices.map((n) => and(eq(o.noticeId, n.id), or(isNull(o.entryNo), eq(o.entryNo, n.entryNo))))),
      ),
    );
  return row?.n ?? 0;
}

/** The notices listing an application, for its page (where the member reads them and others may object). */
export async function noticeLinksOfApplication(db: Db, applicationId: string) {
  return db
    .select({
      id: programmeNotices.id,
      orgName: orgs.name,
      level: programmeNotices.level,
      entryNo: programmeNoticeEntries.entryNo,
      opensAt: programmeNotices.opensAt,
      closesAt: programmeNotices.closesAt,
    })
    .from(programmeNoticeEntries)
    .innerJoin(programmeNotices, eq(programmeNotices.id, programmeNoticeEntries.noticeId))
    .innerJoin(orgs, eq(orgs.id, programmeNotices.orgId))
    .where(eq(programmeNoticeEntries.applicationId, applicationId))
    .orderBy(asc(programmeNotices.seq));
}

/** Locks a notice for an objection to be added (see `noticesOfApplication`). */
export async function lockNotice(db: Db, id: string): Promise<{ closesAt: Date; opensAt: Date } | null> {
  const [row] = await db
    .select({ opensAt: programmeNotices.opensAt, closesAt: programmeNotices.closesAt })
    .from(programmeNotices)
    .where(eq(programmeNotices.id, id))
    .for('update');
  return row ?? null;
}

export async function entryExists(db: Db, noticeId: string, entryNo: number): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(programmeNoticeEntries)
    .where(and(eq(programmeNoticeEntries.noticeId, noticeId), eq(programmeNoticeEntries.entryNo, entryNo)));
  return (row?.n ?? 0) > 0;
}

export async function insertObjection(db: Db, row: typeof programmeObjections.$inferInsert): Promise<string> {
  const [created] = await db.insert(programmeObjections).values(row).returning({ id: programmeObjections.id });
  return created!.id;
}

function selectObjections(db: Db) {
  const o = programmeObjections;
  return db
    .select({
      id: o.id,
      noticeId: o.noticeId,
      entryNo: o.entryNo,
      objectorId: o.objectorId,
      content: o.content,
      createdAt: o.createdAt,
      answer: o.answer,
      answeredAt: o.answeredAt,
      programmeId: programmeNotices.programmeId,
      programmeOrgId: programmes.orgId,
      orgPath: orgs.path,
    })
    .from(o)
    .innerJoin(programmeNotices, eq(programmeNotices.id, o.noticeId))
    .innerJoin(programmes, eq(programmes.id, programmeNotices.programmeId))
    .innerJoin(orgs, eq(orgs.id, programmes.orgId))
    .$dynamic();
}
export type ObjectionRow = Awaited<ReturnType<typeof selectObjections>>[number];

export async function findObjection(db: Db, id: string): Promise<ObjectionRow | null> {
  const [row] = await selectObjections(db).where(eq(programmeObjections.id, id));
  return row ?? null;
}

export async function listObjections(
  db: Db,
  programmeId: string,
  unanswered: boolean,
  limit: number,
  after: { createdAt: string; id: string } | null,
): Promise<ObjectionRow[]> {
  const o = programmeObjections;
  return selectObjections(db)
    .where(
      and(
        eq(programmeNotices.programmeId, programmeId),
        unanswered ? isNull(o.answer) : undefined,
        after ? before(o.createdAt, o.id, after.createdAt, after.id) : undefined,
      ),
    )
    .orderBy(desc(o.createdAt), desc(o.id))
    .limit(limit + 1);
}

/** Answers an objection once: false when it already had an answer. */
export async function answerObjection(
  db: Db,
  id: string,
  values: { answer: string; answeredBy: string; answeredAt: Date },
): Promise<boolean> {
  const rows = await db
    .update(programmeObjections)
    .set(values)
    .where(and(eq(programmeObjections.id, id), isNull(programmeObjections.answer)))
    .returning({ id: programmeObjections.id });
  return rows.length > 0;
}

export async function insertBatch(db: Db, row: typeof disbursementBatches.$inferInsert): Promise<string> {
  const [created] = await db.insert(disbursementBatches).values(row).returning({ id: disbursementBatches.id });
  return created!.id;
}

/** A programme's batches, newest first, with their totals by payment status (one grouped query per page). */
export async function listBatches(
  db: Db,
  programmeId: string,
  limit: number,
  after: { createdAt: string; id: string } | null,
) {
  const b = disbursementBatches;
  const p = programmePayments;
  const status = (s: 'pending' | 'paid' | 'failed') => ({
    count: sql<number>`count(*) filter (where ${p.status} = ${s})::int`,
    fen: sql<string>`coalesce(sum(${p.amountFen}) filter (where ${p.status} = ${s}), 0)::text`,
  });
  const [pending, paid, failed] = [status('pending'), status('paid'), status('failed')];
  return db
    .select({
      id: b.id,
      programmeId: b.programmeId,
      createdAt: b.createdAt,
      pendingCount: pending.count,
      pendingFen: pending.fen,
      paidCount: paid.count,
      paidFen: paid.fen,
      failedCount: failed.count,
      failedFen: failed.fen,
    })
    .from(b)
    .leftJoin(p, eq(p.batchId, b.id))
    .where(
      and(eq(b.programmeId, programmeId), after ? before(b.createdAt, b.id, after.createdAt, after.id) : undefined),
    )
    .groupBy(b.id)
    .orderBy(desc(b.createdAt), desc(b.id))
    .limit(limit + 1);
}

/**
 * Puts the programme's approved applications that were never in a batch (with a payee and something to pay) into `batchId`, one
 * payment each. A concurrent batch inserting the same application waits on the unique index and then skips it: each
 * application is paid in one batch only.
 */
export async function addFirstPayments(db: Db, batchId: string, programmeId: string): Promise<string[]> {
  const a = programmeApplications;
  const rows = await db
    .insert(programmePayments)
    .select(
      db
        .select({
          id: sql<string>`gen_random_uuid()`.as('id'),
          batchId: sql<string>`${batchId}::uuid`.as('batch_id'),
          applicationId: a.id,
          amountFen: a.amountFen,
          status: sql<'pending'>`'pending'`.as('status'),
          attempt: sql<number>`1`.as('attempt'),
          failureReason: sql<null>`null`.as('failure_reason'),
          settledAt: sql<null>`null::timestamptz`.as('settled_at'),
        })
        .from(a)
        .where(
          and(
            eq(a.programmeId, programmeId),
            eq(a.status, 'approved'),
            // Nothing to pay yet (a work-study placement before its first work day) is left for a later batch.
            gt(a.amountFen, 0),
            isNotNull(a.payeeAccountEnc),
            notExists(
              db
                .select({ one: sql`1` })
                .from(programmePayments)
                .where(eq(programmePayments.applicationId, a.id)),
            ),
          ),
        )
        // Waits for a work day being recorded on the application (which locks its row), then pays its new amount.
        .for('update'),
    )
    .onConflictDoNothing({ target: programmePayments.applicationId })
    .returning({ applicationId: programmePayments.applicationId });
  return rows.map((r) => r.applicationId);
}

/** Moves the programme's failed payments into `batchId` to be paid again (the row moves: still one per application). */
export async function reissueFailedPayments(db: Db, batchId: string, programmeId: string): Promise<string[]> {
  const p = programmePayments;
  const rows = await db
    .update(p)
    .set({ batchId, status: 'pending', attempt: sql`${p.attempt} + 1`, failureReason: null, settledAt: null })
    .where(
      and(
        eq(p.status, 'failed'),
        inArray(
          p.applicationId,
          db
            .select({ id: programmeApplications.id })
            .from(programmeApplications)
            .where(
              and(eq(programmeApplications.programmeId, programmeId), eq(programmeApplications.status, 'approved')),
            ),
        ),
      ),
    )
    .returning({ applicationId: p.applicationId });
  return rows.map((r) => r.applicationId);
}

export async function findBatch(db: Db, id: string) {
  const [row] = await db
    .select({
      id: disbursementBatches.id,
      programmeId: disbursementBatches.programmeId,
      programmeTitle: programmes.title,
      programmeOrgId: programmes.orgId,
      orgPath: orgs.path,
      createdAt: disbursementBatches.createdAt,
    })
    .from(disbursementBatches)
    .innerJoin(programmes, eq(programmes.id, disbursementBatches.programmeId))
    .innerJoin(orgs, eq(orgs.id, programmes.orgId))
    .where(eq(disbursementBatches.id, id));
  return row ?? null;
}

/** A page of a batch's payments in id order (the bank file's rows, the batch screen), with the payee. */
export async function paymentsOfBatch(
  db: Db,
  batchId: string,
  page: { limit: number; afterId?: string | undefined; status?: 'pending' | 'paid' | 'failed' | undefined },
) {
  const p = programmePayments;
  const a = programmeApplications;
  return db
    .select({
      id: p.id,
      applicationId: p.applicationId,
      memberName: members.name,
      payeeBank: a.payeeBank,
      payeeAccountMasked: a.payeeAccountMasked,
      payeeAccountEnc: a.payeeAccountEnc,
      amountFen: p.amountFen,
      status: p.status,
      attempt: p.attempt,
      failureReason: p.failureReason,
    })
    .from(p)
    .innerJoin(a, eq(a.id, p.applicationId))
    .innerJoin(members, eq(members.id, a.memberId))
    .where(
      and(
        eq(p.batchId, batchId),
        page.afterId ? gt(p.id, page.afterId) : undefined,
        page.status ? eq(p.status, page.status) : undefined,
      ),
    )
    .orderBy(asc(p.id))
    .limit(page.limit);
}

/** A batch's totals by payment status, counted in the database. */
export async function batchTotals(db: Db, batchId: string) {
  const p = programmePayments;
  const rows = await db
    .select({ status: p.status, count: sql<number>`count(*)::int`, fen: sql<string>`sum(${p.amountFen})::text` })
    .from(p)
    .where(eq(p.batchId, batchId))
    .groupBy(p.status);
  return rows.map((r) => ({ status: r.status, count: r.count, fen: Number(r.fen) }));
}

/** Records a pending payment of the batch as paid or failed; null when it is not a pending payment of this batch. */
export async function settlePayment(
  db: Db,
  batchId: string,
  paymentId: string,
  values: { status: 'paid' | 'failed'; failureReason: string | null; settledAt: Date },
): Promise<string | null> {
  const p = programmePayments;
  const [row] = await db
    .update(p)
    .set(values)
    .where(and(eq(p.id, paymentId), eq(p.batchId, batchId), eq(p.status, 'pending')))
    .returning({ applicationId: p.applicationId });
  return row?.applicationId ?? null;
}

/** 对账: a programme's approved applications against its payments. */
export async function reconciliation(db: Db, programmeId: string) {
  const a = programmeApplications;
  const p = programmePayments;
  const [row] = await db
    .select({
      approved: sql<number>`count(*)::int`,
      approvedFen: sql<string>`coalesce(sum(${a.amountFen}), 0)::text`,
      paid: sql<number>`count(*) filter (where ${p.status} = 'paid')::int`,
      paidFen: sql<string>`coalesce(sum(${p.amountFen}) filter (where ${p.status} = 'paid'), 0)::text`,
      failed: sql<number>`count(*) filter (where ${p.status} = 'failed')::int`,
      pending: sql<number>`count(*) filter (where ${p.status} = 'pending')::int`,
      unbatched: sql<number>`count(*) filter (where ${p.id} is null)::int`,
    })
    .from(a)
    .leftJoin(p, eq(p.applicationId, a.id))
    .where(and(eq(a.programmeId, programmeId), inArray(a.status, ['approved', 'disbursed'])));
  return row!;
}
