import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import sharp from 'sharp';
import type { Db } from './db/client.js';
import { files } from './db/kernel.tables.js';
import { AppError, validationFailed } from './errors.js';
import type { FileStorage } from './storage.js';

export type FileKind = 'xlsx' | 'png' | 'jpeg' | 'pdf' | 'mp4';

const mediaTypes: Record<FileKind, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  png: 'image/png',
  jpeg: 'image/jpeg',
  pdf: 'application/pdf',
  mp4: 'video/mp4',
};

const extensions: Record<FileKind, readonly string[]> = {
  xlsx: ['.xlsx'],
  png: ['.png'],
  jpeg: ['.jpg', '.jpeg'],
  pdf: ['.pdf'],
  mp4: ['.mp4'],
};

/** What the bytes are, whatever the name or the client claims. */
export function sniffFileKind(bytes: Buffer, fileName: string): FileKind | null {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (bytes.length >= 12 && bytes.subarray(4, 8).toString('latin1') === 'ftyp') return 'mp4';
  // An .xlsx is a zip holding [Content_Types].xml; the name alone would let any zip through.
  if (
    bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) &&
    bytes.includes(Buffer.from('[Content_Types].xml')) &&
    /\.xlsx$/i.test(fileName)
  )
    return 'xlsx';
  return null;
}

/** Photos are shown on phones and printed sheets; a bigger picture only costs storage and data. */
const maxImageSide = 4096;
/** A few kilobytes of PNG can declare a canvas of gigapixels; refuse before decoding it. */
const maxImagePixels = 50_000_000;

/**
 * Decodes the image and writes it anew in its own format: whatever followed the image data (an HTML page, a zip)
 * is gone, and so is every piece of metadata (EXIF with GPS, XMP, comments, ICC after conversion to sRGB); the
 * EXIF orientation is applied to the pixels first so the photo still stands up. Runs on libuv's pool, not the loop.
 */
async function reencodeImage(bytes: Buffer, kind: 'png' | 'jpeg'): Promise<Buffer> {
  try {
    // failOn 'error' rather than 'warning': phones write JPEGs with harmless warnings, and what we keep is re-encoded anyway.
    const image = sharp(bytes, {
      failOn: 'error',
      limitInputPixels: maxImagePixels,
      sequentialRead: true,
      animated: false,
    })
      .autoOrient()
      .resize({ width: maxImageSide, height: maxImageSide, fit: 'inside', withoutEnlargement: true });
    return await (kind === 'png' ? image.png() : image.jpeg({ quality: 85 })).toBuffer();
  } catch (error) {
    const tooLarge = error instanceof Error && /pixel limit/i.test(error.message);
    throw validationFailed([{ path: 'file', code: tooLarge ? 'image_too_large' : 'invalid_image', message: '' }]);
  }
}

declare const checkedBrand: unique symbol;

/** An upload whose type was sniffed and allowed, and whose images were re-encoded: the only thing `storeFile` takes. */
export interface CheckedUpload {
  readonly fileName: string;
  readonly kind: FileKind;
  readonly bytes: Buffer;
  readonly [checkedBrand]: true;
}

/**
 * Sniffs, refuses what the caller does not allow, and re-encodes images. Call it before opening the transaction
 * that stores the file: decoding a photo takes tens of milliseconds that should not hold a database connection.
 */
export async function checkUpload(
  upload: { fileName: string; bytes: Buffer },
  rules: { allowed: readonly FileKind[]; maxBytes: number },
): Promise<CheckedUpload> {
  if (upload.bytes.length > rules.maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', { maxBytes: rules.maxBytes });
  const sniffed = sniffFileKind(upload.bytes, upload.fileName);
  if (!sniffed || !rules.allowed.includes(sniffed))
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { allowed: rules.allowed });
  const bytes = sniffed === 'png' || sniffed === 'jpeg' ? await reencodeImage(upload.bytes, sniffed) : upload.bytes;
  // The stored type is the re-encoded bytes' own, so the type we serve can never disagree with the content.
  const kind = sniffFileKind(bytes, upload.fileName);
  if (kind !== sniffed) throw validationFailed([{ path: 'file', code: 'invalid_image', message: '' }]);
  return { fileName: cleanFileName(upload.fileName, kind), kind, bytes } as CheckedUpload;
}

// eslint-disable-next-line no-control-regex
const controlChars = /[\u0000-\u001f\u007f-\u009f]/g;
/** Direction marks and overrides: they make "photo\u202Egnp.exe" read as "photoexe.png". */
const invisibleMarks = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A name safe to show and to put in a header: no directories, control or bidi-override characters (the
 * "photo\u202Egnp.exe" trick), at most 200 characters, and ending with the extension of what the bytes are,
 * so a download can never be saved as an .html next to the user's other files.
 */
export function cleanFileName(raw: string, kind: FileKind): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  const name = base
    .replace(controlChars, ' ')
    .replace(invisibleMarks, '')
    .replace(/"/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const wanted = extensions[kind];
  const ext = wanted.find((e) => name.toLowerCase().endsWith(e));
  const stem = ext ? name.slice(0, name.length - ext.length) : name;
  const suffix = ext ?? wanted[0]!;
  return `${[...stem].slice(0, 200 - suffix.length).join('') || 'file'}${suffix}`;
}

