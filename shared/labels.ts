/**
 * The words people read for the API's enumerations — case status, case category and kind, staff roles, org kinds,
 * station types and states — in one place for the member app, the console and the server's Excel exports, so a
 * ledger downloaded from the console says what the console's screen says. zh-CN first, en second.
 * Plain data with no imports: the server (NodeNext) and the web apps (Vite) both compile it.
 */
export type Locale = 'zh-CN' | 'en';

export const caseStatuses = [
  'submitted',
  'accepted',
  'assigned',
  'in_contact',
  'agreed',
  'referred',
  'closed',
  'withdrawn',
] as const;
export const caseCategories = [
  'unpaid_wages',
  'overtime_pay',
  'dismissal',
  'injury',
  'social_insurance',
  'other',
] as const;
export const caseKinds = ['legal_aid', 'mediation'] as const;
export const staffRoles = [
  'org_admin',
  'member_manager',
  'case_handler',
  'station_manager',
  'perks_manager',
  'programme_officer',
  'participation_officer',
  'assistance_officer',
  'assistance_worker',
  'activity_officer',
  'judge',
  'merchant',
  'leader',
] as const;
export const orgKinds = ['federation', 'industry', 'grassroots', 'center'] as const;
export const stationTypes = ['rest_station', 'mother_baby_room', 'cooling_bus', 'breakfast_shop'] as const;
export const stationStatuses = ['active', 'retired'] as const;

type Words<K extends string> = Record<Locale, Record<K, string>>;

export const caseStatusLabels: Words<(typeof caseStatuses)[number]> = {
  'zh-CN': {
    submitted: '待受理',
    accepted: '已受理',
    assigned: '已指派',
    in_contact: '调解中',
    agreed: '已达成协议',
    referred: '已转仲裁/法院',
    closed: '已办结',
    withdrawn: '已撤回',
  },
  en: {
    submitted: 'Submitted',
    accepted: 'Accepted',
    assigned: 'Assigned',
    in_contact: 'In contact',
    agreed: 'Agreed',
    referred: 'Referred',
    closed: 'Closed',
    withdrawn: 'Withdrawn',
  },
};

export const caseCategoryLabels: Words<(typeof caseCategories)[number]> = {
  'zh-CN': {
    unpaid_wages: '拖欠工资',
    overtime_pay: '加班费',
    dismissal: '违法解除',
    injury: '工伤',
    social_insurance: '社会保险',
    other: '其他',
  },
  en: {
    unpaid_wages: 'Unpaid wages',
    overtime_pay: 'Overtime pay',
    dismissal: 'Dismissal',
    injury: 'Injury',
    social_insurance: 'Social insurance',
    other: 'Other',
  },
};

export const caseKindLabels: Words<(typeof caseKinds)[number]> = {
  'zh-CN': { legal_aid: '法律援助', mediation: '劳动争议调解' },
  en: { legal_aid: 'Legal aid', mediation: 'Labour mediation' },
};

export const staffRoleLabels: Words<(typeof staffRoles)[number]> = {
  'zh-CN': {
    org_admin: '组织管理员',
    member_manager: '会员专干',
    case_handler: '调解员/律师',
    station_manager: '站长',
    perks_manager: '普惠专干',
    programme_officer: '补助专干',
    participation_officer: '民主管理专干',
    assistance_officer: '帮扶专干',
    assistance_worker: '帮扶调查员',
    activity_officer: '活动专干',
    judge: '评委',
    merchant: '爱心商家',
    leader: '领导',
  },
  en: {
    org_admin: 'Org admin',
    member_manager: 'Member manager',
    case_handler: 'Case handler',
    station_manager: 'Station manager',
    perks_manager: 'Perks manager',
    programme_officer: 'Benefit programme officer',
    participation_officer: 'Participation officer',
    assistance_officer: 'Assistance officer',
    assistance_worker: 'Field worker (assistance)',
    activity_officer: 'Activities officer',
    judge: 'Judge',
    merchant: 'Merchant',
    leader: 'Leader',
  },
};

