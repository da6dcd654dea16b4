export { programmeApplicationStatuses, programmeKinds } from '../../../../../shared/labels.js';

/** Money is stored in integer fen (分) and shown as yuan with two decimals: 1234567 → ¥12,345.67. */
export const yuan = (fen: number | null | undefined) =>
  fen === null || fen === undefined
    ? '—'
    : `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** Yuan typed into a form → integer fen (no float drift: 0.1 + 0.2 yuan is 30 fen). */
export const toFen = (yuanValue: number) => Math.round(yuanValue * 100);

export const when = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }) : '—';

export const day = (iso: string) => new Date(iso).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' });
