import {
  App as AntApp,
  Button,
  Collapse,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showFormError } from '../../forms';
import { QueryError } from '../../QueryError';
import {
  aidKinds,
  useCreatePlan,
  useMeasureDone,
  usePlans,
  type AidKind,
  type Measure,
  type Plan,
} from './aid.queries';
import { day, when } from './format';
import type { Household } from './queries';

interface MeasureForm {
  title: string;
  kind?: AidKind;
  owner: string;
  dueOn: Dayjs;
}
interface PlanForm {
  goal: string;
  measures: MeasureForm[];
}

function MeasureState({ m }: { m: Measure }) {
  const { t } = useTranslation();
  if (m.doneAt) return <Tag color="green">{t('hardshipAid.plan.done')}</Tag>;
  if (m.overdue) return <Tag color="red">{t('hardshipAid.plan.overdue')}</Tag>;
  return <Tag color="blue">{t('hardshipAid.plan.pending')}</Tag>;
}

/** A plan's measures; `onDone` (the current plan, for an officer) offers to mark each open one done. */
function MeasuresTable({ plan, onDone }: { plan: Plan; onDone?: (m: Measure) => void }) {
  const { t } = useTranslation();
  return (
    <Table<Measure>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={plan.measures}
      data-testid={`plan-measures-${plan.version}`}
      columns={[
        { title: t('hardshipAid.plan.measure'), dataIndex: 'title' },
        { title: t('hardshipAid.plan.kind'), render: (_, m) => (m.kind ? t(`aidKind.${m.kind}`) : '—') },
        { title: t('hardshipAid.plan.owner'), dataIndex: 'owner' },
        { title: t('hardshipAid.plan.dueOn'), dataIndex: 'dueOn' },
        {
          title: t('hardshipAid.plan.done'),
          render: (_, m) => (
            <Space direction="vertical" size={0}>
              <MeasureState m={m} />
              {m.doneAt && (
                <Typography.Text type="secondary">
                  {day(m.doneAt)}
                  {m.doneNote ? ` · ${m.doneNote}` : ''}
                </Typography.Text>
              )}
            </Space>
          ),
        },
        ...(onDone
          ? [
              {
                key: 'act',
                render: (_: unknown, m: Measure) =>
                  m.doneAt ? null : (
                    <Button size="small" onClick={() => onDone(m)} data-testid={`measure-done-${m.position}`}>
                      {t('hardshipAid.plan.markDone')}
                    </Button>
                  ),
              },
            ]
          : []),
      ]}
    />
  );
}

/**
 * 一户一策 on the household's page: the current plan with its measures (an officer marks each done), a new version
 * (the current one then joins the earlier versions, which stay readable below).
 */
