import { createApi } from '../../shared/api';

export const api = createApi('su.member.token');

export interface WorkerSummary {
  accountId: string;
  phone: string;
  isMember: boolean;
  memberId: string | null;
  name: string | null;
  org: { id: string; name: string } | null;
}
