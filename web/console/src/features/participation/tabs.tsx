import type { ReactNode } from 'react';
import type { Congress } from './queries';
import { RepresentativesTab } from './RepresentativesTab';

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
];
