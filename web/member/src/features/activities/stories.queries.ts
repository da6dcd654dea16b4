import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { idempotent, ok, type ApiBody, type ApiData, type ApiItem } from '../../../../shared/api';
import { useCursorQuery } from '../../../../shared/useCursorQuery';
import { api } from '../../api';

export type PublicStory = ApiData<'/api/v1/public/stories/{id}'>;
export type MyStory = ApiItem<'/api/v1/me/stories'>;
export type Story = ApiData<'/api/v1/stories/{id}'>;
export type SubmitStoryBody = ApiBody<'/api/v1/stories', 'post'>;
export type StoryAction = ApiBody<'/api/v1/stories/{id}/actions', 'post'>;
export type StorySort = 'recent' | 'likes';

/** Keys start with the path they read: a like refreshes the showcase; a submission, my stories. */
export const storyKeys = {
  showcase: ['/api/v1/public/stories'] as const,
  list: (sort: StorySort, collectionId: string | null) =>
    ['/api/v1/public/stories', 'list', sort, collectionId] as const,
  story: (id: string) => ['/api/v1/public/stories', id] as const,
  mine: ['/api/v1/me/stories'] as const,
  own: (id: string) => ['/api/v1/stories', id] as const,
};

/** The showcase (no sign-in needed), newest or most liked first, page by page. */
export function usePublicStories(sort: StorySort, collectionId: string | null) {
  const q = useInfiniteQuery({
    queryKey: storyKeys.list(sort, collectionId),
    queryFn: ({ pageParam, signal }) =>
      ok(
        api.GET('/api/v1/public/stories', {
          params: {
            query: {
              limit: 20,
              sort,
              ...(collectionId ? { collectionId } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
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
    loadMore: () => void q.fetchNextPage(),
    reload: () => void q.refetch(),
  };
}

/** The calls for stories (征文活动), newest first: the showcase's filter. */
export function usePublicCollections() {
  return useQuery({
    queryKey: ['/api/v1/public/story-collections'],
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/public/story-collections', { params: { query: { limit: 20 } }, signal })).then(
        (r) => r.items,
      ),
  });
}

/** The calls open now that I may submit to. */
export function useMyCollections(enabled: boolean) {
  return useQuery({
    queryKey: ['/api/v1/me/story-collections'],
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/me/story-collections', { params: { query: { limit: 20 } }, signal })).then((r) => r.items),
    enabled,
  });
}

export function usePublicStory(id: string) {
  return useQuery({
    queryKey: storyKeys.story(id),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/public/stories/{id}', { params: { path: { id } }, signal })),
  });
}

export function useMyStories() {
  return useCursorQuery(storyKeys.mine, (cursor, signal) =>
    ok(api.GET('/api/v1/me/stories', { params: { query: { limit: 20, cursor } }, signal })),
  );
}

/** My own story in any state (to edit a rejected one). */
export function useOwnStory(id: string | undefined) {
  return useQuery({
    queryKey: storyKeys.own(id ?? ''),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/stories/{id}', { params: { path: { id: id! } }, signal })),
    enabled: !!id,
  });
}

/** Like or unlike: the server counts a member once whatever the taps; the page shows its answer. */
export function useLike(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (like: boolean) =>
      ok(
        like
          ? api.PUT('/api/v1/stories/{id}/like', { params: { path: { id } } })
          : api.DELETE('/api/v1/stories/{id}/like', { params: { path: { id } } }),
      ),
    onSuccess: (answer) => {
      client.setQueryData<PublicStory>(storyKeys.story(id), (s) =>
        s ? { ...s, likeCount: answer.likeCount, likedByMe: answer.liked } : s,
      );
      return client.invalidateQueries({ queryKey: storyKeys.showcase });
    },
  });
}

/** One story per form: the key is the form's (a double tap or a retry submits once). */
export function useSubmitStory(idempotencyKey: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SubmitStoryBody) => ok(api.POST('/api/v1/stories', { body, ...idempotent(idempotencyKey) })),
    onSuccess: () => client.invalidateQueries({ queryKey: storyKeys.mine }),
  });
}

export function useStoryAction(id: string, idempotencyKey: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: StoryAction) =>
      ok(api.POST('/api/v1/stories/{id}/actions', { params: { path: { id } }, body, ...idempotent(idempotencyKey) })),
    onSuccess: (story) => {
      client.setQueryData(storyKeys.own(id), story);
      return client.invalidateQueries({ queryKey: storyKeys.mine });
    },
  });
}

export interface UploadedPhoto {
  id: string;
  fileName: string;
}
export const uploadStoryPhoto = (form: FormData) => api.upload<UploadedPhoto>('/api/v1/stories/photos', form);

/** My story's photo behind the token (any state), as a local copy to show in the form. */
export const ownStoryPhoto = (storyId: string, fileId: string, signal?: AbortSignal) =>
  api.blob(`/api/v1/stories/${storyId}/photos/${fileId}`, signal);

/** YYYY-MM-DD of an ISO time in Asia/Shanghai. */
export const shanghaiDay = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(iso));
