import { staffRoleLabels } from '../../../../../shared/labels.js';

export const staff = {
  role: staffRoleLabels['zh-CN'],
  staff: {
    add: '新建工作人员',
    displayName: '姓名',
    roles: '角色',
    org: '所属组织',
    active: '状态',
    enabled: '启用',
    disabled: '停用',
    disable: '停用',
    enable: '启用',
  },
};