export const orgKindLabels: Words<(typeof orgKinds)[number]> = {
  'zh-CN': { federation: '总工会', industry: '产业工会', grassroots: '基层工会', center: '服务中心' },
  en: {
    federation: 'Federation',
    industry: 'Industry union',
    grassroots: 'Grassroots union',
    center: 'Service centre',
  },
};

export const stationTypeLabels: Words<(typeof stationTypes)[number]> = {
  'zh-CN': {
    rest_station: '爱心驿站',
    mother_baby_room: '母婴关爱室',
    cooling_bus: '纳凉公交',
    breakfast_shop: '爱心早餐店',
  },
  en: {
    rest_station: 'Rest station',
    mother_baby_room: 'Mother & baby room',
    cooling_bus: 'Cooling bus',
    breakfast_shop: 'Breakfast shop',
  },
};

export const stationStatusLabels: Words<(typeof stationStatuses)[number]> = {
  'zh-CN': { active: '在用', retired: '停用' },
  en: { active: 'Active', retired: 'Retired' },
};

export const programmeKinds = [
  'model_worker_fund',
  'student_aid',
  'work_study',
  'medical_mutual_aid',
  'club_subsidy',
  'custom',
  'recuperation',
  'health_check',
] as const;
export const programmeApplicationStatuses = [
  'review_1',
  'review_2',
  'review_3',
  'review_4',
  'review_5',
  'returned',
  'rejected',
  'withdrawn',
  'reviewed',
  'publicity',
  'approved',
  'disbursed',
] as const;

export const programmeKindLabels: Words<(typeof programmeKinds)[number]> = {
  'zh-CN': {
    model_worker_fund: '劳模专项资金',
    student_aid: '金秋助学',
    work_study: '勤工俭学',
    medical_mutual_aid: '医疗互助',
    club_subsidy: '社团补贴',
    custom: '其他补助',
    recuperation: '劳模疗休养',
    health_check: '免费体检',
  },
  en: {
    model_worker_fund: 'Model-worker fund',
    student_aid: 'Student aid',
    work_study: 'Work-study',
    medical_mutual_aid: 'Medical mutual aid',
    club_subsidy: 'Club subsidy',
    custom: 'Other benefit',
    recuperation: 'Recuperation trip',
    health_check: 'Free health check',
  },
};

export const programmeApplicationStatusLabels: Words<(typeof programmeApplicationStatuses)[number]> = {
  'zh-CN': {
    review_1: '待初审',
    review_2: '待第二级审核',
    review_3: '待第三级审核',
    review_4: '待第四级审核',
    review_5: '待第五级审核',
    returned: '已退回',
    rejected: '未通过',
    withdrawn: '已撤回',
    reviewed: '待公示',
    publicity: '公示中',
    approved: '已审批',
    disbursed: '已发放',
  },
  en: {
    review_1: 'First review',
    review_2: 'Review, level 2',
    review_3: 'Review, level 3',
    review_4: 'Review, level 4',
    review_5: 'Review, level 5',
    returned: 'Returned',
    rejected: 'Rejected',
    withdrawn: 'Withdrawn',
    reviewed: 'Awaiting publicity',
    publicity: 'On public notice',
    approved: 'Approved',
    disbursed: 'Paid',
  },
};

/** 劳模名册: the honour's level, the register's states, the yearly check's outcomes (model-workers.schemas.ts). */
export const honourLevels = ['national', 'provincial', 'municipal'] as const;
export const modelWorkerStatuses = ['active', 'deceased', 'disqualified'] as const;
export const modelWorkerCheckOutcomes = ['confirmed', 'status_changed', 'noted'] as const;
/** 劳模三金: the three funds a model_worker_fund programme pays from. */
export const modelWorkerFunds = ['condolence', 'living_hardship', 'special_hardship'] as const;
/** 金秋助学: the groups a student_aid programme may name (children of …). */
export const studentAidGroups = ['model_worker_child', 'platform_worker_child', 'hardship_household_child'] as const;

