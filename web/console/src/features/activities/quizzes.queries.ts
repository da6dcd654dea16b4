import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ok, type ApiBody, type ApiData, type ApiItem } from '../../../../shared/api';
import { useCursorQuery } from '../../../../shared/useCursorQuery';
import { api } from '../../api';

/** 知识竞赛: the console's reads and writes of quizzes, their banks, the leaderboard and the draw. */
export type Quiz = ApiData<'/api/v1/quizzes/{id}'>;
export type NewQuiz = ApiBody<'/api/v1/quizzes', 'post'>;
export type QuizChanges = ApiBody<'/api/v1/quizzes/{id}', 'patch'>;
export type Question = ApiItem<'/api/v1/quizzes/{id}/questions'>;
export type QuestionInput = ApiBody<'/api/v1/quizzes/{id}/questions', 'post'>;
export type Leaderboard = ApiData<'/api/v1/quizzes/{id}/leaderboard'>;
export type Draw = ApiData<'/api/v1/public/quizzes/{id}/draw'>;
export type QuizPhase = Quiz['phase'];

export const questionKinds = ['single', 'multiple', 'true_false'] as const;

const base = '/api/v1/quizzes';
export const quizKeys = {
  list: [base, 'list'] as const,
  quiz: (id: string) => [base, id] as const,
  questions: (id: string) => [base, id, 'questions'] as const,
};

export function useQuizzes(filter: { orgId?: string; phase?: QuizPhase }) {
  return useCursorQuery([...quizKeys.list, filter], (cursor, signal) =>
    ok(api.GET('/api/v1/quizzes', { params: { query: { ...filter, limit: 50, cursor } }, signal })),
  );
}

export function useQuiz(id: string) {
  return useQuery({
    queryKey: quizKeys.quiz(id),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/quizzes/{id}', { params: { path: { id } }, signal })),
  });
}

export function useCreateQuiz() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewQuiz) => ok(api.POST('/api/v1/quizzes', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: quizKeys.list }),
  });
}

/** Every write on a quiz changes its figures: the quiz, its bank and the list are read again. */
function useQuizWrite<B, R>(id: string, write: (body: B) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: quizKeys.quiz(id) }),
        client.invalidateQueries({ queryKey: quizKeys.list }),
      ]),
  });
}

export function useUpdateQuiz(id: string) {
  return useQuizWrite(id, (body: QuizChanges) =>
    ok(api.PATCH('/api/v1/quizzes/{id}', { params: { path: { id } }, body })),
  );
}

export function useQuestions(id: string) {
  return useCursorQuery([...quizKeys.questions(id)], (cursor, signal) =>
    ok(api.GET('/api/v1/quizzes/{id}/questions', { params: { path: { id }, query: { limit: 100, cursor } }, signal })),
  );
}

export function useSaveQuestion(id: string) {
  return useQuizWrite(id, ({ questionId, body }: { questionId: string | null; body: QuestionInput }) =>
    questionId
      ? ok(api.PUT('/api/v1/quizzes/{id}/questions/{questionId}', { params: { path: { id, questionId } }, body }))
      : ok(api.POST('/api/v1/quizzes/{id}/questions', { params: { path: { id } }, body })),
  );
}

export function useRemoveQuestion(id: string) {
  return useQuizWrite(id, (questionId: string) =>
    ok(api.DELETE('/api/v1/quizzes/{id}/questions/{questionId}', { params: { path: { id, questionId } } })),
  );
}

export function useLeaderboard(id: string) {
  return useQuery({
    queryKey: [...quizKeys.quiz(id), 'leaderboard'],
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/quizzes/{id}/leaderboard', { params: { path: { id }, query: { limit: 100 } }, signal })),
  });
}

export function useDraw(id: string, drawn: boolean) {
  return useQuery({
    queryKey: [...quizKeys.quiz(id), 'draw'],
    enabled: drawn,
    queryFn: ({ signal }) => ok(api.GET('/api/v1/public/quizzes/{id}/draw', { params: { path: { id } }, signal })),
  });
}

export function useDrawPrizes(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiBody<'/api/v1/quizzes/{id}/draws', 'post'>) =>
      ok(api.POST('/api/v1/quizzes/{id}/draws', { params: { path: { id } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: quizKeys.quiz(id) }),
  });
}
