import type { TFunction } from 'i18next';
import { proposalStages as stagesOf } from '../../../../shared/proposals';
import { when } from '../programmes/rules';
import type { Proposal, ProposalStatus } from './proposals.queries';

export { when };

/** The colour of a state: returned asks something of the proposer, answered asks a rating, the ends are grey or green. */
export function proposalStatusColor(status: ProposalStatus): 'primary' | 'success' | 'warning' | 'danger' | 'default' {
  if (status === 'returned' || status === 'answered') return 'warning';
  if (status === 'closed') return 'success';
  if (status === 'closed_dissatisfied' || status === 'rejected') return 'danger';
  if (status === 'converted' || status === 'withdrawn') return 'default';
  return 'primary';
}

/** 提交 → 审查 → 交办 → 督办 → 反馈, as the member app words and dates them. */
export const proposalStages = (p: Proposal, t: TFunction) => stagesOf(p, t, when);
