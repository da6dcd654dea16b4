import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from './db/client.js';
import { files } from './db/kernel.tables.js';
import { AppError } from './errors.js';

export type FileKind = 'xlsx' | 'png' | 'jpeg' | 'pdf' | 'mp4';

const mediaTypes: Record<FileKind, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  png: 'image/png',
  jpeg: 'image/jpeg',
  pdf: 'application/pdf',
  mp4: 'video/mp4',
};

/** What the bytes are, whatever the name or the client claims. */
export function sniffFileKind(bytes: Buffer, fileName: string): FileKind | null {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (bytes.length >= 12 && bytes.subarray(4, 8).toString('latin1') === 'ftyp') return 'mp4';
  // An .xlsx is a zip holding [Content_Types].xml; the name alone would let any zip through.
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) && bytes.includes(Buffer.from('[Content_Types].xml')) && /\.xlsx$/i.test(fileName))
    return 'xlsx';
  return null;
}

export interface StoredFile {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
}

export async function storeFile(
  tx: Db,
  input: { ownerKind: string; ownerId: string; fileName: string; bytes: Buffer; allowed: readonly FileKind[]; maxBytes: number },
): Promise<StoredFile> {
  if (input.bytes.length > input.maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', { maxBytes: input.maxBytes });
  const kind = sniffFileKind(input.bytes, input.fileName);
  if (!kind || !input.allowed.includes(kind)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { allowed: input.allowed });
  const sha256 = crypto.createHash('sha256').update(input.bytes).digest('hex');
  const [row] = await tx
    .insert(files)
    .values({
      ownerKind: input.ownerKind,
      ownerId: input.ownerId,
      fileName: input.fileName.slice(0, 200),
      mediaType: mediaTypes[kind],
      sizeBytes: input.bytes.length,
      sha256,
      content: input.bytes,
    })
    .returning({ id: files.id, fileName: files.fileName, mediaType: files.mediaType, sizeBytes: files.sizeBytes, sha256: files.sha256 });
  return row!;
}

export async function readFileContent(db: Db, id: string): Promise<Buffer | null> {
  const [row] = await db.select({ content: files.content }).from(files).where(eq(files.id, id));
  return row?.content ?? null;
}

export async function readStoredFile(db: Db, id: string): Promise<{ mediaType: string; content: Buffer } | null> {
  const [row] = await db.select({ mediaType: files.mediaType, content: files.content }).from(files).where(eq(files.id, id));
  return row ?? null;
}
