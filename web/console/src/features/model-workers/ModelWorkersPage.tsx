import { App as AntApp, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { honourLevels, modelWorkerStatuses } from '../../../../../shared/labels.js';
import { describeError, query } from '../../../../shared/api';
import { api, type OrgRef } from '../../api';
import { FormSelect } from '../../FormSelect';
import { showFormError } from '../../forms';
import { ImportModal } from '../../ImportModal';
import { LoadMore } from '../../LoadMore';
import { OrgPicker } from '../../OrgPicker';
import { QueryError } from '../../QueryError';
import { useSession } from '../../session';
import { MemberPicker } from '../programmes/ApplyForMember';
import { shanghaiYear, statusColour } from './format';
import { ModelWorkerDrawer } from './ModelWorkerDrawer';
import {
  useCreateModelWorker,
  useModelWorkers,
  type HonourLevel,
  type ModelWorkerFilter,
  type ModelWorkerRow,
  type ModelWorkerStatus,
  type NewModelWorker,
} from './queries';

interface NewEntryForm {
  memberId: string;
  honourLevel: HonourLevel;
  title: string;
  awardedYear: number;
  unit?: string;
}

/**
 * 劳模名册: the model workers of the officer's subtree, filtered by org, status, honour level, name and "yearly check
 * still to do"; a member put on it, the Excel import and export; a row opens the entry (edit, yearly check, history).
 */
export function ModelWorkersPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const { message } = AntApp.useApp();
  const [params, setParams] = useSearchParams();
  const [org, setOrg] = useState<OrgRef | null>(null);
  const [status, setStatus] = useState<ModelWorkerStatus | undefined>();
  const [honourLevel, setHonourLevel] = useState<HonourLevel | undefined>();
  const [q, setQ] = useState('');
  const [uncheckedIn, setUncheckedIn] = useState<number | undefined>();
  const filter: ModelWorkerFilter = { orgId: org?.id, status, honourLevel, q: q || undefined, uncheckedIn };
  const list = useModelWorkers(filter);
  const creation = useCreateModelWorker();
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const [form] = Form.useForm<NewEntryForm>();
  const open = params.get('entry');
  const importOrg = org ?? me?.org ?? null;
  const year = shanghaiYear();

  function openEntry(id: string | null) {
    const next = new URLSearchParams(params);
    if (id === null) next.delete('entry');
    else next.set('entry', id);
    setParams(next);
  }

  async function add(v: NewEntryForm) {
    const body: NewModelWorker = {
      memberId: v.memberId,
      honourLevel: v.honourLevel,
      title: v.title,
      awardedYear: v.awardedYear,
      ...(v.unit ? { unit: v.unit } : {}),
    };
    try {
      const created = await creation.mutateAsync(body);
      void message.success(t('modelWorkers.added', { name: created.member.name }));
      setAdding(false);
      form.resetFields();
      openEntry(created.id);
    } catch (e) {
      showFormError(form, e, message);
    }
  }

  return (
    <Card
      title={t('modelWorkers.title')}
      extra={
        <Space wrap>
          <Button type="primary" onClick={() => setAdding(true)} data-testid="add-model-worker">
            {t('modelWorkers.add')}
          </Button>
          <Button onClick={() => setImporting(true)} disabled={!importOrg} data-testid="open-import">
            {t('modelWorkers.import')}
          </Button>
          <Button
            data-testid="export-model-workers"
            onClick={() =>
              void api
                .download(`/api/v1/model-workers/export.xlsx${query({ ...filter })}`, '劳模名册.xlsx')
                .catch((e: unknown) => message.error(describeError(e)))
            }
          >
            {t('modelWorkers.export')}
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <OrgPicker value={org} onChange={setOrg} />
        <Select
          allowClear
          style={{ minWidth: 150 }}
          placeholder={t('modelWorkers.allStatuses')}
          aria-label={t('modelWorkers.status')}
          value={status}
          onChange={(s: ModelWorkerStatus | undefined) => setStatus(s)}
          options={modelWorkerStatuses.map((s) => ({ value: s, label: t(`modelWorkerStatus.${s}`) }))}
          data-testid="status-filter"
        />
        <Select
          allowClear
          style={{ minWidth: 130 }}
          placeholder={t('modelWorkers.allLevels')}
          aria-label={t('modelWorkers.honourLevel')}
          value={honourLevel}
          onChange={(l: HonourLevel | undefined) => setHonourLevel(l)}
          options={honourLevels.map((l) => ({ value: l, label: t(`honourLevel.${l}`) }))}
          data-testid="level-filter"
        />
        <Select
          allowClear
          style={{ minWidth: 160 }}
          placeholder={t('modelWorkers.uncheckedIn')}
          aria-label={t('modelWorkers.uncheckedIn')}
          value={uncheckedIn}
          onChange={(y: number | undefined) => setUncheckedIn(y)}
          options={[year, year - 1, year - 2].map((y) => ({
            value: y,
            label: t('modelWorkers.uncheckedInYear', { year: y }),
          }))}
          data-testid="unchecked-filter"
        />
        <Input.Search
          allowClear
          placeholder={t('modelWorkers.search')}
          aria-label={t('modelWorkers.search')}
          onSearch={setQ}
          style={{ width: 200 }}
          data-testid="model-worker-search"
        />
      </Space>
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<ModelWorkerRow>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        data-testid="model-workers-table"
        onRow={(r) => ({ onClick: () => openEntry(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('modelWorkers.name'), render: (_, r) => r.member.name, width: 100 },
          { title: t('modelWorkers.phone'), render: (_, r) => r.member.phone, width: 130 },
          { title: t('modelWorkers.union'), render: (_, r) => r.org.name },
          {
            title: t('modelWorkers.honourLevel'),
            width: 130,
            render: (_, r) => <Tag>{t(`honourLevel.${r.honourLevel}`)}</Tag>,
          },
          { title: t('modelWorkers.honourTitle'), dataIndex: 'title' },
          { title: t('modelWorkers.awardedYear'), dataIndex: 'awardedYear', width: 90 },
          { title: t('modelWorkers.unit'), render: (_, r) => r.unit ?? '—' },
          {
            title: t('modelWorkers.status'),
            width: 150,
            render: (_, r) => (
              <Tag color={statusColour[r.status]} data-testid="row-status">
                {t(`modelWorkerStatus.${r.status}`)}
              </Tag>
            ),
          },
          {
            title: t('modelWorkers.lastChecked'),
            width: 100,
            render: (_, r) => (
              <span data-testid="row-checked">{r.lastCheckedYear ?? t('modelWorkers.notChecked')}</span>
            ),
          },
        ]}
      />
      <LoadMore list={list} />
      <Modal
        open={adding}
        title={t('modelWorkers.add')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: creation.isPending, 'data-testid': 'save-model-worker' } as ButtonProps}
        destroyOnHidden
      >
        <Form<NewEntryForm>
          form={form}
          layout="vertical"
          onFinish={(v) => void add(v)}
          initialValues={{ honourLevel: 'provincial', awardedYear: year }}
        >
          <Form.Item
            name="memberId"
            label={t('modelWorkers.member')}
            extra={t('modelWorkers.memberHint')}
            rules={[{ required: true }]}
          >
            <MemberPicker />
          </Form.Item>
          <Form.Item name="honourLevel" label={t('modelWorkers.honourLevel')} rules={[{ required: true }]}>
            <FormSelect
              options={honourLevels.map((l) => ({ value: l, label: t(`honourLevel.${l}`) }))}
              data-testid="honour-level"
            />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('modelWorkers.honourTitle')}
            extra={t('modelWorkers.honourTitleHint')}
            rules={[{ required: true, max: 100 }]}
          >
            <Input maxLength={100} data-testid="honour-title" />
          </Form.Item>
          <Form.Item name="awardedYear" label={t('modelWorkers.awardedYear')} rules={[{ required: true }]}>
            <InputNumber precision={0} min={1950} max={year} style={{ width: '100%' }} data-testid="awarded-year" />
          </Form.Item>
          <Form.Item name="unit" label={t('modelWorkers.unit')} extra={t('modelWorkers.unitHint')}>
            <Input maxLength={100} data-testid="unit" />
          </Form.Item>
        </Form>
      </Modal>
      {importOrg && (
        <ImportModal
          org={importOrg}
          target={{
            basePath: '/api/v1/model-workers/imports',
            templatePath: '/api/v1/model-workers/import-template.xlsx',
            templateName: '劳模名册导入模板.xlsx',
            title: t('modelWorkers.importTitle'),
            hint: t('modelWorkers.importHint'),
          }}
          open={importing}
          onClose={() => setImporting(false)}
        />
      )}
      <ModelWorkerDrawer id={open} onClose={() => openEntry(null)} />
    </Card>
  );
}
