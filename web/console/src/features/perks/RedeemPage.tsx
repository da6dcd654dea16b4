import { ScanOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Input, Modal, Space, Statistic, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../../shared/api';
import { api } from '../../api';
import { CameraScanner } from './CameraScanner';
import { useRedeem, useRedemptionMonth, useServeBreakfast } from './queries';

/** 核销: the shop scans the member's QR code with the camera, or types the code (a USB scanner types it too). */
export function RedeemPage() {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [scanning, setScanning] = useState(false);
  const [card, setCard] = useState('');
  const [breakfast, setBreakfast] = useState<{ ok: boolean; text: string } | null>(null);
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const monthText = month.format('YYYY-MM');
  // The month's summary is a convenience under the till: without it, redeeming still works.
  const summary = useRedemptionMonth(monthText).data;
  const redemption = useRedeem();
  const breakfastServing = useServeBreakfast();
  const busy = redemption.isPending;

  async function redeem(value = code) {
    try {
      const r = await redemption.mutateAsync(value.trim());
      setResult({ ok: true, text: t('perks.redeemed', { title: r.voucher.campaign.title }) });
      setCode('');
    } catch (e) {
      setResult({ ok: false, text: describeError(e) });
    }
  }

  async function serveBreakfast(value = card) {
    try {
      const r = await breakfastServing.mutateAsync(value.trim());
      setBreakfast({ ok: true, text: t('perks.breakfastServed', { name: r.name }) });
      setCard('');
    } catch (e) {
      setBreakfast({ ok: false, text: describeError(e) });
    }
  }

  /** A scanned code: breakfast cards start with BF, everything else is a voucher. */
  function scanned(text: string) {
    setScanning(false);
    const value = text.toUpperCase();
    if (value.startsWith('BF')) {
      setCard(value);
      void serveBreakfast(value);
    } else {
      setCode(value);
      void redeem(value);
    }
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button
        type="primary"
        size="large"
        icon={<ScanOutlined />}
        onClick={() => setScanning(true)}
        style={{ maxWidth: 520 }}
        block
        data-testid="open-scanner"
      >
        {t('scan.open')}
      </Button>
      <Modal open={scanning} title={t('scan.open')} footer={null} onCancel={() => setScanning(false)} destroyOnHidden>
        <CameraScanner onCode={scanned} />
      </Modal>
      <Card title={t('perks.breakfast')} style={{ maxWidth: 520 }}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input
            size="large"
            placeholder="BF…"
            value={card}
            onChange={(e) => setCard(e.target.value.toUpperCase())}
            onPressEnter={() => void serveBreakfast()}
            data-testid="breakfast-card"
          />
          <Button
            size="large"
            block
            disabled={card.trim().length < 12}
            onClick={() => void serveBreakfast()}
            data-testid="serve-breakfast"
          >
            {t('perks.serve')}
          </Button>
          {breakfast && (
            <Alert type={breakfast.ok ? 'success' : 'error'} message={breakfast.text} data-testid="breakfast-result" />
          )}
          <Button
            type="link"
            onClick={() =>
              void api.download(
                `/api/v1/merchant/breakfast-settlement.xlsx?month=${monthText}`,
                `${monthText}爱心早餐结算.xlsx`,
              )
            }
          >
            {t('perks.breakfastSettlement')}
          </Button>
        </Space>
      </Card>
      <Card title={t('nav.redeem')} style={{ maxWidth: 520 }}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input
            size="large"
            placeholder={t('perks.codePlaceholder')}
            value={code}
            onChange={(e) => setCode(e.target.value.toUpperCase())}
            onPressEnter={() => void redeem()}
            data-testid="redeem-code"
          />
          <Button
            type="primary"
            size="large"
            block
            disabled={code.trim().length < 6}
            loading={busy}
            onClick={() => void redeem()}
            data-testid="redeem"
          >
            {t('perks.redeem')}
          </Button>
          {result && <Alert type={result.ok ? 'success' : 'error'} message={result.text} data-testid="redeem-result" />}
        </Space>
      </Card>
      <Card
        title={t('perks.settlement')}
        extra={
          <Space>
            <DatePicker picker="month" value={month} onChange={(m) => m && setMonth(m)} allowClear={false} />
            <Button
              onClick={() =>
                void api.download(`/api/v1/merchant/settlement.xlsx?month=${monthText}`, `${monthText}结算单.xlsx`)
              }
            >
              {t('members.export')}
            </Button>
          </Space>
        }
      >
        {summary && (
          <>
            <Space size="large">
              <Statistic title={t('perks.count')} value={summary.count} />
              <Statistic title={t('perks.total')} value={summary.totalFen / 100} precision={2} prefix="¥" />
            </Space>
            <Table
              rowKey="code"
              size="small"
              dataSource={summary.items}
              pagination={{ pageSize: 20 }}
              columns={[
                {
                  title: t('perks.redeemedAt'),
                  render: (_, r) => new Date(r.redeemedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }),
                },
                { title: t('perks.code'), dataIndex: 'code' },
                { title: t('perks.title'), dataIndex: 'campaign' },
                {
                  title: t('perks.faceValue'),
                  render: (_, r) => (r.faceValueFen === null ? '—' : (r.faceValueFen / 100).toFixed(2)),
                },
              ]}
            />
          </>
        )}
      </Card>
    </Space>
  );
}
