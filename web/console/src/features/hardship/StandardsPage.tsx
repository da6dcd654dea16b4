import { App as AntApp, Alert, Button, Card, Cascader, Empty, Form, InputNumber, Modal, Space, Table } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { regionLabel, regionPath, useRegions, type RegionOption } from '../../../../shared/regions';
import { showFormError } from '../../forms';
import { QueryError } from '../../QueryError';
import { can } from '../../sections';
import { useSession } from '../../session';
import { toFen, when, yuan } from './format';
import { HardshipNav } from './nav';
import { useSaveStandard, useStandards, type Standard } from './queries';

interface Values {
  region: string[];
  lineYuan: number;
  relativeYuan?: number | null;
}

/**
 * 困难职工认定标准: the monthly income line per head of each region (county code), kept by assistance officers; a
 * household is archived at a level only when its income per head is at or below that level's line. Yuan in the form,
 * fen on the wire.
 */
export function StandardsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const { message } = AntApp.useApp();
  const regions = useRegions();
  const standards = useStandards();
  const save = useSaveStandard();
  const [form] = Form.useForm<Values>();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<{ regionCode: string | null } | null>(null);
  const keeps = can('runAssistance', me?.roles ?? []);

  // Opened for a region (from a refused archive, or a link): the region's form at once.
  const asked = params.get('regionCode');
  useEffect(() => {
    if (!asked || !keeps || !standards.data) return;
    const existing = standards.data.find((s) => s.regionCode === asked);
    open(asked, existing);
    setParams({}, { replace: true });
  }, [asked, keeps, standards.data]);

  function open(regionCode: string | null, existing?: Standard) {
    setEditing({ regionCode });
    form.setFieldsValue({
      region: regionCode ? regionPath(regionCode) : [],
      lineYuan: existing ? existing.monthlyIncomeLineFen / 100 : undefined,
      relativeYuan: existing ? existing.relativeIncomeLineFen / 100 : undefined,
    });
  }

  async function submit(v: Values) {
    const regionCode = v.region[v.region.length - 1] ?? '';
    try {
      await save.mutateAsync({
        regionCode,
        body: {
          monthlyIncomeLineFen: toFen(v.lineYuan),
          ...(v.relativeYuan ? { relativeIncomeLineFen: toFen(v.relativeYuan) } : {}),
        },
      });
      void message.success(t('hardship.standardSaved'));
      setEditing(null);
      form.resetFields();
    } catch (e) {
      showFormError(form, e, message, {
        monthlyIncomeLineFen: 'lineYuan',
        relativeIncomeLineFen: 'relativeYuan',
        regionCode: 'region',
      });
    }
  }

  return (
    <Card
      title={t('hardship.standards')}
      extra={
        keeps && (
          <Button type="primary" onClick={() => open(null)} data-testid="new-standard">
            {t('hardship.newStandard')}
          </Button>
        )
      }
    >
      <HardshipNav />
      <Alert type="info" message={t('hardship.standardsNote')} style={{ marginBottom: 12 }} />
      <QueryError error={standards.error} onRetry={() => void standards.refetch()} />
      <Table<Standard>
        rowKey="regionCode"
        loading={standards.isFetching}
        dataSource={standards.data ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={t('hardship.noStandards')} /> }}
        data-testid="standards-table"
        columns={[
          {
            title: t('hardship.regionName'),
            render: (_, s) => `${regionLabel(regions, s.regionCode)} (${s.regionCode})`,
          },
          {
            title: t('hardship.incomeLine'),
            render: (_, s) => <span data-testid="standard-line">{yuan(s.monthlyIncomeLineFen)}</span>,
            width: 220,
          },
          { title: t('hardship.relativeLine'), render: (_, s) => yuan(s.relativeIncomeLineFen), width: 220 },
          { title: t('hardship.updatedAt'), render: (_, s) => when(s.updatedAt), width: 180 },
          ...(keeps
            ? [
                {
                  title: t('common.actions'),
                  width: 100,
                  render: (_: unknown, s: Standard) => (
                    <Button size="small" onClick={() => open(s.regionCode, s)} data-testid="edit-standard">
                      {t('hardship.editStandard')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing?.regionCode ? t('hardship.editStandard') : t('hardship.newStandard')}
        onCancel={() => {
          setEditing(null);
          form.resetFields();
        }}
        onOk={() => form.submit()}
        okButtonProps={{ loading: save.isPending }}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item name="region" label={t('hardship.standardRegion')} rules={[{ required: true }]}>
            <Cascader<RegionOption>
              options={regions?.tree ?? []}
              loading={!regions}
              // A county's line, or a city's or province's, which applies where no county line is kept.
              changeOnSelect
              disabled={Boolean(editing?.regionCode)}
              showSearch={{ filter: (input, path) => path.some((o) => o.label.includes(input)) }}
              data-testid="standard-region"
            />
          </Form.Item>
          <Space align="start" wrap>
            <Form.Item name="lineYuan" label={t('hardship.incomeLine')} rules={[{ required: true }]}>
              <InputNumber
                min={0.01}
                max={100_000}
                precision={2}
                style={{ width: 220 }}
                data-testid="standard-line-yuan"
              />
            </Form.Item>
            <Form.Item name="relativeYuan" label={t('hardship.relativeLine')} extra={t('hardship.relativeLineHint')}>
              <InputNumber
                min={0.01}
                max={100_000}
                precision={2}
                style={{ width: 220 }}
                data-testid="standard-relative-yuan"
              />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}