export const honourLevelLabels: Words<(typeof honourLevels)[number]> = {
  'zh-CN': { national: '全国级', provincial: '省部级', municipal: '市级' },
  en: { national: 'National', provincial: 'Provincial / ministerial', municipal: 'Municipal' },
};
export const modelWorkerStatusLabels: Words<(typeof modelWorkerStatuses)[number]> = {
  'zh-CN': { active: '在册', deceased: '已故', disqualified: '取消资格（违纪违法）' },
  en: { active: 'Active', deceased: 'Deceased', disqualified: 'Disqualified (legal violation)' },
};
export const modelWorkerCheckOutcomeLabels: Words<(typeof modelWorkerCheckOutcomes)[number]> = {
  'zh-CN': { confirmed: '核实无变化', status_changed: '状态变更', noted: '有情况说明' },
  en: { confirmed: 'Confirmed', status_changed: 'Status changed', noted: 'Noted' },
};
export const modelWorkerFundLabels: Words<(typeof modelWorkerFunds)[number]> = {
  'zh-CN': { condolence: '劳模慰问金', living_hardship: '劳模生活困难补助金', special_hardship: '劳模特殊困难帮扶金' },
  en: {
    condolence: 'Model-worker condolence grant',
    living_hardship: 'Model-worker living-hardship allowance',
    special_hardship: 'Model-worker special-hardship aid',
  },
};
export const studentAidGroupLabels: Words<(typeof studentAidGroups)[number]> = {
  'zh-CN': {
    model_worker_child: '劳模子女',
    platform_worker_child: '新就业形态劳动者子女',
    hardship_household_child: '建档困难职工家庭子女',
  },
  en: {
    model_worker_child: 'Children of model workers',
    platform_worker_child: 'Children of platform workers',
    hardship_household_child: 'Children of registered hardship households',
  },
};

/** 勤工俭学 job types (seed 003): social practice posts, transitional posts, graduates' internships. */
export const workStudyJobTypes = ['social_practice', 'transitional', 'internship'] as const;
export const workStudyJobTypeLabels: Words<(typeof workStudyJobTypes)[number]> = {
  'zh-CN': { social_practice: '社会实践岗', transitional: '过渡性工作岗', internship: '毕业生实习岗' },
  en: { social_practice: 'Social practice', transitional: 'Transitional post', internship: 'Graduate internship' },
};

/** A place in a quota programme (劳模疗休养, 免费体检): its signup's states (server/src/modules/programmes/quota.workflow.ts). */
export const programmeSignupStatuses = [
  'applied',
  'allocated',
  'waitlisted',
  'declined',
  'cancelled',
  'withdrawn',
  'attended',
  'absent',
] as const;

export const programmeSignupStatusLabels: Words<(typeof programmeSignupStatuses)[number]> = {
  'zh-CN': {
    applied: '已报名',
    allocated: '已获名额',
    waitlisted: '候补中',
    declined: '已放弃',
    cancelled: '已取消',
    withdrawn: '已撤回',
    attended: '已参加',
    absent: '缺席',
  },
  en: {
    applied: 'Signed up',
    allocated: 'Place allocated',
    waitlisted: 'On the waiting list',
    declined: 'Declined',
    cancelled: 'Cancelled',
    withdrawn: 'Withdrawn',
    attended: 'Attended',
    absent: 'Absent',
  },
};

