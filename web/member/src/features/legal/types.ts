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

export const yuan = (fen: number | null) => (fen === null ? '—' : `¥${(fen / 100).toFixed(2)}`);
export const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' });
