import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { idempotent, ok, type ApiBody, type ApiData, type ApiItem } from '../../../../shared/api';
import { api } from '../../api';

export type Suggestion = ApiData<'/api/v1/suggestions/{id}'>;
export type SuggestionSummary = ApiItem<'/api/v1/suggestions'>;
export type PostSuggestionBody = ApiBody<'/api/v1/suggestions', 'post'>;
export type SuggestionAction = ApiBody<'/api/v1/suggestions/{id}/actions', 'post'>;
export type Review = ApiData<'/api/v1/union-reviews/{id}'>;
export type RespondBody = ApiBody<'/api/v1/union-reviews/{id}/responses', 'post'>;
export type Rating = RespondBody['answers'][number]['rating'];

/** Query keys start with the path they read: invalidating `suggestions` refreshes the lists and every suggestion. */
export const participationKeys = {
  suggestions: ['/api/v1/suggestions'] as const,
  suggestionList: (mine: boolean) => ['/api/v1/suggestions', 'list', mine] as const,
  suggestion: (id: string) => ['/api/v1/suggestions', id] as const,
  myReviews: ['/api/v1/me/union-reviews'] as const,
  review: (id: string) => ['/api/v1/union-reviews', id] as const,
};

/** 职工事大家议: what my union's members see (or only mine), newest first, page by page. */
export function useSuggestions(mine: boolean) {
  const q = useInfiniteQuery({
    queryKey: participationKeys.suggestionList(mine),
    queryFn: ({ pageParam, signal }) =>
      ok(
        api.GET('/api/v1/suggestions', {
          params: {
            query: { limit: 20, ...(mine ? { mine: 'true' } : {}), ...(pageParam ? { cursor: pageParam } : {}) },
          },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return {
    items: q.data?.pages.flatMap((p) => p.items) ?? null,
    error: q.error,
    hasMore: q.hasNextPage,
    loadMore: () => q.fetchNextPage().then(() => undefined),
    reload: () => void q.refetch(),
  };
}

export function useSuggestion(id: string) {
  return useQuery({
    queryKey: participationKeys.suggestion(id),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/suggestions/{id}', { params: { path: { id } }, signal })),
  });
}

/** The unions I may address: mine first, then those above it. */
export function useSuggestionUnions() {
  return useQuery({
    queryKey: ['/api/v1/me/suggestion-unions'],
    queryFn: ({ signal }) => ok(api.GET('/api/v1/me/suggestion-unions', { signal })).then((r) => r.items),
  });
}

/** One suggestion per form: the key is the form's (a double tap or a retry posts once). */
export function usePostSuggestion(idempotencyKey: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PostSuggestionBody) =>
      ok(api.POST('/api/v1/suggestions', { body, ...idempotent(idempotencyKey) })),
    onSuccess: (created) => {
      client.setQueryData(participationKeys.suggestion(created.id), created);
      return client.invalidateQueries({ queryKey: participationKeys.suggestions });
    },
  });
}

export function useSupport(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => ok(api.POST('/api/v1/suggestions/{id}/supports', { params: { path: { id } } })),
    onSettled: () => client.invalidateQueries({ queryKey: participationKeys.suggestions }),
  });
}

export function useSuggestionAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SuggestionAction) =>
      ok(api.POST('/api/v1/suggestions/{id}/actions', { params: { path: { id } }, body })),
    onSuccess: (updated) => {
      client.setQueryData(participationKeys.suggestion(id), updated);
      return client.invalidateQueries({ queryKey: participationKeys.suggestions });
    },
  });
}

/** 会员评家: the reviews of my union and those above it. */
export function useMyReviews() {
  return useQuery({
    queryKey: participationKeys.myReviews,
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/me/union-reviews', { params: { query: { limit: 100 } }, signal })).then((p) => p.items),
  });
}

export function useReview(id: string) {
  return useQuery({
    queryKey: participationKeys.review(id),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/union-reviews/{id}', { params: { path: { id } }, signal })),
  });
}

export function useRespond(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RespondBody) =>
      ok(api.POST('/api/v1/union-reviews/{id}/responses', { params: { path: { id } }, body })),
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: participationKeys.myReviews }),
        client.invalidateQueries({ queryKey: participationKeys.review(id) }),
      ]),
  });
}

export const when = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
