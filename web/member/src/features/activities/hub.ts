/**
 * The parts of the member app's activities page (活动), in this order: each part adds one line (its key, whose title
 * and description are `activities.<key>` and `activities.<key>Hint` in locales/.../activities.ts, and its page).
 */
export const activityParts: readonly { key: string; path: string }[] = [
  // One line per part.
  { key: 'stories', path: '/stories' },
  { key: 'skills', path: '/skills' },
  { key: 'walks', path: '/walks' },
  { key: 'questionnaires', path: '/questionnaires' },
  { key: 'contests', path: '/contests' },
  { key: 'quizzes', path: '/quizzes' },
  { key: 'polls', path: '/polls' },
];
