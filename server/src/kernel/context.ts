import type { MembershipResolver } from './auth.js';
import type { Config } from './config.js';
import type { Database, Db } from './db/client.js';
import type { PiiCipher } from './pii.js';
import type { AddressQuotas } from './quota.js';
import type { SmsProvider } from './sms.js';

/** What every module's routes and services get: the kernel's services, no module's internals. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  pii: PiiCipher;
  sms: SmsProvider;
  resolveMembership: MembershipResolver;
  /** Today's queue-filling writes per client address (kernel/quota.ts). */
  addressQuotas: AddressQuotas;
}
