import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activitiesWorld, activityMember, type ActivitiesWorld } from '../../../test/activities.js';
import { freshWorld } from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { readWorkbook, uploadFile, waitForJob, workbook } from '../../../test/uploads.js';
import { SettableClock } from '../../kernel/clock.js';
import { listHashOf, rankTickets, ticketOf } from './quizzes.draw.js';

const clock = new SettableClock();
/** 10:00 on Monday 2 November 2026 in Shanghai. */
const monday = new Date('2026-11-02T02:00:00Z');
const minute = 60_000;

let t: TestApp;
beforeAll(async () => {
  clock.set(monday);
  t = await startTestApp(
    { staffIdleMinutes: 60 * 24 * 400, staffAbsoluteHours: 24 * 400, workerIdleDays: 400, workerAbsoluteDays: 400 },
    { clock },
  );
});
afterAll(async () => {
  await t.close();
});

const bank = [
  { kind: 'single', text: '《劳动法》规定的每日工作时间不超过几小时？', options: ['6', '8', '10'], correct: ['B'] },
  {
    kind: 'multiple',
    text: '下列哪些属于社会保险？',
    options: ['养老保险', '医疗保险', '车险', '工伤保险'],
    correct: ['A', 'B', 'D'],
  },
  { kind: 'true_false', text: '工会会员有权参加工会组织的活动。', correct: ['A'] },
  { kind: 'single', text: '网络安全宣传周一般在每年几月？', options: ['3月', '9月', '12月'], correct: ['B'] },
];

/** A quiz of the federation open now for an hour, with `bank` as its questions. */
async function openQuiz(w: ActivitiesWorld, over: Record<string, unknown> = {}, questions = bank) {
  const now = clock.now().getTime();
  const quiz = await t.call('POST', '/api/v1/quizzes', {
    token: w.officer.token,
    body: {
      orgId: w.org.id,
      title: '安全生产知识竞赛',
      description: '答满 60 分可参加抽奖',
      prizes: '一等奖 1 名',
      startsAt: new Date(now - minute).toISOString(),
      endsAt: new Date(now + 60 * minute).toISOString(),
      questionsPerAttempt: questions.length,
      timeLimitSeconds: 300,
      attemptsPerDay: 2,
      passScore: 60,
      ...over,
    },
  });
  expect(quiz.status, JSON.stringify(quiz.json)).toBe(201);
  for (const q of questions) {
    const added = await t.call('POST', `/api/v1/quizzes/${quiz.json.id}/questions`, {
      token: w.officer.token,
      body: q,
    });
    expect(added.status, JSON.stringify(added.json)).toBe(201);
  }
  return quiz.json as { id: string };
}

type Served = { id: string; kind: string; text: string; options: { key: string }[] };

/** The right answers of served questions, looked up in `bank` by text. */
function rightAnswers(questions: Served[]) {
  return questions.map((q) => ({ questionId: q.id, choices: bank.find((b) => b.text === q.text)!.correct }));
}

