import { and, asc, count, countDistinct, desc, eq, gt, isNull, lt, lte, sql } from 'drizzle-orm';
import { pgArray, type Db } from '../../kernel/db/client.js';
import { orgs } from '../../kernel/db/kernel.tables.js';
import { before, containing, scalarNumber, within } from '../../kernel/db/operators.js';
import { members } from '../members/index.js';
import { quizAttempts, quizDraws, quizQuestions, quizzes, type QuizAnswer } from './quizzes.tables.js';

// ——— quizzes ———

export async function insertQuiz(tx: Db, values: typeof quizzes.$inferInsert): Promise<string> {
  const [row] = await tx.insert(quizzes).values(values).returning({ id: quizzes.id });
  return row!.id;
}

export async function updateQuiz(tx: Db, id: string, values: Partial<typeof quizzes.$inferInsert>): Promise<void> {
  await tx.update(quizzes).set(values).where(eq(quizzes.id, id));
}

function selectQuizzes(db: Db) {
  const q = quizzes;
  const a = quizAttempts;
  return db
    .select({
      id: q.id,
      orgId: q.orgId,
      orgName: orgs.name,
      orgPath: orgs.path,
      title: q.title,
      description: q.description,
      prizes: q.prizes,
      startsAt: q.startsAt,
      endsAt: q.endsAt,
      questionsPerAttempt: q.questionsPerAttempt,
      timeLimitSeconds: q.timeLimitSeconds,
      attemptsPerDay: q.attemptsPerDay,
      passScore: q.passScore,
      drawSeed: q.drawSeed,
      createdAt: q.createdAt,
      questions: scalarNumber<number>(
        db.$count(quizQuestions, and(eq(quizQuestions.quizId, q.id), isNull(quizQuestions.removedAt))),
      ),
      attempts: scalarNumber<number>(db.$count(a, eq(a.quizId, q.id))),
      participants: scalarNumber<number>(
        db
          .select({ n: countDistinct(a.memberId) })
          .from(a)
          .where(eq(a.quizId, q.id)),
      ),
      passed: scalarNumber<number>(
        db
          .select({ n: countDistinct(a.memberId) })
          .from(a)
          .where(and(eq(a.quizId, q.id), eq(a.passed, true))),
      ),
      drawn: sql<boolean>`exists (select 1 from ${quizDraws} where ${quizDraws.quizId} = ${q.id})`,
    })
    .from(q)
    .innerJoin(orgs, eq(orgs.id, q.orgId));
}

export type QuizRow = NonNullable<Awaited<ReturnType<typeof findQuiz>>>;

export async function findQuiz(db: Db, id: string) {
  const [row] = await selectQuizzes(db).where(eq(quizzes.id, id));
  return row ?? null;
}

export type Phase = 'upcoming' | 'open' | 'ended';

function phaseIs(phase: Phase, now: Date) {
  const q = quizzes;
  if (phase === 'upcoming') return gt(q.startsAt, now);
  if (phase === 'open') return and(lte(q.startsAt, now), gt(q.endsAt, now));
  return lte(q.endsAt, now);
}

/** The quizzes of a subtree, newest first. */
export async function listQuizzes(
  db: Db,
  f: { scope: string; phase?: Phase | undefined; now: Date },
  limit: number,
  cursor: { createdAt: string; id: string } | null,
) {
  const q = quizzes;
  return selectQuizzes(db)
    .where(
      and(
        within(orgs.path, f.scope),
        f.phase ? phaseIs(f.phase, f.now) : undefined,
        cursor ? before(q.createdAt, q.id, cursor.createdAt, cursor.id) : undefined,
      ),
    )
    .orderBy(desc(q.createdAt), desc(q.id))
    .limit(limit + 1);
}

/** The quizzes of a member's org chain (the member's union and every union above it), not yet ended unless asked. */
export async function quizzesForMember(
  db: Db,
  f: { memberOrgPath: string; phase?: Phase | undefined; now: Date },
  limit: number,
  cursor: { createdAt: string; id: string } | null,
) {
  const q = quizzes;
  return selectQuizzes(db)
    .where(
      and(
        containing(orgs.path, f.memberOrgPath),
        f.phase ? phaseIs(f.phase, f.now) : gt(q.endsAt, f.now),
        cursor ? before(q.createdAt, q.id, cursor.createdAt, cursor.id) : undefined,
      ),
    )
    .orderBy(desc(q.createdAt), desc(q.id))
    .limit(limit + 1);
}

