import { Alert, Button, Card, DatePicker, Input, Space, Statistic, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../../shared/api';
import { api } from '../../api';

interface Month {
  count: number;
  totalFen: number;
  items: { code: string; campaign: string; faceValueFen: number | null; redeemedAt: string }[];
}

interface Redeemed {
  voucher: { code: string; campaign: { title: string; faceValueFen: number | null }; redeemedAt: string | null };
}

/** 核销: the shop types (or scans into the field) the member's code. */
export function RedeemPage() {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [card, setCard] = useState('');
  const [breakfast, setBreakfast] = useState<{ ok: boolean; text: string } | null>(null);
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const [summary, setSummary] = useState<Month | null>(null);
  const monthText = month.format('YYYY-MM');
  const loadMonth = useCallback(() => api.get<Month>(`/api/v1/merchant/redemptions?month=${monthText}`).then(setSummary, () => setSummary(null)), [monthText]);
  useEffect(() => {
    void loadMonth();
  }, [loadMonth]);

  async function redeem() {
    setBusy(true);
    try {
      const r = await api.post<Redeemed>('/api/v1/merchant/redemptions', { code: code.trim() });
      setResult({ ok: true, text: t('perks.redeemed', { title: r.voucher.campaign.title }) });
      setCode('');
      await loadMonth();
    } catch (e) {
      setResult({ ok: false, text: describeError(e) });
    } finally {
      setBusy(false);
    }
  }

  async function serveBreakfast() {
    try {
      const r = await api.post<{ name: string }>('/api/v1/merchant/breakfasts', { code: card.trim() });
      setBreakfast({ ok: true, text: t('perks.breakfastServed', { name: r.name }) });
      setCard('');
    } catch (e) {
      setBreakfast({ ok: false, text: describeError(e) });
    }
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
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
          <Button size="large" block disabled={card.trim().length < 12} onClick={() => void serveBreakfast()} data-testid="serve-breakfast">
            {t('perks.serve')}
          </Button>
          {breakfast && <Alert type={breakfast.ok ? 'success' : 'error'} message={breakfast.text} data-testid="breakfast-result" />}
          <Button
            type="link"
            onClick={() => void api.download(`/api/v1/merchant/breakfast-settlement.xlsx?month=${monthText}`, `${monthText}爱心早餐结算.xlsx`)}
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
          <Button type="primary" size="large" block disabled={code.trim().length < 6} loading={busy} onClick={() => void redeem()} data-testid="redeem">
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
            <Button onClick={() => void api.download(`/api/v1/merchant/settlement.xlsx?month=${monthText}`, `${monthText}结算单.xlsx`)}>
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
                { title: t('perks.redeemedAt'), render: (_, r) => new Date(r.redeemedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }) },
                { title: t('perks.code'), dataIndex: 'code' },
                { title: t('perks.title'), dataIndex: 'campaign' },
                { title: t('perks.faceValue'), render: (_, r) => (r.faceValueFen === null ? '—' : (r.faceValueFen / 100).toFixed(2)) },
              ]}
            />
          </>
        )}
      </Card>
    </Space>
  );
}
