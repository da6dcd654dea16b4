import path from 'node:path';
import { restoreBackup } from '../kernel/backup.js';

/**
 * `npm run restore -- FILE --data-dir DIR`: restores a backup of `npm run backup` into an empty directory and checks
 * it (rows per table, the audit chain, every uploaded file's SHA-256); then start the server with DATA_DIR=DIR.
 */
const args = process.argv.slice(2);
const at = args.indexOf('--data-dir');
const dataDir = at >= 0 ? args[at + 1] : undefined;
const file = args.find((a, i) => !a.startsWith('--') && (at < 0 || i !== at + 1));
if (!file || !dataDir) {
  console.error('usage: npm run restore -- FILE --data-dir DIR   (DIR must be empty or absent)');
  process.exit(2);
}

try {
  const report = await restoreBackup(path.resolve(file), path.resolve(dataDir));
  const m = report.manifest;
  console.log(`restored ${file} (made ${m.createdAt}) into ${report.dataDir}`);
  console.log(
    `  ${Object.keys(m.rowCounts).length} tables counted, audit chain ${report.auditChain.ok ? 'intact' : 'BROKEN'} ` +
      `(${report.auditChain.checked} records), ${report.filesChecked} uploaded files checked`,
  );
  for (const c of report.countMismatches)
    console.error(`  table ${c.table}: ${c.found} rows, the backup recorded ${c.expected}`);
  if (!report.auditChain.ok)
    console.error(`  audit chain broken at record ${report.auditChain.brokenAt}: ${report.auditChain.reason}`);
  if (!report.auditLastHashMatches) console.error('  the audit chain does not end where the backup recorded');
  for (const id of report.badFiles) console.error(`  file ${id}: bytes missing or different`);
  if (m.storage === 's3') console.log('  uploaded files live in S3: point S3_* at the bucket (or its restored copy)');
  else console.log(`  uploaded files restored into ${path.join(report.dataDir, 'uploads')} (leave UPLOADS_DIR unset)`);
  if (m.piiKey === 'environment') console.log('  start the server with the same PII_KEY as the backed-up one');
  if (!report.ok) {
    console.error('restore FAILED its checks: do not use this directory');
    process.exit(1);
  }
  console.log(`  next: DATA_DIR=${report.dataDir} npm start (or npm run serve)`);
} catch (error) {
  console.error(`restore refused: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
