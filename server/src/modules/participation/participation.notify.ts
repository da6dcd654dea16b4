import type { Db } from '../../kernel/db/client.js';
import { notify } from '../../kernel/notifications.js';
import { workerAccountOfMember } from './congresses.repository.js';

/**
 * Tells a member in their app (when they have signed in once) what happened to their proposal, suggestion or vote,
 * in the change's transaction; `link` is the member app's page of it.
 */
export async function tellMember(
  tx: Db,
  memberId: string,
  message: { title: string; body: string; link: string },
): Promise<void> {
  const accountId = await workerAccountOfMember(tx, memberId);
  if (accountId) await notify(tx, { recipientKind: 'worker', recipientId: accountId, ...message });
}
