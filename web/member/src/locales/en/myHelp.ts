import { aidKindLabels, hardshipLevelLabels, hardshipStatusLabels } from '../../../../../shared/labels.js';
import type { myHelp as zhCN } from '../zh-CN/myHelp.js';

export const myHelp: typeof zhCN = {
  aidKind: aidKindLabels.en,
  myHelpStatus: hardshipStatusLabels.en,
  myHelpLevel: hardshipLevelLabels.en,
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
