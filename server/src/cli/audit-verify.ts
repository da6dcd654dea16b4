import { verifyAuditChain } from '../kernel/audit.js';
import { loadConfig } from '../kernel/config.js';
import { openDatabase } from '../kernel/db/client.js';
import path from 'node:path';

/** `npm run audit:verify`: recomputes the audit hash chain and exits 1 at the first broken link. */
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: path.join(config.dataDir, 'pglite') });
const report = await verifyAuditChain(database.db);
await database.close();
if (report.ok) {
  console.log(`audit chain intact: ${report.checked} records verified`);
} else {
  console.error(
    `audit chain BROKEN at record ${report.brokenAt}: ${report.reason} (${report.checked} records verified before it)`,
  );
  process.exit(1);
}
