import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { verifyAuditChain, type ChainReport } from './audit.js';
import type { Config } from './config.js';
import { migrationsFolder, openDatabase, queryRows, sql, type Database } from './db/client.js';
import { checkStorageKey, syncDirectory } from './storage.js';
import { readTar, TarWriter } from './tar.js';

/**
 * Backups of the embedded database (PGlite in DATA_DIR) and the uploads directory, as one tar archive:
 *
 *   manifest.json        what the archive holds and what a restore must find: schema version, rows per table,
 *                        the audit chain's length and last hash, the uploads (count, bytes)
 *   database.tar.gz      PGlite's data directory, dumped while every other query waited (consistent)
 *   secrets/pii.key      the generated key of personal data at rest, when PII_KEY is not set (else: keep PII_KEY)
 *   uploads/<key>        the uploaded files' bytes, when they are in the uploads directory (not with S3)
 *
 * The database is dumped before the uploads are copied, and a file's bytes are stored before its row
 * (kernel/files.ts): every file the dump lists is in the archive. PostgreSQL is backed up with its own tools
 * (pg_dump, pg_basebackup and WAL archiving: docs/DEPLOY.md), S3 buckets with the store's versioning or replication.
 */

export const backupFormat = 'smart-union-backup/1';

export interface BackupManifest {
  format: typeof backupFormat;
  createdAt: string;
  /** Migrations applied (drizzle's journal): a restore refuses a backup newer than its code. */
  schema: { migrations: number; lastMigrationAt: number | null };
  rowCounts: Record<string, number>;
  audit: { records: number; lastHash: string | null };
  storage: 'local' | 's3';
  /** The uploads in the archive; null when they live in S3. */
  uploads: { files: number; bytes: number } | null;
  /** 'included': secrets/pii.key is in the archive; 'environment': the server used PII_KEY, keep it. */
  piiKey: 'included' | 'environment' | 'none';
}

export const postgresBackupAdvice =
  'DATABASE_URL is set: the database is PostgreSQL, backed up with its own tools (pg_dump for a logical copy, ' +
  'pg_basebackup with WAL archiving for point-in-time recovery), as docs/DEPLOY.md "Backups" describes. ' +
  '`npm run backup` backs up the embedded database only.';

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

interface SnapshotFacts {
  rowCounts: Record<string, number>;
  schema: BackupManifest['schema'];
  lastHash: string | null;
}

