export { hardshipCauses, hardshipLevels, hardshipStatuses } from '../../../../../shared/labels.js';

/** Money is integer fen (分) on the wire and yuan with two decimals on screen: 45000 → ¥450.00. */
export const yuan = (fen: number | null | undefined) =>
  fen === null || fen === undefined
    ? '—'
    : `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** Yuan typed into a form → integer fen (no float drift). */
export const toFen = (yuanValue: number) => Math.round(yuanValue * 100);

export const when = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }) : '—';

export const day = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' }) : '—';

/** The colour of a file's state tag: leads waiting are blue, archives green, ends grey. */
export const statusColour: Record<string, string> = {
  submitted: 'blue',
  verified: 'cyan',
  archived: 'green',
  case_by_case: 'gold',
  rejected: 'default',
  closed: 'default',
};

export const levelColour: Record<string, string> = { deep: 'red', relative: 'orange', accident: 'purple' };
