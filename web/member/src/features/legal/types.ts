export type { MyCase } from './queries';

export { caseCategories as categories } from '../../../../../shared/labels.js';

export const yuan = (fen: number | null) => (fen === null ? '—' : `¥${(fen / 100).toFixed(2)}`);
export const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' });
