import { App as AntApp, Button, Card, Cascader, Col, Descriptions, Empty, Form, Input, Modal, Row, Tree } from 'antd';
import { FormSelect } from '../../FormSelect';
import type { DataNode, EventDataNode } from 'antd/es/tree';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { regionLabel, useRegions, type RegionOption } from '../../../../shared/regions';
import { orgKinds, type Org } from '../../api';
import { showFormError } from '../../forms';
import { QueryError } from '../../QueryError';
import { can } from '../../sections';
import { useSession } from '../../session';
import { fetchChildren, useCreateOrg, useOrg, type OrgKind } from './queries';

function toNode(o: Org): DataNode {
  return { key: o.id, title: o.name, isLeaf: o.childCount === 0 };
}

function attach(nodes: DataNode[], key: string, children: DataNode[]): DataNode[] {
  return nodes.map((n) =>
    n.key === key
      ? { ...n, children, isLeaf: children.length === 0 }
      : n.children
        ? { ...n, children: attach(n.children, key, children) }
        : n,
  );
}

export function OrgsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [tree, setTree] = useState<DataNode[]>([]);
  const [selectedId, setSelectedId] = useState<string | undefined>(me?.org.id);
  const detail = useOrg(selectedId);
  const selected = detail.data ?? null;
  const root = useOrg(me?.org.id);
  const creation = useCreateOrg();
  const [expanded, setExpanded] = useState<React.Key[]>([]);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const regions = useRegions();

  const loadChildren = useCallback(
    async (id: string) => {
      const items = await fetchChildren(client, id);
      setTree((old) => attach(old, id, items.map(toNode)));
    },
    [client],
  );

  // The tree starts at the caller's own org, opened one level.
  const rootOrg = root.data;
  useEffect(() => {
    if (!rootOrg) return;
    setTree((old) => (old.length > 0 ? old : [toNode(rootOrg)]));
    setExpanded((old) => (old.length > 0 ? old : [rootOrg.id]));
    if (rootOrg.childCount > 0) void loadChildren(rootOrg.id);
  }, [rootOrg, loadChildren]);

  async function create(values: { name: string; kind: OrgKind; region?: string[] }) {
    if (!selected) return;
    // The area it serves, at any level: a province's federation 610000, a district's 610104.
    const regionCode = values.region?.[values.region.length - 1];
    try {
      await creation.mutateAsync({
        parentId: selected.id,
        name: values.name,
        kind: values.kind,
        ...(regionCode ? { regionCode } : {}),
      });
      message.success(t('org.created'));
      setCreating(false);
      form.resetFields();
      await loadChildren(selected.id);
    } catch (e) {
      showFormError(form, e, message, { regionCode: 'region' });
    }
  }

  return (
    <Row gutter={16}>
      <Col xs={24} md={10}>
        <Card title={t('nav.orgs')}>
          <QueryError
            error={root.error ?? detail.error}
            onRetry={() => void Promise.all([root.refetch(), detail.refetch()])}
          />
          <Tree
            treeData={tree}
            expandedKeys={expanded}
            onExpand={setExpanded}
            loadData={(node: EventDataNode<DataNode>) => loadChildren(String(node.key))}
            onSelect={(keys) => keys[0] && setSelectedId(String(keys[0]))}
            data-testid="org-tree"
          />
        </Card>
      </Col>
      <Col xs={24} md={14}>
        <Card
          title={selected?.name ?? ''}
          extra={
            selected &&
            can('manageOrgs', me?.roles ?? []) && (
              <Button type="primary" onClick={() => setCreating(true)} data-testid="add-child-org">
                {t('org.addChild')}
              </Button>
            )
          }
        >
          {selected ? (
            <Descriptions column={1} bordered size="small">
              <Descriptions.Item label={t('org.kind')}>{t(`kind.${selected.kind}`)}</Descriptions.Item>
              <Descriptions.Item label={t('org.regionCode')}>
                <span data-testid="org-region">
                  {selected.regionCode ? `${regionLabel(regions, selected.regionCode)}（${selected.regionCode}）` : '—'}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('org.children')}>{selected.childCount}</Descriptions.Item>
              <Descriptions.Item label={t('org.members')}>
                <span data-testid="member-count">{selected.memberCount}</span>
              </Descriptions.Item>
              <Descriptions.Item label="ID">
                <code>{selected.id}</code>
              </Descriptions.Item>
            </Descriptions>
          ) : (
            <Empty description={t('org.select')} />
          )}
        </Card>
      </Col>
      <Modal
        open={creating}
        title={t('org.addChild')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okText={t('common.create')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void create(v)} initialValues={{ kind: 'grassroots' }}>
          <Form.Item name="name" label={t('org.name')} rules={[{ required: true, max: 100 }]}>
            <Input data-testid="new-org-name" />
          </Form.Item>
          <Form.Item name="kind" label={t('org.kind')} rules={[{ required: true }]}>
            <FormSelect options={orgKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="region" label={t('org.regionCode')} extra={t('org.regionHint')}>
            <Cascader<RegionOption>
              options={regions?.tree ?? []}
              loading={!regions}
              changeOnSelect
              showSearch={{ filter: (input, path) => path.some((o) => o.label.includes(input)) }}
              placeholder={t('org.regionPlaceholder')}
              data-testid="org-region-picker"
            />
          </Form.Item>
        </Form>
      </Modal>
    </Row>
  );
}
