import type { TFunction } from 'i18next';
import type { ApiData } from './api';

/** A proposal (提案) as GET /api/v1/proposals/{id} answers it, in both apps. */
type Proposal = ApiData<'/api/v1/proposals/{id}'>;
type ProposalStatus = Proposal['status'];

type StepStatus = 'wait' | 'process' | 'finish' | 'error';
export interface ProposalStage {
  key: 'submit' | 'review' | 'assign' | 'supervise' | 'feedback';
  status: StepStatus;
  description: string;
}

const stopped: readonly ProposalStatus[] = ['returned', 'rejected', 'converted', 'withdrawn'];

/**
 * 五步闭环 as a progress bar (both apps; words under `proposals.stage.*` in each app's locale) — 提交 → 审查 → 交办 → 督办 → 反馈 — with where the proposal is now: done, under way,
 * waiting, or held (returned to the proposer, not taken up, withdrawn; overdue with the handling body).
 */
export function proposalStages(p: Proposal, t: TFunction, when: (iso: string) => string): ProposalStage[] {
  const timeline = p.timeline ?? [];
  const lastAt = (...actions: string[]) => [...timeline].reverse().find((e) => actions.includes(e.action))?.at;
  const reviewed = lastAt('review_accept', 'review_return', 'review_reject', 'convert_to_suggestion');
  const current: Record<ProposalStatus, number> = {
    submitted: 1,
    returned: 1,
    rejected: 1,
    converted: 1,
    withdrawn: 1,
    accepted: 2,
    assigned: 3,
    referred: 3,
    answered: 4,
    closed: 5,
    closed_dissatisfied: 5,
  };
  const at = current[p.status];
  const held = stopped.includes(p.status) || (p.status === 'assigned' && p.overdue);
  const descriptions: Record<ProposalStage['key'], string> = {
    submit: when(p.createdAt),
    review: stopped.includes(p.status)
      ? t(`proposalStatus.${p.status}`)
      : reviewed
        ? t('proposals.stage.accepted', { at: when(reviewed) })
        : '',
    assign: p.referral
      ? t('proposals.stage.referred', { platform: p.referral.platform, ref: p.referral.externalRef })
      : p.handlerOrg
        ? `${p.handlerOrg.name}${p.assignedAt ? ` · ${when(p.assignedAt)}` : ''}`
        : '',
    supervise:
      p.status === 'assigned' && p.dueOn
        ? p.overdue
          ? t('proposals.stage.overdue', { due: p.dueOn })
          : t('proposals.stage.due', { due: p.dueOn })
        : '',
    feedback: p.rating
      ? t('proposals.stage.rated', { score: p.rating.score })
      : p.reply
        ? t('proposals.stage.answered', { at: when(p.reply.at) })
        : '',
  };
  const keys: ProposalStage['key'][] = ['submit', 'review', 'assign', 'supervise', 'feedback'];
  return keys.map((key, i) => ({
    key,
    description: descriptions[key],
    status: i < at ? 'finish' : i > at ? 'wait' : held ? 'error' : 'process',
  }));
}
