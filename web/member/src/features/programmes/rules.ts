import type { TFunction } from 'i18next';
import { ApiError } from '../../../../shared/api';
import { humanError, type FieldLabels } from '../../errors';
import type { Programme, ProgrammeKind } from './queries';
import './words';

export { programmeKinds as kinds } from '../../../../../shared/labels.js';

/** ¥1,234.50 — money is integer fen (分) in the API. */
export const yuan = (fen: number) =>
  `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** A time as people in China read it (Asia/Shanghai wall time), to the minute. */
export const when = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });

/** Yuan as typed ("1200", "1200.5") → fen; undefined when empty or not a number (the server then names the field). */
export function fenOf(yuanText: string): number | undefined {
  if (yuanText.trim() === '') return undefined;
  const fen = Math.round(Number(yuanText) * 100);
  return Number.isFinite(fen) ? fen : undefined;
}

/** An account number as screens show it once typed: its last four digits. */
export const maskAccount = (accountNo: string) => (accountNo.length > 4 ? `****${accountNo.slice(-4)}` : accountNo);

/** Open now first (closing soonest first), then those opening later (soonest first), then closed ones (latest first). */
export function byOpenFirst(a: Programme, b: Programme, now = Date.now()): number {
  const rank = (p: Programme) => (p.open ? 0 : Date.parse(p.opensAt) > now ? 1 : 2);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 0) return Date.parse(a.closesAt) - Date.parse(b.closesAt);
  if (ra === 1) return Date.parse(a.opensAt) - Date.parse(b.opensAt);
  return Date.parse(b.closesAt) - Date.parse(a.closesAt);
}

/** One kind-specific detail the form asks for, typed as text (the draft keeps text) and sent at `path` in `details`. */
export interface DetailField {
  key:
    | 'reason'
    | 'hardship'
    | 'description'
    | 'studentName'
    | 'school'
    | 'enrolment'
    | 'grade'
    | 'jobType'
    | 'employerOrgId'
    | 'post'
    | 'major';
  /** `org`: a union picked from the directory (its name kept beside it in the draft, `<key>Name`). */
  input: 'text' | 'textarea' | 'select' | 'org';
  options?: readonly string[];
  required?: boolean;
  /** Where in `details` the server reads it (default: the key): `student.name`. */
  path?: string;
}

export const workStudyJobTypes = ['social_practice', 'transitional', 'internship'] as const;
export const hardshipReasons = ['injury', 'serious_illness', 'disaster'] as const;
export const enrolments = ['enrolled', 'admitted'] as const;

/** The kinds whose amount the server computes (the work days of a placement, a claim's bills): none is asked. */
export const computedAmountKinds: readonly ProgrammeKind[] = ['work_study', 'medical_mutual_aid'];
/** The kinds that give places, not money: members sign up (SignupPage), no application form. */
export const quotaKinds: readonly ProgrammeKind[] = ['recuperation', 'health_check'];

/**
 * What each kind of programme asks besides the amount, payee and documents, as the server validates it
 * (programmes.kinds.ts, model-workers.schemas.ts): 劳模特殊困难帮扶金 the hardship (injury, serious illness, disaster)
 * and its story; 金秋助学 the student (name, school, enrolled or admitted, grade); 勤工俭学 the job type, the employing
 * unit, the post and the student. Other kinds: a free-text statement.
 */
export function detailFieldsOf(p: { kind: ProgrammeKind; rules: Programme['rules'] }): DetailField[] {
  switch (p.kind) {
    case 'model_worker_fund':
      return p.rules.modelWorkerFund?.fund === 'special_hardship'
        ? [
            { key: 'hardship', path: 'reason', input: 'select', options: hardshipReasons, required: true },
            { key: 'description', input: 'textarea' },
          ]
        : [];
    case 'student_aid':
      return [
        { key: 'studentName', input: 'text', required: true },
        { key: 'school', input: 'text', required: true },
        { key: 'enrolment', input: 'select', options: enrolments, required: true },
        { key: 'grade', input: 'text', required: true },
      ];
    case 'work_study':
      return [
        { key: 'jobType', input: 'select', options: workStudyJobTypes, required: true },
        { key: 'employerOrgId', input: 'org', required: true },
        { key: 'post', input: 'text' },
        { key: 'studentName', path: 'student.name', input: 'text', required: true },
        { key: 'school', path: 'student.school', input: 'text', required: true },
        { key: 'major', path: 'student.major', input: 'text' },
      ];
    case 'recuperation':
    case 'health_check':
    case 'medical_mutual_aid':
      return [];
    default:
      return [{ key: 'reason', input: 'textarea' }];
  }
}

/** The draft's texts → the `details` the server takes (nested where the path says so; empty ones left out). */
export function detailsOf(fields: DetailField[], texts: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const value = texts[f.key]?.trim();
    if (!value) continue;
    const [head, ...rest] = (f.path ?? f.key).split('.');
    if (rest.length === 0) out[head!] = value;
    else out[head!] = { ...((out[head!] as Record<string, unknown> | undefined) ?? {}), [rest.join('.')]: value };
  }
  return out;
}

/** An application's stored `details` → the form's texts (a correction starts from them; the page lists them). */
export function textsOf(fields: DetailField[], details: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const value = (f.path ?? f.key)
      .split('.')
      .reduce<unknown>(
        (v, k) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined),
        details,
      );
    if (typeof value === 'string') out[f.key] = value;
  }
  if (typeof details.employerName === 'string') out.employerOrgIdName = details.employerName;
  return out;
}

/** The API's paths of the form's fields → their labels (field.*), for the server's field errors. */
export const applyFormFields: FieldLabels = {
  amountFen: 'applyAmount',
  'payee.bank': 'payeeBank',
  'payee.accountNo': 'payeeAccount',
  details: 'details',
  attachmentIds: 'documents',
};

/** The programme's rules, in plain words, one sentence each (the programme page and the form's header). */
export function ruleSentences(p: Programme, t: TFunction): { key: string; label: string; text: string }[] {
  const r = p.rules;
  const out: { key: string; label: string; text: string }[] = [];
  const window = {
    key: 'window',
    label: t('programmes.rule.window'),
    text: t('programmes.rule.windowText', { from: when(p.opensAt), to: when(p.closesAt) }),
  };
  if (r.quota) {
    // 名额类 (疗休养, 体检): places, the day, the order they are given in; no money, review or notice.
    const q = r.quota;
    out.push({
      key: 'places',
      label: t('programmes.rule.places'),
      text: t('programmes.rule.placesText', { n: q.places, date: q.eventDate }),
    });
    const order = q.priority.map((rule) =>
      rule.by === 'honour_level'
        ? t('programmes.rule.priorityHonour', { levels: rule.levels.map((l) => t(`honourLevel.${l}`)).join('、') })
        : t(`programmes.rule.priority_${rule.by}`),
    );
    out.push({
      key: 'priority',
      label: t('programmes.rule.priority'),
      text: [...order, t('programmes.rule.firstCome')].join(' → '),
    });
    out.push(window);
    return out;
  }
  if (r.mutualAid) {
    // 医疗互助: each bill's self-paid part (after basic and major-illness insurance), paid by bands.
    let from = 0;
    const bands = r.mutualAid.tiers.map((tier) => {
      const text =
        tier.uptoFen === undefined
          ? t('programmes.rule.tierAbove', { from: yuan(from), percent: tier.percent })
          : t('programmes.rule.tierBand', { from: yuan(from), upto: yuan(tier.uptoFen), percent: tier.percent });
      from = tier.uptoFen ?? from;
      return text;
    });
    out.push({ key: 'tiers', label: t('programmes.rule.tiers'), text: bands.join(t('error.separator')) });
    out.push({
      key: 'mutualAidCap',
      label: t('programmes.rule.caps'),
      text: t('programmes.rule.mutualAidCap', { amount: yuan(r.mutualAid.perMemberCapFen) }),
    });
  } else if (p.kind === 'work_study') {
    const w = r.workStudy ?? { perDayFen: 15_000, perMonthFen: 300_000 };
    out.push({
      key: 'amount',
      label: t('programmes.rule.amount'),
      text: t('programmes.rule.workStudyPay', { day: yuan(w.perDayFen), month: yuan(w.perMonthFen) }),
    });
  } else
    out.push({
      key: 'amount',
      label: t('programmes.rule.amount'),
      text:
        r.standardAmountFen !== undefined
          ? t('programmes.rule.standard', { amount: yuan(r.standardAmountFen) })
          : t('programmes.rule.asked'),
    });
  const caps = (
    [
      ['perApplicationFen', r.caps.perApplicationFen],
      ['perMemberPerMonthFen', r.caps.perMemberPerMonthFen],
      ['perMemberPerYearFen', r.caps.perMemberPerYearFen],
      ['perMemberLifetimeFen', r.caps.perMemberLifetimeFen],
    ] as const
  ).filter((c): c is [(typeof c)[0], number] => c[1] !== undefined);
  if (caps.length > 0)
    out.push({
      key: 'caps',
      label: t('programmes.rule.caps'),
      text: caps.map(([cap, fen]) => t(`programmes.cap.${cap}`, { amount: yuan(fen) })).join(t('error.separator')),
    });
  out.push({ key: 'period', label: t('programmes.rule.period'), text: t(`programmes.period.${r.period}`) });
  out.push({
    key: 'review',
    label: t('programmes.rule.review'),
    text:
      r.reviewLevels === 1
        ? t('programmes.rule.reviewOne', { org: p.org.name })
        : t('programmes.rule.reviewMany', { n: r.reviewLevels, org: p.org.name }),
  });
  out.push({
    key: 'publicity',
    label: t('programmes.rule.publicity'),
    text:
      r.publicityDays === 0
        ? t('programmes.rule.noPublicity')
        : t(r.publicityAt === 'review_chain' ? 'programmes.rule.publicityChain' : 'programmes.rule.publicityDays', {
            n: r.publicityDays,
            org: p.org.name,
          }),
  });
  out.push(window);
  return out;
}

/**
 * The sentence for a failed application, resubmission or objection: the business conflicts in plain words with what
 * the server said about them (which cap and how much is left; the application already made; the window), else the
 * usual message (errors.ts).
 */
export function programmeError(error: unknown, t: TFunction, fields: FieldLabels = {}): string {
  if (error instanceof ApiError) {
    const d = error.details;
    if (error.code === 'CAP_EXCEEDED' && typeof d.leftFen === 'number' && typeof d.limitFen === 'number') {
      const cap = typeof d.cap === 'string' && d.cap in capNames ? d.cap : 'perApplicationFen';
      return t('programmes.error.cap', {
        cap: t(`programmes.capName.${cap}`),
        limit: yuan(d.limitFen),
        left: yuan(d.leftFen),
      });
    }
    if (error.code === 'DUPLICATE_APPLICATION') return t('programmes.error.duplicate');
    if (error.code === 'FUND_ALREADY_APPLIED')
      return t('programmes.error.fundApplied', {
        fund: t(`modelWorkerFund.${typeof d.fund === 'string' && d.fund in fundNames ? d.fund : 'condolence'}`),
        year: d.year,
      });
    if (error.code === 'NOT_ELIGIBLE') return notEligible(d, t);
    if (error.code === 'PROGRAMME_NOT_OPEN') return t('programmes.error.notOpen');
    if (error.code === 'NOTICE_CLOSED') return t('programmes.error.noticeClosed');
  }
  return humanError(error, t, fields);
}

const capNames = {
  perApplicationFen: true,
  perMemberPerMonthFen: true,
  perMemberPerYearFen: true,
  perMemberLifetimeFen: true,
};

const fundNames = { condolence: true, living_hardship: true, special_hardship: true };

/**
 * 409 NOT_ELIGIBLE in words: the model-worker register's answer (not on it, not active, a level the programme does
 * not serve, not yet checked this year), or for 金秋助学 every group's answer (none said yes).
 */
function notEligible(d: Record<string, unknown>, t: TFunction): string {
  const reason = typeof d.reason === 'string' ? d.reason : '';
  if (reason === 'no_group' && Array.isArray(d.groups)) {
    const answers = d.groups
      .filter((g): g is { group: string; reason: string } => typeof g === 'object' && g !== null && 'group' in g)
      .map((g) =>
        t('programmes.eligibility.groupAnswer', {
          group: t(`studentAidGroup.${g.group}`, { defaultValue: g.group }),
          answer: t(`programmes.eligibility.answer.${g.reason}`, { defaultValue: g.reason }),
        }),
      );
    return [t('programmes.eligibility.no_group'), ...answers].join('\n');
  }
  if (['not_on_register', 'not_active', 'honour_level', 'not_checked'].includes(reason))
    return t(`programmes.eligibility.${reason}`, {
      year: d.year,
      level: typeof d.honourLevel === 'string' ? t(`honourLevel.${d.honourLevel}`) : '',
      allowed: Array.isArray(d.allowed) ? d.allowed.map((l) => t(`honourLevel.${String(l)}`)).join('、') : '',
      status: typeof d.status === 'string' ? t(`modelWorkerStatus.${d.status}`) : '',
    });
  return t('programmes.eligibility.generic');
}

/** The application the member already has for this period (or this fund and year), named by the 409. */
export const duplicateOf = (error: unknown): string | null =>
  error instanceof ApiError &&
  (error.code === 'DUPLICATE_APPLICATION' || error.code === 'FUND_ALREADY_APPLIED') &&
  typeof error.details.applicationId === 'string'
    ? error.details.applicationId
    : null;
