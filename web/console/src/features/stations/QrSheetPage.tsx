import { Button, Space, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { QueryError } from '../../QueryError';
import { useAllActiveStations, type StationType } from './queries';

/** A printable sheet: one card per active station with its QR code, name and code, to post in the station. */
export function QrSheetPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const {
    data: stations,
    error,
    refetch,
  } = useAllActiveStations({
    orgId: params.get('orgId') ?? undefined,
    type: (params.get('type') as StationType | null) ?? undefined,
  });

  return (
    <div>
      <style>{`@media print { .no-print, .ant-layout-sider, .ant-layout-header { display: none !important; } .qr-card { break-inside: avoid; } }`}</style>
      <Space className="no-print" style={{ marginBottom: 16 }}>
        <Button onClick={() => navigate('/stations')}>{t('back')}</Button>
        <Button type="primary" onClick={() => window.print()}>
          {t('stations.print')}
        </Button>
      </Space>
      {error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : !stations ? (
        <Spin />
      ) : (
        <div
          style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 16 }}
          data-testid="qr-grid"
        >
          {stations.map((s) => (
            <div
              key={s.code}
              className="qr-card"
              style={{
                border: '1px solid #ddd',
                borderRadius: 8,
                padding: 12,
                textAlign: 'center',
                background: '#fff',
              }}
            >
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
