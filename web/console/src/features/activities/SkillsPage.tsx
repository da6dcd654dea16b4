import {
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import type { ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { OrgRef } from '../../api';
import { showFormError } from '../../forms';
import { LoadMore } from '../../LoadMore';
import { OrgPicker } from '../../OrgPicker';
import { QueryError } from '../../QueryError';
import { useSession } from '../../session';
import { ActivitiesNav } from './nav';
import { useCompetitions, useCreateCompetition, type CompetitionRow, type NewCompetition } from './skills.queries';

interface TierForm {
  name: string;
  mode: 'count' | 'percent';
  value: number;
}

interface CompetitionForm {
  title: string;
  org: OrgRef | null;
  dates: [Dayjs, Dayjs];
  registrationClosesAt?: Dayjs;
  description?: string;
  tiers: TierForm[];
}

const fieldOf: Record<string, string> = {
  orgId: 'org',
  startsOn: 'dates',
  endsOn: 'dates',
  prizeTiers: 'tiers',
};

/** A competition's state as a tag: results published, registration open or closed. */
export function CompetitionState({ c }: { c: Pick<CompetitionRow, 'resultsPublishedAt' | 'registrationOpen'> }) {
  const { t } = useTranslation();
  if (c.resultsPublishedAt) return <Tag color="green">{t('skills.published')}</Tag>;
  return c.registrationOpen ? (
    <Tag color="blue">{t('skills.registrationOpen')}</Tag>
  ) : (
    <Tag>{t('skills.registrationClosed')}</Tag>
  );
}

/** 技能大赛: the competitions of the officer's subtree (and those above it they register members in); a new one. */
export function SkillsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [org, setOrg] = useState<OrgRef | null>(null);
  const list = useCompetitions(org?.id);
  const creation = useCreateCompetition();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<CompetitionForm>();
  const mayCreate = (me?.roles ?? []).some((r) => r === 'org_admin' || r === 'activity_officer');

  async function create(v: CompetitionForm) {
    const body: NewCompetition = {
      orgId: v.org?.id ?? '',
      title: v.title,
      startsOn: v.dates[0].format('YYYY-MM-DD'),
      endsOn: v.dates[1].format('YYYY-MM-DD'),
      ...(v.registrationClosesAt ? { registrationClosesAt: v.registrationClosesAt.toISOString() } : {}),
      ...(v.description ? { description: v.description } : {}),
      prizeTiers: v.tiers.map((x) =>
        x.mode === 'count' ? { name: x.name, count: x.value } : { name: x.name, percent: x.value },
      ),
    };
    try {
      const created = await creation.mutateAsync(body);
      void message.success(t('skills.created'));
      setCreating(false);
      form.resetFields();
      navigate(`/activities/skills/${created.id}`);
    } catch (e) {
      showFormError(form, e, message, fieldOf);
    }
  }

  return (
    <Card
      title={t('skills.title')}
      extra={
        <Space wrap>
          <OrgPicker value={org} onChange={setOrg} />
          {mayCreate && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="new-competition">
              {t('skills.add')}
            </Button>
          )}
        </Space>
      }
    >
      <ActivitiesNav />
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<CompetitionRow>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        data-testid="competitions-table"
        onRow={(r) => ({ onClick: () => navigate(`/activities/skills/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('skills.name'), dataIndex: 'title' },
          { title: t('skills.org'), render: (_, r) => r.org.name },
          { title: t('skills.dates'), render: (_, r) => `${r.startsOn} – ${r.endsOn}` },
          {
            title: t('skills.registrationClosesAt'),
            render: (_, r) => dayjs(r.registrationClosesAt).format('YYYY-MM-DD HH:mm'),
          },
          { title: t('skills.registration'), render: (_, r) => <CompetitionState c={r} /> },
        ]}
      />
      <LoadMore list={list} />
      <Modal
        open={creating}
        title={t('skills.add')}
        width={640}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: creation.isPending, 'data-testid': 'save-competition' } as ButtonProps}
        destroyOnHidden
      >
        <Form<CompetitionForm>
          form={form}
          layout="vertical"
          onFinish={(v) => void create(v)}
          initialValues={{
            org: me?.org ?? null,
            dates: [dayjs().add(30, 'day'), dayjs().add(31, 'day')],
            tiers: [
              { name: '一等奖', mode: 'count', value: 1 },
              { name: '二等奖', mode: 'count', value: 2 },
              { name: '三等奖', mode: 'count', value: 3 },
            ],
          }}
        >
          <Form.Item name="title" label={t('skills.name')} rules={[{ required: true, max: 200 }]}>
            <Input data-testid="competition-title" />
          </Form.Item>
          <Form.Item name="org" label={t('skills.org')} rules={[{ required: true }]}>
            <OrgPicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="dates" label={t('skills.dates')} rules={[{ required: true }]}>
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="registrationClosesAt" label={t('skills.registrationClosesAt')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="description" label={t('skills.description')} rules={[{ max: 5000 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.List name="tiers">
            {(items, { add, remove }) => (
              <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
                <legend style={{ fontSize: 14, marginBottom: 8, border: 0 }}>{t('skills.tiers')}</legend>
                {items.map((item) => (
                  <Space key={item.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item name={[item.name, 'name']} rules={[{ required: true, max: 30 }]}>
                      <Input aria-label={t('skills.tierName')} style={{ width: 120 }} />
                    </Form.Item>
                    <Form.Item name={[item.name, 'mode']}>
                      <Select
                        aria-label={t('skills.tierMode')}
                        style={{ width: 110 }}
                        options={[
                          { value: 'count', label: t('skills.byCount') },
                          { value: 'percent', label: t('skills.byPercent') },
                        ]}
                      />
                    </Form.Item>
                    <Form.Item name={[item.name, 'value']} rules={[{ required: true }]}>
                      <InputNumber aria-label={t('skills.tierCount')} min={0.1} max={1000} />
                    </Form.Item>
                    {items.length > 1 && <Button onClick={() => remove(item.name)}>{t('skills.remove')}</Button>}
                  </Space>
                ))}
                {items.length < 10 && (
                  <Button onClick={() => add({ name: '', mode: 'count', value: 1 })}>{t('skills.addTier')}</Button>
                )}
              </fieldset>
            )}
          </Form.List>
        </Form>
      </Modal>
    </Card>
  );
}
