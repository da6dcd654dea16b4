import { orgKindLabels } from '../../../../../shared/labels.js';
import type { orgs as zhCN } from '../zh-CN/orgs.js';

export const orgs: typeof zhCN = {
  kind: orgKindLabels.en,
  org: {
    name: 'Name',
    kind: 'Kind',
    regionCode: 'Region',
    regionHint: 'The area it serves (GB/T 2260 divisions); a province or a city is enough',
    regionPlaceholder: 'Choose or search province / city / county',
    children: 'Children',
    members: 'Members (incl. below)',
    addChild: 'New child organisation',
    created: 'Created',
    select: 'Select an organisation on the left',
  },
};
