import type { WorkflowDefinition } from '../../kernel/workflow.js';

/** The story states (职工故事). */
export const storyStates = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type StoryState = (typeof storyStates)[number];
export const storyActions = ['approve', 'reject', 'take_down', 'resubmit', 'withdraw'] as const;
export type StoryAction = (typeof storyActions)[number];

/** Activity officers (活动专干; org_admin holds every role) over the union the story is submitted to. */
export const storyOfficer = 'staff:activity_officer';
/** The member who wrote it. */
export const storyAuthor = 'author';

/**
 * A member submits a story (pending); the union's officers approve it (shown in the public showcase) or reject it
 * with a reason; an approved story may be taken down with a reason (rejected again). The author may edit a rejected
 * story and resubmit it (pending again, moderated afresh), or withdraw it while it is pending or rejected.
 */
export const storyWorkflow: WorkflowDefinition<StoryState, StoryAction> = {
  name: 'story',
  table: 'stories',
  initial: 'pending',
  states: storyStates,
  terminal: ['withdrawn'],
  transitions: [
    { action: 'approve', from: ['pending'], to: 'approved', by: [storyOfficer] },
    { action: 'reject', from: ['pending'], to: 'rejected', by: [storyOfficer] },
    { action: 'take_down', from: ['approved'], to: 'rejected', by: [storyOfficer] },
    { action: 'resubmit', from: ['rejected'], to: 'pending', by: [storyAuthor] },
    { action: 'withdraw', from: ['pending', 'rejected'], to: 'withdrawn', by: [storyAuthor] },
  ],
};
