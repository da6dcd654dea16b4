import type { TFunction } from 'i18next';
import { ApiError } from '../../../../shared/api';
import { humanError, type FieldLabels } from '../../errors';
import type { Programme, ProgrammeKind } from './queries';

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

/** One kind-specific detail the form asks for (stored in the application's `details` under `key`). */
export interface DetailField {
  key: 'reason' | 'studentName' | 'school' | 'grade' | 'jobType' | 'employingUnit';
  input: 'text' | 'textarea' | 'select';
  options?: readonly string[];
  required?: boolean;
}

export const workStudyJobTypes = ['social_practice', 'transitional', 'internship'] as const;

/**
 * What each kind of programme asks besides the amount, payee and documents — kept small and in one place:
 * 金秋助学 the student, 勤工俭学 the job, 劳模专项资金 the hardship (特殊困难: injury, illness, disaster) in words.
 */
export const detailFields: Record<ProgrammeKind, DetailField[]> = {
  model_worker_fund: [{ key: 'reason', input: 'textarea' }],
  student_aid: [
    { key: 'studentName', input: 'text', required: true },
    { key: 'school', input: 'text', required: true },
    { key: 'grade', input: 'text', required: true },
  ],
  work_study: [
    { key: 'jobType', input: 'select', options: workStudyJobTypes, required: true },
    { key: 'employingUnit', input: 'text', required: true },
  ],
  medical_mutual_aid: [{ key: 'reason', input: 'textarea' }],
  club_subsidy: [{ key: 'reason', input: 'textarea' }],
  custom: [{ key: 'reason', input: 'textarea' }],
  // Quota programmes take signups, not this form.
  recuperation: [],
  health_check: [],
};

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
  out.push({
    key: 'window',
    label: t('programmes.rule.window'),
    text: t('programmes.rule.windowText', { from: when(p.opensAt), to: when(p.closesAt) }),
  });
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

/** The application the member already has for this period, named by a 409 DUPLICATE_APPLICATION. */
export const duplicateOf = (error: unknown): string | null =>
  error instanceof ApiError && error.code === 'DUPLICATE_APPLICATION' && typeof error.details.applicationId === 'string'
    ? error.details.applicationId
    : null;
