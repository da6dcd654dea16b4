import { Image, ImageViewer } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { dutyPhotoBlob, type Duty } from './dutyQueries';

/** A record's photos as small tiles, fetched behind the token; a tap shows them full screen. */
export function DutyPhotos({ dutyId, photos }: { dutyId: string; photos: Duty['photos'] }) {
  const [urls, setUrls] = useState<string[]>([]);
  const [open, setOpen] = useState<number | null>(null);
  const ids = photos.map((p) => p.id).join(',');
  useEffect(() => {
    const controller = new AbortController();
    const made: string[] = [];
    void Promise.all(
      ids.split(',').map((id) =>
        dutyPhotoBlob(dutyId, id, controller.signal).then((blob) => {
          const url = URL.createObjectURL(blob);
          made.push(url);
          return url;
        }),
      ),
    ).then(setUrls, () => undefined);
    return () => {
      controller.abort();
      made.forEach((u) => URL.revokeObjectURL(u));
    };
  }, [dutyId, ids]);
  return (
    <div style={{ display: 'flex', gap: 8, marginTop: 8 }} data-testid="duty-item-photos">
      {urls.map((url, i) => (
        <button
          key={url}
          type="button"
          onClick={() => setOpen(i)}
          style={{ padding: 0, border: 0, background: 'none' }}
          aria-label={photos[i]?.fileName}
        >
          <Image src={url} width={64} height={64} fit="cover" alt={photos[i]?.fileName ?? ''} />
        </button>
      ))}
      <ImageViewer.Multi images={urls} visible={open !== null} defaultIndex={open ?? 0} onClose={() => setOpen(null)} />
    </div>
  );
}
