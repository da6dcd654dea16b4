import { ImageUploader, type ImageUploadItem } from 'antd-mobile';
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { humanError } from './errors';
import { useNamedThumbnails } from './features/programmes/thumbnails';

/** A picked photo: the uploader's item, with the stored file's id once it is uploaded. */
export type PhotoItem = ImageUploadItem & { id?: string };

/** The ids of the uploaded photos, in order: what a form sends as `photoIds`. */
export const photoIdsOf = (photos: PhotoItem[]): string[] => photos.flatMap((p) => (p.id ? [p.id] : []));

/**
 * A form's photos (PNG or JPEG): each one uploaded as it is picked and cited by id when the form is sent. A failed
 * upload says why under the uploader (too large, not a photo); thumbnails are named after their files.
 */
export function PhotoField({
  value,
  onChange,
  send,
  maxCount,
  label,
  testId,
  error,
}: {
  value: PhotoItem[];
  onChange(photos: PhotoItem[]): void;
  /** Uploads one picked photo (multipart, field `file`). */
  send(form: FormData): Promise<{ id: string; fileName: string }>;
  maxCount: number;
  /** What a thumbnail is called while its file's name is unknown (the field's label). */
  label: string;
  /** The box's data-testid (the browser journeys find the thumbnails in it). */
  testId: string;
  /** The server's error on the field, shown below. */
  error?: ReactNode;
}) {
  const { t } = useTranslation();
  const [uploadError, setUploadError] = useState('');
  const box = useRef<HTMLDivElement>(null);
  useNamedThumbnails(
    box,
    value.map((p) => (p.extra as { fileName?: string } | undefined)?.fileName ?? ''),
    label,
  );

  async function upload(file: File): Promise<PhotoItem> {
    const form = new FormData();
    form.append('file', file);
    setUploadError('');
    try {
      const stored = await send(form);
      return { url: URL.createObjectURL(file), id: stored.id, extra: { fileName: stored.fileName } };
    } catch (e) {
      // The uploader only marks the file as failed: say why (too large, not a photo).
      setUploadError(humanError(e, t));
      throw e;
    }
  }

  return (
    <>
      <div ref={box} data-testid={testId}>
        {/* No `capture`: the phone offers both the camera and the gallery. */}
        <ImageUploader
          value={value}
          onChange={onChange}
          upload={upload}
          maxCount={maxCount}
          multiple
          accept="image/png,image/jpeg"
        />
      </div>
      {uploadError && (
        <div className="su-field-error" role="alert">
          {uploadError}
        </div>
      )}
      {error}
    </>
  );
}