/** 会员代表大会 / 职工代表大会, a congress term's state, and a representative's. */
export const congressKinds = ['members_congress', 'workers_congress'] as const;
export const congressStatuses = ['active', 'archived'] as const;
export const representativeStatuses = ['active', 'removed'] as const;
export const congressKindLabels: Words<(typeof congressKinds)[number]> = {
  'zh-CN': { members_congress: '会员代表大会', workers_congress: '职工代表大会' },
  en: { members_congress: "Members' congress", workers_congress: "Workers' congress" },
};
export const congressStatusLabels: Words<(typeof congressStatuses)[number]> = {
  'zh-CN': { active: '本届', archived: '已归档' },
  en: { active: 'Current', archived: 'Archived' },
};
export const representativeStatusLabels: Words<(typeof representativeStatuses)[number]> = {
  'zh-CN': { active: '在任', removed: '已免去' },
  en: { active: 'Serving', removed: 'Removed' },
};

/** 提案 (a representative's proposal to the congress): its categories and the states of its closed loop (五步闭环). */
export const proposalCategories = [
  'wages_benefits',
  'labour_protection',
  'democratic_management',
  'vocational_skills',
  'living_welfare',
  'other',
] as const;
export const proposalStatuses = [
  'submitted',
  'returned',
  'accepted',
  'assigned',
  'referred',
  'answered',
  'closed',
  'closed_dissatisfied',
  'rejected',
  'converted',
  'withdrawn',
] as const;
/** 附议代表: a named co-signer's answer. */
export const proposalCosignerStatuses = ['pending', 'agreed', 'declined'] as const;

export const proposalCategoryLabels: Words<(typeof proposalCategories)[number]> = {
  'zh-CN': {
    wages_benefits: '工资福利',
    labour_protection: '劳动保护与安全生产',
    democratic_management: '民主管理',
    vocational_skills: '职业技能',
    living_welfare: '生活福利',
    other: '其他',
  },
  en: {
    wages_benefits: 'Wages & benefits',
    labour_protection: 'Labour protection & safety',
    democratic_management: 'Democratic management',
    vocational_skills: 'Vocational skills',
    living_welfare: 'Living & welfare',
    other: 'Other',
  },
};

export const proposalStatusLabels: Words<(typeof proposalStatuses)[number]> = {
  'zh-CN': {
    submitted: '待审议',
    returned: '已退回修改',
    accepted: '已立案',
    assigned: '办理中',
    referred: '已转外部平台',
    answered: '已答复',
    closed: '已办结',
    closed_dissatisfied: '办结（不满意）',
    rejected: '不予立案',
    converted: '已转为建议',
    withdrawn: '已撤回',
  },
  en: {
    submitted: 'Under review',
    returned: 'Returned for changes',
    accepted: 'Accepted',
    assigned: 'Being handled',
    referred: 'Referred outside',
    answered: 'Answered',
    closed: 'Closed',
    closed_dissatisfied: 'Closed (dissatisfied)',
    rejected: 'Rejected',
    converted: 'Converted to a suggestion',
    withdrawn: 'Withdrawn',
  },
};

/** 职工事大家议: a member's suggestion to their union (participation module, suggestions.workflow.ts). */
export const suggestionStatuses = ['open', 'answered', 'taken_up', 'closed', 'rejected', 'withdrawn'] as const;

export const suggestionStatusLabels: Words<(typeof suggestionStatuses)[number]> = {
  'zh-CN': {
    open: '待答复',
    answered: '已答复',
    taken_up: '已转为提案',
    closed: '已办结',
    rejected: '不予采纳',
    withdrawn: '已撤回',
  },
  en: {
    open: 'Awaiting answer',
    answered: 'Answered',
    taken_up: 'Taken up as a proposal',
    closed: 'Closed',
    rejected: 'Not adopted',
    withdrawn: 'Withdrawn',
  },
};

export const proposalCosignerStatusLabels: Words<(typeof proposalCosignerStatuses)[number]> = {
  'zh-CN': { pending: '待确认', agreed: '已附议', declined: '已谢绝' },
  en: { pending: 'Awaiting answer', agreed: 'Co-signed', declined: 'Declined' },
};

/** 会员评家: the three answers to each question of a union review. */
export const reviewRatings = ['satisfied', 'fairly_satisfied', 'dissatisfied'] as const;

