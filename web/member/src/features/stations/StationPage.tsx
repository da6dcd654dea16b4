import { Button, Card, Form, Image, Rate, Space, Tag, TextArea, Toast } from 'antd-mobile';
import { NavBar } from '../../NavBar';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../../../shared/api';
import { ErrorState, PageLoading } from '../../ErrorState';
import { humanError } from '../../errors';
import { useSession } from '../../session';
import { useRateStation, useStation } from './queries';
import { navigationUrl } from './types';

/** The page a station's QR code opens (`/s/{code}`); from the map it is `/s/{code}?from=map`. */
export function StationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const { me } = useSession();
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [rated, setRated] = useState(false);
  const via = params.get('from') === 'map' ? 'map' : 'qr';

  const { data: station, error, refetch } = useStation(code, via);
  const rating = useRateStation(code);
  const busy = rating.isPending;

  async function rate() {
    try {
      await rating.mutateAsync({ score, ...(comment ? { comment } : {}) });
      setRated(true);
      Toast.show({ icon: 'success', content: t('station.thanks') });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'ALREADY_RATED') setRated(true);
      Toast.show({ content: humanError(e, t) });
    }
  }

  if (error || !station)
    return (
      <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
        <NavBar onBack={() => navigate('/map')}>{t('svc.map')}</NavBar>
        {error ? (
          <ErrorState
            error={error}
            onRetry={() => void refetch()}
            // An unknown or garbled code (an old sticker, a mistyped link): the station does not exist.
            notFound={{
              title: t('station.notFound'),
              description: t('station.notFoundHint'),
              action: (
                <Button color="primary" className="su-tap" onClick={() => navigate('/map')} data-testid="back-to-map">
                  {t('station.backToMap')}
                </Button>
              ),
            }}
          />
        ) : (
          <PageLoading />
        )}
      </div>
    );
  const h = station.hours;
  const hoursText = h.alwaysOpen ? t('station.allDay') : h.opensAt && h.closesAt ? `${h.opensAt}–${h.closesAt}` : '—';
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={() => navigate(me ? '/map' : '/login')} titleIsHeading={false}>
        {t(`stationType.${station.type}`)}
      </NavBar>
      <Card style={{ margin: 12 }}>
        <h1 className="su-title" style={{ margin: 0, fontSize: '1.25rem' }} data-testid="station-title">
          {station.name}
        </h1>
        <Space wrap style={{ marginTop: 8 }}>
          <Tag color={station.openNow ? 'success' : 'default'}>{station.openNow ? t('map.open') : t('map.closed')}</Tag>
          {station.status === 'retired' && <Tag color="danger">{t('station.retired')}</Tag>}
          <span className="su-muted">{hoursText}</span>
        </Space>
        <div style={{ marginTop: 8 }} className="su-muted">
          {station.address}
        </div>
        <div style={{ marginTop: 8 }}>
          {station.services.map((s) => (
            <Tag key={s} fill="outline" style={{ marginRight: 4, marginBottom: 4 }}>
              {s}
            </Tag>
          ))}
        </div>
        {station.supplies && (
          <div style={{ marginTop: 8 }} className="su-hint">
            {station.supplies}
          </div>
        )}
        <Space style={{ marginTop: 12 }}>
          <a
            href={navigationUrl(station)}
            target="_blank"
            rel="noreferrer"
            className="su-button-link su-tap"
            data-testid="navigate"
          >
            {t('map.navigate')}
          </a>
          {station.phone && (
            <a href={`tel:${station.phone}`} className="su-button-link su-outline su-tap">
              {station.phone}
            </a>
          )}
        </Space>
        {station.photos.length > 0 && (
          <Space style={{ marginTop: 12 }} wrap>
            {station.photos.map((p) => (
              <Image key={p} src={p} width={96} height={72} fit="cover" />
            ))}
          </Space>
        )}
      </Card>
      <Card style={{ margin: 12 }} title={t('station.rating')}>
        <div data-testid="rating-summary">
          {station.rating.count > 0
            ? t('station.ratingSummary', { avg: station.rating.average?.toFixed(1), n: station.rating.count })
            : t('station.noRatings')}
        </div>
        {!me ? (
          <Button
            block
            style={{ marginTop: 12 }}
            onClick={() => navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`)}
          >
            {t('station.signInToRate')}
          </Button>
        ) : rated ? (
          <div style={{ marginTop: 12, color: 'var(--adm-color-success)' }} data-testid="rated">
            {t('station.ratedToday')}
          </div>
        ) : (
          <Form layout="vertical" style={{ marginTop: 8 }}>
            <Form.Item label={t('station.yourScore')}>
              <Rate value={score} onChange={setScore} data-testid="rate" />
            </Form.Item>
            <Form.Item>
              <TextArea
                placeholder={t('station.comment')}
                maxLength={200}
                value={comment}
                onChange={setComment}
                rows={2}
              />
            </Form.Item>
            <Button
              block
              color="primary"
              disabled={score === 0}
              loading={busy}
              onClick={() => void rate()}
              data-testid="submit-rating"
            >
              {t('station.submit')}
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
