import fs from 'node:fs';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';

/**
 * The little of POSIX ustar the backups need: regular files with names under 100 bytes, written and read as streams
 * (an uploads directory can be larger than memory). Any `tar -tvf` lists and extracts the archives.
 */

const block = 512;

function header(name: string, size: number, mode: number, mtime: Date): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length > 99) throw new Error(`tar: name too long: ${name}`);
  const h = Buffer.alloc(block, 0);
  nameBytes.copy(h, 0);
  const octal = (value: number, offset: number, width: number) =>
    h.write(`${value.toString(8).padStart(width - 1, '0')}\0`, offset, width, 'ascii');
  octal(mode, 100, 8);
  octal(0, 108, 8);
  octal(0, 116, 8);
  octal(size, 124, 12);
  octal(Math.floor(mtime.getTime() / 1000), 136, 12);
  h.write('        ', 148, 8, 'ascii');
  h.write('0', 156, 1, 'ascii');
  h.write('ustar\x0000', 257, 8, 'ascii');
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  return h;
}

async function write(out: Writable, chunk: Buffer): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

export class TarWriter {
  constructor(private readonly out: Writable) {}

  async addBuffer(name: string, bytes: Buffer, mode = 0o600): Promise<void> {
    await write(this.out, header(name, bytes.length, mode, new Date()));
    await write(this.out, bytes);
    await this.pad(bytes.length);
  }

  /** Streams `size` bytes in from `body` (a dump larger than one would want to hold twice in memory). */
  async addStream(name: string, size: number, body: AsyncIterable<Uint8Array>, mode = 0o600): Promise<void> {
    await write(this.out, header(name, size, mode, new Date()));
    let written = 0;
    for await (const chunk of body) {
      written += chunk.length;
      if (written > size) throw new Error(`tar: ${name} is longer than announced`);
      await write(this.out, Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
    }
    if (written !== size) throw new Error(`tar: ${name} is shorter than announced`);
    await this.pad(size);
  }

  /** Streams a file in; its size is taken first and exactly that many bytes are written. */
  async addFile(name: string, file: string, mode = 0o600): Promise<void> {
    const stat = await fs.promises.stat(file);
    await write(this.out, header(name, stat.size, mode, stat.mtime));
    let written = 0;
    for await (const chunk of fs.createReadStream(file, { end: Math.max(stat.size - 1, 0) }) as AsyncIterable<Buffer>) {
      const part = chunk.subarray(0, stat.size - written);
      written += part.length;
      if (part.length > 0) await write(this.out, part);
    }
    if (written !== stat.size) throw new Error(`tar: ${file} changed while it was read`);
    await this.pad(stat.size);
  }

  private async pad(size: number): Promise<void> {
    const rest = size % block;
    if (rest > 0) await write(this.out, Buffer.alloc(block - rest, 0));
  }

  /** Two empty blocks end the archive; then the stream is ended and flushed. */
  async finish(): Promise<void> {
    await write(this.out, Buffer.alloc(block * 2, 0));
    this.out.end();
    await once(this.out, 'finish');
  }
}

export interface TarEntry {
  name: string;
  size: number;
  mode: number;
}

/**
 * Reads the entries of a ustar stream in order; `onEntry` gets each entry's bytes as a stream of chunks it must
 * consume (to a file, into memory) before the next entry is read.
 */
export async function readTar(
  input: Readable,
  onEntry: (entry: TarEntry, body: AsyncIterable<Buffer>) => Promise<void>,
): Promise<void> {
  const iterator = (input as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  let buffered: Buffer = Buffer.alloc(0);
  const fill = async (n: number): Promise<boolean> => {
    while (buffered.length < n) {
      const next = await iterator.next();
      if (next.done) return false;
      buffered = buffered.length === 0 ? next.value : Buffer.concat([buffered, next.value]);
    }
    return true;
  };
  const take = (n: number): Buffer => {
    const out = buffered.subarray(0, n);
    buffered = buffered.subarray(n);
    return out;
  };
  for (;;) {
    if (!(await fill(block))) throw new Error('tar: archive ends without its end blocks');
    const h = take(block);
    if (h.every((b) => b === 0)) return;
    const field = (offset: number, width: number) => h.toString('utf8', offset, offset + width).replace(/\0.*$/s, '');
    let sum = 0;
    for (let i = 0; i < block; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
    if (parseInt(field(148, 8).trim(), 8) !== sum) throw new Error('tar: header checksum does not match');
    const name = field(0, 100);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const mode = parseInt(field(100, 8).trim() || '0', 8);
    const type = field(156, 1) || '0';
    if (type !== '0') throw new Error(`tar: ${name}: only regular files are expected (type ${type})`);
    let left = size;
    async function* body(): AsyncGenerator<Buffer> {
      while (left > 0) {
        if (buffered.length === 0 && !(await fill(1))) throw new Error(`tar: ${name} is cut short`);
        const part = take(Math.min(left, buffered.length));
        left -= part.length;
        yield part;
      }
    }
    await onEntry({ name, size, mode }, body());
    // Whatever the reader left unread is skipped, then the padding to the next block.
    const rest = body();
    while (!(await rest.next()).done);
    const padding = (block - (size % block)) % block;
    if (padding > 0) {
      if (!(await fill(padding))) throw new Error(`tar: ${name} is cut short`);
      take(padding);
    }
  }
}
