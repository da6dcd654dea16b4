import type { ProposalStatus } from './proposals.queries';

/** The colour of a proposal's state in tags: under way blue, waiting on someone orange, ends green, grey or red. */
export const proposalStatusColour: Record<ProposalStatus, string> = {
  submitted: 'blue',
  returned: 'orange',
  accepted: 'cyan',
  assigned: 'geekblue',
  referred: 'purple',
  answered: 'gold',
  closed: 'green',
  closed_dissatisfied: 'volcano',
  rejected: 'red',
  converted: 'default',
  withdrawn: 'default',
};

/** An instant as people in China read it: 2026/3/1 09:30:00. */
export const when = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }) : '—';
