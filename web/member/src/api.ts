import type { Me } from '../../shared/session';
import { createApi } from '../../shared/api';

export const api = createApi('su.member.token');

/** The signed-in worker, as GET /api/v1/me answers for one. */
export type WorkerSummary = Extract<Me, { kind: 'worker' }>['member'];