/** Rows per table, the schema version and the audit chain's end, all seen in one state. */
async function readFacts(query: <R>(text: string) => Promise<R[]>): Promise<SnapshotFacts> {
  const tables = await query<{ name: string }>(
    `select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
  );
  const rowCounts: Record<string, number> = {};
  for (const { name } of tables)
    rowCounts[name] = (await query<{ n: number }>(`select count(*)::int as n from ${quoteIdent(name)}`))[0]!.n;
  const [migrations] = await query<{ n: number; last: number | null }>(
    `select count(*)::int as n, max(created_at)::float8 as last from drizzle.__drizzle_migrations`,
  );
  const [last] = await query<{ hash: string }>(`select hash from audit_log order by seq desc limit 1`);
  return {
    rowCounts,
    schema: { migrations: migrations!.n, lastMigrationAt: migrations!.last },
    lastHash: last?.hash ?? null,
  };
}

function piiKeyFile(dataDir: string): string {
  return path.join(dataDir, 'secrets', 'pii.key');
}

/** Every file under `dir` (the uploads), as storage keys; half-written files (`.tmp`) are not uploads. */
async function listUploads(dir: string): Promise<{ key: string; file: string; size: number }[]> {
  const out: { key: string; file: string; size: number }[] = [];
  const walk = async (sub: string): Promise<void> => {
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(path.join(dir, sub), { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const key = sub ? `${sub}/${entry.name}` : entry.name;
      if (!sub && entry.name === '.tmp') continue;
      if (entry.isDirectory()) await walk(key);
      else if (entry.isFile()) {
        const file = path.join(dir, key);
        out.push({ key, file, size: (await fs.promises.stat(file)).size });
      }
    }
  };
  await walk('');
  return out;
}

/** `DATA_DIR/backups/smart-union-20261127T130501Z.tar` */
export function defaultBackupFile(dataDir: string, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  return path.join(dataDir, 'backups', `smart-union-${stamp}.tar`);
}

/**
 * Writes a backup of the embedded database and the uploads to `out` (refusing to replace a file), through a
 * temporary name renamed at the end: a backup file that exists is whole. Readable by its owner only: it holds
 * personal data, and the PII key when the server generated it.
 */
export async function createBackup(input: {
  database: Database;
  config: Config;
  out?: string | undefined;
  now?: Date;
}): Promise<{ file: string; manifest: BackupManifest }> {
  const { database, config } = input;
  if (!database.snapshot) throw new Error(postgresBackupAdvice);
  const now = input.now ?? new Date();
  const file = path.resolve(input.out ?? defaultBackupFile(config.dataDir, now));
  if (fs.existsSync(file)) throw new Error(`${file} exists already; choose another name`);
  await fs.promises.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });

  const { read: facts, dump } = await database.snapshot(readFacts);
  const uploads = config.storage.kind === 'local' ? await listUploads(config.storage.dir) : null;
  const keyFile = piiKeyFile(config.dataDir);
  const piiKey = config.piiKey ? 'environment' : fs.existsSync(keyFile) ? 'included' : 'none';
  const manifest: BackupManifest = {
    format: backupFormat,
    createdAt: now.toISOString(),
    schema: facts.schema,
    rowCounts: facts.rowCounts,
    audit: { records: facts.rowCounts.audit_log ?? 0, lastHash: facts.lastHash },
    storage: config.storage.kind,
    uploads: uploads ? { files: uploads.length, bytes: uploads.reduce((sum, u) => sum + u.size, 0) } : null,
    piiKey,
  };

  const partial = `${file}.${crypto.randomBytes(4).toString('hex')}.part`;
  const out = fs.createWriteStream(partial, { flags: 'wx', mode: 0o600 });
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  try {
    await Promise.race([
      failed,
      (async () => {
        const tar = new TarWriter(out);
        await tar.addBuffer('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2)));
        await tar.addStream('database.tar.gz', dump.size, Readable.fromWeb(dump.stream()));
        if (piiKey === 'included') await tar.addFile('secrets/pii.key', keyFile);
        for (const upload of uploads ?? []) await tar.addFile(`uploads/${upload.key}`, upload.file);
        await tar.finish();
      })(),
    ]);
    const handle = await fs.promises.open(partial, 'r');
    await handle.sync();
    await handle.close();
    await fs.promises.rename(partial, file);
    await syncDirectory(path.dirname(file));
  } catch (error) {
    out.destroy();
    await fs.promises.rm(partial, { force: true });
    throw error;
  }
  return { file, manifest };
}

export interface RestoreReport {
  manifest: BackupManifest;
  dataDir: string;
  /** Tables whose row count differs from the manifest's. */
  countMismatches: { table: string; expected: number; found: number }[];
  auditChain: ChainReport;
  auditLastHashMatches: boolean;
  /** Files the database names whose bytes are missing or differ (local storage only). */
  badFiles: string[];
  filesChecked: number;
  ok: boolean;
}

function migrationsKnown(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

async function sha256OfFile(file: string): Promise<string | null> {
  const hash = crypto.createHash('sha256');
  try {
    for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) hash.update(chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return hash.digest('hex');
}

/**
 * Restores a backup into `dataDir`, which must be empty or absent: the database into `pglite/`, the uploads into
 * `uploads/`, the generated PII key into `secrets/`. Then opens the database and checks it against the manifest:
 * the same rows per table, an intact audit chain ending at the same hash, every stored file's bytes by SHA-256.
 * The server started on the directory (DATA_DIR=dataDir) applies any newer migrations as usual.
 */
export async function restoreBackup(archive: string, dataDir: string): Promise<RestoreReport> {
  const target = path.resolve(dataDir);
  if (fs.existsSync(target) && fs.readdirSync(target).length > 0)
    throw new Error(`${target} is not empty: restore into a new, empty directory`);
  await fs.promises.mkdir(target, { recursive: true, mode: 0o700 });

  let manifest: BackupManifest | null = null;
  // The dump goes to a file, opened as a Blob for PGlite: not held in memory.
  const dumpFile = path.join(target, '.database.tar.gz');
  let dumpFound = false;
  await readTar(fs.createReadStream(archive), async (entry, body) => {
    if (!manifest && entry.name !== 'manifest.json') throw new Error('not a Smart Union backup: no manifest first');
    if (entry.name === 'manifest.json') {
      const chunks: Buffer[] = [];
      for await (const chunk of body) chunks.push(chunk);
      const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as BackupManifest;
      if (parsed.format !== backupFormat) throw new Error(`unknown backup format ${String(parsed.format)}`);
      if (parsed.schema.migrations > migrationsKnown())
        throw new Error(
          `the backup has ${parsed.schema.migrations} migrations applied, this version knows ${migrationsKnown()}: restore it with the version that made it, or a newer one`,
        );
      manifest = parsed;
      return;
    }
    if (entry.name === 'database.tar.gz') {
      await pipeline(Readable.from(body), fs.createWriteStream(dumpFile, { flags: 'wx', mode: 0o600 }));
      dumpFound = true;
      return;
    }
    let file: string;
    if (entry.name === 'secrets/pii.key') file = path.join(target, 'secrets', 'pii.key');
    else if (entry.name.startsWith('uploads/'))
      // A key as the storage takes them: nothing in an archive can write outside the new directory.
      file = path.join(target, 'uploads', checkStorageKey(entry.name.slice('uploads/'.length)));
    else throw new Error(`unexpected entry in the backup: ${entry.name}`);
    await fs.promises.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await pipeline(Readable.from(body), fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }));
  });
  const found = manifest as BackupManifest | null;
  if (!found) throw new Error('not a Smart Union backup: no manifest');
  if (!dumpFound) throw new Error('the backup holds no database');

  const database = await openDatabase({
    databaseUrl: null,
    dataDir: path.join(target, 'pglite'),
    loadDataDir: await fs.openAsBlob(dumpFile, { type: 'application/x-gzip' }),
  });
  await fs.promises.rm(dumpFile);
  try {
    const countMismatches: RestoreReport['countMismatches'] = [];
    for (const [table, expected] of Object.entries(found.rowCounts)) {
      const [row] = await queryRows<{ n: number }>(
        database.db,
        sql.raw(`select count(*)::int as n from ${quoteIdent(table)}`),
      );
      if (row!.n !== expected) countMismatches.push({ table, expected, found: row!.n });
    }
    const auditChain = await verifyAuditChain(database.db);
    const [last] = await queryRows<{ hash: string }>(
      database.db,
      sql`select hash from audit_log order by seq desc limit 1`,
    );
    const auditLastHashMatches = (last?.hash ?? null) === found.audit.lastHash;
    const badFiles: string[] = [];
    let filesChecked = 0;
    if (found.storage === 'local') {
      const stored = await queryRows<{ id: string; storage_key: string; sha256: string }>(
        database.db,
        sql`select id, storage_key, sha256 from files where storage_key is not null order by id`,
      );
      for (const f of stored) {
        filesChecked++;
        if ((await sha256OfFile(path.join(target, 'uploads', f.storage_key))) !== f.sha256) badFiles.push(f.id);
      }
    }
    return {
      manifest: found,
      dataDir: target,
      countMismatches,
      auditChain,
      auditLastHashMatches,
      badFiles,
      filesChecked,
      ok: countMismatches.length === 0 && auditChain.ok && auditLastHashMatches && badFiles.length === 0,
    };
  } finally {
    await database.close();
  }
}

/**
 * The running server's control file (DATA_DIR/control.json, owner-only): its process, its port and a token that
 * `npm run backup` presents to ask it for a backup. Only the server that opened the embedded database writes it;
 * the database cannot be opened by a second process while it runs.
 */
export interface ControlFile {
  pid: number;
  port: number;
  token: string;
}

export function controlFilePath(dataDir: string): string {
  return path.join(dataDir, 'control.json');
}

export function writeControlFile(dataDir: string, control: ControlFile): void {
  const file = controlFilePath(dataDir);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(control), { mode: 0o600 });
  fs.renameSync(tmp, file);
}

export function readControlFile(dataDir: string): ControlFile | null {
  try {
    return JSON.parse(fs.readFileSync(controlFilePath(dataDir), 'utf8')) as ControlFile;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Removes the control file if it is still this server's (a newer server on the same directory keeps its own). */
export function removeControlFile(dataDir: string, token: string): void {
  if (readControlFile(dataDir)?.token === token) fs.rmSync(controlFilePath(dataDir), { force: true });
}

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
