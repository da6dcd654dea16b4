import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { idempotent, ok, type ApiBody, type ApiData, type ApiItem } from '../../../../shared/api';
import { api } from '../../api';

/** 知识竞赛 in the member app: my quizzes, an attempt, its submission, the leaderboard and the public draw. */
export type MyQuiz = ApiItem<'/api/v1/me/quizzes'>;
export type Attempt = ApiData<'/api/v1/quiz-attempts/{id}'>;
export type AttemptQuestion = Attempt['questions'][number];
export type Answers = ApiBody<'/api/v1/quiz-attempts/{id}/submission', 'post'>['answers'];
export type Leaderboard = ApiData<'/api/v1/quizzes/{id}/leaderboard'>;
export type QuizDraw = ApiData<'/api/v1/public/quizzes/{id}/draw'>;

export const quizKeys = {
  mine: ['/api/v1/me/quizzes'] as const,
  quiz: (id: string) => ['/api/v1/me/quizzes', id] as const,
  attempt: (id: string) => ['/api/v1/quiz-attempts', id] as const,
  board: (id: string) => ['/api/v1/quizzes', id, 'leaderboard'] as const,
  draw: (id: string) => ['/api/v1/public/quizzes', id, 'draw'] as const,
};

/** Upcoming and open quizzes (by default), or the ended ones (their results and draws). */
export function useMyQuizzes(phase?: 'ended') {
  return useQuery({
    queryKey: [...quizKeys.mine, { phase }],
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/me/quizzes', { params: { query: { limit: 50, ...(phase ? { phase } : {}) } }, signal })),
  });
}

export function useMyQuiz(id: string) {
  return useQuery({
    queryKey: quizKeys.quiz(id),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/me/quizzes/{id}', { params: { path: { id } }, signal })),
  });
}

export function useStartAttempt(quizId: string) {
  const client = useQueryClient();
  return useMutation({
    // One key per tap: a request the network repeats starts one attempt, not two of the day's.
    mutationFn: () =>
      ok(
        api.POST('/api/v1/quizzes/{id}/attempts', {
          params: { path: { id: quizId } },
          ...idempotent(crypto.randomUUID()),
        }),
      ),
    onSuccess: (attempt) => {
      client.setQueryData(quizKeys.attempt(attempt.id), attempt);
      return client.invalidateQueries({ queryKey: quizKeys.mine });
    },
  });
}

export function useAttempt(id: string) {
  return useQuery({
    queryKey: quizKeys.attempt(id),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/quiz-attempts/{id}', { params: { path: { id } }, signal })),
  });
}

export function useSubmitAttempt(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (answers: Answers) =>
      ok(api.POST('/api/v1/quiz-attempts/{id}/submission', { params: { path: { id } }, body: { answers } })),
    onSuccess: (attempt) => {
      client.setQueryData(quizKeys.attempt(id), attempt);
      return client.invalidateQueries({ queryKey: quizKeys.mine });
    },
    // Refused (late, or submitted already from another tab): what the server holds now is shown.
    onError: () => client.invalidateQueries({ queryKey: quizKeys.attempt(id) }),
  });
}

export function useLeaderboard(id: string) {
  return useQuery({
    queryKey: quizKeys.board(id),
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/quizzes/{id}/leaderboard', { params: { path: { id }, query: { limit: 50 } }, signal })),
  });
}

export function usePublicDraw(id: string) {
  return useQuery({
    queryKey: quizKeys.draw(id),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/public/quizzes/{id}/draw', { params: { path: { id } }, signal })),
  });
}
