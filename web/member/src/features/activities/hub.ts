/**
 * The parts of the member app's activities page (活动), in this order: each part adds one line (its key, whose title
 * and description are `activities.<key>` and `activities.<key>Hint` in locales/.../activities.ts, and its page).
 */
export const activityParts: readonly { key: string; path: string }[] = [{ key: 'polls', path: '/polls' }];
