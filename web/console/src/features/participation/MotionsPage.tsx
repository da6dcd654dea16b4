import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { MotionsTab } from './MotionsTab';

/** `/congresses/:id/motions`: the motions tab on a page of its own (the congress page shows the same tab). */
export function MotionsPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return (
    <>
      <Typography.Title level={3}>{t('motions.title')}</Typography.Title>
      <MotionsTab congressId={id} />
    </>
  );
}
