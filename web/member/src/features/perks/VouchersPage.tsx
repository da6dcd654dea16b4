import { Card, DotLoading, Empty, NavBar, Tag } from 'antd-mobile';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api';

interface Voucher {
  id: string;
  code: string;
  state: 'issued' | 'redeemed';
  issuedAt: string;
  redeemedAt: string | null;
  campaign: { id: string; title: string; faceValueFen: number | null; endsAt: string };
  merchant: { id: string; name: string } | null;
}

/** My vouchers: each code as text and as a QR code for the shop to scan. */
export function VouchersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [items, setItems] = useState<(Voucher & { qr: string })[] | null>(null);
  useEffect(() => {
    void api
      .get<{ items: Voucher[] }>('/api/v1/me/vouchers')
      .then(async (r) => setItems(await Promise.all(r.items.map(async (v) => ({ ...v, qr: await QRCode.toDataURL(v.code, { margin: 1, width: 200 }) })))));
  }, []);
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
      <NavBar onBack={() => navigate('/perks')}>{t('perks.mine')}</NavBar>
      {!items && (
        <div style={{ textAlign: 'center', padding: 32 }}>
          <DotLoading />
        </div>
      )}
      {items && items.length === 0 && <Empty description={t('perks.noVouchers')} />}
      {items?.map((v) => (
        <Card
          key={v.id}
          style={{ margin: 12 }}
          title={v.campaign.title}
          extra={<Tag color={v.state === 'issued' ? 'success' : 'default'}>{t(`perks.state.${v.state}`)}</Tag>}
        >
          <div style={{ textAlign: 'center', opacity: v.state === 'issued' ? 1 : 0.35 }}>
            <img src={v.qr} width={160} height={160} alt={v.code} />
            <div style={{ fontFamily: 'monospace', fontSize: 20, letterSpacing: 2 }} data-testid="voucher-code">
              {v.code}
            </div>
            {v.merchant && <div style={{ color: '#666' }}>{v.merchant.name}</div>}
          </div>
        </Card>
      ))}
    </div>
  );
}
