import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ButtonProps, FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldIssues } from '../../../../shared/api';
import { showFormError } from '../../forms';
import { toFen, yuan } from './format';
import { useFileClaim, type Claim, type ClaimComputation, type Enrolment, type NewClaim } from './kinds.queries';
import type { Programme } from './queries';

interface BillForm {
  totalYuan?: number | null;
  basicYuan?: number | null;
  majorYuan?: number | null;
  admittedOn?: Dayjs | null;
  hospital?: string;
}
interface ClaimForm {
  bills: BillForm[];
  bank?: string;
  accountNo?: string;
}

const billField: Record<string, keyof BillForm> = {
  totalFen: 'totalYuan',
  basicInsuranceFen: 'basicYuan',
  majorIllnessFen: 'majorYuan',
  admittedOn: 'admittedOn',
  hospital: 'hospital',
};

/** A bill's own errors (`bills.0.totalFen`, `bills.1.admittedOn`) on its row; the rest go through showFormError. */
function showBillErrors(form: FormInstance, error: unknown): boolean {
  const fields = fieldIssues(error).flatMap((issue) => {
    const m = /^bills\.(\d+)(?:\.(\w+))?$/.exec(issue.path);
    if (!m) return [];
    const field = billField[m[2] ?? 'totalFen'] ?? 'totalYuan';
    return [{ name: ['bills', Number(m[1]), field], errors: [issue.message] }];
  });
  if (fields.length > 0) form.setFields(fields);
  return fields.length > 0;
}

/** The server's computation: every bill's self-paid part cut into the tiers' bands, the sum, and the member's cap. */
export function ClaimResult({ computation: c }: { computation: ClaimComputation }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="claim-result">
      {c.bills.map((b) => (
        <Card key={b.index} size="small" title={t('mutualAid.billN', { n: b.index + 1 })}>
          <Descriptions size="small" column={2}>
            <Descriptions.Item label={t('mutualAid.total')}>{yuan(b.totalFen)}</Descriptions.Item>
            <Descriptions.Item label={t('mutualAid.basic')}>{yuan(b.basicInsuranceFen)}</Descriptions.Item>
            <Descriptions.Item label={t('mutualAid.major')}>{yuan(b.majorIllnessFen)}</Descriptions.Item>
            <Descriptions.Item label={t('mutualAid.selfPaid')}>{yuan(b.selfPaidFen)}</Descriptions.Item>
          </Descriptions>
          <Table
            size="small"
            rowKey="fromFen"
            pagination={false}
            dataSource={b.tiers}
            data-testid={`claim-bill-${b.index + 1}-tiers`}
            columns={[
              {
                title: t('mutualAid.band'),
                render: (_, tier) =>
                  tier.uptoFen === null
                    ? t('mutualAid.bandOpen', { from: yuan(tier.fromFen) })
                    : `${yuan(tier.fromFen)} – ${yuan(tier.uptoFen)}`,
              },
              { title: t('mutualAid.percent'), render: (_, tier) => `${tier.percent}%`, align: 'right' },
              { title: t('mutualAid.base'), render: (_, tier) => yuan(tier.baseFen), align: 'right' },
              { title: t('mutualAid.paid'), render: (_, tier) => yuan(tier.paidFen), align: 'right' },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={3}>
                  {t('mutualAid.billComputed')}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {yuan(b.computedFen)}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
        </Card>
      ))}
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={t('mutualAid.computed')}>
          <span data-testid="claim-computed">{yuan(c.computedFen)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('mutualAid.capLimit')}>{yuan(c.cap.limitFen)}</Descriptions.Item>
        <Descriptions.Item label={t('mutualAid.capUsed')}>
          <span data-testid="claim-cap-used">{yuan(c.cap.usedBeforeFen)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('mutualAid.capLeft')}>
          <span data-testid="claim-cap-left">{yuan(c.cap.leftBeforeFen)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('mutualAid.amount')} span={2}>
          <Space>
            <Typography.Text strong data-testid="claim-amount">
              {yuan(c.amountFen)}
            </Typography.Text>
            {c.capped && (
              <Tag color="orange" data-testid="claim-capped">
                {t('mutualAid.capped')}
              </Tag>
            )}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('mutualAid.capLeftAfter')} span={2}>
          {yuan(c.cap.leftBeforeFen - c.amountFen)}
        </Descriptions.Item>
      </Descriptions>
      {c.capped && (
        <Alert
          type="warning"
          showIcon
          message={t('mutualAid.cappedHint', { computed: yuan(c.computedFen), amount: yuan(c.amountFen) })}
        />
      )}
    </Space>
  );
}

