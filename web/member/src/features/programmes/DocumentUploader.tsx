import { ImageUploader, type ImageUploadItem } from 'antd-mobile';
import { useRef } from 'react';
import type { DraftDocument } from './draft';
import { uploadDocument, type StoredDocument } from './queries';
import { useNamedThumbnails } from './thumbnails';

/** What the server takes as a document (it sniffs the bytes; this only narrows the phone's picker). */
const documentTypes = 'image/png,image/jpeg,application/pdf';
const fileTile = (label: string, fill: string, ink: string) =>
  `data:image/svg+xml,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 80 80"><rect width="80" height="80" fill="${fill}"/><text x="40" y="48" font-size="20" font-family="sans-serif" text-anchor="middle" fill="${ink}">${label}</text></svg>`,
  )}`;
const pdfTile = fileTile('PDF', '#fff1f0', '#cf1322');
/** A photo restored from a draft: its bytes stayed on the server, the tile says what it is. */
const photoTile = fileTile('IMG', '#e6f4ff', '#0958d9');

export type DocumentItem = ImageUploadItem & { id?: string; extra?: DraftDocument };

/** A document kept in a draft, as the uploader shows it again. */
export const documentTileOf = (d: DraftDocument): DocumentItem => ({
  key: d.id,
  id: d.id,
  url: d.mediaType === 'application/pdf' ? pdfTile : photoTile,
  extra: d,
});

/** The uploaded documents as a draft keeps them (those still uploading are left out). */
export const draftDocumentsOf = (documents: DocumentItem[]): DraftDocument[] =>
  documents.flatMap((d) => (d.extra && d.id ? [{ ...d.extra, id: d.id }] : []));

/**
 * The photos and PDFs of an application, a claim or a proposal, uploaded (`store`) as they are
 * picked; their names listed under the tiles (a PDF has no picture) and given to the thumbnails for screen readers.
 * `onError` hears why an upload failed (too large, not a picture or PDF): the uploader only marks the file.
 */
export function DocumentUploader({
  documents,
  onChange,
  onError,
  onUploadStart,
  fallbackName,
  ready = true,
  store = uploadDocument,
}: {
  documents: DocumentItem[];
  onChange(documents: DocumentItem[]): void;
  onError(error: unknown): void;
  /** A new upload begins (a form clears the last one's error). */
  onUploadStart?(): void;
  fallbackName: string;
  ready?: boolean;
  /** Where the file goes (default the programmes' documents route; a proposal has its own). */
  store?(form: FormData): Promise<StoredDocument>;
}) {
  const box = useRef<HTMLDivElement>(null);
  useNamedThumbnails(
    box,
    documents.map((d) => d.extra?.fileName ?? ''),
    fallbackName,
    ready,
  );

  async function upload(file: File): Promise<DocumentItem> {
    const form = new FormData();
    form.append('file', file);
    onUploadStart?.();
    try {
      const stored = await store(form);
      const url = stored.mediaType === 'application/pdf' ? pdfTile : URL.createObjectURL(file);
      return { url, id: stored.id, extra: { id: stored.id, fileName: stored.fileName, mediaType: stored.mediaType } };
    } catch (e) {
      onError(e);
      throw e;
    }
  }

  return (
    <>
      <div ref={box}>
        <ImageUploader
          value={documents}
          onChange={onChange}
          upload={upload}
          maxCount={20}
          multiple
          accept={documentTypes}
        />
      </div>
      {documents.length > 0 && (
        <ul data-testid="document-names" style={{ margin: '8px 0 0', paddingLeft: 20 }}>
          {documents.map((d, i) => (
            <li key={d.id ?? i}>{d.extra?.fileName}</li>
          ))}
        </ul>
      )}
    </>
  );
}
