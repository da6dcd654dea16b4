/**
 * Compiles the server for production: each entry point bundled (our code only; packages stay in node_modules and
 * are imported at run time) into dist/server/, with source maps, and the migrations copied beside it. The result
 * runs on plain Node — `NODE_ENV=production node dist/server/main.js` — with no TypeScript tooling.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'server');
const entryPoints = [
  'server/src/main.ts',
  'server/src/cli/audit-verify.ts',
  'server/src/cli/backup.ts',
  'server/src/cli/restore.ts',
].map((file) => path.join(root, file));

fs.rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints,
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  // Bundled ESM has no `require`; a package that needs it (CommonJS inside an ESM bundle) gets one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});
fs.cpSync(path.join(root, 'server', 'migrations'), path.join(outdir, 'migrations'), { recursive: true });
console.log(
  `server compiled into ${path.relative(root, outdir)}/ (${entryPoints.length} entry points, migrations copied)`,
);
