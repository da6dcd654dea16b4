import { Alert, Button, Card, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../../shared/api';
import { api } from '../../api';

interface Redeemed {
  voucher: { code: string; campaign: { title: string; faceValueFen: number | null }; redeemedAt: string | null };
}

/** 核销: the shop types (or scans into the field) the member's code. */
export function RedeemPage() {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function redeem() {
    setBusy(true);
    try {
      const r = await api.post<Redeemed>('/api/v1/merchant/redemptions', { code: code.trim() });
      setResult({ ok: true, text: t('perks.redeemed', { title: r.voucher.campaign.title }) });
      setCode('');
    } catch (e) {
      setResult({ ok: false, text: describeError(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
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
  );
}
