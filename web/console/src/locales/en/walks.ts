import type { walks as zhCN } from '../zh-CN/walks.js';

export const walks: typeof zhCN = {
  walks: {
    tab: 'Walking',
    title: 'Walking challenges',
    add: 'New challenge',
    created: 'Challenge created',
    name: 'Title',
    namePlaceholder: 'e.g. 10,000 steps a day, 2026',
    org: 'Union',
    orgHint: 'Members of this union and the unions below it take part',
    days: 'Days',
    goal: 'Daily goal (steps)',
    goalHint: 'Shown to members; it does not affect the ranking',
    participants: 'Participants',
    state: 'State',
    states: { upcoming: 'Upcoming', running: 'Running', ended: 'Ended' },
    byMember: 'Members',
    byOrg: 'Unions',
    total: 'Total',
    daily: 'One day',
    day: 'Day',
    rank: 'Rank',
    member: 'Member',
    memberOrg: 'Union',
    steps: 'Steps',
    daysRecorded: 'Days recorded',
    average: 'Average steps',
    byOrgHint:
      'Unions directly below, ranked by average steps per participating member (steps ÷ members who recorded steps); members filed to this union itself count on a line of their own.',
  },
};
