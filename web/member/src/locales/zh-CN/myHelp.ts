import type { aidKindLabels, hardshipLevelLabels, hardshipStatusLabels } from '../../../../../shared/labels.js';

/**
 * 我的帮扶记录: the help a member's household received and its plan (一户一策). The enumerations' words are written
 * here, typed by shared/labels.ts, rather than imported from it: shared/labels.ts sits in the first screen's chunk, and
 * every label a page takes from it would be downloaded with the first screen.
 */
export const myHelp = {
  aidKind: {
    cash: '现金',
    goods: '物资',
    medical_green_channel: '就医绿色通道',
    free_screening: '免费体检',
    discount_voucher: '优惠券',
    home_care: '居家照护',
    counselling: '心理疏导',
    job_referral: '就业推荐',
  } satisfies (typeof aidKindLabels)['zh-CN'],
  myHelpStatus: {
    submitted: '待核实',
    verified: '已核实',
    archived: '已建档',
    case_by_case: '个案帮扶',
    rejected: '不予建档',
    closed: '已脱困',
  } satisfies (typeof hardshipStatusLabels)['zh-CN'],
  myHelpLevel: {
    deep: '深度困难',
    relative: '相对困难',
    accident: '意外致困',
  } satisfies (typeof hardshipLevelLabels)['zh-CN'],
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
