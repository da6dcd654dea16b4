import { congressKindLabels, congressStatusLabels } from '../../../../../shared/labels.js';
import type { representative as zhCN } from '../zh-CN/representative.js';

export const representative: typeof zhCN = {
  congressKind: congressKindLabels.en,
  congressStatus: congressStatusLabels.en,
  representative: {
    title: 'Representative',
    none: 'You are not a representative of a congress',
    term: 'Term {{from}} to {{to}}',
    delegation: 'Delegation: {{name}}',
    linksSoon: 'Proposals, votes and duty records will be handled here soon',
    link: { proposals: 'My proposals', motions: 'Motions to vote on', duties: 'Duty records and score' },
  },
};
