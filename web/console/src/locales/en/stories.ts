import type { stories as zh } from '../zh-CN/stories.js';

/** Workers' stories: the moderation queue and the published stories. */
export const stories: typeof zh = {
  stories: {
    tab: 'Stories',
    title: "Workers' stories",
    status: 'Status',
    statuses: { pending: 'To review', approved: 'Published', rejected: 'Not approved', withdrawn: 'Withdrawn' },
    name: 'Title',
    author: 'Author',
    org: 'Submitted to',
    createdAt: 'Submitted',
    publishedAt: 'Published',
    likes: 'Likes',
    likeCount: '{{count}} likes',
    photos: 'Photos',
    video: 'Video link',
    videoHint: 'Opens in a new window: check what the video shows',
    noMedia: 'No photos or video',
    approve: 'Approve and publish',
    approveConfirm: 'Once approved, the story is published in the public showcase. Approve it?',
    reject: 'Do not approve',
    takeDown: 'Take down',
    reason: 'Reason (the author is told)',
    reasonOfTakeDown: 'Why it is taken down (the author is told)',
    rejectReason: 'Why it was not approved',
    done: 'Done',
    showcase: 'Open the public showcase',
    step: {
      submit: 'Submitted',
      approve: 'Approved',
      reject: 'Not approved',
      take_down: 'Taken down',
      resubmit: 'Edited and submitted again',
      withdraw: 'Withdrawn by the author',
    },
  },
};
