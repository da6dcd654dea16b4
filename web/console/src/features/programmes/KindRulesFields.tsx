import { Col, Form, Input, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { modelWorkerFunds } from '../../../../../shared/labels.js';
import { FormSelect } from '../../FormSelect';
import type { NewProgramme, ProgrammeKind } from './queries';

type Rules = NonNullable<NewProgramme['rules']>;
export type ModelWorkerFund = (typeof modelWorkerFunds)[number];

/** What the form holds for these rules: a name per review level (level 1 first), the fund of a 劳模三金 programme. */
export interface KindRulesForm {
  reviewStepNames?: (string | undefined)[];
  modelWorkerFund?: { fund?: ModelWorkerFund };
}

/** The rules as the API takes them: step names only when some are given, the fund only for its kind. */
export function kindRulesOf(kind: ProgrammeKind, levels: number, v: KindRulesForm): Partial<Rules> {
  const names = (v.reviewStepNames ?? []).slice(0, levels).map((n) => n?.trim() ?? '');
  const fund = v.modelWorkerFund?.fund;
  return {
    ...(names.some((n) => n !== '') ? { reviewStepNames: names } : {}),
    ...(kind === 'model_worker_fund' && fund ? { modelWorkerFund: { fund } } : {}),
  };
}

/** 劳模三金: which fund the programme pays from (慰问金, 生活困难补助金, 特殊困难帮扶金), asked only for that kind. */
export function ModelWorkerFundField() {
  const { t } = useTranslation();
  return (
    <Form.Item noStyle dependencies={['kind']}>
      {({ getFieldValue }) =>
        getFieldValue('kind') === 'model_worker_fund' && (
          <Form.Item
            name={['rules', 'modelWorkerFund', 'fund']}
            label={t('programmes.fund')}
            rules={[{ required: true }]}
          >
            <FormSelect
              options={modelWorkerFunds.map((f) => ({ value: f, label: t(`modelWorkerFund.${f}`) }))}
              data-testid="model-worker-fund"
            />
          </Form.Item>
        )
      }
    </Form.Item>
  );
}

/** A name for each review level (基层工会初审, 主席办公会…), as many fields as there are levels; all or none. */
export function ReviewStepNamesFields() {
  const { t } = useTranslation();
  return (
    <Form.Item noStyle dependencies={[['rules', 'reviewLevels']]}>
      {({ getFieldValue }) => {
        const levels = Math.min(Math.max(Number(getFieldValue(['rules', 'reviewLevels'])) || 1, 1), 5);
        return (
          <Form.Item label={t('programmes.reviewStepNames')} extra={t('programmes.reviewStepNamesHint')}>
            <Row gutter={8}>
              {Array.from({ length: levels }, (_, i) => (
                <Col span={Math.max(24 / levels, 8)} key={i}>
                  <Form.Item name={['rules', 'reviewStepNames', i]} noStyle rules={[{ max: 50 }]}>
                    <Input
                      aria-label={t('programmes.reviewStepN', { level: i + 1 })}
                      placeholder={t('programmes.reviewStepN', { level: i + 1 })}
                      data-testid={`review-step-${i + 1}`}
                    />
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </Form.Item>
        );
      }}
    </Form.Item>
  );
}
