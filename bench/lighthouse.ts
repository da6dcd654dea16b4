/**
 * Lighthouse mobile performance of the member app's first load (`npm run bench:lighthouse`): starts the
 * server in its own process with the demo city and the built web apps (npm run build:web first), then
 * runs Lighthouse's default mobile audit (Moto G Power class phone, slow 4G, 4× CPU slowdown, simulated)
 * against /, /map and /s/{a demo station's code}, LH_RUNS times each (default 3), and prints every score
 * and the median. Target: ≥ 90 on each page. Chromium: CHROMIUM_PATH or /usr/bin/chromium; LH_REPORT_DIR
 * keeps the full reports.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const chromePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const runs = Number(process.env.LH_RUNS ?? 3);
const target = 90;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
    server.on('error', reject);
  });
}

async function startServer(): Promise<{ child: ChildProcess; baseUrl: string; dataDir: string }> {
  if (!fs.existsSync('dist/web/member/index.html')) throw new Error('build the web apps first: npm run build:web');
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'su-lighthouse-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    DEMO_DATA: '1',
    WEB_DIR: 'dist/web',
    PUBLIC_URL: baseUrl,
    LOG_LEVEL: 'error',
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('is running')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  return { child, baseUrl, dataDir };
}

interface Run {
  score: number;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  si: number;
}

async function audit(url: string, port: number): Promise<Run> {
  const result = await lighthouse(url, { port, onlyCategories: ['performance'], output: 'json', logLevel: 'error' });
  if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
  const { lhr } = result;
  // LH_REPORT_DIR=dir keeps each run's full report (open in https://googlechrome.github.io/lighthouse/viewer/).
  if (process.env.LH_REPORT_DIR) {
    fs.mkdirSync(process.env.LH_REPORT_DIR, { recursive: true });
    const name = new URL(url).pathname.replace(/\W+/g, '_') || '_';
    fs.writeFileSync(path.join(process.env.LH_REPORT_DIR, `${name}-${Date.now()}.json`), JSON.stringify(lhr));
  }
  if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const metric = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
  return {
    score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    fcp: metric('first-contentful-paint'),
    lcp: metric('largest-contentful-paint'),
    tbt: metric('total-blocking-time'),
    cls: metric('cumulative-layout-shift'),
    si: metric('speed-index'),
  };
}

const median = (runs: Run[]): Run => [...runs].sort((a, b) => a.score - b.score)[Math.floor(runs.length / 2)]!;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const { child, baseUrl, dataDir } = await startServer();
const chrome = await chromeLauncher.launch({
  chromePath,
  chromeFlags: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-sync',
  ],
});
try {
  const nearby = (await (await fetch(`${baseUrl}/api/v1/stations/nearby?lat=34.2651&lng=108.9556&limit=1`)).json()) as {
    items: { code: string }[];
  };
  const code = nearby.items[0]?.code;
  if (!code) throw new Error('the demo city has no station');
  const pages = ['/', '/map', `/s/${code}`];
  console.log(
    `Lighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version}, mobile preset, ${runs} run(s) per page, ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, load average ${os.loadavg()[0]!.toFixed(2)}`,
  );
  const results: { page: string; median: Run; scores: number[] }[] = [];
  for (const page of pages) {
    const all: Run[] = [];
    for (let i = 0; i < runs; i++) all.push(await audit(baseUrl + page, chrome.port));
    const m = median(all);
    results.push({ page, median: m, scores: all.map((r) => r.score) });
    console.log(
      `${page.padEnd(20)} score ${String(m.score).padStart(3)} (runs ${all.map((r) => r.score).join(' / ')})  FCP ${seconds(m.fcp)}  LCP ${seconds(m.lcp)}  TBT ${Math.round(m.tbt)} ms  CLS ${m.cls.toFixed(3)}  SI ${seconds(m.si)}`,
    );
  }
  console.log(`load average after: ${os.loadavg()[0]!.toFixed(2)}`);
  const missed = results.filter((r) => r.median.score < target);
  console.log(
    missed.length === 0 ? `all pages ≥ ${target}` : `below ${target}: ${missed.map((r) => r.page).join(', ')}`,
  );
} finally {
  chrome.kill();
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  fs.rmSync(dataDir, { recursive: true, force: true });
}
