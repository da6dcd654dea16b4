import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Checkbox,
  Col,
  Descriptions,
  Divider,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { FormInstance } from 'antd';
import type { CheckboxGroupProps } from 'antd/es/checkbox';
import { useTranslation } from 'react-i18next';
import type { MessageInstance } from 'antd/es/message/interface';
import { ApiError, fieldIssues } from '../../../../shared/api';
import { showFormError } from '../../forms';
import { honourLevels, modelWorkerFunds, studentAidGroups } from '../../../../../shared/labels.js';
import { FormSelect } from '../../FormSelect';
import { toFen, yuan } from './format';
import type { NewProgramme, Programme, ProgrammeKind } from './queries';

type Rules = NonNullable<NewProgramme['rules']>;
type HonourLevel = (typeof honourLevels)[number];

/**
 * The rules only some kinds take, as the create form holds them (amounts in yuan): 劳模三金's fund, 金秋助学's groups,
 * 勤工俭学's caps, 医疗互助's tiers and cap; and the review steps' names and the chain's shape, which any kind may set.
 */
export interface KindRulesForm {
  reviewStepNames?: string[];
  reviewChainShape?: NonNullable<Rules['reviewChainShape']>;
  modelWorkerFund?: {
    fund?: NonNullable<Rules['modelWorkerFund']>['fund'];
    honourLevels?: HonourLevel[];
    standardYuanByHonourLevel?: Partial<Record<HonourLevel, number | null>>;
    requireYearlyCheck?: boolean;
  };
  studentAid?: { groups?: NonNullable<Rules['studentAid']>['groups'] };
  workStudy?: { perDayYuan?: number | null; perMonthYuan?: number | null };
  mutualAid?: { tiers?: { uptoYuan?: number | null; percent?: number | null }[]; perMemberCapYuan?: number | null };
}

export const kindRulesDefaults: KindRulesForm = {
  reviewChainShape: 'up_the_tree',
  modelWorkerFund: { requireYearlyCheck: true },
  workStudy: { perDayYuan: 150, perMonthYuan: 3000 },
  mutualAid: { tiers: [{ uptoYuan: 10000, percent: 50 }, { percent: 70 }], perMemberCapYuan: 500000 },
};

const given = (v: number | null | undefined): v is number => v !== null && v !== undefined;

/** The part of the API's rules these fields make, for the kind chosen (other kinds' rules are never sent). */
export function kindRulesBody(kind: ProgrammeKind, v: KindRulesForm, reviewLevels: number): Partial<Rules> {
  const out: Partial<Rules> = {};
  const names = Array.from({ length: reviewLevels }, (_, i) => v.reviewStepNames?.[i]?.trim() ?? '');
  if (names.some((n) => n !== '')) out.reviewStepNames = names;
  if (v.reviewChainShape && v.reviewChainShape !== 'up_the_tree') out.reviewChainShape = v.reviewChainShape;
  if (kind === 'model_worker_fund') {
    const m = v.modelWorkerFund ?? {};
    const byLevel = Object.fromEntries(
      honourLevels.flatMap((l) => {
        const value = m.standardYuanByHonourLevel?.[l];
        return given(value) ? [[l, toFen(value)]] : [];
      }),
    );
    out.modelWorkerFund = {
      fund: m.fund as NonNullable<Rules['modelWorkerFund']>['fund'],
      ...(m.honourLevels && m.honourLevels.length > 0 ? { honourLevels: m.honourLevels } : {}),
      ...(Object.keys(byLevel).length > 0 ? { standardFenByHonourLevel: byLevel } : {}),
      requireYearlyCheck: m.requireYearlyCheck ?? true,
    };
  }
  if (kind === 'student_aid') out.studentAid = { groups: v.studentAid?.groups ?? [] };
  if (kind === 'work_study') {
    const w = v.workStudy ?? {};
    out.workStudy = {
      ...(given(w.perDayYuan) ? { perDayFen: toFen(w.perDayYuan) } : {}),
      ...(given(w.perMonthYuan) ? { perMonthFen: toFen(w.perMonthYuan) } : {}),
    } as NonNullable<Rules['workStudy']>;
  }
  if (kind === 'medical_mutual_aid') {
    const a = v.mutualAid ?? {};
    out.mutualAid = {
      tiers: (a.tiers ?? []).map((t) => ({
        ...(given(t.uptoYuan) ? { uptoFen: toFen(t.uptoYuan) } : {}),
        percent: t.percent ?? 0,
      })),
      ...(given(a.perMemberCapYuan) ? { perMemberCapFen: toFen(a.perMemberCapYuan) } : {}),
    } as NonNullable<Rules['mutualAid']>;
  }
  return out;
}

