import { Button, Image, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { householdFileUrl, type HouseholdFile } from './queries';

/**
 * A household's survey photos and verification documents, fetched behind the token into local copies (served
 * sandboxed, never cached); click an image to enlarge it, other documents download.
 */
export function HouseholdPhotos({ householdId, files }: { householdId: string; files: HouseholdFile[] }) {
  const { t } = useTranslation();
  const [urls, setUrls] = useState<Record<string, string>>({});
  const images = files.filter((f) => f.mediaType.startsWith('image/'));
  const others = files.filter((f) => !f.mediaType.startsWith('image/'));
  const ids = images.map((f) => f.id).join(',');
  useEffect(() => {
    if (!ids) return;
    const controller = new AbortController();
    const made: string[] = [];
    void Promise.all(
      ids.split(',').map((id) =>
        api.blob(householdFileUrl(householdId, id), controller.signal).then((blob) => {
          const url = URL.createObjectURL(blob);
          made.push(url);
          return [id, url] as const;
        }),
      ),
    ).then(
      (pairs) => setUrls(Object.fromEntries(pairs)),
      () => undefined,
    );
    return () => {
      controller.abort();
      made.forEach((u) => URL.revokeObjectURL(u));
    };
  }, [householdId, ids]);
  if (files.length === 0) return <Typography.Text type="secondary">{t('hardship.noPhotos')}</Typography.Text>;
  return (
    <Space direction="vertical">
      <Image.PreviewGroup>
        <Space size={8} wrap data-testid="household-photos">
          {images.map((f) =>
            urls[f.id] ? (
              <Image
                key={f.id}
                src={urls[f.id]}
                width={96}
                height={96}
                style={{ objectFit: 'cover' }}
                alt={f.fileName}
              />
            ) : null,
          )}
        </Space>
      </Image.PreviewGroup>
      {others.length > 0 && (
        <Space size={8} wrap>
          {others.map((f) => (
            <Button
              key={f.id}
              size="small"
              onClick={() => void api.download(householdFileUrl(householdId, f.id), f.fileName)}
            >
              {f.fileName}
            </Button>
          ))}
        </Space>
      )}
    </Space>
  );
}
