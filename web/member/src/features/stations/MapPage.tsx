import { Button, CapsuleTabs, Empty, List, Switch, Tag } from 'antd-mobile';
import { NavBar } from '../../NavBar';
import { lazy, Suspense, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { useNearby, useTileConfig } from './queries';
import { fallbackPosition, formatDistance, navigationUrl, stationTypes } from './types';

type Position = { lat: number; lng: number };

// Leaflet (the larger part of this page) loads beside the list, which shows without waiting for it.
const StationMap = lazy(() => import('./StationMap').then((m) => ({ default: m.StationMap })));
/** The map's place, kept while it loads: nothing below it moves when it appears. */
const mapSpace = <div style={{ height: 260, background: '#e8e8e8' }} />;

function locate(): Promise<Position> {
  return new Promise((resolve, reject) => {
    if (!navigator.geolocation) return reject(new Error('no geolocation'));
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude }),
      (e) => reject(new Error(e.message)),
      { enableHighAccuracy: true, timeout: 8000, maximumAge: 60_000 },
    );
  });
}

export function MapPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // The Bell Tower until the member asks for their own position: no location prompt on opening the map.
  const [position, setPosition] = useState<Position>(fallbackPosition);
  const [located, setLocated] = useState<boolean | null>(null);
  const [locating, setLocating] = useState(false);
  const [type, setType] = useState<(typeof stationTypes)[number] | 'all'>('all');
  const [openNow, setOpenNow] = useState(false);

  const config = useTileConfig();
  // No tiles (a failed read): the map stays blank, the list of stations still works.
  const tiles = config.data ?? (config.error ? { mapTileUrl: '', mapAttribution: '' } : null);

  async function findNearest() {
    setLocating(true);
    try {
      setPosition(await locate());
      setLocated(true);
    } catch {
      setPosition(fallbackPosition);
      setLocated(false);
    } finally {
      setLocating(false);
    }
  }

  const nearby = useNearby({ ...position, type: type === 'all' ? undefined : type, openNow });
  // A changed filter or position shows the spinner, not the previous answer.
  const items = nearby.data;

  const open = useCallback((code: string) => navigate(`/s/${code}?from=map`), [navigate]);

  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
      <NavBar onBack={() => navigate('/')}>{t('svc.map')}</NavBar>
      {located === null && (
        <div className="su-notice" role="status" data-testid="map-default-centre">
          {t('map.defaultCentre')}
        </div>
      )}
      {located === false && (
        <div className="su-notice" role="status">
          {t('map.noLocation')}
        </div>
      )}
      {tiles ? (
        <Suspense fallback={mapSpace}>
          <StationMap tiles={tiles} center={position} stations={items ?? []} onPick={open} />
        </Suspense>
      ) : (
        mapSpace
      )}
      <div
        style={{
          background: '#fff',
          padding: '4px 8px',
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
        }}
      >
        <span>
          <Switch checked={openNow} onChange={setOpenNow} data-testid="open-now" /> <span>{t('map.openNow')}</span>
        </span>
        <Button
          size="small"
          color="primary"
          className="su-tap"
          loading={locating}
          onClick={() => void findNearest()}
          data-testid="find-nearest"
        >
          {t('map.nearest')}
        </Button>
      </div>
      <CapsuleTabs activeKey={type} onChange={(k) => setType(k as typeof type)}>
        <CapsuleTabs.Tab title={t('map.all')} key="all" />
        {stationTypes.map((k) => (
          <CapsuleTabs.Tab title={t(`stationType.${k}`)} key={k} />
        ))}
      </CapsuleTabs>
      {nearby.error ? (
        <ErrorState error={nearby.error} onRetry={() => void nearby.refetch()} />
      ) : !items ? (
        <PageLoading />
      ) : null}
      {!nearby.error && items && items.length === 0 && <Empty description={t('map.none')} />}
      {!nearby.error && items && items.length > 0 && (
        <List data-testid="station-list">
          {items.map((s) => (
            <List.Item
              key={s.code}
              onClick={() => open(s.code)}
              description={s.address}
              extra={
                <a
                  href={navigationUrl(s)}
                  className="su-tap"
                  onClick={(e) => e.stopPropagation()}
                  target="_blank"
                  rel="noreferrer"
                  data-testid="navigate"
                >
                  {t('map.navigate')}
                </a>
              }
            >
              <span data-testid="station-name">{s.name}</span>{' '}
              <Tag color={s.openNow ? 'success' : 'default'}>{s.openNow ? t('map.open') : t('map.closed')}</Tag>{' '}
              <span className="su-hint">{formatDistance(s.distanceM)}</span>
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