/** Locks the quiz's row for a change of its settings or its draw. */
export async function lockQuiz(tx: Db, id: string): Promise<void> {
  await tx.select({ id: quizzes.id }).from(quizzes).where(eq(quizzes.id, id)).for('update');
}

// ——— questions ———

export async function insertQuestions(tx: Db, values: (typeof quizQuestions.$inferInsert)[]) {
  if (values.length === 0) return [];
  return tx.insert(quizQuestions).values(values).returning();
}

export async function findQuestion(db: Db, quizId: string, id: string) {
  const [row] = await db
    .select()
    .from(quizQuestions)
    .where(and(eq(quizQuestions.id, id), eq(quizQuestions.quizId, quizId), isNull(quizQuestions.removedAt)));
  return row ?? null;
}

export async function updateQuestion(tx: Db, id: string, values: Partial<typeof quizQuestions.$inferInsert>) {
  await tx.update(quizQuestions).set(values).where(eq(quizQuestions.id, id));
}

/** The bank in the order staff built it (a file's rows in their order). */
export async function listQuestions(db: Db, quizId: string, limit: number, cursor: { position: number } | null) {
  const q = quizQuestions;
  return db
    .select()
    .from(q)
    .where(and(eq(q.quizId, quizId), isNull(q.removedAt), cursor ? gt(q.position, cursor.position) : undefined))
    .orderBy(asc(q.position))
    .limit(limit + 1);
}

export async function allQuestions(db: Db, quizId: string) {
  const q = quizQuestions;
  return db
    .select()
    .from(q)
    .where(and(eq(q.quizId, quizId), isNull(q.removedAt)))
    .orderBy(asc(q.position));
}

export async function activeQuestionIds(db: Db, quizId: string): Promise<string[]> {
  const rows = await db
    .select({ id: quizQuestions.id })
    .from(quizQuestions)
    .where(and(eq(quizQuestions.quizId, quizId), isNull(quizQuestions.removedAt)));
  return rows.map((r) => r.id);
}

/** Questions by id, removed ones included (an attempt keeps what it served). */
export async function questionsByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(quizQuestions)
    .where(sql`${quizQuestions.id} = any(${pgArray(ids)}::uuid[])`);
}

// ——— attempts ———

export async function attemptsToday(db: Db, quizId: string, memberId: string, day: string): Promise<number> {
  const a = quizAttempts;
  const [row] = await db
    .select({ n: count() })
    .from(a)
    .where(and(eq(a.quizId, quizId), eq(a.memberId, memberId), eq(a.day, day)));
  return Number(row!.n);
}

/**
 * Marks the member's attempts of the quiz left open past `deadlineBefore` (their deadline and grace) expired, scoring
 * 0, so that the one-open-attempt index lets the next start through.
 */
export async function expireStaleAttempts(tx: Db, quizId: string, memberId: string, deadlineBefore: Date) {
  const a = quizAttempts;
  await tx
    .update(a)
    .set({ status: 'expired', correctCount: 0, score: 0, passed: false })
    .where(and(eq(a.quizId, quizId), eq(a.memberId, memberId), eq(a.status, 'open'), lt(a.deadline, deadlineBefore)));
}

/** The member's open attempt of the quiz (at most one: quiz_attempts_one_open_uq), or null. */
export async function openAttemptId(db: Db, quizId: string, memberId: string): Promise<string | null> {
  const a = quizAttempts;
  const [row] = await db
    .select({ id: a.id })
    .from(a)
    .where(and(eq(a.quizId, quizId), eq(a.memberId, memberId), eq(a.status, 'open')));
  return row?.id ?? null;
}

/**
 * Inserts the attempt unless its (quiz, member, day, seq) is taken or the member has an open attempt; null then
 * (waits for a racing insert to commit first).
 */
