import { Button, CapsuleTabs, DotLoading, Empty, List, NavBar, NoticeBar, Switch, Tag } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { describeError, query } from '../../../../shared/api';
import { api } from '../../api';
import { StationMap, type TileConfig } from './StationMap';
import { fallbackPosition, formatDistance, navigationUrl, stationTypes, type NearbyStation } from './types';

type Position = { lat: number; lng: number };

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
  const [tiles, setTiles] = useState<TileConfig | null>(null);
  const [position, setPosition] = useState<Position | null>(null);
  const [located, setLocated] = useState<boolean | null>(null);
  const [type, setType] = useState('all');
  const [openNow, setOpenNow] = useState(false);
  const [items, setItems] = useState<NearbyStation[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.get<TileConfig>('/api/v1/public-config').then(setTiles, () => setTiles({ mapTileUrl: '', mapAttribution: '' }));
  }, []);

  const findNearest = useCallback(async () => {
    try {
      setPosition(await locate());
      setLocated(true);
    } catch {
      setPosition(fallbackPosition);
      setLocated(false);
    }
  }, []);

  useEffect(() => {
    void findNearest();
  }, [findNearest]);

  useEffect(() => {
    if (!position) return;
    setItems(null);
    api
      .get<{ items: NearbyStation[] }>(
        `/api/v1/stations/nearby${query({ lat: position.lat, lng: position.lng, type: type === 'all' ? undefined : type, openNow: openNow ? 'true' : undefined, limit: 30 })}`,
      )
      .then(
        (r) => {
          setItems(r.items);
          setError(null);
        },
        (e: unknown) => setError(describeError(e)),
      );
  }, [position, type, openNow]);

  const open = useCallback((code: string) => navigate(`/s/${code}?from=map`), [navigate]);

  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
      <NavBar onBack={() => navigate('/')}>{t('svc.map')}</NavBar>
      {located === false && <NoticeBar content={t('map.noLocation')} color="alert" />}
      {tiles && position && <StationMap tiles={tiles} center={position} stations={items ?? []} onPick={open} />}
      <div style={{ background: '#fff', padding: '4px 8px', display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
        <span>
          <Switch checked={openNow} onChange={setOpenNow} data-testid="open-now" /> <span style={{ fontSize: 13 }}>{t('map.openNow')}</span>
        </span>
        <Button size="small" color="primary" onClick={() => void findNearest()} data-testid="find-nearest">
          {t('map.nearest')}
        </Button>
      </div>
      <CapsuleTabs activeKey={type} onChange={setType}>
        <CapsuleTabs.Tab title={t('map.all')} key="all" />
        {stationTypes.map((k) => (
          <CapsuleTabs.Tab title={t(`stationType.${k}`)} key={k} />
        ))}
      </CapsuleTabs>
      {error && <Empty description={error} />}
      {!items && !error && (
        <div style={{ padding: 32, textAlign: 'center' }}>
          <DotLoading />
        </div>
      )}
      {items && items.length === 0 && <Empty description={t('map.none')} />}
      {items && items.length > 0 && (
        <List data-testid="station-list">
          {items.map((s) => (
            <List.Item
              key={s.code}
              onClick={() => open(s.code)}
              description={s.address}
              extra={
                <a href={navigationUrl(s)} onClick={(e) => e.stopPropagation()} target="_blank" rel="noreferrer">
                  {t('map.navigate')}
                </a>
              }
            >
              <span data-testid="station-name">{s.name}</span>{' '}
              <Tag color={s.openNow ? 'success' : 'default'}>{s.openNow ? t('map.open') : t('map.closed')}</Tag>{' '}
              <span style={{ color: '#999', fontSize: 12 }}>{formatDistance(s.distanceM)}</span>
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
