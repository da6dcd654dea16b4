import { and, asc, desc, eq, gte, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.js';
import { orgs } from '../../kernel/db/kernel.tables.js';
import { anyOf, before, within } from '../../kernel/db/operators.js';
import { members } from '../members/index.js';
import { mutualAidEnrolments, workStudyDays } from './programmes.kinds.tables.js';
import { programmeApplications, programmePayments, programmes } from './programmes.tables.js';

/* 勤工俭学 work days */

/** What the member's work-study placements of the programme were paid from `from` up to (not including) `to`. */
export async function sumWorkDays(
  db: Db,
  programmeId: string,
  memberId: string,
  from: string,
  to: string,
): Promise<number> {
  const d = workStudyDays;
  const [row] = await db
    .select({ total: sql<string | null>`sum(${d.payFen})` })
    .from(d)
    .where(and(eq(d.programmeId, programmeId), eq(d.memberId, memberId), gte(d.workDate, from), lt(d.workDate, to)));
  return Number(row?.total ?? 0);
}

/** Whether a payment row exists for the application (it was put in a disbursement batch). */
export async function hasPayment(db: Db, applicationId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: programmePayments.id })
    .from(programmePayments)
    .where(eq(programmePayments.applicationId, applicationId));
  return row !== undefined;
}

/** Records a work day and adds its pay to the application's amount (what the disbursement batch pays). */
export async function insertWorkDay(db: Db, row: typeof workStudyDays.$inferInsert): Promise<string> {
  const [created] = await db.insert(workStudyDays).values(row).returning({ id: workStudyDays.id });
  await db
    .update(programmeApplications)
    .set({ amountFen: sql`${programmeApplications.amountFen} + ${row.payFen}` })
    .where(eq(programmeApplications.id, row.applicationId));
  return created!.id;
}

export async function workDaysOf(db: Db, applicationId: string) {
  const d = workStudyDays;
  return db
    .select({
      id: d.id,
      workDate: d.workDate,
      payFen: d.payFen,
      note: d.note,
      recordedBy: d.recordedBy,
      createdAt: d.createdAt,
    })
    .from(d)
    .where(eq(d.applicationId, applicationId))
    .orderBy(asc(d.workDate), asc(d.createdAt));
}

/** The member's work-day totals per Shanghai month in the programme (every placement), for the months given. */
export async function monthTotalsOfMember(db: Db, programmeId: string, memberId: string) {
  const d = workStudyDays;
  const month = sql<string>`to_char(${d.workDate}, 'YYYY-MM')`;
  const rows = await db
    .select({ month, total: sql<string>`sum(${d.payFen})` })
    .from(d)
    .where(and(eq(d.programmeId, programmeId), eq(d.memberId, memberId)))
    .groupBy(month)
    .orderBy(month);
  return rows.map((r) => ({ month: r.month, totalFen: Number(r.total) }));
}

/* 医疗互助 enrolments */

export type NewEnrolment = typeof mutualAidEnrolments.$inferInsert;

/** Inserts enrolments, skipping members already enrolled in the programme: the member ids inserted. */
export async function insertEnrolments(db: Db, rows: NewEnrolment[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insert(mutualAidEnrolments)
    .values(rows)
    .onConflictDoNothing({ target: [mutualAidEnrolments.programmeId, mutualAidEnrolments.memberId] })
    .returning({ memberId: mutualAidEnrolments.memberId });
  return inserted.map((r) => r.memberId);
}

function selectEnrolments(db: Db) {
  const e = mutualAidEnrolments;
  return db
    .select({
      id: e.id,
      programmeId: e.programmeId,
      memberId: e.memberId,
      memberName: members.name,
      phoneMasked: members.phoneMasked,
      idNumberMasked: members.idNumberMasked,
      orgId: e.orgId,
      orgName: orgs.name,
      orgPath: orgs.path,
      startsOn: e.startsOn,
      endsOn: e.endsOn,
      source: e.source,
      createdAt: e.createdAt,
    })
    .from(e)
    .innerJoin(members, eq(members.id, e.memberId))
    .innerJoin(orgs, eq(orgs.id, e.orgId))
    .$dynamic();
}
export type EnrolmentRow = Awaited<ReturnType<typeof selectEnrolments>>[number];

export async function findEnrolment(db: Db, programmeId: string, memberId: string): Promise<EnrolmentRow | null> {
  const [row] = await selectEnrolments(db).where(
    and(eq(mutualAidEnrolments.programmeId, programmeId), eq(mutualAidEnrolments.memberId, memberId)),
  );
  return row ?? null;
}

/** The enrolments of a programme whose union lies in `scope`, newest first. */
export async function listEnrolments(
  db: Db,
  programmeId: string,
  scope: string,
  limit: number,
  after: { createdAt: string; id: string } | null,
): Promise<EnrolmentRow[]> {
  return selectEnrolments(db)
    .where(
      and(
        eq(mutualAidEnrolments.programmeId, programmeId),
        within(orgs.path, scope),
        after ? before(mutualAidEnrolments.createdAt, mutualAidEnrolments.id, after.createdAt, after.id) : undefined,
      ),
    )
    .orderBy(desc(mutualAidEnrolments.createdAt), desc(mutualAidEnrolments.id))
    .limit(limit + 1);
}

/** The mutual-aid programmes the member is enrolled in, with the periods and the programmes' titles and rules. */
export async function enrolmentsOfMember(db: Db, memberId: string) {
  return db
    .select({
      programmeId: mutualAidEnrolments.programmeId,
      title: programmes.title,
      rules: programmes.rules,
      startsOn: mutualAidEnrolments.startsOn,
      endsOn: mutualAidEnrolments.endsOn,
    })
    .from(mutualAidEnrolments)
    .innerJoin(programmes, eq(programmes.id, mutualAidEnrolments.programmeId))
    .where(eq(mutualAidEnrolments.memberId, memberId))
    .orderBy(asc(mutualAidEnrolments.createdAt));
}

/** Members of `scope` with one of the phone or ID-number blind indexes (an import's rows), with their union's path. */
export async function membersByHashes(db: Db, scope: string, phoneHashes: string[], idNumberHashes: string[]) {
  if (phoneHashes.length === 0 && idNumberHashes.length === 0) return [];
  return db
    .select({
      id: members.id,
      name: members.name,
      orgId: members.orgId,
      orgPath: orgs.path,
      phoneHash: members.phoneHash,
      idNumberHash: members.idNumberHash,
    })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(
      and(
        within(orgs.path, scope),
        or(
          phoneHashes.length > 0 ? anyOf(members.phoneHash, phoneHashes, 'text') : undefined,
          idNumberHashes.length > 0 ? anyOf(members.idNumberHash, idNumberHashes, 'text') : undefined,
        ),
      ),
    );
}

/** How many claims (applications) the member ever made to the programme, whatever became of them: the next number. */
export async function countClaims(db: Db, programmeId: string, memberId: string): Promise<number> {
  return db.$count(
    programmeApplications,
    and(eq(programmeApplications.programmeId, programmeId), eq(programmeApplications.memberId, memberId)),
  );
}