export const reviewRatingLabels: Words<(typeof reviewRatings)[number]> = {
  'zh-CN': { satisfied: '满意', fairly_satisfied: '基本满意', dissatisfied: '不满意' },
  en: { satisfied: 'Satisfied', fairly_satisfied: 'Fairly satisfied', dissatisfied: 'Dissatisfied' },
};

/** The i18next keys the apps read these words under (`caseStatus.closed`, `role.leader`, …), for one locale. */
export function sharedLabels(locale: Locale) {
  return {
    caseStatus: caseStatusLabels[locale],
    caseCategory: caseCategoryLabels[locale],
    caseKind: caseKindLabels[locale],
    role: staffRoleLabels[locale],
    kind: orgKindLabels[locale],
    stationType: stationTypeLabels[locale],
    stationStatus: stationStatusLabels[locale],
    programmeKind: programmeKindLabels[locale],
    programmeApplicationStatus: programmeApplicationStatusLabels[locale],
    workStudyJobType: workStudyJobTypeLabels[locale],
    programmeSignupStatus: programmeSignupStatusLabels[locale],
    congressKind: congressKindLabels[locale],
    congressStatus: congressStatusLabels[locale],
    representativeStatus: representativeStatusLabels[locale],
    proposalCategory: proposalCategoryLabels[locale],
    proposalStatus: proposalStatusLabels[locale],
    proposalCosignerStatus: proposalCosignerStatusLabels[locale],
    suggestionStatus: suggestionStatusLabels[locale],
    reviewRating: reviewRatingLabels[locale],
  };
}

/** 困难职工帮扶: a household's file from lead to archive (hardship.workflow.ts). */
export const hardshipStatuses = ['submitted', 'verified', 'archived', 'case_by_case', 'rejected', 'closed'] as const;
/** 建档 levels by the regional standard. */
export const hardshipLevels = ['deep', 'relative', 'accident'] as const;
export const hardshipCauses = [
  'illness',
  'disability',
  'unemployment',
  'disaster',
  'schooling',
  'single_parent',
  'other',
] as const;
/** Who found the household: each channel of the love alliance (爱心联盟) covers its own population. */
export const hardshipChannels = ['union', 'social_worker', 'volunteer', 'hotline', 'self'] as const;
export const aidKinds = [
  'cash',
  'goods',
  'medical_green_channel',
  'free_screening',
  'discount_voucher',
  'home_care',
  'counselling',
  'job_referral',
] as const;
/** 四季送. */
export const aidSeasons = ['spring', 'summer', 'autumn', 'winter'] as const;
/** 走访: a household, platform (new-form) workers, or a work site (清凉工地 in summer). */
export const visitSubjects = ['household', 'platform_workers', 'work_site'] as const;