/** Files a claim for an enrolled member: the bills in yuan; the answer is the server's computation, shown as is. */
export function MutualAidClaim({
  programme,
  enrolment,
  onClose,
}: {
  programme: Programme;
  enrolment: Enrolment | null;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ClaimForm>();
  const claim = useFileClaim(programme.id);
  // One key per claim: a retried submit is the same claim, not a second one.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [filed, setFiled] = useState<Claim | null>(null);
  const [refused, setRefused] = useState<ApiError | null>(null);

  async function submit(v: ClaimForm) {
    if (!enrolment) return;
    setRefused(null);
    const body: NewClaim = {
      programmeId: programme.id,
      memberId: enrolment.member.id,
      bills: v.bills.map((b) => ({
        totalFen: toFen(b.totalYuan ?? 0),
        basicInsuranceFen: toFen(b.basicYuan ?? 0),
        majorIllnessFen: toFen(b.majorYuan ?? 0),
        admittedOn: b.admittedOn?.format('YYYY-MM-DD') ?? '',
        ...(b.hospital ? { hospital: b.hospital } : {}),
      })),
      ...(v.bank || v.accountNo ? { payee: { bank: v.bank ?? '', accountNo: v.accountNo ?? '' } } : {}),
    };
    try {
      setFiled(await claim.mutateAsync({ body, key }));
      setKey(crypto.randomUUID());
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setRefused(e);
        setKey(crypto.randomUUID());
        return;
      }
      if (!showBillErrors(form, e))
        showFormError(form, e, message, { 'payee.bank': 'bank', 'payee.accountNo': 'accountNo' });
      else void message.error(e instanceof ApiError ? e.message : String(e));
    }
  }

  function close() {
    setFiled(null);
    setRefused(null);
    onClose();
  }

  return (
    <Modal
      open={enrolment !== null}
      width={760}
      title={enrolment ? t('mutualAid.claimFor', { name: enrolment.member.name }) : ''}
      onCancel={close}
      onOk={() => (filed ? close() : form.submit())}
      okText={filed ? t('mutualAid.done') : undefined}
      okButtonProps={{ loading: claim.isPending, 'data-testid': 'submit-claim' } as ButtonProps}
      cancelButtonProps={filed ? { style: { display: 'none' } } : undefined}
      destroyOnHidden
      afterClose={() => form.resetFields()}
    >
      {refused && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          data-testid="claim-refused"
          data-code={refused.code}
          message={t(`mutualAid.refused.${refused.code}`, { defaultValue: refused.code })}
          description={refused.message}
        />
      )}
      {filed ? (
        <>
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 12 }}
            message={t('mutualAid.filed', { name: filed.application.member.name })}
          />
          <ClaimResult computation={filed.computation} />
        </>
      ) : (
        <Form<ClaimForm> form={form} layout="vertical" initialValues={{ bills: [{}] }} onFinish={(v) => void submit(v)}>
          <Form.List name="bills">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <Card
                    key={field.key}
                    size="small"
                    style={{ marginBottom: 12 }}
                    title={t('mutualAid.billN', { n: i + 1 })}
                    extra={
                      fields.length > 1 && (
                        <Button
                          type="text"
                          icon={<MinusCircleOutlined />}
                          aria-label={t('mutualAid.removeBill', { n: i + 1 })}
                          onClick={() => remove(field.name)}
                        />
                      )
                    }
                  >
                    <Row gutter={12}>
                      <Col span={8}>
                        <Form.Item
                          name={[field.name, 'totalYuan']}
                          label={t('mutualAid.totalYuan')}
                          rules={[{ required: true }]}
                        >
                          <InputNumber
                            min={0}
                            precision={2}
                            style={{ width: '100%' }}
                            data-testid={`bill-total-${i + 1}`}
                          />
                        </Form.Item>
                      </Col>
                      <Col span={8}>
                        <Form.Item
                          name={[field.name, 'basicYuan']}
                          label={t('mutualAid.basicYuan')}
                          rules={[{ required: true }]}
                        >
                          <InputNumber
                            min={0}
                            precision={2}
                            style={{ width: '100%' }}
                            data-testid={`bill-basic-${i + 1}`}
                          />
                        </Form.Item>
                      </Col>
                      <Col span={8}>
                        <Form.Item
                          name={[field.name, 'majorYuan']}
                          label={t('mutualAid.majorYuan')}
                          rules={[{ required: true }]}
                        >
                          <InputNumber
                            min={0}
                            precision={2}
                            style={{ width: '100%' }}
                            data-testid={`bill-major-${i + 1}`}
                          />
                        </Form.Item>
                      </Col>
                    </Row>
                    <Row gutter={12}>
                      <Col span={8}>
                        <Form.Item
                          name={[field.name, 'admittedOn']}
                          label={t('mutualAid.admittedOn')}
                          rules={[{ required: true }]}
                        >
                          <DatePicker style={{ width: '100%' }} data-testid={`bill-admitted-${i + 1}`} />
                        </Form.Item>
                      </Col>
                      <Col span={16}>
                        <Form.Item
                          name={[field.name, 'hospital']}
                          label={t('mutualAid.hospital')}
                          rules={[{ max: 100 }]}
                        >
                          <Input maxLength={100} data-testid={`bill-hospital-${i + 1}`} />
                        </Form.Item>
                      </Col>
                    </Row>
                  </Card>
                ))}
                {fields.length < 20 && (
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 12 }}>
                    {t('mutualAid.addBill')}
                  </Button>
                )}
              </>
            )}
          </Form.List>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="bank" label={t('benefitApps.payeeBank')}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="accountNo" label={t('benefitApps.payeeAccount')}>
                <Input inputMode="numeric" autoComplete="off" />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      )}
    </Modal>
  );
}
