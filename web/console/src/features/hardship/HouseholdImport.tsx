import { UploadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgRef } from '../../api';
import { ImportModal } from '../../ImportModal';

/**
 * 困难家庭批量导入: a button that opens the import of a survey's households into `org` as leads (awaiting
 * verification). Rows whose head is already on file anywhere in the federation come back in the error list with the
 * existing file's status and number. `refreshes`: the query key of the list the new leads appear in.
 */
export function HouseholdImport({
  org,
  refreshes,
  onImported,
}: {
  org: OrgRef;
  refreshes?: readonly unknown[];
  onImported?(): void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)} data-testid="hardship-import">
        {t('hardshipImport.button')}
      </Button>
      <ImportModal
        org={org}
        target={{
          basePath: '/api/v1/hardship/imports',
          refreshes: refreshes ?? ['/api/v1/hardship/leads'],
          templatePath: '/api/v1/hardship/imports/template.xlsx',
          templateName: t('hardshipImport.templateName'),
          title: t('hardshipImport.title'),
          hint: t('hardshipImport.hint'),
        }}
        open={open}
        onClose={(changed) => {
          setOpen(false);
          if (changed) onImported?.();
        }}
      />
    </>
  );
}
