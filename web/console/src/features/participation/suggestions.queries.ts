import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ok, type ApiBody, type ApiData, type ApiItem } from '../../../../shared/api';
import { useCursorQuery } from '../../../../shared/useCursorQuery';
import { api } from '../../api';

export type Suggestion = ApiData<'/api/v1/suggestions/{id}'>;
export type SuggestionRow = ApiItem<'/api/v1/suggestions'>;
export type SuggestionStatus = Suggestion['status'];
export type SuggestionAction = ApiBody<'/api/v1/suggestions/{id}/actions', 'post'>;
export type SuggestionFilter = {
  orgId?: string;
  status?: SuggestionStatus;
  q?: string;
  sort?: 'recent' | 'supports';
};
export type Review = ApiData<'/api/v1/union-reviews/{id}'>;
export type NewReview = ApiBody<'/api/v1/union-reviews', 'post'>;
export type ReviewResult = ApiData<'/api/v1/union-reviews/{id}/result'>;
export type ReviewComment = ApiItem<'/api/v1/union-reviews/{id}/comments'>;

export const suggestionStatuses: SuggestionStatus[] = [
  'open',
  'answered',
  'taken_up',
  'closed',
  'rejected',
  'withdrawn',
];

export const participationKeys = {
  suggestions: ['/api/v1/suggestions'] as const,
  suggestion: (id: string) => ['/api/v1/suggestions', id] as const,
  reviews: ['/api/v1/union-reviews'] as const,
  review: (id: string) => ['/api/v1/union-reviews', id] as const,
};

/** The suggestions queue, filtered and sorted by the server, so the page and its Excel export agree. */
export function useSuggestions(filter: SuggestionFilter) {
  return useCursorQuery([...participationKeys.suggestions, 'list', filter], (cursor, signal) =>
    ok(api.GET('/api/v1/suggestions', { params: { query: { ...filter, limit: 50, cursor } }, signal })),
  );
}

export function useSuggestion(id: string | null) {
  return useQuery({
    queryKey: participationKeys.suggestion(id ?? ''),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/suggestions/{id}', { params: { path: { id: id! } }, signal })),
    enabled: id !== null,
  });
}

export function useSuggestionAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SuggestionAction) =>
      ok(api.POST('/api/v1/suggestions/{id}/actions', { params: { path: { id } }, body })),
    onSuccess: (updated) => {
      client.setQueryData(participationKeys.suggestion(id), updated);
      return client.invalidateQueries({ queryKey: [...participationKeys.suggestions, 'list'] });
    },
  });
}

export function useReviews(orgId: string | undefined) {
  return useCursorQuery([...participationKeys.reviews, 'list', orgId], (cursor, signal) =>
    ok(api.GET('/api/v1/union-reviews', { params: { query: { orgId, limit: 50, cursor } }, signal })),
  );
}

export function useCreateReview() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewReview) => ok(api.POST('/api/v1/union-reviews', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: [...participationKeys.reviews, 'list'] }),
  });
}

export function useReview(id: string) {
  return useQuery({
    queryKey: participationKeys.review(id),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/union-reviews/{id}', { params: { path: { id } }, signal })),
  });
}

/** The result for the subtree of `orgId` (the review's union by default); the previous one shows while drilling. */
export function useReviewResult(id: string, orgId: string | undefined) {
  return useQuery({
    queryKey: [...participationKeys.review(id), 'result', orgId],
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/union-reviews/{id}/result', { params: { path: { id }, query: { orgId } }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useReviewComments(id: string, orgId: string | undefined) {
  return useCursorQuery([...participationKeys.review(id), 'comments', orgId], (cursor, signal) =>
    ok(
      api.GET('/api/v1/union-reviews/{id}/comments', {
        params: { path: { id }, query: { orgId, limit: 20, cursor } },
        signal,
      }),
    ),
  );
}

/** A rate 0..1 as a percentage with one decimal; no rate (nothing to divide by) as a dash. */
export const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

export const when = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
