import type { ErrorCode } from '../errors.js';

export type Locale = 'zh-CN' | 'en';

/** Human messages per error code; clients key on the code, people read these. */
export const errorMessages: Record<ErrorCode, Record<Locale, string>> = {
  VALIDATION_FAILED: { 'zh-CN': '提交的内容有误，请检查标出的字段', en: 'Some fields are invalid; see details' },
  BAD_REQUEST: { 'zh-CN': '请求格式有误', en: 'The request is malformed' },
  NUL_CHARACTER: {
    'zh-CN': '请求中含有不允许的空字符（NUL）',
    en: 'The request contains a NUL character, which is not allowed',
  },
  UNAUTHENTICATED: { 'zh-CN': '请先登录', en: 'Please sign in' },
  INVALID_CREDENTIALS: { 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  INVALID_CODE: { 'zh-CN': '验证码错误或已过期', en: 'The code is wrong or has expired' },
  FORBIDDEN: { 'zh-CN': '没有权限执行此操作', en: 'You may not do this' },
  MEMBERSHIP_REQUIRED: {
    'zh-CN': '此服务仅限工会会员，请先申请入会',
    en: 'This service is for union members; apply to join first',
  },
  NOT_FOUND: { 'zh-CN': '未找到', en: 'Not found' },
  CONFLICT: { 'zh-CN': '操作与当前状态冲突', en: 'This conflicts with the current state' },
  MEMBER_EXISTS: {
    'zh-CN': '该手机号或身份证号已登记为会员',
    en: 'A member with this phone or ID number already exists',
  },
  USERNAME_TAKEN: { 'zh-CN': '用户名已被使用', en: 'This username is taken' },
  ORG_NAME_TAKEN: {
    'zh-CN': '同一上级下已有同名组织',
    en: 'An organisation with this name already exists under the same parent',
  },
  INVALID_TRANSITION: { 'zh-CN': '当前状态下不能执行该操作', en: 'This action is not allowed in the current state' },
  ALREADY_MEMBER: { 'zh-CN': '您已经是工会会员', en: 'You are already a member' },
  APPLICATION_PENDING: { 'zh-CN': '您已有一份入会申请正在审核', en: 'You already have an application under review' },
  IDEMPOTENCY_KEY_REUSED: {
    'zh-CN': '该幂等键已用于另一请求',
    en: 'This Idempotency-Key was used for a different request',
  },
  ALREADY_RATED: { 'zh-CN': '今天已经评价过这个站点了', en: 'You already rated this station today' },
  NOT_MOBILE_STATION: {
    'zh-CN': '只有流动站点（如纳凉公交）可以设置当日位置',
    en: 'Only mobile stations (cooling buses) have a daily position',
  },
  STATION_RETIRED: { 'zh-CN': '该站点已停用', en: 'This station is retired' },
  SOLD_OUT: { 'zh-CN': '已抢完', en: 'Sold out' },
  LIMIT_REACHED: { 'zh-CN': '已达到每人领取上限', en: 'You have claimed as many as allowed' },
  CAMPAIGN_NOT_OPEN: { 'zh-CN': '活动未开始或已结束', en: 'The campaign is not open' },
  ALREADY_REDEEMED: { 'zh-CN': '该券已核销', en: 'This voucher was already redeemed' },
  ALREADY_SERVED: { 'zh-CN': '今天已经领过爱心早餐了', en: 'This card already had its breakfast today' },
  ALREADY_ENROLLED: { 'zh-CN': '该职工已登记爱心早餐', en: 'This worker is already enrolled' },
  DUPLICATE_APPLICATION: {
    'zh-CN': '该会员本期已申请过此项目',
    en: 'This member already applied to this programme for this period',
  },
  CAP_EXCEEDED: { 'zh-CN': '超过补助上限', en: 'The amount exceeds a cap' },
  PROGRAMME_NOT_OPEN: { 'zh-CN': '项目不在申报期内', en: 'The programme is not open for applications' },
  PUBLICITY_REQUIRED: { 'zh-CN': '须先公示才能审批', en: 'The application must be publicised before approval' },
  PUBLICITY_OPEN: { 'zh-CN': '公示期未满，暂不能审批', en: 'The public notice is still open' },
  OBJECTION_PENDING: { 'zh-CN': '尚有异议未答复，暂不能审批', en: 'An objection is still unanswered' },
  NOTICE_CLOSED: { 'zh-CN': '公示期已结束，不再受理异议', en: 'The notice has closed; objections are no longer taken' },
  ALREADY_ANSWERED: { 'zh-CN': '该异议已答复', en: 'This objection was already answered' },
  NOT_ENROLLED: {
    'zh-CN': '该会员未参加此医疗互助项目',
    en: 'The member is not enrolled in this mutual-aid programme',
  },
  ENROLMENT_EXISTS: { 'zh-CN': '该会员已参加此医疗互助项目', en: 'The member is already enrolled in this programme' },
  NOTHING_TO_DISBURSE: {
    'zh-CN': '没有待发放的已审批申请',
    en: 'No approved application is waiting for payment',
  },
  NOT_ELIGIBLE: {
    'zh-CN': '不符合该项目的申报条件（详见 details.reason）',
    en: 'Not eligible for this programme (see details.reason)',
  },
  FUND_ALREADY_APPLIED: {
    'zh-CN': '该会员本年度已申请过同一项劳模专项资金',
    en: 'This member already applied for the same model-worker fund this year',
  },
  ALREADY_REGISTERED: { 'zh-CN': '该会员已在劳模名册中', en: 'This member is already on the model-worker register' },
  ALREADY_CHECKED: { 'zh-CN': '该劳模本年度已核查', en: 'This model worker was already checked for that year' },
  WRONG_PROGRAMME_KIND: {
    'zh-CN': '该项目不支持此操作：名额类项目（疗休养、体检）请报名，补助类项目请申请',
    en: 'Not for this kind of programme: quota programmes (trips, health checks) take signups, the others applications',
  },
  PROGRAMME_STILL_OPEN: {
    'zh-CN': '报名尚未截止，暂不能分配名额',
    en: 'Signups are still open; places are allocated after they close',
  },
  EVENT_NOT_HELD: { 'zh-CN': '活动日期未到，暂不能登记出勤', en: 'Attendance is marked from the day of the event on' },
  ALREADY_REPRESENTATIVE: {
    'zh-CN': '该会员已是本届代表',
    en: 'This member is already a representative of this congress',
  },
  CONGRESS_ARCHIVED: {
    'zh-CN': '本届已归档，不能再修改',
    en: 'This congress term is archived and can no longer change',
  },
  ALREADY_SUPPORTED: { 'zh-CN': '您已附议过该建议', en: 'You have already supported this suggestion' },
  ALREADY_VOTED: {
    'zh-CN': '您已投过票，每位代表只能投一次',
    en: 'You have already voted: each representative votes once',
  },
  VOTING_CLOSED: { 'zh-CN': '表决未开始或已结束', en: 'Voting is not open' },
  ALREADY_RESPONDED: { 'zh-CN': '您已参加过本次评议', en: 'You have already answered this review' },
  REVIEW_NOT_OPEN: { 'zh-CN': '评议未开始或已结束', en: 'This review is not open' },
  ALREADY_COSIGNED: {
    'zh-CN': '您已对该提案作出附议答复',
    en: 'You have already answered the request to co-sign this proposal',
  },
  HOUSEHOLD_EXISTS: {
    'zh-CN': '该户主身份证号已建立困难家庭档案，可在原档案中补充走访记录',
    en: "A household with this head's ID number is already on file: add a visit to it instead",
  },
  ABOVE_INCOME_LINE: {
    'zh-CN': '家庭人均月收入高于该档次的认定标准，可改为个案帮扶',
    en: "The household's monthly income per head is above this level's line: help it case by case instead",
  },
  ALREADY_RECEIVED: { 'zh-CN': '该户已在本次活动中领取', en: 'This household has already received this campaign' },
  DAILY_LIMIT_REACHED: {
    'zh-CN': '今天的次数已用完，明天再来',
    en: "You have used today's allowance; come back tomorrow",
  },
  ATTEMPTS_EXHAUSTED: { 'zh-CN': '今天的答题次数已用完', en: 'No attempts left today' },
  ATTEMPT_EXPIRED: { 'zh-CN': '答题时间已到，本次作答未计分', en: 'Time was up; this attempt was not scored' },
  ALREADY_SUBMITTED: { 'zh-CN': '已经提交过了', en: 'Already submitted' },
  ACTIVITY_NOT_OPEN: { 'zh-CN': '活动未开始或已结束', en: 'The activity is not open' },
  CONFLICT_OF_INTEREST: {
    'zh-CN': '评委不能评审本单位的作品（回避）',
    en: 'A judge may not score an entry from their own organisation',
  },
  NOT_ENOUGH_JUDGES: {
    'zh-CN': '评委人数不足：部分作品回避后没有足够的评委',
    en: 'Not enough judges: some entries lack eligible judges once conflicts are excluded',
  },
  JUDGE_OF_CONTEST: {
    'zh-CN': '您是本次大赛的评委：评审结束前不能查看申报人和其他评委的评分',
    en: 'You judge this contest: entrants and other judges’ scores are hidden from you until judging closes',
  },
  AID_ALREADY_RECORDED: {
    'zh-CN': '同一天已为该户登记过相同金额的现金帮扶',
    en: 'The same cash amount was already recorded for this household on this day',
  },
  CAMPAIGN_CLOSED: { 'zh-CN': '该活动已结束', en: 'This campaign is closed' },
  HOUSEHOLD_NOT_ASSISTED: {
    'zh-CN': '该户尚未核实，或已不在帮扶中（仅已核实、已建档或个案帮扶的家庭可制定计划、登记帮扶）',
    en: 'This household is not in assistance: plans and help are for households verified, archived or helped case by case',
  },
  DONOR_EXISTS: {
    'zh-CN': '本工会的爱心联盟中已有同名单位',
    en: "A donor of this name is already in this union's alliance",
  },
  NOT_A_TARGET: {
    'zh-CN': '该户不在本次活动的帮扶名单中，请先加入名单',
    en: "This household is not on the campaign's target list: add it to the list first",
  },
  PAYLOAD_TOO_LARGE: { 'zh-CN': '文件或请求过大', en: 'The file or request is too large' },
  UNSUPPORTED_MEDIA_TYPE: { 'zh-CN': '不支持的文件类型', en: 'Unsupported file type' },
  ACCOUNT_LOCKED: {
    'zh-CN': '登录失败次数过多，账号已临时锁定，请15分钟后再试',
    en: 'Too many failed sign-ins; the account is locked for 15 minutes',
  },
  RATE_LIMITED: { 'zh-CN': '操作过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  INTERNAL: { 'zh-CN': '服务器内部错误', en: 'Internal server error' },
  DB_UNAVAILABLE: { 'zh-CN': '数据库暂不可用', en: 'The database is unavailable' },
  SMS_UNAVAILABLE: {
    'zh-CN': '短信验证码发送失败，请稍后重新获取',
    en: 'The code could not be sent by SMS; please ask for a new one in a moment',
  },
};

/** Field-level validation messages, keyed by issue code. */
export const issueMessages: Record<string, Record<Locale, string>> = {
  required: { 'zh-CN': '必填', en: 'Required' },
  invalid_type: { 'zh-CN': '类型不正确', en: 'Wrong type' },
  too_small: { 'zh-CN': '过短或过小', en: 'Too short or too small' },
  too_big: { 'zh-CN': '过长或过大', en: 'Too long or too large' },
  invalid_format: { 'zh-CN': '格式不正确', en: 'Wrong format' },
  invalid_value: { 'zh-CN': '取值不在允许范围内', en: 'Not one of the allowed values' },
  unrecognized_keys: { 'zh-CN': '包含未知字段', en: 'Unknown field' },
  invalid_phone: { 'zh-CN': '手机号应为11位中国大陆手机号', en: 'Expected an 11-digit mainland China mobile number' },
  invalid_id_number: { 'zh-CN': '身份证号格式或校验位不正确', en: 'Invalid ID-card number (format or check digit)' },
  invalid_region_code: { 'zh-CN': '行政区划代码应为6位数字', en: 'Expected a 6-digit GB/T 2260 region code' },
  duplicate_in_file: { 'zh-CN': '与文件中前面的行重复', en: 'Duplicates an earlier row of the file' },
  // quizzes 知识竞赛
  invalid_kind: { 'zh-CN': '题型应为：单选、多选或判断', en: 'Type must be single, multiple or true/false' },
  too_few_options: { 'zh-CN': '单选、多选题至少需要两个选项', en: 'A choice question needs at least two options' },
  invalid_answer: {
    'zh-CN': '正确答案应为已填选项的字母（单选、判断只能一个）',
    en: 'The answer must be letters of given options (one only for single choice and true/false)',
  },
  question_exists: { 'zh-CN': '题库中已有相同的题目', en: 'The bank already has this question' },
  not_served: { 'zh-CN': '不是本次答题的题目', en: 'Not a question of this attempt' },
  duplicate_answer: { 'zh-CN': '同一题目重复作答', en: 'The same question is answered twice' },
  member_exists: { 'zh-CN': '该手机号或身份证号已登记为会员', en: 'Already registered as a member' },
  org_out_of_scope: { 'zh-CN': '组织不存在或不在您的管辖范围内', en: 'Organisation not found or outside your scope' },
  not_in_scope: { 'zh-CN': '不存在或不在您的管辖范围内', en: 'Not found or outside your scope' },
  missing_column: { 'zh-CN': '缺少必需的列', en: 'A required column is missing' },
  invalid: { 'zh-CN': '不正确', en: 'Invalid' },
  invalid_coordinates: { 'zh-CN': '经纬度不正确', en: 'Invalid latitude or longitude' },
  invalid_time: { 'zh-CN': '时间应为 HH:MM', en: 'Expected a time as HH:MM' },
  invalid_station_type: { 'zh-CN': '站点类型不正确', en: 'Unknown station type' },
  hours_required: { 'zh-CN': '请填写开放时间或选择全天开放', en: 'Give opening hours or mark it always open' },
  invalid_image: { 'zh-CN': '不是有效的图片', en: 'Not a valid image' },
  image_too_large: {
    'zh-CN': '图片像素过大，请缩小后再上传',
    en: 'The image has too many pixels; make it smaller and upload again',
  },
  id_number_as_number: {
    'zh-CN': '身份证号被表格存成了数字（如 6.1E+17），末几位已丢失：请把该列设为“文本”格式后重新填写',
    en: 'The spreadsheet stored the ID number as a number (e.g. 6.1E+17) and lost its last digits: format the column as Text and type it again',
  },
  org_ambiguous: {
    'zh-CN': '有多个组织同名或同代码，请填写更完整的名称或组织ID',
    en: 'Several organisations have this name or code; give a fuller name or the organisation ID',
  },
  import_interrupted: {
    'zh-CN': '导入因系统故障中断，请稍后重新上传',
    en: 'The import was interrupted by a system fault; upload the file again later',
  },
  member_not_found: {
    'zh-CN': '在所选组织及下级中找不到该手机号或身份证号的会员',
    en: 'No member with this phone or ID number in the chosen organisation and below',
  },
  name_mismatch: {
    'zh-CN': '姓名与会员库中该手机号或身份证号的会员不一致',
    en: 'The name differs from that of the member with this phone or ID number',
  },
  already_registered: { 'zh-CN': '该会员已在劳模名册中', en: 'Already on the model-worker register' },
  already_representative: { 'zh-CN': '该会员已是本届代表', en: 'Already a representative of this term' },
  not_eligible: {
    'zh-CN': '该会员不属于本届代表大会所在组织及下级',
    en: "The member is not in the congress's organisation or below",
  },
  congress_archived: { 'zh-CN': '本届代表大会已归档，导入未完成', en: 'The term was archived; the import stopped' },
  invalid_honour_level: {
    'zh-CN': '荣誉级别应为：全国级、省部级或市级',
    en: 'Honour level must be national, provincial / ministerial or municipal',
  },
  invalid_year: { 'zh-CN': '年份应为四位数字（1950–2100）', en: 'Expected a four-digit year (1950–2100)' },
  not_increasing: { 'zh-CN': '各档上限须逐档递增', en: 'Each band must end above the one before' },
  already_enrolled: { 'zh-CN': '该会员已参加此项目', en: 'Already enrolled in this programme' },
  invalid_date: { 'zh-CN': '日期应为 YYYY-MM-DD', en: 'Expected a date as YYYY-MM-DD' },
  future_date: { 'zh-CN': '日期不能晚于今天', en: 'The date is after today' },
  implausible_steps: {
    'zh-CN': '一天的步数不能超过 100000 步，请核对后重新填写',
    en: 'A day’s steps cannot exceed 100,000; check the count and try again',
  },
  outside_period: { 'zh-CN': '日期不在该申请的期次内', en: 'The date is outside the application’s period' },
  outside_enrolment: {
    'zh-CN': '日期不在参保期内',
    en: 'The date is outside the enrolment period',
  },
  insured_exceeds_total: {
    'zh-CN': '医保报销合计不能超过总费用',
    en: 'The insurance parts exceed the bill’s total',
  },
  nothing_reimbursable: { 'zh-CN': '按分档规则无可补助金额', en: 'Nothing is reimbursable under the tiers' },
  not_with_campaign: {
    'zh-CN': '四季送活动的发放不单独登记捐赠单位',
    en: "A campaign's share names no donor unit",
  },
  use_mutual_aid_claims: {
    'zh-CN': '医疗互助请通过理赔申请提交',
    en: 'Mutual-aid claims are filed through the claims route',
  },
  computed_amount: {
    'zh-CN': '该项目的金额由系统计算，不能填写',
    en: 'The amount of this programme is computed, not given',
  },
  duplicate_code: { 'zh-CN': '指标代码重复，每个代码只能用一次', en: 'This code is already used by another item' },
  duplicate_group: { 'zh-CN': '一级指标重复', en: 'This first-level group appears twice' },
  no_indicators: { 'zh-CN': '至少需要一项二级指标', en: 'Give at least one indicator' },
  cap_below_points: { 'zh-CN': '封顶分值不能低于单次分值', en: 'The cap is below the points of one record' },
  one_decimal: { 'zh-CN': '分值最多保留一位小数', en: 'Points take at most one decimal' },
  outside_term: { 'zh-CN': '日期不在本届任期内', en: 'The date is outside the term' },
  unknown_indicator: { 'zh-CN': '评价体系中没有该指标', en: 'The scoring model has no such indicator' },
  not_recordable: {
    'zh-CN': '该指标自动计分或仅限工作人员登记',
    en: 'This indicator is counted automatically or recorded by staff only',
  },
  household_exists_elsewhere: {
    'zh-CN': '该户主身份证号已在其他单位建立困难家庭档案（档案编号 {householdId}）',
    en: "This head's ID number is already on file with another union (file {householdId})",
  },
  household_exists: {
    'zh-CN': '该户主身份证号已有困难家庭档案（{status}，档案编号 {householdId}），可在原档案中补充走访记录',
    en: "This head's ID number is already on file ({status}, file {householdId}): add a visit to that file instead",
  },
  invalid_household_size: { 'zh-CN': '家庭人口应为1至30的整数', en: 'Expected a whole number of people from 1 to 30' },
  invalid_income: {
    'zh-CN': '人均月收入应为不小于0的金额（元），最多两位小数',
    en: 'Expected the monthly income per head in yuan: 0 or more, at most two decimals',
  },
  invalid_cause: {
    'zh-CN': '致困原因应为：因病、因残、失业、因灾、因学、单亲、其他，多项用“、”分隔',
    en: 'Causes are among: Illness, Disability, Unemployment, Disaster, Schooling costs, Single parent, Other (several separated by 、)',
  },
  invalid_channel: {
    'zh-CN': '发现渠道应为：工会干部、社工、志愿者、热线、本人申请',
    en: 'The channel is one of: Union staff, Social worker, Volunteer, Hotline, Self',
  },
  not_for_subject: { 'zh-CN': '此类走访不填写该项', en: 'Not given for this kind of visit' },
  duplicate_visitor: { 'zh-CN': '走访人员重复', en: 'A visitor is named twice' },
  unreadable_file: {
    'zh-CN': '无法读取该文件，请上传 Excel（.xlsx）文件',
    en: 'The file could not be read; upload an Excel (.xlsx) file',
  },
  not_archived: {
    'zh-CN': '该户未建档（个案帮扶户须勾选“含个案帮扶”）',
    en: 'The household is not archived (include case-by-case households to add one helped case by case)',
  },
};

export function pickLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'zh-CN';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

export function issueMessage(code: string, locale: Locale, fallback?: string): string {
  return issueMessages[code]?.[locale] ?? fallback ?? issueMessages.invalid![locale];
}
