import type { calendar as zhCN } from '../zh-CN/calendar.js';

export const calendar: typeof zhCN = {
  calendar: {
    title: 'Holidays',
    note: 'Enter the schedule the State Council publishes each year: weekdays off as public holidays, weekend days worked instead as make-up working days. Every deadline counted in working days (first contact on legal cases, membership reviews) follows this calendar. Only administrators of the root organisation can save it.',
    date: 'Date',
    kind: 'Kind',
    name: 'Name',
    holiday: 'Public holiday',
    workday: 'Make-up working day',
    add: 'Add',
    remove: 'Remove',
    save: 'Save this year',
    saved: 'Holidays of {{year}} saved',
    empty: 'No holidays entered for this year (working days are Monday to Friday)',
  },
};
