/**
 * Build steps shared by the two web apps (web/member, web/console):
 * - `precompress`: a brotli (.br) and a gzip (.gz) copy next to every compressible file of the build, so
 *   the server sends compressed bytes without compressing per request (@fastify/static `preCompressed`);
 * - `serviceWorker`: compiles a service worker source to `/sw.js` with the list of files of this build's
 *   app shell (the entry chunk, its static imports and styles, plus the given public files);
 * - `routePreloads`: which build files each route's page needs beyond the entry, for the server to preload;
 * - `heavyLibraryChunk`: the heavy libraries in chunks named after them.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { transformWithEsbuild, type Plugin, type ResolvedConfig, type Rollup } from 'vite';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Files worth compressing: text formats (images and fonts are compressed already). */
export const compressible = /\.(js|mjs|css|html|svg|json|webmanifest|txt|xml|map)$/;
/** Below this a compressed copy saves less than a packet. */
export const compressMinBytes = 1024;

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

async function compressFile(file: string): Promise<void> {
  const data = await fs.promises.readFile(file);
  const [br, gz] = await Promise.all([
    brotli(data, {
      params: {
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
    gzip(data, { level: zlib.constants.Z_BEST_COMPRESSION }),
  ]);
  // A copy that is not smaller is not written: the server then sends the original.
  if (br.length < data.length) await fs.promises.writeFile(`${file}.br`, br);
  if (gz.length < data.length) await fs.promises.writeFile(`${file}.gz`, gz);
}

export function precompress(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'su:precompress',
    apply: 'build',
    enforce: 'post',
    configResolved(resolved) {
      config = resolved;
    },
    async closeBundle() {
      const outDir = path.resolve(config.root, config.build.outDir);
      const files = filesUnder(outDir).filter((f) => compressible.test(f) && fs.statSync(f).size >= compressMinBytes);
      await Promise.all(files.map(compressFile));
    },
  };
}

/**
 * The heavy libraries, each in a chunk named after it (`leaflet-<hash>.js`): Rollup already keeps them in
 * the chunks of the pages that use them; the names let a test see which screens download them.
 */
export const heavyLibraries: Record<string, string[]> = {
  leaflet: ['leaflet'],
  echarts: ['echarts', 'zrender'],
  qrcode: ['qrcode', 'dijkstrajs'],
  jsqr: ['jsqr'],
  exceljs: ['exceljs'],
};

export function heavyLibraryChunk(id: string): string | undefined {
  // Rollup puts a manual chunk's dependencies in it too: CommonJS interop helpers, which the entry needs
  // as well, would make the entry import (and preload) a heavy chunk. They get a chunk of their own.
  if (id.includes('commonjsHelpers')) return 'commonjs-helpers';
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(id);
  if (!match) return undefined;
  return Object.keys(heavyLibraries).find((chunk) => heavyLibraries[chunk]!.includes(match[1]!));
}

/** The chunk's static imports, recursively, and the style sheets they import. */
function staticClosure(bundle: Rollup.OutputBundle, entry: Rollup.OutputChunk, into: Set<string>): void {
  if (into.has(entry.fileName)) return;
  into.add(entry.fileName);
  for (const css of entry.viteMetadata?.importedCss ?? []) into.add(css);
  for (const name of entry.imports) {
    const chunk = bundle[name];
    if (chunk?.type === 'chunk') staticClosure(bundle, chunk, into);
  }
}

export interface ServiceWorkerOptions {
  /** The worker's TypeScript source; it may not import anything (it is compiled alone). */
  src: string;
  /** Public files (relative to the public dir) the shell needs offline, e.g. the offline page and icons. */
  publicFiles: string[];
}

/**
 * Emits `sw.js`, a classic script beginning with `const BUILD_ID = …; const SHELL = […];`: the files to
 * cache on install (with the app's base, `/` first). BUILD_ID changes whenever any built or listed file
 * does, so every deployment installs a new worker that drops the previous build's cache.
 */
export function serviceWorker(options: ServiceWorkerOptions): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'su:service-worker',
    apply: 'build',
    enforce: 'post',
    configResolved(resolved) {
      config = resolved;
    },
    async generateBundle(_output, bundle) {
      const shell = new Set<string>();
      for (const item of Object.values(bundle))
        if (item.type === 'chunk' && item.isEntry) staticClosure(bundle, item, shell);
      const hash = createHash('sha256');
      for (const name of Object.keys(bundle).sort()) hash.update(name + '\n');
      for (const file of options.publicFiles) hash.update(fs.readFileSync(path.join(config.publicDir, file)));
      const source = fs.readFileSync(options.src, 'utf8');
      hash.update(source);
      const urls = ['', ...options.publicFiles, ...[...shell].sort()].map((f) => config.base + f);
      const compiled = await transformWithEsbuild(source, options.src, {
        format: 'iife',
        minify: true,
        target: 'es2020',
        legalComments: 'none',
      });
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: `const BUILD_ID=${JSON.stringify(hash.digest('hex').slice(0, 16))};const SHELL=${JSON.stringify(urls)};\n${compiled.code}`,
      });
    },
  };
}

/** What `routePreloads` writes to `.vite/preload.json` (the server reads it: server/src/web.ts). */
export interface PreloadManifest {
  /** `/map` is that path only, `/s/*` any path under /s/. First match wins. */
  routes: { path: string; files: string[] }[];
}

/**
 * For each route, the build files of its page beyond the entry's (the lazy page chunk, its static
 * imports, their styles), for the server to announce in that route's HTML: the browser then fetches the
 * page together with the entry instead of after running it. `routes` maps a path pattern to the page
 * modules (relative to the app's root) the route shows first.
 */
export function routePreloads(routes: Record<string, string[]>): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'su:route-preloads',
    apply: 'build',
    enforce: 'post',
    configResolved(resolved) {
      config = resolved;
    },
    generateBundle(_output, bundle) {
      const chunks = Object.values(bundle).filter((c): c is Rollup.OutputChunk => c.type === 'chunk');
      const entry = new Set<string>();
      for (const c of chunks) if (c.isEntry) staticClosure(bundle, c, entry);
      const manifest: PreloadManifest = { routes: [] };
      for (const [route, modules] of Object.entries(routes)) {
        const files = new Set<string>();
        for (const module of modules) {
          const id = path.resolve(config.root, module);
          const chunk = chunks.find((c) => c.moduleIds.includes(id));
          if (!chunk) this.error(`routePreloads: ${module} is in no chunk`);
          staticClosure(bundle, chunk, files);
        }
        manifest.routes.push({
          path: route,
          files: [...files].filter((f) => !entry.has(f)).map((f) => config.base + f),
        });
      }
      this.emitFile({ type: 'asset', fileName: '.vite/preload.json', source: JSON.stringify(manifest, null, 2) });
    },
  };
}
