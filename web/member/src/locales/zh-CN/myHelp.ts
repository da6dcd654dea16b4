import { aidKindLabels, hardshipLevelLabels, hardshipStatusLabels } from '../../../../../shared/labels.js';

/** 我的帮扶记录: the help a member's household received and its plan (一户一策). */
export const myHelp = {
  aidKind: aidKindLabels['zh-CN'],
  myHelpStatus: hardshipStatusLabels['zh-CN'],
  myHelpLevel: hardshipLevelLabels['zh-CN'],
  myHelp: {
    title: '我的帮扶记录',
    none: '暂无帮扶记录',
    noneHint: '您的家庭如遇困难，可向所在工会反映，工会核实后将为您提供帮扶。',
    received: '已获帮扶',
    total: '共 {{count}} 次，现金及折合金额 {{total}}',
    giver: '帮扶单位：{{name}}',
    plan: '帮扶计划',
    goal: '目标：{{goal}}',
    owner: '负责：{{owner}}',
    dueOn: '完成时限：{{date}}',
    done: '已完成',
    pending: '进行中',
    noPlan: '帮扶计划制定后会显示在这里',
    status: '档案状态',
  },
};
