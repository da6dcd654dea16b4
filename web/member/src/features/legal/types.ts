export interface MyCase {
  id: string;
  kind: 'legal_aid' | 'mediation';
  category: string;
  description: string;
  amountClaimedFen: number | null;
  employer: { name: string };
  status: string;
  center: { name: string };
  handler: { name: string } | null;
  amountRecoveredFen: number | null;
  createdAt: string;
  rating: { score: number; comment: string | null } | null;
  actions: string[];
  timeline?: { action: string; toState: string; note: string | null; at: string }[];
}

export const categories = ['unpaid_wages', 'overtime_pay', 'dismissal', 'injury', 'social_insurance', 'other'] as const;

/** Districts of the demo city for quick choice (GB/T 2260); any 6-digit code may be typed instead. */
export const quickRegions = [
  { code: '610102', name: '新城区' },
  { code: '610103', name: '碑林区' },
  { code: '610104', name: '莲湖区' },
  { code: '610111', name: '灞桥区' },
  { code: '610112', name: '未央区' },
  { code: '610113', name: '雁塔区' },
];

export const yuan = (fen: number | null) => (fen === null ? '—' : `¥${(fen / 100).toFixed(2)}`);
export const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' });
