import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { readTar, TarWriter } from './tar.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'su-tar-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Sizes on and around the 512-byte blocks, and one of several blocks. */
const sizes = [0, 1, 511, 512, 513, 1024, 100_003];

async function writeArchive(file: string, entries: { name: string; bytes: Buffer }[]): Promise<void> {
  const tar = new TarWriter(fs.createWriteStream(file));
  for (const [i, e] of entries.entries()) {
    if (i % 3 === 0) await tar.addBuffer(e.name, e.bytes);
    else if (i % 3 === 1) await tar.addStream(e.name, e.bytes.length, Readable.from([e.bytes]));
    else {
      const source = path.join(dir, `source-${i}`);
      fs.writeFileSync(source, e.bytes);
      await tar.addFile(e.name, source);
    }
  }
  await tar.finish();
}

describe('tar archives of the backups', () => {
  const entries = sizes.map((size, i) => ({ name: `d${i % 2}/entry-${size}`, bytes: crypto.randomBytes(size) }));

  it('reads back every entry whole, however the stream is cut into chunks', async () => {
    const file = path.join(dir, 'a.tar');
    await writeArchive(file, entries);
    const archive = fs.readFileSync(file);
    expect(archive.length % 512).toBe(0);
    for (const chunkSize of [7, 512, 65_536]) {
      const chunks = Array.from({ length: Math.ceil(archive.length / chunkSize) }, (_, i) =>
        archive.subarray(i * chunkSize, (i + 1) * chunkSize),
      );
      const read: { name: string; bytes: Buffer }[] = [];
      await readTar(Readable.from(chunks), async (entry, body) => {
        const parts: Buffer[] = [];
        for await (const part of body) parts.push(part);
        read.push({ name: entry.name, bytes: Buffer.concat(parts) });
      });
      expect(read.map((e) => e.name)).toEqual(entries.map((e) => e.name));
      for (const [i, e] of read.entries()) expect(e.bytes.equals(entries[i]!.bytes), e.name).toBe(true);
    }
  });

  it('skips what a reader leaves unread, and is what the system tar extracts', async () => {
    const file = path.join(dir, 'b.tar');
    await writeArchive(file, entries);
    const names: string[] = [];
    await readTar(fs.createReadStream(file), async (entry) => {
      names.push(entry.name);
    });
    expect(names).toHaveLength(entries.length);
    const out = path.join(dir, 'extracted');
    fs.mkdirSync(out);
    await promisify(execFile)('tar', ['-xf', file, '-C', out]);
    for (const e of entries) expect(fs.readFileSync(path.join(out, e.name)).equals(e.bytes), e.name).toBe(true);
  });

  it('refuses a damaged or cut archive', async () => {
    const file = path.join(dir, 'c.tar');
    await writeArchive(file, entries.slice(0, 3));
    const archive = fs.readFileSync(file);
    const damaged = Buffer.from(archive);
    damaged[10] = damaged[10]! ^ 0xff;
    const drain = async (_entry: unknown, body: AsyncIterable<Buffer>) => {
      for await (const _part of body);
    };
    await expect(readTar(Readable.from([damaged]), drain)).rejects.toThrow('checksum');
    await expect(readTar(Readable.from([archive.subarray(0, 1500)]), drain)).rejects.toThrow(/cut short|ends/);
  });
});
