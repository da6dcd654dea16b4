import path from 'node:path';
import {
  createBackup,
  controlFilePath,
  postgresBackupAdvice,
  processIsAlive,
  readControlFile,
  type BackupManifest,
} from '../kernel/backup.js';
import { loadConfig } from '../kernel/config.js';
import { openDatabase } from '../kernel/db/client.js';

/**
 * `npm run backup [-- --out FILE]`: one archive of the embedded database and the uploads (kernel/backup.ts), by
 * default in DATA_DIR/backups/. While the server runs it asks the server (which alone may open the database) over
 * loopback with the token of DATA_DIR/control.json; otherwise it opens the data directory itself.
 */
function argument(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function report(file: string, manifest: BackupManifest, by: string): void {
  const rows = Object.values(manifest.rowCounts).reduce((a, b) => a + b, 0);
  console.log(`backup written: ${file} (${by})`);
  console.log(
    `  ${Object.keys(manifest.rowCounts).length} tables, ${rows} rows, ${manifest.audit.records} audit records, ` +
      (manifest.uploads
        ? `${manifest.uploads.files} uploaded files (${manifest.uploads.bytes} bytes)`
        : 'uploaded files in S3: not in this archive (back the bucket up with versioning or replication)'),
  );
  if (manifest.piiKey === 'environment')
    console.log('  PII_KEY is not in the archive: keep it with the backup, a restore needs the same key');
  if (manifest.piiKey === 'included')
    console.log('  the archive holds the generated PII key (secrets/pii.key): store it as securely as the key');
}

const config = loadConfig();
if (config.databaseUrl) {
  console.error(postgresBackupAdvice);
  process.exit(2);
}
const outArg = argument('--out');
const out = outArg ? path.resolve(outArg) : undefined;
const control = readControlFile(config.dataDir);

if (control && processIsAlive(control.pid)) {
  let res: Response;
  try {
    res = await fetch(`http://127.0.0.1:${control.port}/api/internal/backups`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-control-token': control.token },
      body: JSON.stringify(out ? { out } : {}),
    });
  } catch (error) {
    console.error(
      `the server (process ${control.pid}) holds ${config.dataDir} but does not answer on port ${control.port}: ${String(error)}\n` +
        `if no server runs on this data directory, remove ${controlFilePath(config.dataDir)} and try again`,
    );
    process.exit(1);
  }
  const body = (await res.json()) as { file: string; manifest: BackupManifest } | { error: { code: string } };
  if (res.status !== 201 || !('file' in body)) {
    console.error(`the server refused the backup: HTTP ${res.status} ${JSON.stringify(body)}`);
    process.exit(1);
  }
  report(body.file, body.manifest, `by the running server, process ${control.pid}`);
} else {
  const database = await openDatabase({ databaseUrl: null, dataDir: path.join(config.dataDir, 'pglite') });
  try {
    const { file, manifest } = await createBackup({ database, config, out });
    report(file, manifest, 'no server running: the data directory opened by this command');
  } finally {
    await database.close();
  }
}
