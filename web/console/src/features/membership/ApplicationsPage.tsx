import { App as AntApp, Button, Card, Input, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../../shared/api';
import { QueryError } from '../../QueryError';
import { LoadMore } from '../../LoadMore';
import {
  useApplications,
  useDecideApplication,
  type ApplicationAction,
  type ApplicationRow,
  type ApplicationStatus,
} from './queries';

const fmt = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' });

export function ApplicationsPage() {
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const [status, setStatus] = useState<ApplicationStatus | 'all'>('submitted');
  const list = useApplications(status === 'all' ? undefined : status);
  const decision = useDecideApplication();

  function act(row: ApplicationRow, action: ApplicationAction) {
    let note = '';
    modal.confirm({
      title: `${t(`applications.${action}`)} · ${row.name}`,
      content: (
        <Input.TextArea
          placeholder={t('applications.note')}
          onChange={(e) => (note = e.target.value)}
          maxLength={500}
        />
      ),
      onOk: async () => {
        try {
          await decision.mutateAsync({ id: row.id, action, ...(note ? { note } : {}) });
        } catch (e) {
          message.error(describeError(e));
        }
      },
    });
  }

  return (
    <Card
      title={t('nav.applications')}
      extra={
        <Segmented
          value={status}
          onChange={(v) => setStatus(v as typeof status)}
          options={['submitted', 'approved', 'rejected', 'withdrawn', 'all'].map((s) => ({
            value: s,
            label: s === 'all' ? t('common.all') : t(`appStatus.${s}`),
          }))}
        />
      }
    >
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<ApplicationRow>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        columns={[
          { title: t('applications.applicant'), dataIndex: 'name' },
          { title: t('members.phone'), dataIndex: 'phone' },
          { title: t('members.occupation'), dataIndex: 'occupation' },
          { title: t('applications.union'), render: (_, r) => r.org.name },
          { title: t('applications.submittedAt'), render: (_, r) => fmt(r.createdAt) },
          {
            title: t('applications.status'),
            render: (_, r) => (
              <Space>
                <Tag>{t(`appStatus.${r.status}`)}</Tag>
                {r.overdue && <Tag color="red">{t('applications.overdue')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('common.actions'),
            render: (_, r) => (
              <Space>
                {r.actions.map((a) => (
                  <Button
                    key={a}
                    size="small"
                    type={a === 'approve' ? 'primary' : 'default'}
                    onClick={() => act(r, a as ApplicationAction)}
                  >
                    {t(`applications.${a}`)}
                  </Button>
                ))}
              </Space>
            ),
          },
        ]}
      />
      <LoadMore list={list} />
    </Card>
  );
}