describe('quizzes 知识竞赛', () => {
  it('serves questions without answers, scores once on the server, and shows the answers after', async () => {
    clock.set(monday);
    const w = await activitiesWorld(t);
    const quiz = await openQuiz(w, { questionsPerAttempt: 3 });
    const member = await activityMember(t, w);

    const list = await t.call('GET', '/api/v1/me/quizzes', { token: member.token });
    expect(list.status).toBe(200);
    const mine = list.json.items.find((q: { id: string }) => q.id === quiz.id);
    expect(mine).toMatchObject({ phase: 'open', attemptsLeftToday: 2, bestScore: null, openAttemptId: null });

    const started = await t.call('POST', `/api/v1/quizzes/${quiz.id}/attempts`, { token: member.token });
    expect(started.status).toBe(201);
    expect(started.json.questions).toHaveLength(3);
    expect(started.json.deadline).toBe(new Date(clock.now().getTime() + 300_000).toISOString());
    // Answer secrecy: no answer key anywhere the member can read before submitting.
    const leaks = (body: unknown) => /"(correct|explanation|right)"/.test(JSON.stringify(body));
    expect(leaks(started.json)).toBe(false);
    const again = await t.call('GET', `/api/v1/quiz-attempts/${started.json.id}`, { token: member.token });
    expect(again.status).toBe(200);
    expect(leaks(again.json)).toBe(false);
    for (const url of [`/api/v1/me/quizzes/${quiz.id}`, '/api/v1/me/quizzes', `/api/v1/quizzes/${quiz.id}/leaderboard`])
      expect(leaks((await t.call('GET', url, { token: member.token })).json)).toBe(false);
    // The staff routes of the bank are not the member's.
    expect((await t.call('GET', `/api/v1/quizzes/${quiz.id}/questions`, { token: member.token })).status).toBe(403);
    const detail = await t.call('GET', `/api/v1/me/quizzes/${quiz.id}`, { token: member.token });
    expect(detail.json).toMatchObject({ openAttemptId: started.json.id, attemptsLeftToday: 1 });

    // Answers must name only the served questions, each once, with the letters of their options.
    const served = started.json.questions as Served[];
    const unserved = (
      await t.call('GET', `/api/v1/quizzes/${quiz.id}/questions`, { token: w.officer.token })
    ).json.items.find((q: { id: string }) => !served.some((s) => s.id === q.id));
    const foreign = await t.call('POST', `/api/v1/quiz-attempts/${started.json.id}/submission`, {
      token: member.token,
      body: { answers: [{ questionId: unserved.id, choices: ['A'] }] },
    });
    expect(foreign.status).toBe(400);
    expect(foreign.json.error.details.issues[0]).toMatchObject({ path: 'answers.0.questionId', code: 'not_served' });
    const twice = await t.call('POST', `/api/v1/quiz-attempts/${started.json.id}/submission`, {
      token: member.token,
      body: { answers: [served[0]!, served[0]!].map((q) => ({ questionId: q.id, choices: ['A'] })) },
    });
    expect(twice.status).toBe(400);
    const badLetter = await t.call('POST', `/api/v1/quiz-attempts/${started.json.id}/submission`, {
      token: member.token,
      body: { answers: [{ questionId: served[0]!.id, choices: ['F'] }] },
    });
    expect(badLetter.status).toBe(400);

    clock.advance(42_000);
    const answers = rightAnswers(served);
    answers[0] = { questionId: answers[0]!.questionId, choices: [] }; // the first left unanswered: wrong
    const scored = await t.call('POST', `/api/v1/quiz-attempts/${started.json.id}/submission`, {
      token: member.token,
      body: { answers },
    });
    expect(scored.status, JSON.stringify(scored.json)).toBe(200);
    expect(scored.json).toMatchObject({
      status: 'submitted',
      correctCount: 2,
      score: 67,
      passed: true,
      durationSeconds: 42,
    });
    // A second attempt is left today: the answers stay withheld (its questions come from the same bank).
    expect(scored.json.reviewWithheld).toBe(true);
    expect(scored.json.questions[0]).toMatchObject({ choices: [] });
    expect(leaks(scored.json)).toBe(false);
    expect(leaks((await t.call('GET', `/api/v1/quiz-attempts/${started.json.id}`, { token: member.token })).json)).toBe(
      false,
    );
    // The day's last attempt used, both reviews show the right answers.
    const second = await t.call('POST', `/api/v1/quizzes/${quiz.id}/attempts`, { token: member.token });
    expect(second.status).toBe(201);
    const secondScored = await t.call('POST', `/api/v1/quiz-attempts/${second.json.id}/submission`, {
      token: member.token,
      body: { answers: rightAnswers(second.json.questions) },
    });
    expect(secondScored.json).toMatchObject({ reviewWithheld: false, score: 100 });
    const reviewed = await t.call('GET', `/api/v1/quiz-attempts/${started.json.id}`, { token: member.token });
    expect(reviewed.json.reviewWithheld).toBe(false);
    expect(reviewed.json.questions[0]).toMatchObject({ right: false, choices: [] });
    expect(reviewed.json.questions[0].correct).toEqual(bank.find((b) => b.text === served[0]!.text)!.correct);

    const resubmit = await t.call('POST', `/api/v1/quiz-attempts/${started.json.id}/submission`, {
      token: member.token,
      body: { answers: rightAnswers(served) },
    });
    expect(resubmit.status).toBe(409);
    expect(resubmit.json.error.code).toBe('ALREADY_SUBMITTED');
    const after = await t.call('GET', `/api/v1/quiz-attempts/${started.json.id}`, { token: member.token });
    expect(after.json.score).toBe(67);

    const quizView = await t.call('GET', `/api/v1/quizzes/${quiz.id}`, { token: w.leader.token });
    expect(quizView.json).toMatchObject({ questions: 4, attempts: 2, participants: 1, passed: 1, drawn: false });
  });

  it('scores a multiple-choice question all-or-nothing', async () => {
    clock.set(monday);
    const w = await activitiesWorld(t);
    const multi = bank[1]!;
    const quiz = await openQuiz(w, { questionsPerAttempt: 1, attemptsPerDay: 5 }, [multi]);
    const member = await activityMember(t, w);
    const tries: [string[], number][] = [
      [['A', 'B', 'D'], 100],
      [['D', 'B', 'A'], 100],
      [['A', 'B'], 0], // part of the right options
      [['A', 'B', 'C', 'D'], 0], // all of them and a wrong one
      [[], 0],
    ];
    for (const [choices, score] of tries) {
      const a = await t.call('POST', `/api/v1/quizzes/${quiz.id}/attempts`, { token: member.token });
      const s = await t.call('POST', `/api/v1/quiz-attempts/${a.json.id}/submission`, {
        token: member.token,
        body: { answers: [{ questionId: a.json.questions[0].id, choices }] },
      });
      expect(s.json.score, choices.join('')).toBe(score);
    }
  });

  it('checks the time limit by its own clock: a late submission is refused and scores 0', async () => {
    clock.set(monday);
    const w = await activitiesWorld(t);
    const quiz = await openQuiz(w, { timeLimitSeconds: 60 });
    const member = await activityMember(t, w);
    const inTime = await t.call('POST', `/api/v1/quizzes/${quiz.id}/attempts`, { token: member.token });
    clock.advance(60_000 + 10_000); // the deadline and its whole grace
    const graced = await t.call('POST', `/api/v1/quiz-attempts/${inTime.json.id}/submission`, {
      token: member.token,
      body: { answers: rightAnswers(inTime.json.questions) },
    });
    expect(graced.status).toBe(200);
    expect(graced.json.score).toBe(100);

    const late = await t.call('POST', `/api/v1/quizzes/${quiz.id}/attempts`, { token: member.token });
    clock.advance(60_000 + 10_001);
    const refused = await t.call('POST', `/api/v1/quiz-attempts/${late.json.id}/submission`, {
      token: member.token,
      body: { answers: rightAnswers(late.json.questions) },
    });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('ATTEMPT_EXPIRED');
    const seen = await t.call('GET', `/api/v1/quiz-attempts/${late.json.id}`, { token: member.token });
    expect(seen.json).toMatchObject({ status: 'expired', score: 0, passed: false });
    const retry = await t.call('POST', `/api/v1/quiz-attempts/${late.json.id}/submission`, {
      token: member.token,
      body: { answers: [] },
    });
    expect(retry.json.error.code).toBe('ATTEMPT_EXPIRED');
  });

  it('allows the attempts of a Shanghai day, again the next day, and only within the window', async () => {
    // 23:50 in Shanghai: the day ends in ten minutes.
    const lateEvening = new Date('2026-11-02T15:50:00Z');
    clock.set(lateEvening);
    const w = await activitiesWorld(t);
    const quiz = await openQuiz(w, {
      attemptsPerDay: 2,
      endsAt: new Date(lateEvening.getTime() + 30 * minute).toISOString(),
    });
    const member = await activityMember(t, w);
    const start = () => t.call('POST', `/api/v1/quizzes/${quiz.id}/attempts`, { token: member.token });
    // A start retried with its Idempotency-Key is the same attempt, and uses one of the day's.
    const keyed = () =>
      t.call('POST', `/api/v1/quizzes/${quiz.id}/attempts`, {
        token: member.token,
        headers: { 'idempotency-key': 'start-1' },
      });
    const finish = (attempt: { id: string; questions: Served[] }) =>
      t.call('POST', `/api/v1/quiz-attempts/${attempt.id}/submission`, {
        token: member.token,
        body: { answers: rightAnswers(attempt.questions) },
      });
    const first = await keyed();
    expect(first.status).toBe(201);
    expect((await keyed()).json.id).toBe(first.json.id);
    // While it is open, starting again answers the same attempt.
    const resumed = await start();
    expect(resumed.status).toBe(200);
    expect(resumed.json.id).toBe(first.json.id);
    expect((await finish(first.json)).status).toBe(200);
    const second = await start();
    expect(second.status).toBe(201);
    expect((await finish(second.json)).status).toBe(200);
    const third = await start();
    expect(third.status).toBe(409);
    expect(third.json.error.code).toBe('ATTEMPTS_EXHAUSTED');
    clock.set(new Date('2026-11-02T15:59:59Z'));
    expect((await start()).json.error.code).toBe('ATTEMPTS_EXHAUSTED');
    clock.set(new Date('2026-11-02T16:00:00Z')); // 00:00 on the 3rd in Shanghai
    expect((await start()).status).toBe(201);
    expect((await t.call('GET', `/api/v1/me/quizzes/${quiz.id}`, { token: member.token })).json.attemptsLeftToday).toBe(
      1,
    );
    clock.set(new Date(lateEvening.getTime() + 30 * minute)); // the window's end
    const closed = await start();
    expect(closed.status).toBe(409);
    expect(closed.json.error.code).toBe('ACTIVITY_NOT_OPEN');

    clock.set(monday);
    const upcoming = await openQuiz(w, { startsAt: new Date(monday.getTime() + minute).toISOString() });
    expect(
      (await t.call('POST', `/api/v1/quizzes/${upcoming.id}/attempts`, { token: member.token })).json.error.code,
    ).toBe('ACTIVITY_NOT_OPEN');
  });

  it('makes one open attempt of racing starts, and scores a racing double submit once', async () => {
    clock.set(monday);
    const w = await activitiesWorld(t);
    // Three attempts a day allowed: racing starts still open one, which the others answer (no second attempt to
    // submit blank beside it and read the answers from).
    const quiz = await openQuiz(w, { attemptsPerDay: 3 });
    const member = await activityMember(t, w);
    const starts = await Promise.all(
      [1, 2, 3].map(() => t.call('POST', `/api/v1/quizzes/${quiz.id}/attempts`, { token: member.token })),
    );
    expect(starts.map((s) => s.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(starts.map((s) => s.json.id)).size).toBe(1);
    const attempt = starts.find((s) => s.status === 201)!.json;
    const submits = await Promise.all(
      [1, 2, 3].map(() =>
        t.call('POST', `/api/v1/quiz-attempts/${attempt.id}/submission`, {
          token: member.token,
          body: { answers: rightAnswers(attempt.questions) },
        }),
      ),
    );
    expect(submits.map((s) => s.status).sort()).toEqual([200, 409, 409]);
    const board = await t.call('GET', `/api/v1/quizzes/${quiz.id}/leaderboard`, { token: w.officer.token });
    expect(board.json.participants).toBe(1);
    expect((await t.call('GET', `/api/v1/quizzes/${quiz.id}`, { token: w.officer.token })).json.attempts).toBe(1);

    // At the day's last allowed attempt, racing starts make one attempt and the rest answer it.
    const single = await openQuiz(w, { attemptsPerDay: 1 });
    const racing = await Promise.all(
      [1, 2, 3].map(() => t.call('POST', `/api/v1/quizzes/${single.id}/attempts`, { token: member.token })),
    );
    expect(racing.map((s) => s.status).sort()).toEqual([200, 200, 201]);
    await t.call('POST', `/api/v1/quiz-attempts/${racing[0]!.json.id}/submission`, {
      token: member.token,
      body: { answers: [] },
    });
    const exhausted = await t.call('POST', `/api/v1/quizzes/${single.id}/attempts`, { token: member.token });
    expect(exhausted.json.error.code).toBe('ATTEMPTS_EXHAUSTED');
  });

  it('expires an attempt left open past its deadline when the member starts the next', async () => {
    clock.set(monday);
    const w = await activitiesWorld(t);
    const quiz = await openQuiz(w, { timeLimitSeconds: 60, attemptsPerDay: 2 });
    const member = await activityMember(t, w);
    const abandoned = await t.call('POST', `/api/v1/quizzes/${quiz.id}/attempts`, { token: member.token });
    clock.advance(60_000 + 10_000); // still within the grace: the same attempt
    expect((await t.call('POST', `/api/v1/quizzes/${quiz.id}/attempts`, { token: member.token })).json.id).toBe(
      abandoned.json.id,
    );
    clock.advance(1);
    const next = await t.call('POST', `/api/v1/quizzes/${quiz.id}/attempts`, { token: member.token });
    expect(next.status).toBe(201);
    expect(next.json.id).not.toBe(abandoned.json.id);
    const old = await t.call('GET', `/api/v1/quiz-attempts/${abandoned.json.id}`, { token: member.token });
    expect(old.json).toMatchObject({ status: 'expired', score: 0, passed: false });
    // The day's two attempts used (one expired): the reviews are no longer withheld.
    await t.call('POST', `/api/v1/quiz-attempts/${next.json.id}/submission`, {
      token: member.token,
      body: { answers: rightAnswers(next.json.questions) },
    });
    const reviewed = await t.call('GET', `/api/v1/quiz-attempts/${abandoned.json.id}`, { token: member.token });
    expect(reviewed.json.reviewWithheld).toBe(false);
    expect(reviewed.json.questions[0].correct).toBeDefined();
  });

  it('ranks by best score then the shortest time, masks names for members, and draws verifiably once', async () => {
    clock.set(monday);
    const w = await activitiesWorld(t);
    const quiz = await openQuiz(w, {
      questionsPerAttempt: 4,
      endsAt: new Date(monday.getTime() + 20 * minute).toISOString(),
    });
    const players = [
      { name: '张晓明', right: 4, seconds: 50 },
      { name: '李秀英', right: 4, seconds: 30 },
      { name: '王强', right: 2, seconds: 10 },
      { name: '赵红梅', right: 3, seconds: 20 },
    ];
    const members = [];
    for (const p of players) {
      const m = await activityMember(t, w, w.depot.id, p.name);
      members.push(m);
      clock.set(monday);
      const a = await t.call('POST', `/api/v1/quizzes/${quiz.id}/attempts`, { token: m.token });
      const answers = rightAnswers(a.json.questions).map((x, i) => (i < p.right ? x : { ...x, choices: [] }));
      clock.advance(p.seconds * 1000);
      const s = await t.call('POST', `/api/v1/quiz-attempts/${a.json.id}/submission`, {
        token: m.token,
        body: { answers },
      });
      expect(s.status).toBe(200);
    }
    const board = await t.call('GET', `/api/v1/quizzes/${quiz.id}/leaderboard`, { token: members[2]!.token });
    expect(board.status).toBe(200);
    expect(board.json.items.map((i: { name: string }) => i.name)).toEqual(['李*英', '张*明', '赵*梅', '王*']);
    expect(board.json.items.map((i: { score: number }) => i.score)).toEqual([100, 100, 75, 50]);
    expect(board.json.mine).toMatchObject({ rank: 4, me: true, name: '王*' });
    const staffBoard = await t.call('GET', `/api/v1/quizzes/${quiz.id}/leaderboard`, { token: w.leader.token });
    expect(staffBoard.json.items[0].name).toBe('李秀英');

    const early = await t.call('POST', `/api/v1/quizzes/${quiz.id}/draws`, {
      token: w.officer.token,
      body: { prizes: 2 },
    });
    expect(early.status).toBe(409);
    expect((await t.call('GET', `/api/v1/public/quizzes/${quiz.id}/draw`)).status).toBe(404);
    clock.set(new Date(monday.getTime() + 20 * minute));
    expect(
      (await t.call('POST', `/api/v1/quizzes/${quiz.id}/draws`, { token: w.leader.token, body: { prizes: 2 } })).status,
    ).toBe(403);
    // The commitment shown from the start (to staff and to members), before anyone passed.
    const commitment = (await t.call('GET', `/api/v1/quizzes/${quiz.id}`, { token: w.leader.token })).json
      .seedCommitment as string;
    expect(commitment).toMatch(/^[0-9a-f]{64}$/);
    expect(
      (await t.call('GET', `/api/v1/me/quizzes/${quiz.id}`, { token: members[0]!.token })).json.seedCommitment,
    ).toBe(commitment);
    const external = '2026-11-02 福利彩票 03 11 17 22 28 31';
    const drawn = await t.call('POST', `/api/v1/quizzes/${quiz.id}/draws`, {
      token: w.officer.token,
      body: { prizes: 2, seed: external },
    });
    expect(drawn.status, JSON.stringify(drawn.json)).toBe(201);
    const second = await t.call('POST', `/api/v1/quizzes/${quiz.id}/draws`, {
      token: w.officer.token,
      body: { prizes: 2 },
    });
    expect(second.status).toBe(409);

    const published = await t.call('GET', `/api/v1/public/quizzes/${quiz.id}/draw`);
    expect(published.status).toBe(200);
    const d = published.json;
    expect(d).toMatchObject({
      algorithm: 'hmac-sha256-rank-v2',
      seedSource: 'officer',
      externalSeed: external,
      seedCommitment: commitment,
      prizes: 2,
    });
    // The revealed seed is the one committed to, and the HMAC key is it with the officer's public randomness:
    expect(crypto.createHash('sha256').update(d.committedSeed).digest('hex')).toBe(commitment);
    const seed = `${d.committedSeed}:${external}`;
    expect(d.seed).toBe(seed);
    // The three who passed (60 and above), by ticket; masked; no member ids.
    expect(d.candidates.map((c: { name: string }) => c.name).sort()).toEqual(['张*明', '李*英', '赵*梅'].sort());
    expect(JSON.stringify(d)).not.toContain(members[0]!.memberId);
    // Anyone re-derives it from the published data alone:
    const tickets = d.candidates.map((c: { ticket: string }) => c.ticket);
    expect([...tickets].sort()).toEqual(tickets);
    expect(listHashOf(tickets)).toBe(d.listHash);
    expect(d.winners.map((x: { ticket: string }) => x.ticket)).toEqual(rankTickets(seed, tickets).slice(0, 2));
    // …and a member can find their own ticket.
    expect(tickets).toContain(ticketOf(quiz.id, members[1]!.memberId));
    expect(tickets).not.toContain(ticketOf(quiz.id, members[2]!.memberId));
  });

  it('hides quizzes and attempts from other unions: 404', async () => {
    clock.set(monday);
    const w = await activitiesWorld(t);
    const quiz = await openQuiz(w, {});
    const member = await activityMember(t, w);
    const attempt = await t.call('POST', `/api/v1/quizzes/${quiz.id}/attempts`, { token: member.token });
    const other = await activitiesWorld(t);
    const stranger = await activityMember(t, other);
    for (const [method, url] of [
      ['GET', `/api/v1/quizzes/${quiz.id}`],
      ['GET', `/api/v1/quizzes/${quiz.id}/questions`],
      ['GET', `/api/v1/quizzes/${quiz.id}/leaderboard`],
      ['POST', `/api/v1/quizzes/${quiz.id}/draws`],
    ] as const)
      expect(
        (await t.call(method, url, { token: other.officer.token, body: method === 'POST' ? { prizes: 1 } : undefined }))
          .status,
        url,
      ).toBe(404);
    expect((await t.call('POST', `/api/v1/quizzes/${quiz.id}/attempts`, { token: stranger.token })).status).toBe(404);
    expect((await t.call('GET', `/api/v1/me/quizzes/${quiz.id}`, { token: stranger.token })).status).toBe(404);
    expect((await t.call('GET', `/api/v1/quiz-attempts/${attempt.json.id}`, { token: stranger.token })).status).toBe(
      404,
    );
    expect(
      (
        await t.call('POST', `/api/v1/quiz-attempts/${attempt.json.id}/submission`, {
          token: stranger.token,
          body: { answers: [] },
        })
      ).status,
    ).toBe(404);
    // A member of a child union takes the federation's quiz; a sibling union's quiz is not theirs.
    const depotQuiz = await openQuiz(w, { orgId: w.depot.id });
    expect((await t.call('POST', `/api/v1/quizzes/${depotQuiz.id}/attempts`, { token: member.token })).status).toBe(
      404,
    );
    const mine = await t.call('GET', '/api/v1/me/quizzes', { token: member.token });
    expect(mine.json.items.map((q: { id: string }) => q.id)).toEqual([quiz.id]);
    // Outsider staff of another federation cannot create a quiz in this one.
    const outsider = await freshWorld(t);
    const created = await t.call('POST', '/api/v1/quizzes', {
      token: outsider.admin.token,
      body: {
        orgId: w.org.id,
        title: 'x',
        startsAt: monday.toISOString(),
        endsAt: new Date(monday.getTime() + minute).toISOString(),
        questionsPerAttempt: 1,
        timeLimitSeconds: 60,
        attemptsPerDay: 1,
        passScore: 60,
      },
    });
    expect(created.status).toBe(404);
  });

  it('edits and removes questions, refuses bad ones with 400, and imports a workbook reporting each bad row', async () => {
    clock.set(monday);
    const w = await activitiesWorld(t);
    const quiz = await openQuiz(w, {}, [bank[0]!]);
    const base = `/api/v1/quizzes/${quiz.id}/questions`;
    const bad = [
      { kind: 'single', text: 'x', options: ['a'], correct: ['A'] },
      { kind: 'single', text: 'x', options: ['a', 'b'], correct: ['A', 'B'] },
      { kind: 'multiple', text: 'x', options: ['a', 'b'], correct: ['C'] },
      { kind: 'true_false', text: 'x', correct: ['C'] },
    ];
    for (const body of bad) expect((await t.call('POST', base, { token: w.officer.token, body })).status).toBe(400);
    const first = (await t.call('GET', base, { token: w.officer.token })).json.items[0];
    const edited = await t.call('PUT', `${base}/${first.id}`, {
      token: w.officer.token,
      body: {
        kind: 'true_false',
        text: '每日工作时间不超过8小时。',
        correct: ['A'],
        explanation: '《劳动法》第三十六条',
      },
    });
    expect(edited.status).toBe(200);
    expect(edited.json.options).toEqual([
      { key: 'A', text: '正确' },
      { key: 'B', text: '错误' },
    ]);

    const file = await workbook([
      ['题型', '题目', '选项A', '选项B', '选项C', '选项D', '正确答案', '解析'],
      ['单选', '职工因工负伤应申请什么认定？', '工伤认定', '伤残鉴定', '', '', 'A', ''], // 2 ok
      ['多选', '工会的基本职责包括？', '维护', '建设', '参与', '教育', 'A、B、C、D', '工会法'], // 3 ok
      ['判断', '试用期包含在劳动合同期限内。', '', '', '', '', '对', ''], // 4 ok
      ['问答', '什么是集体合同？', '', '', '', '', 'A', ''], // 5 invalid_kind
      ['单选', '', 'a', 'b', '', '', 'A', ''], // 6 required text
      ['单选', '只有一个选项的题', '唯一', '', '', '', 'A', ''], // 7 too_few_options
      ['单选', '答案不在选项中', 'a', 'b', '', '', 'C', ''], // 8 invalid_answer
      ['单选', '职工因工负伤应申请什么认定？', 'a', 'b', '', '', 'A', ''], // 9 duplicate_in_file
      ['判断', '每日工作时间不超过8小时。', '', '', '', '', '错', ''], // 10 question_exists
      ['单选', '选项中间空了一个', 'a', '', 'c', '', 'A', ''], // 11 optionB required
      ['判断', '判断题答案写错', '', '', '', '', '也许', ''], // 12 invalid_answer
    ]);
    const started = await uploadFile(
      t,
      `/api/v1/quizzes/${quiz.id}/question-imports`,
      w.officer.token,
      'bank.xlsx',
      file,
    );
    expect(started.status, JSON.stringify(started.json)).toBe(202);
    const job = await waitForJob(t, `/api/v1/quiz-question-imports/${started.json.id}`, w.officer.token);
    expect(job).toMatchObject({ status: 'succeeded', total: 11, succeeded: 3, failed: 8 });
    expect(
      job.errorsPreview.map((e: { row: number; field: string; code: string }) => [e.row, e.field, e.code]),
    ).toEqual([
      [5, 'kind', 'invalid_kind'],
      [6, 'text', 'required'],
      [7, 'options', 'too_few_options'],
      [8, 'correct', 'invalid_answer'],
      [9, 'text', 'duplicate_in_file'],
      [10, 'text', 'question_exists'],
      [11, 'optionB', 'required'],
      [12, 'correct', 'invalid_answer'],
    ]);
    expect(job.errorsPreview[0].column).toBe('题型');
    const errors = await t.app.inject({
      method: 'GET',
      url: `/api/v1/quiz-question-imports/${started.json.id}/errors.xlsx`,
      headers: { authorization: `Bearer ${w.officer.token}` },
    });
    expect(errors.statusCode).toBe(200);
    expect((await readWorkbook(errors.rawPayload)).getRow(2).getCell(1).value).toBe(5);

    const items = (await t.call('GET', `${base}?limit=100`, { token: w.officer.token })).json.items;
    expect(items.map((q: { text: string }) => q.text)).toEqual([
      '每日工作时间不超过8小时。',
      '职工因工负伤应申请什么认定？',
      '工会的基本职责包括？',
      '试用期包含在劳动合同期限内。',
    ]); // the bank keeps the file's order
    const multi = items.find((q: { kind: string }) => q.kind === 'multiple');
    expect(multi).toMatchObject({ correct: ['A', 'B', 'C', 'D'], explanation: '工会法' });
    expect(items.find((q: { kind: string; text: string }) => q.text.startsWith('试用期')).correct).toEqual(['A']);

    // The export reads back in the import's columns.
    const exported = await t.app.inject({
      method: 'GET',
      url: `${base}/export.xlsx`,
      headers: { authorization: `Bearer ${w.officer.token}` },
    });
    const sheet = await readWorkbook(exported.rawPayload);
    expect(sheet.getRow(1).getCell(1).value).toBe('题型');
    expect(sheet.rowCount).toBe(5);

    const removed = await t.call('DELETE', `${base}/${multi.id}`, { token: w.officer.token });
    expect(removed.status).toBe(204);
    expect((await t.call('GET', `/api/v1/quizzes/${quiz.id}`, { token: w.officer.token })).json.questions).toBe(3);
    expect((await t.call('DELETE', `${base}/${multi.id}`, { token: w.officer.token })).status).toBe(404);

    const template = await t.app.inject({
      method: 'GET',
      url: '/api/v1/quiz-question-imports/template.xlsx',
      headers: { authorization: `Bearer ${w.officer.token}` },
    });
    expect(template.statusCode).toBe(200);
  });
});
