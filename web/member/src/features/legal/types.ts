export type { MyCase } from './queries';

export const categories = ['unpaid_wages', 'overtime_pay', 'dismissal', 'injury', 'social_insurance', 'other'] as const;

export const yuan = (fen: number | null) => (fen === null ? '—' : `¥${(fen / 100).toFixed(2)}`);
export const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' });