export interface StoredFile {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
}

/** Where a file's bytes go in the storage: spread over 256 directories by the id's first two characters. */
export function storageKeyOf(fileId: string): string {
  return `${fileId.slice(0, 2)}/${fileId}`;
}

/** An upload whose bytes are in the file storage, not yet recorded in the database. */
export interface StagedFile {
  readonly id: string;
  readonly storageKey: string;
  readonly fileName: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
}

/**
 * Puts the bytes in the file storage, then runs `work`, which records the file (`storeFile`) in its transaction; if
 * `work` fails, the bytes are removed again. The bytes go first, outside any transaction (a write to S3 must not hold
 * a database connection), so that a row never names bytes that are not there: a backup dumps the database before it
 * copies the uploads, and finds every file the dump lists.
 */
export async function withStagedFile<T>(
  storage: FileStorage,
  upload: CheckedUpload,
  work: (file: StagedFile) => Promise<T>,
): Promise<T> {
  const id = crypto.randomUUID();
  const file: StagedFile = {
    id,
    storageKey: storageKeyOf(id),
    fileName: upload.fileName,
    mediaType: mediaTypes[upload.kind],
    sizeBytes: upload.bytes.length,
    sha256: crypto.createHash('sha256').update(upload.bytes).digest('hex'),
  };
  await storage.put(file.storageKey, upload.bytes, file.mediaType);
  try {
    return await work(file);
  } catch (error) {
    await storage.delete(file.storageKey).catch(() => undefined);
    throw error;
  }
}

/** Records a staged file in `tx` (the transaction of the change it belongs to). */
export async function storeFile(
  tx: Db,
  file: StagedFile,
  owner: { ownerKind: string; ownerId: string },
): Promise<StoredFile> {
  await tx.insert(files).values({
    id: file.id,
    ownerKind: owner.ownerKind,
    ownerId: owner.ownerId,
    fileName: file.fileName,
    mediaType: file.mediaType,
    sizeBytes: file.sizeBytes,
    sha256: file.sha256,
    storageKey: file.storageKey,
  });
  return {
    id: file.id,
    fileName: file.fileName,
    mediaType: file.mediaType,
    sizeBytes: file.sizeBytes,
    sha256: file.sha256,
  };
}

export interface FileToServe {
  fileName: string;
  mediaType: string;
  content: Buffer;
}

/**
 * A stored file with its bytes, or null when there is no such row. Rows written before the file storage existed
 * still hold their bytes in `content` and are served from there: moving them in the migration would need the
 * storage (S3 credentials) inside a SQL migration, and moving them at start would make every process of a
 * deployment race to do it; reading both is a branch per download. A row whose bytes are missing from the storage
 * is a fault of ours (a lost volume, a bucket emptied by hand), not a 404: it throws.
 */
export async function readStoredFile(db: Db, storage: FileStorage, id: string): Promise<FileToServe | null> {
  const [row] = await db
    .select({
      fileName: files.fileName,
      mediaType: files.mediaType,
      storageKey: files.storageKey,
      content: files.content,
    })
    .from(files)
    .where(eq(files.id, id));
  if (!row) return null;
  const content = row.storageKey === null ? row.content : await storage.get(row.storageKey);
  if (!content) throw new Error(`the bytes of file ${id} are missing from the ${storage.kind} file storage`);
  return { fileName: row.fileName, mediaType: row.mediaType, content };
}

/**
 * Nothing served from a stored file may run: no scripts, no plugins, no forms, a unique origin (sandbox) even if a
 * browser were talked into rendering it as a document; the synthetic page a browser wraps round an image needs
 * only inline styles and the image itself.
 */
export const storedFileCsp =
  "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox";

/** RFC 5987 ext-value: percent-encode everything outside attr-char (encodeURIComponent leaves ' ( ) * as they are). */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `attachment; filename="ascii fallback"; filename*=UTF-8''…` with nothing that could end the header or the quoted string. */
export function contentDisposition(disposition: 'inline' | 'attachment', fileName: string): string {
  const clean = fileName.replace(controlChars, '').replace(invisibleMarks, '').replace(/[/\\]/g, '_') || 'file';
  const ascii = clean.replace(/[^\x20-\x7e]|["%;\\]/g, '_');
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${rfc5987(clean)}`;
}

const inlineTypes = new Set(['image/png', 'image/jpeg']);
const knownTypes = new Set(Object.values(mediaTypes));

/**
 * Every stored file leaves through here: the type sniffed on upload (never one guessed from the name), nosniff,
 * and a CSP that sandboxes it. Only re-encoded images are shown inline; everything else, PDFs included, is a
 * download: a viewer in our apps fetches the bytes with the bearer token and shows them from a blob anyway. Set
 * on the reply itself, these win over the site-wide security headers set earlier on the raw response.
 */
export function sendStoredFile(reply: FastifyReply, file: FileToServe, cacheControl: string): FastifyReply {
  const mediaType = knownTypes.has(file.mediaType) ? file.mediaType : 'application/octet-stream';
  return reply
    .type(mediaType)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', storedFileCsp)
    .header(
      'content-disposition',
      contentDisposition(inlineTypes.has(mediaType) ? 'inline' : 'attachment', file.fileName),
    )
    .header('cache-control', cacheControl)
    .send(file.content);
}
