import { createSession } from '../../shared/session';
import { api, type WorkerSummary } from './api';

export const { SessionProvider, useSession } = createSession<WorkerSummary>(api, (me) =>
  me.kind === 'worker' ? me.member : null,
);
