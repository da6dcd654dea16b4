import { App as AntApp, Button, Card, Cascader, Col, Descriptions, Empty, Form, Input, Modal, Row, Tree } from 'antd';
import { FormSelect } from '../../FormSelect';
import type { DataNode, EventDataNode } from 'antd/es/tree';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, type Page } from '../../../../shared/api';
import { regionLabel, useRegions, type RegionOption } from '../../../../shared/regions';
import { api, orgKinds, type Org } from '../../api';
import { can } from '../../sections';
import { useSession } from '../../session';

interface OrgDetail extends Org {
  ancestors: { id: string; name: string }[];
  memberCount: number;
}

function toNode(o: Org): DataNode {
  return { key: o.id, title: o.name, isLeaf: o.childCount === 0 };
}

function attach(nodes: DataNode[], key: string, children: DataNode[]): DataNode[] {
  return nodes.map((n) =>
    n.key === key ? { ...n, children, isLeaf: children.length === 0 } : n.children ? { ...n, children: attach(n.children, key, children) } : n,
  );
}

export function OrgsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const { message } = AntApp.useApp();
  const [tree, setTree] = useState<DataNode[]>([]);
  const [selected, setSelected] = useState<OrgDetail | null>(null);
  const [expanded, setExpanded] = useState<React.Key[]>([]);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const regions = useRegions();

  const loadChildren = useCallback(async (id: string) => {
    const items: Org[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<Org> = await api.get<Page<Org>>(`/api/v1/orgs/${id}/children?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    setTree((old) => attach(old, id, items.map(toNode)));
  }, []);

  const select = useCallback(async (id: string) => {
    setSelected(await api.get<OrgDetail>(`/api/v1/orgs/${id}`));
  }, []);

  useEffect(() => {
    if (!me) return;
    void api.get<OrgDetail>(`/api/v1/orgs/${me.org.id}`).then((root) => {
      setTree([toNode(root)]);
      setSelected(root);
      setExpanded([root.id]);
      if (root.childCount > 0) void loadChildren(root.id);
    });
  }, [me, loadChildren]);

  async function create(values: { name: string; kind: string; region?: string[] }) {
    if (!selected) return;
    // The area it serves, at any level: a province's federation 610000, a district's 610104.
    const regionCode = values.region?.[values.region.length - 1];
    try {
      await api.post('/api/v1/orgs', {
        parentId: selected.id,
        name: values.name,
        kind: values.kind,
        ...(regionCode ? { regionCode } : {}),
      });
      message.success(t('org.created'));
      setCreating(false);
      form.resetFields();
      await loadChildren(selected.id);
      await select(selected.id);
    } catch (e) {
      message.error(describeError(e));
    }
  }

  return (
    <Row gutter={16}>
      <Col xs={24} md={10}>
        <Card title={t('nav.orgs')}>
          <Tree
            treeData={tree}
            expandedKeys={expanded}
            onExpand={setExpanded}
            loadData={(node: EventDataNode<DataNode>) => loadChildren(String(node.key))}
            onSelect={(keys) => keys[0] && void select(String(keys[0]))}
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
                <span data-testid="org-region">{selected.regionCode ? `${regionLabel(regions, selected.regionCode)}（${selected.regionCode}）` : '—'}</span>
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
