import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ok, type ApiBody, type ApiData, type ApiItem } from '../../../../shared/api';
import { useCursorQuery } from '../../../../shared/useCursorQuery';
import { api } from '../../api';

export type Story = ApiData<'/api/v1/stories/{id}'>;
export type StoryRow = ApiItem<'/api/v1/stories'>;
export type StoryStatus = Story['status'];
export type StoryAction = ApiBody<'/api/v1/stories/{id}/actions', 'post'>;

export type StoryCollection = ApiItem<'/api/v1/story-collections'>;
export type NewStoryCollection = ApiBody<'/api/v1/story-collections', 'post'>;

export const storyStatuses: StoryStatus[] = ['pending', 'approved', 'rejected', 'withdrawn'];

export const storyKeys = {
  stories: ['/api/v1/stories'] as const,
  story: (id: string) => ['/api/v1/stories', id] as const,
  collections: ['/api/v1/story-collections'] as const,
};

/** The calls for stories (征文活动) run in the subtree, newest first. */
export function useStoryCollections(orgId: string | undefined) {
  return useCursorQuery([...storyKeys.collections, orgId], (cursor, signal) =>
    ok(api.GET('/api/v1/story-collections', { params: { query: { orgId, limit: 50, cursor } }, signal })),
  );
}

export function useCreateStoryCollection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewStoryCollection) => ok(api.POST('/api/v1/story-collections', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: storyKeys.collections }),
  });
}

/** The stories submitted to the subtree (or `orgId`'s), in one state, newest first. */
export function useStories(filter: { orgId?: string; status: StoryStatus }) {
  return useCursorQuery([...storyKeys.stories, 'list', filter], (cursor, signal) =>
    ok(api.GET('/api/v1/stories', { params: { query: { ...filter, limit: 50, cursor } }, signal })),
  );
}

export function useStory(id: string | null) {
  return useQuery({
    queryKey: storyKeys.story(id ?? ''),
    queryFn: ({ signal }) => ok(api.GET('/api/v1/stories/{id}', { params: { path: { id: id! } }, signal })),
    enabled: id !== null,
  });
}

export function useStoryAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: StoryAction) => ok(api.POST('/api/v1/stories/{id}/actions', { params: { path: { id } }, body })),
    onSuccess: (updated) => {
      client.setQueryData(storyKeys.story(id), updated);
      return client.invalidateQueries({ queryKey: [...storyKeys.stories, 'list'] });
    },
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
