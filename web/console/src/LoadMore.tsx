import { Button } from 'antd';
import { useTranslation } from 'react-i18next';

/** The "more" button under a cursor-paged table; nothing once the last page is in. */
export function LoadMore({ list }: { list: { hasMore: boolean; loadMore(): void } }) {
  const { t } = useTranslation();
  if (!list.hasMore) return null;
  return (
    <Button block onClick={() => void list.loadMore()} style={{ marginTop: 12 }}>
      {t('common.loadMore')}
    </Button>
  );
}