export async function insertAttempt(tx: Db, values: typeof quizAttempts.$inferInsert): Promise<string | null> {
  const [row] = await tx.insert(quizAttempts).values(values).onConflictDoNothing().returning({ id: quizAttempts.id });
  return row?.id ?? null;
}

export type AttemptRow = NonNullable<Awaited<ReturnType<typeof findAttempt>>>;

export async function findAttempt(db: Db, id: string) {
  const [row] = await db
    .select({
      attempt: quizAttempts,
      quizTitle: quizzes.title,
      passScore: quizzes.passScore,
      endsAt: quizzes.endsAt,
      attemptsPerDay: quizzes.attemptsPerDay,
      orgPath: orgs.path,
    })
    .from(quizAttempts)
    .innerJoin(quizzes, eq(quizzes.id, quizAttempts.quizId))
    .innerJoin(orgs, eq(orgs.id, quizzes.orgId))
    .where(eq(quizAttempts.id, id));
  return row ?? null;
}

export async function lockAttempt(tx: Db, id: string) {
  const [row] = await tx.select().from(quizAttempts).where(eq(quizAttempts.id, id)).for('update');
  return row ?? null;
}

export async function finishAttempt(
  tx: Db,
  id: string,
  values: {
    status: 'submitted' | 'expired';
    answers: QuizAnswer[] | null;
    submittedAt: Date;
    correctCount: number;
    score: number;
    passed: boolean;
    durationMs: number | null;
  },
): Promise<void> {
  await tx.update(quizAttempts).set(values).where(eq(quizAttempts.id, id));
}

/** A member's attempts of some quizzes, newest first. */
export async function attemptsOfMember(db: Db, memberId: string, quizIds: readonly string[]) {
  if (quizIds.length === 0) return [];
  const a = quizAttempts;
  return db
    .select({
      id: a.id,
      quizId: a.quizId,
      status: a.status,
      day: a.day,
      startedAt: a.startedAt,
      deadline: a.deadline,
      score: a.score,
      passed: a.passed,
    })
    .from(a)
    .where(and(eq(a.memberId, memberId), sql`${a.quizId} = any(${pgArray(quizIds)}::uuid[])`))
    .orderBy(desc(a.startedAt));
}

/**
 * Each participant's best submitted attempt (highest score, then the shortest time, then the earliest), ranked the
 * same way. Attempts never submitted do not count.
 */
export async function leaderboard(db: Db, quizId: string) {
  const a = quizAttempts;
  const best = db
    .selectDistinctOn([a.memberId], {
      memberId: a.memberId,
      score: a.score,
      durationMs: a.durationMs,
      submittedAt: a.submittedAt,
    })
    .from(a)
    .where(and(eq(a.quizId, quizId), eq(a.status, 'submitted')))
    .orderBy(a.memberId, desc(a.score), asc(a.durationMs), asc(a.submittedAt))
    .as('best');
  return db
    .select({
      memberId: best.memberId,
      score: best.score,
      durationMs: best.durationMs,
      name: members.name,
      org: orgs.name,
    })
    .from(best)
    .innerJoin(members, eq(members.id, best.memberId))
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .orderBy(desc(best.score), asc(best.durationMs), asc(best.submittedAt), asc(best.memberId));
}

/** The members with a passing attempt, and their names. */
export async function passedMembers(db: Db, quizId: string) {
  const a = quizAttempts;
  return db
    .selectDistinct({ memberId: a.memberId, name: members.name })
    .from(a)
    .innerJoin(members, eq(members.id, a.memberId))
    .where(and(eq(a.quizId, quizId), eq(a.passed, true)));
}

// ——— the draw ———

export async function insertDraw(tx: Db, values: typeof quizDraws.$inferInsert): Promise<boolean> {
  const rows = await tx.insert(quizDraws).values(values).onConflictDoNothing().returning({ id: quizDraws.quizId });
  return rows.length > 0;
}

export async function findDraw(db: Db, quizId: string) {
  const [row] = await db.select().from(quizDraws).where(eq(quizDraws.quizId, quizId));
  return row ?? null;
}
