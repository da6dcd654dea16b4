/**
 * Hardship import de-duplication at real volume (issue 14): 1,000,000 households on file, then a workbook of 50,000
 * households — 10 % already on file elsewhere in the federation, 3 % invalid, 1 % repeated within the workbook —
 * uploaded through the HTTP API of a running server (POST /api/v1/hardship/imports), its job polled as the console
 * does. Baseline in the same run: reading the same workbook with the same streaming exceljs reader and nothing else
 * (before and after the import, averaged: the machine is shared). Every row must be accounted for, and the database
 * must hold each new household exactly once.
 *
 *   DATABASE_URL=$(PG_DURABLE=1 bash .ci/start-postgres.sh) npm run bench:hardship-import
 *   ON_FILE=200000 ROWS=10000 DATABASE_URL=… npm run bench:hardship-import
 *
 * PostgreSQL only (the seeding computes the blind indexes with pgcrypto's hmac(), keyed by the app's HMAC key, which
 * is derived from the PII master key with HKDF exactly as kernel/pii.ts does; the run checks one against the app's).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { buildApp } from '../server/src/app.js';
import { bootstrap } from '../server/src/bootstrap.js';
import { loadConfig } from '../server/src/kernel/config.js';
import { pgArray, queryRows, sql } from '../server/src/kernel/db/client.js';
import { withIdCheckChar } from '../server/src/kernel/pii.js';
import { countDataRows } from '../server/src/kernel/xlsx.js';
import { scratchDatabaseUrl } from '../server/test/scratch-database.js';

if (!process.env.DATABASE_URL) {
  console.error('DATABASE_URL must name a PostgreSQL server: DATABASE_URL=$(PG_DURABLE=1 bash .ci/start-postgres.sh)');
  process.exit(2);
}
const onFileCount = Number(process.env.ON_FILE ?? 1_000_000);
const rows = Number(process.env.ROWS ?? 50_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'su-bench-'));
const seconds = (t0: number) => (performance.now() - t0) / 1000;
const loadBefore = os.loadavg();

// The app's keys: a fresh master key, and the blind index's HMAC key derived from it as kernel/pii.ts derives it.
const piiKey = crypto.randomBytes(32);
const macKey = Buffer.from(
  crypto.hkdfSync('sha256', piiKey, Buffer.alloc(0), Buffer.from('smart-union/pii/index/v1'), 32),
);

const databaseUrl = await scratchDatabaseUrl(process.env.DATABASE_URL, 'bench');
const config = loadConfig({
  ...process.env,
  DATABASE_URL: databaseUrl,
  DATA_DIR: dir,
  ADMIN_PASSWORD: 'bench-admin-pass',
  WEB_DIR: '',
  LOG_LEVEL: 'warn',
});
const { app, ctx } = await buildApp({ config, piiKey });
await bootstrap(ctx);
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

const login = (await (
  await fetch(`${base}/api/v1/auth/staff-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'bench-admin-pass' }),
  })
).json()) as { token: string; staff: { id: string; org: { id: string } } };
const auth = { authorization: `Bearer ${login.token}` };
async function createOrg(name: string, regionCode: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/orgs`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ parentId: login.staff.org.id, name, kind: 'federation', regionCode }),
  });
  if (res.status !== 201) throw new Error(`org: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}
// The files on record belong to one county; the workbook is another county's survey.
const seededOrg = await createOrg(`吴忠市红寺堡区总工会${Date.now()}`, '640303');
const importOrg = await createOrg(`中卫市沙坡头区总工会${Date.now()}`, '650102');

/** The n-th household on file: its head's ID number (SQL below writes the same numbers). */
const day = (n: number) => new Date(Date.UTC(1950, 0, 1) + n * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
const seededIdNumber = (g: number) => withIdCheckChar(`${640300 + (g % 100)}${day(Math.floor(g / 100))}001`);
/** A head not on file (another area, another sequence number). */
const newIdNumber = (i: number) => withIdCheckChar(`${650100 + (i % 100)}${day(Math.floor(i / 100))}002`);

// ---- 1,000,000 households on file, set-based: one INSERT … SELECT from generate_series per 100,000.
const tSeed = performance.now();
await ctx.db.execute(sql`create extension if not exists pgcrypto`);
const statuses = ['submitted', 'verified', 'archived', 'case_by_case', 'rejected', 'closed'];
const chunk = 100_000;
for (let from = 0; from < onFileCount; from += chunk) {
  const to = Math.min(onFileCount, from + chunk) - 1;
  await ctx.db.execute(sql`
    with s as (
      select g, f17 || substr('10X98765432', (
               select sum(substr(f17, i, 1)::int * (array[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2])[i])::int % 11 + 1
                 from generate_series(1, 17) i), 1) as id_number,
             '13' || lpad(g::text, 9, '0') as phone
        from generate_series(${from}::int, ${to}::int) g
        cross join lateral (
          select (640300 + g % 100)::text || to_char(date '1950-01-01' + (g / 100), 'YYYYMMDD') || '001' as f17) f
    )
    insert into hardship_households (org_id, filed_by_staff_id, filed_by_org_id, channel, head_name, head_id_hash,
      head_id_enc, head_id_masked, phone_hash, phone_enc, phone_masked, region_code, address, size, monthly_income_fen,
      causes, status, status_changed_at, created_at, updated_at)
    select ${seededOrg}::uuid, ${login.staff.id}::uuid, ${seededOrg}::uuid, 'union', '户主' || g,
           translate(rtrim(encode(hmac(convert_to('id_number:' || id_number, 'UTF8'), decode(${macKey.toString('hex')}, 'hex'), 'sha256'), 'base64'), '='), '+/', '-_'),
           'v1:seeded', left(id_number, 3) || '***********' || right(id_number, 4),
           translate(rtrim(encode(hmac(convert_to('phone:' || phone, 'UTF8'), decode(${macKey.toString('hex')}, 'hex'), 'sha256'), 'base64'), '='), '+/', '-_'),
           'v1:seeded', left(phone, 3) || '****' || right(phone, 4), (640300 + g % 100)::text, '红寺堡区某村' || g || '号',
           1 + g % 6, 20000 + g % 60000, array['illness'], (${pgArray(statuses)}::text[])[1 + g % 6], now(), now(), now()
      from s`);
  process.stdout.write(`\r  on file: ${to + 1}`);
}
await ctx.db.execute(sql`analyze hardship_households`);
const seedSeconds = seconds(tSeed);
console.log(`\n${onFileCount} households on file, seeded in ${seedSeconds.toFixed(1)} s`);
// The SQL's blind index is the app's: a seeded head found by the app's own hash.
const probe = seededIdNumber(onFileCount - 1);
const [found] = await queryRows<{ n: number }>(
  ctx.db,
  sql`select count(*)::int as n from hardship_households where head_id_hash = ${ctx.pii.blindIndex('id_number', probe)}`,
);
if (found?.n !== 1) throw new Error(`the seeded blind index is not the app's (${probe})`);

// ---- The workbook: 50,000 rows, 10 % on file, 3 % invalid, 1 % repeated, the rest new.
type Kind = 'new' | 'onFile' | 'invalid' | 'repeat';
const kindOf = (i: number): Kind =>
  i % 10 === 0 ? 'onFile' : [7, 13, 29].includes(i % 100) ? 'invalid' : i % 100 === 52 ? 'repeat' : 'new';
const causes = ['因病', '因残', '失业', '因灾', '因学', '单亲', '因病、因残', '失业、因学'];
const channels = ['工会干部', '社工', '志愿者', '热线', '本人申请', ''];
const file = path.join(dir, 'households.xlsx');
const expected = { new: 0, onFile: 0, invalid: 0, repeat: 0 };
const newHashes: string[] = [];
const allHashes: string[] = [];
{
  const t0 = performance.now();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('困难家庭');
  ws.addRow([
    '户主姓名',
    '身份证号',
    '手机号',
    '地区代码',
    '地址',
    '家庭人口',
    '人均月收入(元)',
    '致困原因',
    '发现渠道',
    '备注',
  ]).commit();
  for (let i = 0; i < rows; i++) {
    const kind = kindOf(i);
    expected[kind]++;
    let idNumber =
      kind === 'onFile'
        ? seededIdNumber((i * 7919) % onFileCount)
        : kind === 'repeat'
          ? newIdNumber(i - 1)
          : newIdNumber(i);
    let phone = String(15_000_000_000 + i);
    let regionCode = String(650100 + (i % 100));
    let income: number | string = 300 + (i % 900) + (i % 4) * 0.25;
    if (kind === 'invalid') {
      const which = Math.floor(i / 100) % 4;
      if (which === 0) idNumber = idNumber.slice(0, 17) + (idNumber[17] === '1' ? '2' : '1');
      else if (which === 1) phone = `12${phone.slice(2)}`;
      else if (which === 2) regionCode = regionCode.slice(0, 4);
      else income = '四百元';
    }
    allHashes.push(ctx.pii.blindIndex('id_number', idNumber));
    if (kind === 'new') newHashes.push(ctx.pii.blindIndex('id_number', idNumber));
    ws.addRow([
      `户主${i}`,
      idNumber,
      phone,
      regionCode,
      `沙坡头区文昌镇${i % 300}巷${i}号`,
      1 + (i % 7),
      income,
      causes[i % causes.length],
      channels[i % channels.length],
      i % 5 === 0 ? '家中有重病患者，长期服药' : '',
    ]).commit();
  }
  ws.commit();
  await wb.commit();
  console.log(`workbook: ${rows} rows written in ${seconds(t0).toFixed(1)} s`, expected);
}
const bytes = fs.readFileSync(file);

/** Plain reading: the same streaming reader over every row, nothing else. */
async function plainRead(): Promise<number> {
  const t0 = performance.now();
  const n = await countDataRows(bytes);
  if (n !== rows) throw new Error(`read ${n} rows`);
  return seconds(t0);
}
await plainRead(); // warm-up: the reader's code compiled, as it is by the time the import runs
const readBefore = await plainRead();
console.log(`plain read: ${readBefore.toFixed(2)} s`);

// The duplicate check's SQL alone, for scale: the whole workbook's blind indexes against the file in one query.
const tLookup = performance.now();
const [onFileHits] = await queryRows<{ n: number }>(
  ctx.db,
  sql`select count(*)::int as n from hardship_households where head_id_hash = any(${pgArray(allHashes)}::text[])`,
);
const lookupSeconds = seconds(tLookup);
console.log(`one = any() lookup of ${rows} blind indexes: ${onFileHits?.n} on file, ${lookupSeconds.toFixed(2)} s`);

// ---- The import, through the real route.
const form = new FormData();
form.append('file', new Blob([bytes]), 'households.xlsx');
const tImport = performance.now();
const startedRes = await fetch(`${base}/api/v1/hardship/imports?orgId=${importOrg}`, {
  method: 'POST',
  headers: auth,
  body: form,
});
if (startedRes.status !== 202) throw new Error(`import: ${startedRes.status} ${await startedRes.text()}`);
const started = (await startedRes.json()) as { id: string };
interface Job {
  status: string;
  total: number;
  processed: number;
  succeeded: number;
  failed: number;
  message: string | null;
}
let job: Job;
let lastReport = 0;
/** When the job first showed its total: the counting pass over the workbook (for the progress bar) was done. */
let countedAt: number | null = null;
for (;;) {
  job = (await (await fetch(`${base}/api/v1/hardship/imports/${started.id}`, { headers: auth })).json()) as Job;
  if (countedAt === null && job.total > 0) countedAt = seconds(tImport);
  if (job.status === 'succeeded' || job.status === 'failed') break;
  if (performance.now() - lastReport > 5000) {
    console.log(`  progress ${job.processed}/${job.total} (${job.succeeded} filed)`);
    lastReport = performance.now();
  }
  await new Promise((r) => setTimeout(r, 500));
}
const importSeconds = seconds(tImport);
const readAfter = await plainRead();
const readSeconds = (readBefore + readAfter) / 2;

// ---- Every row accounted for.
const problems: string[] = [];
const check = (ok: boolean, what: string) => {
  if (!ok) problems.push(what);
};
check(job.status === 'succeeded', `job ${job.status}: ${job.message}`);
check(job.total === rows && job.processed === rows, `total ${job.total}, processed ${job.processed}`);
check(job.succeeded + job.failed === rows, `filed ${job.succeeded} + failed ${job.failed} ≠ ${rows}`);
check(job.succeeded === expected.new, `filed ${job.succeeded}, expected ${expected.new}`);
const report = await fetch(`${base}/api/v1/hardship/imports/${started.id}/errors.xlsx`, { headers: auth });
const wb = new ExcelJS.Workbook();
await wb.xlsx.load((await report.arrayBuffer()) as ArrayBuffer);
const codes = new Map<string, number>();
const failedRows = new Set<number>();
wb.worksheets[0]!.eachRow((r, n) => {
  if (n === 1) return;
  failedRows.add(Number(r.getCell(1).value));
  const code = String(r.getCell(4).value);
  codes.set(code, (codes.get(code) ?? 0) + 1);
});
const invalid = [...codes].filter(([c]) => c !== 'household_exists' && c !== 'duplicate_in_file');
check(codes.get('household_exists') === expected.onFile, `household_exists ${codes.get('household_exists')}`);
check(codes.get('duplicate_in_file') === expected.repeat, `duplicate_in_file ${codes.get('duplicate_in_file')}`);
check(invalid.reduce((s, [, n]) => s + n, 0) === expected.invalid, `invalid ${JSON.stringify(invalid)}`);
check(failedRows.size === job.failed, `${failedRows.size} rows in the error report, ${job.failed} failed`);
const [db] = await queryRows<{ imported: number; distinct: number; newOnce: number; total: number; timeline: number }>(
  ctx.db,
  sql`select (select count(*)::int from hardship_households where org_id = ${importOrg}) as imported,
             (select count(distinct head_id_hash)::int from hardship_households where org_id = ${importOrg}) as distinct,
             (select count(*)::int from hardship_households where head_id_hash = any(${pgArray(newHashes)}::text[])) as "newOnce",
             (select count(*)::int from hardship_households) as total,
             (select count(*)::int from workflow_timeline where workflow = 'hardship_lead' and action = 'import') as timeline`,
);
check(db?.imported === expected.new && db.distinct === expected.new, `database: ${JSON.stringify(db)}`);
check(db?.newOnce === expected.new, `new heads on file ${db?.newOnce}`);
check(db?.total === onFileCount + expected.new, `households ${db?.total}`);
check(db?.timeline === expected.new, `timeline entries ${db?.timeline}`);

const [pgInfo] = await queryRows<{ version: string; fsync: string; synchronousCommit: string }>(
  ctx.db,
  sql`select current_setting('server_version') as version, current_setting('fsync') as fsync,
             current_setting('synchronous_commit') as "synchronousCommit"`,
);
await app.close();
fs.rmSync(dir, { recursive: true, force: true });

const result = {
  machine: {
    nproc: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? '?',
    memoryGB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    loadAverageBefore: loadBefore.map((l) => Number(l.toFixed(1))),
    loadAverageAfter: os.loadavg().map((l) => Number(l.toFixed(1))),
    node: process.version,
    postgresql: pgInfo?.version,
    durability: `fsync=${pgInfo?.fsync}, synchronous_commit=${pgInfo?.synchronousCommit}`,
  },
  onFile: onFileCount,
  seedSeconds: Number(seedSeconds.toFixed(1)),
  rows,
  workbookMB: Number((bytes.length / 1e6).toFixed(1)),
  expected,
  job: { status: job.status, filed: job.succeeded, failed: job.failed },
  errorCodes: Object.fromEntries(codes),
  importSeconds: Number(importSeconds.toFixed(1)),
  rowsPerSecond: Math.round(rows / importSeconds),
  countingPassDoneAfterSeconds: countedAt === null ? null : Number(countedAt.toFixed(1)),
  plainReadSeconds: { before: Number(readBefore.toFixed(2)), after: Number(readAfter.toFixed(2)) },
  plainReadRowsPerSecond: Math.round(rows / readSeconds),
  ratioToPlainRead: Number((importSeconds / readSeconds).toFixed(2)),
  lookupAllBlindIndexesSeconds: Number(lookupSeconds.toFixed(2)),
  problems,
};
console.log(JSON.stringify(result, null, 2));
if (problems.length > 0) process.exit(1);
