import { orgKindLabels } from '../../../../../shared/labels.js';

export const orgs = {
  kind: orgKindLabels['zh-CN'],
  org: {
    name: '名称',
    kind: '类型',
    regionCode: '所在地区',
    regionHint: '该组织服务的地区（GB/T 2260 行政区划），可只选到省或市',
    regionPlaceholder: '选择或搜索 省 / 市 / 区县',
    children: '下级组织',
    members: '会员数（含下级）',
    addChild: '新建下级组织',
    created: '已创建',
    select: '请在左侧选择组织',
  },
};
