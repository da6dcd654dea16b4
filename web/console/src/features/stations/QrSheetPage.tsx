import { Button, Space, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { query, type Page } from '../../../../shared/api';
import { api } from '../../api';
import type { StaffStation } from './types';

/** A printable sheet: one card per active station with its QR code, name and code, to post in the station. */
export function QrSheetPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [stations, setStations] = useState<StaffStation[] | null>(null);

  useEffect(() => {
    void (async () => {
      const all: StaffStation[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<StaffStation> = await api.get<Page<StaffStation>>(
          `/api/v1/stations${query({ orgId: params.get('orgId'), type: params.get('type'), status: 'active', limit: 100, cursor })}`,
        );
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      setStations(all);
    })();
  }, [params]);

  return (
    <div>
      <style>{`@media print { .no-print, .ant-layout-sider, .ant-layout-header { display: none !important; } .qr-card { break-inside: avoid; } }`}</style>
      <Space className="no-print" style={{ marginBottom: 16 }}>
        <Button onClick={() => navigate('/stations')}>{t('back')}</Button>
        <Button type="primary" onClick={() => window.print()}>
          {t('stations.print')}
        </Button>
      </Space>
      {!stations ? (
        <Spin />
      ) : (
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 16 }} data-testid="qr-grid">
          {stations.map((s) => (
            <div key={s.code} className="qr-card" style={{ border: '1px solid #ddd', borderRadius: 8, padding: 12, textAlign: 'center', background: '#fff' }}>
              <div style={{ fontWeight: 600 }}>{s.name}</div>
              <img src={`/api/v1/stations/${s.code}/qr.svg`} alt={s.code} width={180} height={180} />
              <div style={{ fontFamily: 'monospace' }}>{s.code}</div>
              <div style={{ fontSize: 12, color: '#666' }}>{t('stations.scanToRate')}</div>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
