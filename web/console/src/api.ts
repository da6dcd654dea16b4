import { createApi, type ApiItem } from '../../shared/api';
import type { Me } from '../../shared/session';

export const api = createApi('su.console.token');

/** An org as other objects name it. */
export interface OrgRef {
  id: string;
  name: string;
}

/** The signed-in staff member, as GET /api/v1/me answers for one. */
export type StaffSummary = Extract<Me, { kind: 'staff' }>['staff'];

export type Org = ApiItem<'/api/v1/orgs'>;

export { orgKinds, staffRoles } from '../../../shared/labels.js';
