import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Form, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, describeError, fieldIssues } from '../../../../shared/api';
import { QueryError } from '../../QueryError';
import {
  useCongress,
  useIndicators,
  useSaveIndicators,
  type ScoringModel,
  type ScoringModelBody,
} from './scoring.queries';

const groupKeys = ['during_congress', 'between_congresses'] as const;
const sources = ['duty_records', 'proposals', 'motion_votes'] as const;

/** The form's values: the model without what the server adds (automatic, isDefault). */
function formValues(model: ScoringModel, defaultName: (key: string) => string): ScoringModelBody {
  return {
    groups: groupKeys.map((key) => {
      const g = model.groups.find((x) => x.key === key);
      return {
        key,
        name: g?.name ?? defaultName(key),
        indicators: (g?.indicators ?? []).map(({ automatic: _automatic, ...i }) => i),
      };
    }),
    bonusItems: model.bonusItems,
    penaltyItems: model.penaltyItems,
  };
}

/** A VALIDATION_FAILED answer's issues on the fields they name (`groups.0.indicators.1.code`); true if any was placed. */
function placeIssues(form: FormInstance, error: unknown): boolean {
  const issues = fieldIssues(error).filter((i) => i.path.includes('.'));
  form.setFields(
    issues.map((i) => ({
      name: i.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
      errors: [i.message],
    })),
  );
  return issues.length > 0;
}

const widths = { code: 180, name: 160, points: 140, cap: 110, source: 180 };

/** The labels over a list's columns (the inputs' placeholders go once they hold a value). */
function ColumnLabels({ withSource }: { withSource: boolean }) {
  const { t } = useTranslation();
  const label = (text: string, width: number) => (
    <Typography.Text type="secondary" style={{ width, display: 'inline-block' }}>
      {text}
    </Typography.Text>
  );
  return (
    <Space style={{ marginBottom: 4 }} aria-hidden="true">
      {label(t('scoring.code'), widths.code)}
      {label(t('scoring.name'), widths.name)}
      {label(t(withSource ? 'scoring.pointsPerRecord' : 'scoring.points'), widths.points)}
      {label(t('scoring.cap'), widths.cap)}
      {withSource && label(t('scoring.source'), widths.source)}
    </Space>
  );
}