export function PlanSection({ household }: { household: Pick<Household, 'id' | 'status' | 'timeline'> }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { data, error, refetch } = usePlans(household);
  const create = useCreatePlan(household.id);
  const markDone = useMeasureDone(household.id);
  const [editing, setEditing] = useState(false);
  const [finishing, setFinishing] = useState<Measure | null>(null);
  const [form] = Form.useForm<PlanForm>();
  const [doneForm] = Form.useForm<{ note?: string }>();

  /** A new version starts from the current plan: its goal and the measures not done yet. */
  function initialPlan(): PlanForm {
    const current = data?.current;
    const open = (current?.measures ?? []).filter((m) => !m.doneAt);
    return {
      goal: current?.goal ?? '',
      measures:
        open.length > 0
          ? open.map((m) => ({
              title: m.title,
              owner: m.owner,
              dueOn: dayjs(m.dueOn),
              ...(m.kind ? { kind: m.kind } : {}),
            }))
          : [{ title: '', owner: '' } as MeasureForm],
    };
  }

  async function save(v: PlanForm) {
    try {
      await create.mutateAsync({
        goal: v.goal,
        measures: v.measures.map((m) => ({
          title: m.title,
          owner: m.owner,
          dueOn: m.dueOn.format('YYYY-MM-DD'),
          ...(m.kind ? { kind: m.kind } : {}),
        })),
      });
      void message.success(t('hardshipAid.plan.saved'));
      setEditing(false);
    } catch (e) {
      showFormError(form, e, message);
    }
  }

  async function finish(v: { note?: string }) {
    if (!finishing) return;
    try {
      await markDone.mutateAsync({ measureId: finishing.id, note: v.note || undefined });
      setFinishing(null);
      doneForm.resetFields();
    } catch (e) {
      showFormError(doneForm, e, message);
    }
  }

  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (!data) return null;
  const { current, earlier, mayPlan } = data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="plan-section">
      {current ? (
        <>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('hardshipAid.plan.goal')}>
              <Space wrap>
                <Tag color="geekblue" data-testid="plan-version">
                  {t('hardshipAid.plan.version', { version: current.version })}
                </Tag>
                <span data-testid="plan-goal">{current.goal}</span>
                <Typography.Text type="secondary">
                  {t('hardshipAid.plan.createdBy', { by: current.createdBy.username, at: when(current.createdAt) })}
                </Typography.Text>
              </Space>
            </Descriptions.Item>
          </Descriptions>
          <MeasuresTable plan={current} onDone={mayPlan ? setFinishing : undefined} />
        </>
      ) : (
        <Typography.Text type="secondary" data-testid="plan-none">
          {t('hardshipAid.plan.none')}
        </Typography.Text>
      )}
      {mayPlan ? (
        <Button type={current ? 'default' : 'primary'} onClick={() => setEditing(true)} data-testid="plan-new">
          {current ? t('hardshipAid.plan.newVersion') : t('hardshipAid.plan.new')}
        </Button>
      ) : (
        !current && <Typography.Text type="secondary">{t('hardshipAid.plan.notAssisted')}</Typography.Text>
      )}
      {earlier.length > 0 && (
        <Collapse
          size="small"
          data-testid="plan-earlier"
          items={[
            {
              key: 'earlier',
              label: t('hardshipAid.plan.earlier', { count: earlier.length }),
              children: (
                <Space direction="vertical" style={{ width: '100%' }}>
                  {earlier.map((p) => (
                    <div key={p.id}>
                      <Space wrap>
                        <Tag>{t('hardshipAid.plan.version', { version: p.version })}</Tag>
                        <span>{p.goal}</span>
                        <Typography.Text type="secondary">
                          {t('hardshipAid.plan.createdBy', { by: p.createdBy.username, at: when(p.createdAt) })}
                        </Typography.Text>
                      </Space>
                      <MeasuresTable plan={p} />
                    </div>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      )}
      <Modal
        open={editing}
        width={760}
        title={current ? t('hardshipAid.plan.newVersion') : t('hardshipAid.plan.new')}
        onCancel={() => setEditing(false)}
        onOk={() => form.submit()}
        okText={t('hardshipAid.plan.save')}
        okButtonProps={{ loading: create.isPending, 'data-testid': 'plan-save' } as ButtonProps}
        destroyOnHidden
      >
        {current && <Typography.Paragraph type="secondary">{t('hardshipAid.plan.replaces')}</Typography.Paragraph>}
        <Form form={form} layout="vertical" initialValues={initialPlan()} onFinish={(v) => void save(v)}>
          <Form.Item name="goal" label={t('hardshipAid.plan.goal')} rules={[{ required: true, max: 1000 }]}>
            <Input.TextArea rows={2} data-testid="plan-goal-input" />
          </Form.Item>
          <Form.List
            name="measures"
            rules={[
              {
                validator: async (_, v: unknown[] | undefined) => {
                  if (!v?.length) throw new Error(t('hardshipAid.plan.addMeasure'));
                },
              },
            ]}
          >
            {(items, { add, remove }, { errors }) => (
              <>
                {items.map((item, i) => (
                  <Space key={item.key} align="baseline" wrap style={{ display: 'flex' }}>
                    <Form.Item
                      name={[item.name, 'title']}
                      rules={[{ required: true, max: 200 }]}
                      style={{ width: 220 }}
                    >
                      <Input placeholder={t('hardshipAid.plan.measure')} data-testid={`measure-title-${i}`} />
                    </Form.Item>
                    <Form.Item name={[item.name, 'kind']} style={{ width: 150 }}>
                      <Select
                        allowClear
                        placeholder={t('hardshipAid.plan.kind')}
                        options={aidKinds.map((k) => ({ value: k, label: t(`aidKind.${k}`) }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[item.name, 'owner']}
                      rules={[{ required: true, max: 100 }]}
                      style={{ width: 150 }}
                    >
                      <Input placeholder={t('hardshipAid.plan.owner')} data-testid={`measure-owner-${i}`} />
                    </Form.Item>
                    <Form.Item name={[item.name, 'dueOn']} rules={[{ required: true }]}>
                      <DatePicker placeholder={t('hardshipAid.plan.dueOn')} data-testid={`measure-due-${i}`} />
                    </Form.Item>
                    <Button onClick={() => remove(item.name)} aria-label="remove">
                      −
                    </Button>
                  </Space>
                ))}
                <Form.ErrorList errors={errors} />
                {items.length < 30 && (
                  <Button onClick={() => add({ title: '', owner: '' })} data-testid="measure-add">
                    {t('hardshipAid.plan.addMeasure')}
                  </Button>
                )}
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
      <Modal
        open={finishing !== null}
        title={`${t('hardshipAid.plan.markDone')}：${finishing?.title ?? ''}`}
        onCancel={() => setFinishing(null)}
        onOk={() => doneForm.submit()}
        okButtonProps={{ loading: markDone.isPending, 'data-testid': 'measure-done-save' } as ButtonProps}
        destroyOnHidden
      >
        <Form form={doneForm} layout="vertical" onFinish={(v) => void finish(v)}>
          <Form.Item name="note" label={t('hardshipAid.plan.doneNote')} rules={[{ max: 1000 }]}>
            <Input.TextArea rows={3} data-testid="measure-done-note" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