/** API paths in fen → the form's fields in yuan (ProgrammesPage passes them to showFormError). */
export const kindFieldOf: Record<string, string> = {
  ...Object.fromEntries(
    honourLevels.map((l) => [
      `rules.modelWorkerFund.standardFenByHonourLevel.${l}`,
      `rules.modelWorkerFund.standardYuanByHonourLevel.${l}`,
    ]),
  ),
  'rules.modelWorkerFund.standardFenByHonourLevel': `rules.modelWorkerFund.standardYuanByHonourLevel.national`,
  'rules.workStudy.perDayFen': 'rules.workStudy.perDayYuan',
  'rules.workStudy.perMonthFen': 'rules.workStudy.perMonthYuan',
  'rules.mutualAid.perMemberCapFen': 'rules.mutualAid.perMemberCapYuan',
};

/**
 * The form's server errors (forms.ts showFormError), and the tiers' own (`rules.mutualAid.tiers.1.uptoFen`): the
 * shared convention labels a list's element as the list, so the row the server names is marked here, and the toast
 * then says only "check the marked fields".
 */
export function showRulesError(
  form: FormInstance,
  error: unknown,
  message: MessageInstance,
  fieldOf: Record<string, string>,
): void {
  const tiers = fieldIssues(error).flatMap((issue) => {
    const m = /^rules\.mutualAid\.tiers\.(\d+)\.(uptoFen|percent)$/.exec(issue.path);
    if (!m) return [];
    const name = ['rules', 'mutualAid', 'tiers', Number(m[1]), m[2] === 'uptoFen' ? 'uptoYuan' : 'percent'];
    return [{ name, errors: [issue.message] }];
  });
  if (tiers.length === 0) return showFormError(form, error, message, fieldOf);
  form.setFields(tiers);
  showFormError(form, error, { ...message, error: () => undefined } as unknown as MessageInstance, fieldOf);
  void message.error(error instanceof ApiError ? error.message : String(error));
}

/** One input per review level, level 1 first (基层工会初审, 主席办公会, 党组会). */
function StepNames({
  levels,
  value = [],
  onChange,
}: {
  levels: number;
  value?: string[];
  onChange?(names: string[]): void;
}) {
  const { t } = useTranslation();
  const count = Math.max(1, Math.min(5, Number.isInteger(levels) ? levels : 1));
  return (
    <Space wrap>
      {Array.from({ length: count }, (_, i) => (
        <Input
          key={i}
          style={{ width: 160 }}
          maxLength={50}
          addonBefore={i + 1}
          aria-label={t('kindRules.stepN', { level: i + 1 })}
          placeholder={t('kindRules.stepPlaceholder')}
          value={value[i] ?? ''}
          onChange={(e) => {
            const next = Array.from({ length: count }, (_, j) => value[j] ?? '');
            next[i] = e.target.value;
            onChange?.(next);
          }}
          data-testid={`step-name-${i + 1}`}
        />
      ))}
    </Space>
  );
}

function yuanInput(testId?: string) {
  return <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid={testId} />;
}

