import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { idempotent, ok, type ApiBody, type ApiData } from '../../../../shared/api';
import { api } from '../../api';

export type Questionnaire = ApiData<'/api/v1/questionnaires/{id}'>;
export type Question = Questionnaire['questions'][number];
export type SubmitBody = ApiBody<'/api/v1/questionnaires/{id}/responses', 'post'>;
export type Answer = SubmitBody['answers'][number];

const base = '/api/v1/questionnaires';
export const questionnaireKeys = { list: [base, 'list'] as const, one: (id: string) => [base, id] as const };

/** The questionnaires of my union and the unions above it, newest first. */
export function useQuestionnaires() {
  return useQuery({
    queryKey: questionnaireKeys.list,
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/questionnaires', { params: { query: { limit: 100 } }, signal })).then((p) => p.items),
  });
}

export function useQuestionnaire(id: string) {
  return useQuery({
    queryKey: questionnaireKeys.one(id),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/questionnaires/{id}', { params: { path: { id } }, signal })),
  });
}

/** Sends my answers once; a retry of the same submission (a lost answer) carries the same key. */
export function useSubmitResponse(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: SubmitBody; key: string }) =>
      ok(api.POST('/api/v1/questionnaires/{id}/responses', { params: { path: { id } }, body, ...idempotent(key) })),
    onSuccess: () => client.invalidateQueries({ queryKey: [base] }),
  });
}
