import { App as AntApp, Button, Card, Input, Segmented, Space, Table, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, query, type Page } from '../../../../shared/api';
import { useCursorList } from '../../../../shared/useCursorList';
import { api } from '../../api';
import { LoadMore } from '../../LoadMore';

interface ApplicationRow {
  id: string;
  status: string;
  org: { id: string; name: string };
  name: string;
  phone: string;
  idNumber: string | null;
  occupation: string | null;
  createdAt: string;
  dueAt: string | null;
  overdue: boolean;
  actions: string[];
}

const fmt = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' });

export function ApplicationsPage() {
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const [status, setStatus] = useState<string>('submitted');
  const fetchPage = useCallback((url: string) => api.get<Page<ApplicationRow>>(url), []);
  const list = useCursorList(fetchPage, `/api/v1/membership-applications${query({ status: status === 'all' ? undefined : status, limit: 50 })}`);

  function act(row: ApplicationRow, action: string) {
    let note = '';
    modal.confirm({
      title: `${t(`applications.${action}`)} · ${row.name}`,
      content: <Input.TextArea placeholder={t('applications.note')} onChange={(e) => (note = e.target.value)} maxLength={500} />,
      onOk: async () => {
        try {
          await api.post(`/api/v1/membership-applications/${row.id}/actions`, { action, ...(note ? { note } : {}) });
          await list.reload();
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
          onChange={(v) => setStatus(String(v))}
          options={['submitted', 'approved', 'rejected', 'withdrawn', 'all'].map((s) => ({
            value: s,
            label: s === 'all' ? t('common.all') : t(`appStatus.${s}`),
          }))}
        />
      }
    >
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
                  <Button key={a} size="small" type={a === 'approve' ? 'primary' : 'default'} onClick={() => act(r, a)}>
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
