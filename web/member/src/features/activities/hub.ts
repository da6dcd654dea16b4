/**
 * The parts of the member app's activities page (活动), in this order: each part adds one line (its key, whose title
 * and description are `activities.<key>` and `activities.<key>Hint` in locales/.../activities.ts, and its page).
 */
export const activityParts: readonly { key: string; path: string }[] = [
  // One line per part, most used first.
  { key: 'quizzes', path: '/quizzes' },
  { key: 'walks', path: '/walks' },
  { key: 'polls', path: '/polls' },
  { key: 'stories', path: '/stories' },
  { key: 'contests', path: '/contests' },
  { key: 'skills', path: '/skills' },
  { key: 'awards', path: '/awards' },
  { key: 'questionnaires', path: '/questionnaires' },
];
