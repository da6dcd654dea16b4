import type { ReactNode } from 'react';
import { AidSection } from './AidSection';
import { HistorySection } from './HistorySection';
import { PlanSection } from './PlanSection';
import { VisitsSection } from './VisitsSection';
import type { Household } from './queries';

export interface HouseholdSection {
  key: string;
  /** The i18n key of its card's title. */
  label: string;
  render(household: Household): ReactNode;
}

/**
 * The parts of a household's page below its file, in this order; each part of the module adds its section here with
 * one line (the lead wires them on merge):
 * - 一户一策 the plan: `{ key: 'plan', label: 'hardship.planSection', render: (h) => <PlanSection household={h} /> }`
 *   (branch hardship-aid);
 * - 帮扶记录 the help given: `{ key: 'aid', label: 'hardship.aidSection', render: (h) => <AidSection household={h} /> }`
 *   (branch hardship-aid);
 * - 走访记录 the visits: `{ key: 'visits', label: 'hardship.visitsSection', render: (h) => <VisitsSection household={h} /> }`
 *   (branch hardship-visits).
 */
export const householdSections: readonly HouseholdSection[] = [
  { key: 'plan', label: 'hardship.planSection', render: (h) => <PlanSection household={h} /> },
  { key: 'aid', label: 'hardship.aidSection', render: (h) => <AidSection household={h} /> },
  { key: 'history', label: 'hardshipAid.historySection', render: (h) => <HistorySection household={h} /> },
  { key: 'visits', label: 'hardship.visitsSection', render: (h) => <VisitsSection householdId={h.id} /> },
];
