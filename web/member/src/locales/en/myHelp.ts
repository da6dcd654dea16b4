import type { aidKindLabels, hardshipLevelLabels, hardshipStatusLabels } from '../../../../../shared/labels.js';
import type { myHelp as zhCN } from '../zh-CN/myHelp.js';

/** The enumerations' words are written here, typed by shared/labels.ts (see zh-CN/myHelp.ts). */
export const myHelp: typeof zhCN = {
  aidKind: {
    cash: 'Cash',
    goods: 'Goods',
    medical_green_channel: 'Medical green channel',
    free_screening: 'Free screening',
    discount_voucher: 'Discount vouchers',
    home_care: 'Home care',
    counselling: 'Counselling',
    job_referral: 'Job referral',
  } satisfies (typeof aidKindLabels)['en'],
  myHelpStatus: {
    submitted: 'Awaiting verification',
    verified: 'Verified',
    archived: 'Archived',
    case_by_case: 'Helped case by case',
    rejected: 'Rejected',
    closed: 'Closed (out of hardship)',
  } satisfies (typeof hardshipStatusLabels)['en'],
  myHelpLevel: {
    deep: 'Deep hardship',
    relative: 'Relative hardship',
    accident: 'Hardship by accident',
  } satisfies (typeof hardshipLevelLabels)['en'],
  myHelp: {
    title: 'My help record',
    none: 'No help recorded',
    noneHint: 'If your household faces hardship, tell your union: once it has checked, it will help.',
    received: 'Help received',
    total: '{{count}} times, {{total}} in cash or value',
    giver: 'Given by {{name}}',
    plan: 'Assistance plan',
    goal: 'Goal: {{goal}}',
    owner: 'Responsible: {{owner}}',
    dueOn: 'Due: {{date}}',
    done: 'Done',
    pending: 'In progress',
    noPlan: 'Your household’s plan will show here once it is made',
    status: 'File',
  },
};
