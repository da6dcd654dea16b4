import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ok, type ApiBody, type ApiData } from '../../../../shared/api';
import { useCursorQuery } from '../../../../shared/useCursorQuery';
import { api } from '../../api';

export type Questionnaire = ApiData<'/api/v1/questionnaires/{id}'>;
export type NewQuestionnaire = ApiBody<'/api/v1/questionnaires', 'post'>;
export type QuestionKind = Questionnaire['questions'][number]['kind'];
export type QuestionnaireResults = ApiData<'/api/v1/questionnaires/{id}/results'>;

export const questionKinds: readonly QuestionKind[] = ['single', 'multiple', 'rating', 'text'];

const base = '/api/v1/questionnaires';
export const questionnaireKeys = {
  list: [base, 'list'] as const,
  one: (id: string) => [base, id] as const,
};

export function useQuestionnaires(orgId: string | undefined) {
  return useCursorQuery([...questionnaireKeys.list, orgId ?? ''], (cursor, signal) =>
    ok(api.GET('/api/v1/questionnaires', { params: { query: { orgId, limit: 50, cursor } }, signal })),
  );
}

export function useCreateQuestionnaire() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewQuestionnaire) => ok(api.POST('/api/v1/questionnaires', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: questionnaireKeys.list }),
  });
}

export function useQuestionnaire(id: string) {
  return useQuery({
    queryKey: questionnaireKeys.one(id),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/questionnaires/{id}', { params: { path: { id } }, signal })),
  });
}

export function useQuestionnaireResults(id: string, orgId: string | undefined) {
  return useQuery({
    queryKey: [...questionnaireKeys.one(id), 'results', orgId ?? ''],
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/questionnaires/{id}/results', { params: { path: { id }, query: { orgId } }, signal })),
  });
}

export type QuestionnaireChanges = ApiBody<'/api/v1/questionnaires/{id}', 'patch'>;

/** An officer's edit, or closing it now: the questionnaire, its results and the list are read again. */
export function useChangeQuestionnaire(id: string) {
  const client = useQueryClient();
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: questionnaireKeys.one(id) }),
      client.invalidateQueries({ queryKey: questionnaireKeys.list }),
    ]);
  return {
    update: useMutation({
      mutationFn: (body: QuestionnaireChanges) =>
        ok(api.PATCH('/api/v1/questionnaires/{id}', { params: { path: { id } }, body })),
      onSuccess: refresh,
    }),
    close: useMutation({
      mutationFn: () => ok(api.POST('/api/v1/questionnaires/{id}/close', { params: { path: { id } } })),
      onSuccess: refresh,
    }),
  };
}
