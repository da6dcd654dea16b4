import { congressKindLabels, congressStatusLabels } from '../../../../../shared/labels.js';

export const representative = {
  congressKind: congressKindLabels['zh-CN'],
  congressStatus: congressStatusLabels['zh-CN'],
  representative: {
    title: '代表履职',
    none: '您目前不是代表大会代表',
    term: '任期 {{from}} 至 {{to}}',
    delegation: '代表团：{{name}}',
    linksSoon: '提案、表决和履职记录将在这里办理，敬请期待',
    /** One word per link of links.ts. */
    link: { proposals: '我的提案', motions: '职代会表决', duties: '履职记录与得分' } as Record<string, string>,
  },
};
