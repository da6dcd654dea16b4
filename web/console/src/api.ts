import { createApi } from '../../shared/api';

export const api = createApi('su.console.token');

export interface OrgRef {
  id: string;
  name: string;
}

export interface StaffSummary {
  id: string;
  username: string;
  org: OrgRef;
  roles: string[];
}

export interface Org {
  id: string;
  parentId: string | null;
  name: string;
  kind: string;
  regionCode: string | null;
  depth: number;
  childCount: number;
}

export const staffRoles = ['org_admin', 'member_manager', 'case_handler', 'station_manager', 'perks_manager', 'merchant', 'leader'] as const;
export const orgKinds = ['federation', 'industry', 'grassroots', 'center'] as const;