/** 劳模三金: the fund, who may apply, the yearly standard per honour level, whether the year's check is required. */
function ModelWorkerFundFields() {
  const { t } = useTranslation();
  return (
    <>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name={['rules', 'modelWorkerFund', 'fund']}
            label={t('kindRules.fund')}
            rules={[{ required: true }]}
          >
            <FormSelect
              options={modelWorkerFunds.map((f) => ({ value: f, label: t(`kindLabels.fund.${f}`) }))}
              data-testid="rules-fund"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name={['rules', 'modelWorkerFund', 'requireYearlyCheck']}
            label={t('kindRules.requireYearlyCheck')}
            extra={t('kindRules.requireYearlyCheckHint')}
            valuePropName="checked"
          >
            <Switch />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name={['rules', 'modelWorkerFund', 'honourLevels']}
        label={t('kindRules.honourLevels')}
        extra={t('kindRules.honourLevelsHint')}
      >
        <Checkbox.Group options={honourLevels.map((l) => ({ value: l, label: t(`kindLabels.honourLevel.${l}`) }))} />
      </Form.Item>
      <Typography.Text type="secondary">{t('kindRules.standardByLevelHint')}</Typography.Text>
      <Row gutter={16}>
        {honourLevels.map((l) => (
          <Col span={8} key={l}>
            <Form.Item
              name={['rules', 'modelWorkerFund', 'standardYuanByHonourLevel', l]}
              label={t('kindRules.standardForLevel', { level: t(`kindLabels.honourLevel.${l}`) })}
            >
              {yuanInput()}
            </Form.Item>
          </Col>
        ))}
      </Row>
    </>
  );
}

/**
 * A required Form.Item hands its control `aria-required`, which a group of checkboxes (a plain div) may not carry
 * (axe: aria-allowed-attr); the label's mark and the item's message say it is required (as FormSelect does).
 */
function GroupChecks(props: CheckboxGroupProps<string> & { 'aria-required'?: boolean | 'true' | 'false' }) {
  const { 'aria-required': _required, ...group } = props;
  return <Checkbox.Group {...group} />;
}

function StudentAidFields() {
  const { t } = useTranslation();
  return (
    <Form.Item
      name={['rules', 'studentAid', 'groups']}
      label={t('kindRules.groups')}
      extra={t('kindRules.groupsHint')}
      rules={[{ required: true }]}
    >
      <GroupChecks options={studentAidGroups.map((g) => ({ value: g, label: t(`kindLabels.group.${g}`) }))} />
    </Form.Item>
  );
}

function WorkStudyFields() {
  const { t } = useTranslation();
  return (
    <Row gutter={16}>
      <Col span={12}>
        <Form.Item name={['rules', 'workStudy', 'perDayYuan']} label={t('kindRules.perDay')}>
          {yuanInput('rules-per-day')}
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name={['rules', 'workStudy', 'perMonthYuan']} label={t('kindRules.perMonth')}>
          {yuanInput('rules-per-month')}
        </Form.Item>
      </Col>
    </Row>
  );
}

/** 医疗互助: bands of each bill's self-paid part, each paid at its percent; the last may be open-ended. */
function MutualAidFields() {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('kindRules.tiersHint')}</Typography.Paragraph>
      <Form.List name={['rules', 'mutualAid', 'tiers']}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Row gutter={16} key={field.key} align="top">
                <Col span={11}>
                  <Form.Item
                    name={[field.name, 'uptoYuan']}
                    label={t('kindRules.tierUpto', { n: i + 1 })}
                    extra={i === fields.length - 1 ? t('kindRules.tierOpenHint') : undefined}
                  >
                    <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid={`tier-upto-${i + 1}`} />
                  </Form.Item>
                </Col>
                <Col span={9}>
                  <Form.Item
                    name={[field.name, 'percent']}
                    label={t('kindRules.tierPercent', { n: i + 1 })}
                    rules={[{ required: true }]}
                  >
                    <InputNumber
                      min={0}
                      max={100}
                      precision={0}
                      addonAfter="%"
                      style={{ width: '100%' }}
                      data-testid={`tier-percent-${i + 1}`}
                    />
                  </Form.Item>
                </Col>
                <Col span={4} style={{ paddingTop: 30 }}>
                  {fields.length > 1 && (
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label={t('kindRules.removeTier', { n: i + 1 })}
                      onClick={() => remove(field.name)}
                    />
                  )}
                </Col>
              </Row>
            ))}
            {fields.length < 10 && (
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} data-testid="add-tier">
                {t('kindRules.addTier')}
              </Button>
            )}
          </>
        )}
      </Form.List>
      <Form.Item
        name={['rules', 'mutualAid', 'perMemberCapYuan']}
        label={t('kindRules.perMemberCap')}
        extra={t('kindRules.perMemberCapHint')}
        style={{ marginTop: 16 }}
      >
        {yuanInput('rules-member-cap')}
      </Form.Item>
    </>
  );
}

