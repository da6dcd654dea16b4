import { Image, Space } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import type { DutyRow } from './scoring.queries';

/** A duty record's photos, fetched behind the token into local copies (served sandboxed, never cached); click to enlarge. */
export function DutyPhotos({ dutyId, photos }: { dutyId: string; photos: DutyRow['photos'] }) {
  const [urls, setUrls] = useState<string[]>([]);
  const ids = photos.map((p) => p.id).join(',');
  useEffect(() => {
    const controller = new AbortController();
    const made: string[] = [];
    void Promise.all(
      ids.split(',').map((id) =>
        api.blob(`/api/v1/duties/${dutyId}/photos/${id}`, controller.signal).then((blob) => {
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
    <Image.PreviewGroup>
      <Space size={4} style={{ marginTop: 4 }} data-testid="duty-photos">
        {urls.map((url, i) => (
          <Image key={url} src={url} width={48} height={48} style={{ objectFit: 'cover' }} alt={photos[i]?.fileName} />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}
