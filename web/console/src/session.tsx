import { createSession } from '../../shared/session';
import { api, type StaffSummary } from './api';

export const { SessionProvider, useSession } = createSession<StaffSummary>(api, (me) =>
  me.kind === 'staff' ? me.staff : null,
);
