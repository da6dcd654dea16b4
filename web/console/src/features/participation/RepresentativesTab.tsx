import { App as AntApp, Button, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { representativeStatuses } from '../../../../../shared/labels.js';
import { ApiError, describeError, query } from '../../../../shared/api';
import { api } from '../../api';
import { showFormError } from '../../forms';
import { ImportModal } from '../../ImportModal';
import { LoadMore } from '../../LoadMore';
import { QueryError } from '../../QueryError';
import { when } from './format';
import {
  congressKeys,
  useAddRepresentative,
  useRemoveRepresentative,
  useRepresentatives,
  useSubtreeMemberSearch,
  type Congress,
  type Representative,
} from './queries';

interface AddForm {
  memberId: string;
  delegation?: string;
}

/** Searches the members of the congress's subtree (by name or full phone) and picks one. */
function SubtreeMemberPicker({
  orgId,
  id,
  value,
  onChange,
}: {
  orgId: string;
  id?: string;
  value?: string;
  onChange?(id: string): void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const search = useSubtreeMemberSearch(orgId, q);
  const options = search.error ? [] : (search.data ?? []);
  const forbidden = search.error instanceof ApiError && search.error.status === 403;
  return (
    <Select
      id={id}
      showSearch
      value={value}
      filterOption={false}
      onSearch={setQ}
      onChange={(v: string) => onChange?.(v)}
      status={search.error ? 'error' : undefined}
      notFoundContent={
        search.error ? (forbidden ? t('congresses.memberSearchForbidden') : describeError(search.error)) : undefined
      }
      aria-label={id ? undefined : t('a11y.member')}
      data-testid="representative-member"
      options={options.map((m) => ({ value: m.id, label: `${m.name} · ${m.phone} · ${m.org.name}` }))}
    />
  );
}

/** 代表: a term's representatives — search, add from the subtree's members, import a list, export, remove. */
export function RepresentativesTab({ congress }: { congress: Congress }) {
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<Representative['status']>('active');
  const filter = { q: q || undefined, status };
  const list = useRepresentatives(congress.id, filter);
  const adding = useAddRepresentative(congress.id);
  const removing = useRemoveRepresentative(congress.id);
  const [addOpen, setAddOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [form] = Form.useForm<AddForm>();
  const active = congress.status === 'active';

  async function add(v: AddForm) {
    try {
      const created = await adding.mutateAsync({
        memberId: v.memberId,
        ...(v.delegation ? { delegation: v.delegation } : {}),
      });
      void message.success(t('congresses.added', { name: created.member.name }));
      setAddOpen(false);
      form.resetFields();
    } catch (e) {
      showFormError(form, e, message);
    }
  }

  function remove(r: Representative) {
    modal.confirm({
      title: t('congresses.removeConfirm', { name: r.member.name }),
      content: t('congresses.removeHint'),
      okText: t('congresses.remove'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-remove' } as ButtonProps,
      onOk: async () => {
        try {
          await removing.mutateAsync(r.id);
          void message.success(t('congresses.removed', { name: r.member.name }));
        } catch (e) {
          void message.error(describeError(e));
        }
      },
    });
  }

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('congresses.search')}
          aria-label={t('congresses.search')}
          onSearch={setQ}
          style={{ width: 200 }}
          data-testid="representative-search"
        />
        <Select
          style={{ minWidth: 110 }}
          aria-label={t('congresses.status')}
          value={status}
          onChange={(s: Representative['status']) => setStatus(s)}
          options={representativeStatuses.map((s) => ({ value: s, label: t(`representativeStatus.${s}`) }))}
          data-testid="representative-status-filter"
        />
        <Button type="primary" disabled={!active} onClick={() => setAddOpen(true)} data-testid="add-representative">
          {t('congresses.addRepresentative')}
        </Button>
        <Button disabled={!active} onClick={() => setImportOpen(true)} data-testid="open-import">
          {t('congresses.import')}
        </Button>
        <Button
          data-testid="export-representatives"
          onClick={() =>
            void api
              .download(
                `/api/v1/congresses/${congress.id}/representatives/export.xlsx${query(filter)}`,
                `${congress.name}代表名单.xlsx`,
              )
              .catch((e: unknown) => message.error(describeError(e)))
          }
        >
          {t('congresses.export')}
        </Button>
      </Space>
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<Representative>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        locale={{ emptyText: active ? t('congresses.noRepresentatives') : t('common.empty') }}
        data-testid="representatives-table"
        columns={[
          { title: t('congresses.memberName'), width: 110, render: (_, r) => r.member.name },
          { title: t('congresses.phone'), width: 130, render: (_, r) => r.member.phone },
          { title: t('congresses.union'), render: (_, r) => r.org.name },
          { title: t('congresses.delegation'), render: (_, r) => r.delegation ?? '—' },
          {
            title: t('congresses.status'),
            width: 90,
            render: (_, r) => (
              <Tag color={r.status === 'active' ? 'green' : 'default'}>{t(`representativeStatus.${r.status}`)}</Tag>
            ),
          },
          { title: t('congresses.since'), width: 170, render: (_, r) => when(r.createdAt) },
          {
            title: t('common.actions'),
            width: 90,
            render: (_, r) =>
              active && r.status === 'active' ? (
                <Button size="small" danger onClick={() => remove(r)} data-testid="remove-representative">
                  {t('congresses.remove')}
                </Button>
              ) : null,
          },
        ]}
      />
      <LoadMore list={list} />
      <Modal
        open={addOpen}
        title={t('congresses.addRepresentative')}
        onCancel={() => setAddOpen(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: adding.isPending, 'data-testid': 'save-representative' } as ButtonProps}
        destroyOnHidden
      >
        <Form<AddForm> form={form} layout="vertical" onFinish={(v) => void add(v)}>
          <Form.Item
            name="memberId"
            label={t('congresses.member')}
            extra={t('congresses.memberHint', { org: congress.org.name })}
            rules={[{ required: true }]}
          >
            <SubtreeMemberPicker orgId={congress.org.id} />
          </Form.Item>
          <Form.Item name="delegation" label={t('congresses.delegation')} extra={t('congresses.delegationHint')}>
            <Input maxLength={100} data-testid="representative-delegation" />
          </Form.Item>
        </Form>
      </Modal>
      <ImportModal
        org={congress.org}
        target={{
          basePath: '/api/v1/congresses/representatives/imports',
          startPath: `/api/v1/congresses/${congress.id}/representatives/imports`,
          refreshes: congressKeys.one(congress.id),
          templatePath: '/api/v1/congresses/representatives/import-template.xlsx',
          templateName: '代表名单导入模板.xlsx',
          title: t('congresses.importTitle'),
          hint: t('congresses.importHint'),
        }}
        open={importOpen}
        onClose={() => setImportOpen(false)}
      />
    </>
  );
}