/** The create form's part that follows the kind chosen, and the review steps' names (one per level). */
export function KindRulesFields() {
  const { t } = useTranslation();
  const kind = Form.useWatch<ProgrammeKind | undefined>('kind');
  const levels = Form.useWatch<number | undefined>(['rules', 'reviewLevels']) ?? 1;
  const kindFields =
    kind === 'model_worker_fund' ? (
      <ModelWorkerFundFields />
    ) : kind === 'student_aid' ? (
      <StudentAidFields />
    ) : kind === 'work_study' ? (
      <WorkStudyFields />
    ) : kind === 'medical_mutual_aid' ? (
      <MutualAidFields />
    ) : null;
  return (
    <>
      <Row gutter={16}>
        <Col span={14}>
          <Form.Item
            name={['rules', 'reviewStepNames']}
            label={t('kindRules.stepNames')}
            extra={t('kindRules.stepNamesHint')}
          >
            <StepNames levels={levels} />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name={['rules', 'reviewChainShape']} label={t('kindRules.chainShape')}>
            <Radio.Group>
              <Space direction="vertical">
                <Radio value="up_the_tree">{t('kindRules.upTheTree')}</Radio>
                <Radio value="union_then_programme">{t('kindRules.unionThenProgramme')}</Radio>
              </Space>
            </Radio.Group>
          </Form.Item>
        </Col>
      </Row>
      {kindFields && (
        <>
          <Divider orientation="left" plain>
            {t(`programmeKind.${kind}`)}
          </Divider>
          {kindFields}
        </>
      )}
    </>
  );
}

/**
 * The programme's kind rules and step names in words, as Descriptions items for its page (antd reads its items'
 * props, so this is a function, not a component).
 */
export function kindRuleItems(p: Programme, t: TFunction): ReactNode[] {
  const r = p.rules;
  const items: ReactNode[] = [];
  const add = (key: string, label: string, value: ReactNode, span = 1) =>
    items.push(
      <Descriptions.Item key={key} label={label} span={span}>
        {value}
      </Descriptions.Item>,
    );
  if (r.reviewStepNames && r.reviewStepNames.length > 0)
    add(
      'steps',
      t('kindRules.steps'),
      <span data-testid="programme-steps">{r.reviewStepNames.join(' → ')}</span>,
      r.reviewChainShape === 'union_then_programme' ? 1 : 2,
    );
  if (r.reviewChainShape === 'union_then_programme')
    add('shape', t('kindRules.chainShape'), t('kindRules.unionThenProgramme'));
  const m = r.modelWorkerFund;
  if (m) {
    add('fund', t('kindRules.fund'), t(`kindLabels.fund.${m.fund}`));
    add(
      'levels',
      t('kindRules.honourLevels'),
      (m.honourLevels ?? honourLevels).map((l) => {
        const fen = m.standardFenByHonourLevel?.[l];
        return (
          <Tag key={l}>
            {t(`kindLabels.honourLevel.${l}`)}
            {fen !== undefined && ` ${yuan(fen)}`}
          </Tag>
        );
      }),
    );
    add('check', t('kindRules.requireYearlyCheck'), m.requireYearlyCheck ? t('kindRules.yes') : t('kindRules.no'));
  }
  if (r.studentAid)
    add(
      'groups',
      t('kindRules.groups'),
      r.studentAid.groups.map((g) => <Tag key={g}>{t(`kindLabels.group.${g}`)}</Tag>),
      2,
    );
  if (r.workStudy) {
    add('perDay', t('workStudy.perDay'), yuan(r.workStudy.perDayFen));
    add('perMonth', t('workStudy.perMonth'), yuan(r.workStudy.perMonthFen));
  }
  const a = r.mutualAid;
  if (a) {
    add(
      'tiers',
      t('kindRules.tiers'),
      <span data-testid="programme-tiers">
        {a.tiers.map((tier, i) => {
          const from = i === 0 ? 0 : (a.tiers[i - 1]?.uptoFen ?? 0);
          return (
            <Tag key={i}>
              {tier.uptoFen === undefined
                ? t('mutualAid.bandOpen', { from: yuan(from) })
                : `${yuan(from)} – ${yuan(tier.uptoFen)}`}{' '}
              {tier.percent}%
            </Tag>
          );
        })}
      </span>,
      2,
    );
    add('cap', t('mutualAid.capLimit'), yuan(a.perMemberCapFen));
  }
  return items;
}
