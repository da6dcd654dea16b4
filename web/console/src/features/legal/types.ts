export interface LegalCase {
  id: string;
  kind: 'legal_aid' | 'mediation';
  category: string;
  description: string;
  amountClaimedFen: number | null;
  employer: { name: string; regionCode: string; address: string | null };
  status: string;
  center: { id: string; name: string };
  routedToCenter: boolean;
  applicant: { name: string | null; phone: string };
  handler: { id: string; name: string } | null;
  amountRecoveredFen: number | null;
  referredTo: 'arbitration' | 'court' | null;
  firstContactDueAt: string;
  firstContactAt: string | null;
  overdue: boolean;
  createdAt: string;
  closedAt: string | null;
  rating: { score: number; comment: string | null } | null;
  attachments: { id: string; fileName: string; mediaType: string; sizeBytes: number }[];
  actions: string[];
  timeline?: { action: string; fromState: string | null; toState: string; actorKind: string; note: string | null; at: string }[];
}

export const caseStatuses = ['submitted', 'accepted', 'assigned', 'in_contact', 'agreed', 'referred', 'closed', 'withdrawn'] as const;

export const yuan = (fen: number | null) =>
  fen === null ? '—' : `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
export const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }) : '—');
