export type { LegalCase } from './queries';

export { caseStatuses } from '../../../../../shared/labels.js';

export const yuan = (fen: number | null) =>
  fen === null
    ? '—'
    : `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
export const when = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }) : '—';
