/**
 * Member import at real volume: a 100,000-row workbook uploaded through the HTTP API of a running
 * server, progress polled as the console does. Baseline in the same run: reading the same workbook
 * with the same streaming reader and nothing else, the floor any import of it has.
 *
 *   npm run bench:import                 # embedded PGlite
 *   DATABASE_URL=postgres://… npm run bench:import
 *   ROWS=20000 npm run bench:import
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { buildApp } from '../server/src/app.js';
import { bootstrap } from '../server/src/bootstrap.js';
import { loadConfig } from '../server/src/kernel/config.js';
import { withIdCheckChar } from '../server/src/kernel/pii.js';
import { countDataRows } from '../server/src/kernel/xlsx.js';
import { scratchDatabaseUrl } from '../server/test/scratch-database.js';

const rows = Number(process.env.ROWS ?? 100_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'su-bench-'));
const file = path.join(dir, 'members.xlsx');

async function writeWorkbook(): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('会员');
  ws.addRow(['姓名', '手机号', '身份证号', '工作单位', '职业']).commit();
  for (let i = 0; i < rows; i++) {
    const id = withIdCheckChar(
      `${610100 + (i % 90)}${1960 + (i % 40)}0101${String(Math.floor(i / 360) % 1000).padStart(3, '0')}`,
    );
    ws.addRow([`职工${i}`, String(13000000000 + i), i % 3 === 0 ? '' : id, '西安某物流公司', '快递员']).commit();
  }
  ws.commit();
  await wb.commit();
}

const t0 = performance.now();
await writeWorkbook();
const bytes = fs.readFileSync(file);
console.log(
  `workbook: ${rows} rows, ${(bytes.length / 1e6).toFixed(1)} MB, written in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

const tParse = performance.now();
const counted = await countDataRows(bytes);
const parseSeconds = (performance.now() - tParse) / 1000;
console.log(`baseline (stream-read only): ${counted} rows in ${parseSeconds.toFixed(1)} s`);

const databaseUrl = process.env.DATABASE_URL ? await scratchDatabaseUrl(process.env.DATABASE_URL, 'bench') : '';
const config = {
  ...loadConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    DATA_DIR: dir,
    ADMIN_PASSWORD: 'bench-admin-pass',
    WEB_DIR: '',
    LOG_LEVEL: 'warn',
  }),
  smsLimitPerAddressPerDay: 1e9,
};
const { app, ctx } = await buildApp({ config });
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
).json()) as {
  token: string;
  staff: { org: { id: string } };
};
const auth = { authorization: `Bearer ${login.token}` };
const org = (await (
  await fetch(`${base}/api/v1/orgs`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ parentId: login.staff.org.id, name: `压测工会${Date.now()}`, kind: 'grassroots' }),
  })
).json()) as { id: string };

const form = new FormData();
form.append('file', new Blob([bytes]), 'members.xlsx');
const tImport = performance.now();
const started = (await (
  await fetch(`${base}/api/v1/members/imports?orgId=${org.id}`, { method: 'POST', headers: auth, body: form })
).json()) as { id: string };
let job: {
  status: string;
  processed: number;
  total: number;
  succeeded: number;
  failed: number;
  message: string | null;
};
let lastReport = 0;
for (;;) {
  job = (await (await fetch(`${base}/api/v1/members/imports/${started.id}`, { headers: auth })).json()) as typeof job;
  if (job.status === 'succeeded' || job.status === 'failed') break;
  if (performance.now() - lastReport > 5000) {
    console.log(`  progress ${job.processed}/${job.total}`);
    lastReport = performance.now();
  }
  await new Promise((r) => setTimeout(r, 500));
}
const importSeconds = (performance.now() - tImport) / 1000;
await app.close();
fs.rmSync(dir, { recursive: true, force: true });

console.log(
  JSON.stringify(
    {
      database: config.databaseUrl ? 'postgresql' : 'pglite',
      rows,
      status: job.status,
      succeeded: job.succeeded,
      failed: job.failed,
      importSeconds: Number(importSeconds.toFixed(1)),
      rowsPerSecond: Math.round(rows / importSeconds),
      baselineParseSeconds: Number(parseSeconds.toFixed(1)),
      ratioToBaseline: Number((importSeconds / parseSeconds).toFixed(2)),
      node: process.version,
      cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`,
    },
    null,
    2,
  ),
);
if (job.status !== 'succeeded' || job.succeeded !== rows) process.exit(1);
