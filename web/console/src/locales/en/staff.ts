import { staffRoleLabels } from '../../../../../shared/labels.js';
import type { staff as zhCN } from '../zh-CN/staff.js';

export const staff: typeof zhCN = {
  role: staffRoleLabels.en,
  staff: {
    add: 'New staff',
    displayName: 'Name',
    roles: 'Roles',
    org: 'Organisation',
    active: 'Status',
    enabled: 'Active',
    disabled: 'Disabled',
    disable: 'Disable',
    enable: 'Enable',
  },
};
