import type { ReactNode } from 'react';
import type { Congress } from './queries';
import { DutiesTab } from './DutiesTab';
import { IndicatorsTab } from './IndicatorsTab';
import { MotionsTab } from './MotionsTab';
import { ProposalsTab } from './ProposalsTab';
import { RepresentativesTab } from './RepresentativesTab';
import { ScoresTab } from './ScoresTab';

export interface CongressTab {
  /** In the address (?tab=), so a reload or a link keeps it. */
  key: string;
  /** The i18n key of its label. */
  label: string;
  render(congress: Congress): ReactNode;
}

/**
 * A congress term's work, one tab per part of participation, in this order: each part adds its tab with one line
 * (proposals, motions, scores, …).
 */
export const congressTabs: readonly CongressTab[] = [
  {
    key: 'representatives',
    label: 'congresses.tabRepresentatives',
    render: (c) => <RepresentativesTab congress={c} />,
  },
  { key: 'proposals', label: 'congresses.tabProposals', render: (c) => <ProposalsTab congressId={c.id} /> },
  { key: 'motions', label: 'congresses.tabMotions', render: (c) => <MotionsTab congressId={c.id} /> },
  { key: 'scores', label: 'congresses.tabScores', render: (c) => <ScoresTab congressId={c.id} /> },
  { key: 'duties', label: 'congresses.tabDuties', render: (c) => <DutiesTab congressId={c.id} /> },
  { key: 'indicators', label: 'congresses.tabIndicators', render: (c) => <IndicatorsTab congressId={c.id} /> },
];
