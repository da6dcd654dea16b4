/**
 * The console's sections and the roles that work in each (org_admin works in all), mirroring the
 * server's policies: a cashier (merchant) sees only the redemption page, a case handler the legal
 * queue. The server still decides every request; this only spares people pages they cannot use.
 */
export const sections: { path: string; roles: string[] }[] = [
  { path: '/orgs', roles: ['member_manager', 'case_handler', 'station_manager', 'perks_manager', 'leader'] },
  { path: '/staff', roles: [] },
  { path: '/members', roles: ['member_manager'] },
  { path: '/applications', roles: ['member_manager'] },
  { path: '/stations', roles: ['station_manager'] },
  { path: '/legal', roles: ['case_handler', 'leader'] },
  { path: '/perks', roles: ['perks_manager'] },
  { path: '/breakfast', roles: ['perks_manager'] },
  { path: '/redeem', roles: ['merchant'] },
  { path: '/calendar', roles: [] },
];

export function canOpen(path: string, roles: readonly string[]): boolean {
  const section = sections.find((s) => s.path === path);
  return !section || roles.includes('org_admin') || section.roles.some((r) => roles.includes(r));
}

/** Where a signed-in staff member lands: the first section they work in. */
export function homePath(roles: readonly string[]): string {
  return sections.find((s) => canOpen(s.path, roles))?.path ?? '/orgs';
}