function ItemRows({ name, readOnly, kind }: { name: string; readOnly: boolean; kind: 'bonus' | 'penalty' }) {
  const { t } = useTranslation();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          {fields.length > 0 && <ColumnLabels withSource={false} />}
          {fields.map((f) => (
            <Space key={f.key} align="start" wrap style={{ display: 'flex' }} data-testid={`${kind}-row`}>
              <Form.Item name={[f.name, 'code']} rules={[{ required: true }]}>
                <Input placeholder={t('scoring.code')} aria-label={t('scoring.code')} style={{ width: widths.code }} />
              </Form.Item>
              <Form.Item name={[f.name, 'name']} rules={[{ required: true }]}>
                <Input placeholder={t('scoring.name')} aria-label={t('scoring.name')} style={{ width: widths.name }} />
              </Form.Item>
              <Form.Item name={[f.name, 'points']} rules={[{ required: true }]}>
                <InputNumber
                  min={0.1}
                  max={100}
                  step={0.5}
                  placeholder={t('scoring.points')}
                  aria-label={t('scoring.points')}
                  addonAfter={t('scoring.pointsUnit')}
                  style={{ width: widths.points }}
                />
              </Form.Item>
              <Form.Item name={[f.name, 'maxPoints']}>
                <InputNumber
                  min={0.1}
                  max={1000}
                  step={1}
                  placeholder={t('scoring.noCap')}
                  aria-label={t('scoring.cap')}
                  style={{ width: widths.cap }}
                />
              </Form.Item>
              {!readOnly && (
                <Button
                  icon={<DeleteOutlined />}
                  aria-label={t('scoring.remove')}
                  onClick={() => remove(f.name)}
                  type="text"
                />
              )}
            </Space>
          ))}
          {!readOnly && (
            <Button icon={<PlusOutlined />} onClick={() => add({ code: '', name: '', points: 1 })}>
              {t(kind === 'bonus' ? 'scoring.addBonus' : 'scoring.addPenalty')}
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}

/**
 * The term's scoring model (代表履职评价指标) editor: the two first-level groups (大会期间 / 闭会期间) with their
 * second-level indicators (stable code, name, points per record, optional cap per term, where the records come
 * from), and the bonus (加分) and penalty (减分) items. An archived term's model is shown, not edited.
 */
export function IndicatorsTab({ congressId }: { congressId: string }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ScoringModelBody>();
  const congress = useCongress(congressId);
  const model = useIndicators(congressId);
  const save = useSaveIndicators(congressId);
  const readOnly = congress.data?.status !== 'active';
  const groupName = (key: string) => t(`scoring.group.${key}`);

  // The form shows the model as loaded (and as saved); a language switch shows it again in that language.
  useEffect(() => {
    if (model.data) form.setFieldsValue(formValues(model.data, (key) => t(`scoring.group.${key}`)));
  }, [model.data, form, t]);

  const error = congress.error ?? model.error;
  if (error)
    return (
      <QueryError
        error={error}
        onRetry={() => {
          void congress.refetch();
          void model.refetch();
        }}
      />
    );
  if (!model.data || !congress.data) return <Card loading />;

  async function submit(values: ScoringModelBody) {
    try {
      await save.mutateAsync({
        ...values,
        groups: values.groups.map((g) => ({
          ...g,
          indicators: g.indicators.map((i) => ({ ...i, maxPoints: i.maxPoints ?? null })),
        })),
      });
      void message.success(t('common.saved'));
    } catch (e) {
      const placed = placeIssues(form, e);
      void message.error(placed && e instanceof ApiError ? e.message : describeError(e));
    }
  }

  return (
    <Form form={form} layout="vertical" disabled={readOnly} onFinish={(v) => void submit(v)} data-testid="indicators">
      {model.data.isDefault && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('scoring.isDefault')} />
      )}
      {readOnly && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('scoring.archived')} />}
      <Typography.Paragraph type="secondary">{t('scoring.removalHint')}</Typography.Paragraph>
      <Form.List name="groups">
        {(groups) =>
          groups.map((g) => (
            <Card
              key={g.key}
              size="small"
              style={{ marginBottom: 12 }}
              title={
                <Space>
                  <span>{groupName(groupKeys[g.name] ?? '')}</span>
                  <Form.Item name={[g.name, 'name']} noStyle rules={[{ required: true }]}>
                    <Input aria-label={t('scoring.groupName')} style={{ width: 200 }} />
                  </Form.Item>
                </Space>
              }
              data-testid={`group-${groupKeys[g.name]}`}
            >
              <Form.Item name={[g.name, 'key']} hidden>
                <Input />
              </Form.Item>
              <Form.List name={[g.name, 'indicators']}>
                {(fields, { add, remove }) => (
                  <>
                    {fields.length > 0 && <ColumnLabels withSource />}
                    {fields.map((f) => (
                      <Space key={f.key} align="start" wrap style={{ display: 'flex' }} data-testid="indicator-row">
                        <Form.Item name={[f.name, 'code']} rules={[{ required: true }]}>
                          <Input
                            placeholder={t('scoring.code')}
                            aria-label={t('scoring.code')}
                            style={{ width: widths.code }}
                          />
                        </Form.Item>
                        <Form.Item name={[f.name, 'name']} rules={[{ required: true }]}>
                          <Input
                            placeholder={t('scoring.name')}
                            aria-label={t('scoring.name')}
                            style={{ width: widths.name }}
                          />
                        </Form.Item>
                        <Form.Item name={[f.name, 'pointsPerRecord']} rules={[{ required: true }]}>
                          <InputNumber
                            min={0.1}
                            max={100}
                            step={0.5}
                            placeholder={t('scoring.pointsPerRecord')}
                            aria-label={t('scoring.pointsPerRecord')}
                            addonAfter={t('scoring.pointsUnit')}
                            style={{ width: widths.points }}
                          />
                        </Form.Item>
                        <Form.Item name={[f.name, 'maxPoints']}>
                          <InputNumber
                            min={0.1}
                            max={1000}
                            step={1}
                            placeholder={t('scoring.noCap')}
                            aria-label={t('scoring.cap')}
                            style={{ width: widths.cap }}
                          />
                        </Form.Item>
                        <Form.Item name={[f.name, 'source']} initialValue="duty_records">
                          <Select
                            aria-label={t('scoring.source')}
                            style={{ width: widths.source }}
                            options={sources.map((s) => ({ value: s, label: t(`scoring.sourceName.${s}`) }))}
                          />
                        </Form.Item>
                        <Form.Item shouldUpdate noStyle>
                          {() =>
                            form.getFieldValue(['groups', g.name, 'indicators', f.name, 'source']) !==
                            'duty_records' ? (
                              <Tag color="blue" style={{ marginTop: 5 }}>
                                {t('scoring.automatic')}
                              </Tag>
                            ) : null
                          }
                        </Form.Item>
                        {!readOnly && (
                          <Button
                            icon={<DeleteOutlined />}
                            aria-label={t('scoring.remove')}
                            onClick={() => remove(f.name)}
                            type="text"
                          />
                        )}
                      </Space>
                    ))}
                    {!readOnly && (
                      <Button
                        icon={<PlusOutlined />}
                        onClick={() => add({ code: '', name: '', pointsPerRecord: 1, source: 'duty_records' })}
                      >
                        {t('scoring.addIndicator')}
                      </Button>
                    )}
                  </>
                )}
              </Form.List>
            </Card>
          ))
        }
      </Form.List>
      <Card size="small" title={t('scoring.bonusItems')} style={{ marginBottom: 12 }}>
        <ItemRows name="bonusItems" readOnly={readOnly} kind="bonus" />
      </Card>
      <Card size="small" title={t('scoring.penaltyItems')} style={{ marginBottom: 12 }}>
        <ItemRows name="penaltyItems" readOnly={readOnly} kind="penalty" />
      </Card>
      {!readOnly && (
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="indicators-save">
          {t('common.save')}
        </Button>
      )}
    </Form>
  );
}
