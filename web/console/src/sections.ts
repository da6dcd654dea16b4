/**
 * The console's sections and the roles that work in each (org_admin works in all), mirroring the
 * server's policies: a cashier (merchant) sees only the redemption page, a case handler the legal
 * queue. The server still decides every request; this only spares people pages and buttons they
 * cannot use.
 */
export const sections: { path: string; roles: string[]; notForAdmins?: true }[] = [
  {
    path: '/orgs',
    roles: [
      'member_manager',
      'case_handler',
      'station_manager',
      'perks_manager',
      'leader',
      'programme_officer',
      'participation_officer',
    ],
  },
  { path: '/staff', roles: [] },
  { path: '/members', roles: ['member_manager'] },
  { path: '/applications', roles: ['member_manager'] },
  { path: '/stations', roles: ['station_manager', 'leader'] },
  { path: '/legal', roles: ['case_handler', 'leader'] },
  { path: '/perks', roles: ['perks_manager'] },
  { path: '/breakfast', roles: ['perks_manager'] },
  // Benefit programmes 补助项目: configured, reviewed, published and paid by programme officers (programmes.policy).
  { path: '/programmes', roles: ['programme_officer'] },
  // 劳模名册 and its yearly check: kept by programme officers (model-workers.service).
  { path: '/model-workers', roles: ['programme_officer'] },
  // 民主参与: congress terms, their representatives and the term's work, run by participation officers
  // (participation.policy).
  { path: '/congresses', roles: ['participation_officer'] },
  // 职工事大家议 and 会员评家: run by participation officers (suggestions.policy).
  { path: '/suggestions', roles: ['participation_officer'] },
  { path: '/union-reviews', roles: ['participation_officer'] },
  // 提案: the committee's queue and the handling body's, run by participation officers (proposals.policy).
  { path: '/proposals', roles: ['participation_officer'] },
  // 困难职工帮扶: officers verify, archive and keep the standards; field workers read their subtree's households;
  // leaders read the lists and figures, sensitive fields masked (hardship.policy).
  { path: '/hardship', roles: ['assistance_officer', 'assistance_worker', 'leader'] },
  // 活动: quizzes, walks, polls, stories, contests run by activities officers; judges score their assigned entries
  // (activities.policy).
  { path: '/activities', roles: ['activity_officer', 'judge', 'leader'] },
  // The till of a partner shop: only its cashiers (merchant, bound to the shop), not every administrator.
  { path: '/redeem', roles: ['merchant'], notForAdmins: true },
  { path: '/calendar', roles: [] },
];

/** Each role's own work, in the order a person holding several roles lands on it. */
const homes: [role: string, path: string][] = [
  ['org_admin', '/orgs'],
  ['case_handler', '/legal'],
  ['member_manager', '/members'],
  ['station_manager', '/stations'],
  ['perks_manager', '/perks'],
  ['programme_officer', '/programmes'],
  ['participation_officer', '/congresses'],
  ['assistance_officer', '/hardship/leads'],
  ['assistance_worker', '/hardship/leads'],
  ['activity_officer', '/activities'],
  ['judge', '/activities/judging'],
  ['merchant', '/redeem'],
  ['leader', '/legal'],
];

/** What a role may do beyond reading, where a section is shared with read-only roles (the server's policies). */
const actions = {
  /** Create child organisations (orgs.policy: authorizeManageOrg). */
  manageOrgs: [],
  /** Create, edit, import and retire stations (stations.policy: authorizeManageStations); leaders only read. */
  manageStations: ['station_manager'],
  /** Take case actions; leaders only read the queue and its figures (legal.policy: authorizeHandleCases). */
  handleCases: ['case_handler'],
  /** Keep the regional standards and act on household files (hardship.policy: authorizeRunAssistance). */
  runAssistance: ['assistance_officer'],
  /** Read a household's full phone and ID number (hardship.policy: authorizeWorkHouseholds). */
  workHouseholds: ['assistance_officer', 'assistance_worker'],
  /** Create and run quizzes, walks, polls, stories' moderation, contests (activities.policy: authorizeRunActivities). */
  runActivities: ['activity_officer'],
} satisfies Record<string, string[]>;

export type ConsoleAction = keyof typeof actions;

export function can(action: ConsoleAction, roles: readonly string[]): boolean {
  return roles.includes('org_admin') || actions[action].some((r: string) => roles.includes(r));
}

/** The first part of a console path: /legal/123 → /legal. */
export function sectionOf(pathname: string): string {
  return '/' + (pathname.split('/')[1] ?? '');
}

export function canOpen(path: string, roles: readonly string[]): boolean {
  const section = sections.find((s) => s.path === sectionOf(path));
  return (
    !section || (roles.includes('org_admin') && !section.notForAdmins) || section.roles.some((r) => roles.includes(r))
  );
}

/** Where a signed-in staff member lands: their own work (mediator → case queue, cashier → redemption…). */
export function homePath(roles: readonly string[]): string {
  return (
    homes.find(([role]) => roles.includes(role))?.[1] ?? sections.find((s) => canOpen(s.path, roles))?.path ?? '/orgs'
  );
}