export const hardshipStatusLabels: Words<(typeof hardshipStatuses)[number]> = {
  'zh-CN': {
    submitted: '待核实',
    verified: '已核实',
    archived: '已建档',
    case_by_case: '个案帮扶',
    rejected: '不予建档',
    closed: '已脱困',
  },
  en: {
    submitted: 'Awaiting verification',
    verified: 'Verified',
    archived: 'Archived',
    case_by_case: 'Helped case by case',
    rejected: 'Rejected',
    closed: 'Closed (out of hardship)',
  },
};
export const hardshipLevelLabels: Words<(typeof hardshipLevels)[number]> = {
  'zh-CN': { deep: '深度困难', relative: '相对困难', accident: '意外致困' },
  en: { deep: 'Deep hardship', relative: 'Relative hardship', accident: 'Hardship by accident' },
};
export const hardshipCauseLabels: Words<(typeof hardshipCauses)[number]> = {
  'zh-CN': {
    illness: '因病',
    disability: '因残',
    unemployment: '失业',
    disaster: '因灾',
    schooling: '因学',
    single_parent: '单亲',
    other: '其他',
  },
  en: {
    illness: 'Illness',
    disability: 'Disability',
    unemployment: 'Unemployment',
    disaster: 'Disaster',
    schooling: 'Schooling costs',
    single_parent: 'Single parent',
    other: 'Other',
  },
};
export const hardshipChannelLabels: Words<(typeof hardshipChannels)[number]> = {
  'zh-CN': { union: '工会干部', social_worker: '社工', volunteer: '志愿者', hotline: '热线', self: '本人申请' },
  en: {
    union: 'Union staff',
    social_worker: 'Social worker',
    volunteer: 'Volunteer',
    hotline: 'Hotline',
    self: 'Self',
  },
};
export const aidKindLabels: Words<(typeof aidKinds)[number]> = {
  'zh-CN': {
    cash: '现金',
    goods: '物资',
    medical_green_channel: '就医绿色通道',
    free_screening: '免费体检',
    discount_voucher: '优惠券',
    home_care: '居家照护',
    counselling: '心理疏导',
    job_referral: '就业推荐',
  },
  en: {
    cash: 'Cash',
    goods: 'Goods',
    medical_green_channel: 'Medical green channel',
    free_screening: 'Free screening',
    discount_voucher: 'Discount vouchers',
    home_care: 'Home care',
    counselling: 'Counselling',
    job_referral: 'Job referral',
  },
};
export const aidSeasonLabels: Words<(typeof aidSeasons)[number]> = {
  'zh-CN': { spring: '春送岗位', summer: '夏送清凉', autumn: '秋送助学', winter: '冬送温暖' },
  en: { spring: 'Spring: jobs', summer: 'Summer: cooling', autumn: 'Autumn: school aid', winter: 'Winter: warmth' },
};
export const visitSubjectLabels: Words<(typeof visitSubjects)[number]> = {
  'zh-CN': { household: '困难家庭', platform_workers: '新就业形态劳动者', work_site: '工地/作业现场' },
  en: { household: 'Household', platform_workers: 'Platform workers', work_site: 'Work site' },
};

/** 爱心联盟: the kinds of donor unit (爱心企业 and others) of a union's love alliance. */
export const donorKinds = ['enterprise', 'social_organisation', 'individual', 'other'] as const;
export const donorKindLabels: Words<(typeof donorKinds)[number]> = {
  'zh-CN': { enterprise: '爱心企业', social_organisation: '社会组织', individual: '爱心人士', other: '其他' },
  en: {
    enterprise: 'Enterprise',
    social_organisation: 'Social organisation',
    individual: 'Individual',
    other: 'Other',
  },
};

/** Award selections (先进评选): how a nominee was put forward, and where their nomination stands. */
export const awardNominationSources = ['union', 'self', 'peer'] as const;
export const awardNominationStates = [
  'pending',
  'approved',
  'rejected',
  'voting',
  'not_selected',
  'publicized',
  'revoked',
  'awarded',
  'withdrawn',
] as const;
export const awardNominationSourceLabels: Words<(typeof awardNominationSources)[number]> = {
  'zh-CN': { union: '组织推荐', self: '个人自荐', peer: '群众推荐' },
  en: { union: 'By the union', self: 'Self-nominated', peer: 'By a colleague' },
};
export const awardNominationStatusLabels: Words<(typeof awardNominationStates)[number]> = {
  'zh-CN': {
    pending: '待审核',
    approved: '审核通过',
    rejected: '未通过',
    voting: '投票中',
    not_selected: '未入选',
    publicized: '公示中',
    revoked: '已撤销',
    awarded: '已表彰',
    withdrawn: '已撤回',
  },
  en: {
    pending: 'To review',
    approved: 'Approved',
    rejected: 'Rejected',
    voting: 'In the vote',
    not_selected: 'Not selected',
    publicized: 'Under publicity',
    revoked: 'Revoked',
    awarded: 'Awarded',
    withdrawn: 'Withdrawn',
  },
};
