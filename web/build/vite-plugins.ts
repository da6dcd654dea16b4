/**
 * Build steps shared by the two web apps (web/member, web/console):
 * - `precompress`: a brotli (.br) and a gzip (.gz) copy next to every compressible file of the build, so
 *   the server sends compressed bytes without compressing per request (@fastify/static `preCompressed`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Plugin, ResolvedConfig } from 'vite';

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
