import type { membership as zhCN } from '../zh-CN/membership.js';

export const membership: typeof zhCN = {
  card: { title: 'Member card', number: 'Card number', org: 'Union', joinedAt: 'Joined', phone: 'Phone' },
  join: {
    title: 'Apply to join',
    union: 'Grassroots union',
    searchUnion: 'Search union name',
    noUnion: 'No union matches',
    name: 'Name',
    idNumber: 'ID-card number (optional)',
    employer: 'Employer (optional)',
    occupation: 'Occupation (optional)',
    submit: 'Submit',
    submitted: 'Submitted; the union will review it',
    mine: 'My applications',
    status: { submitted: 'Under review', approved: 'Approved', rejected: 'Rejected', withdrawn: 'Withdrawn' },
    withdraw: 'Withdraw',
    pickUnion: 'Choose the union to join first',
    membersOnly:
      'This service is for union members. Once you join, member perks, the member card and love breakfast are yours.',
  },
};
