import { App as AntApp, Button, Card, Input, Select, Space, Table, Tag, TimePicker, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { describeError, query } from '../../../../shared/api';
import { api, type OrgRef } from '../../api';
import { ImportModal } from '../../ImportModal';
import { QueryError } from '../../QueryError';
import { OrgPicker } from '../../OrgPicker';
import { can } from '../../sections';
import { useSession } from '../../session';
import { StationForm, type StationFormValues } from './StationForm';
import { StatsDrawer } from './StatsDrawer';
import {
  useCreateStation,
  useRetireStation,
  useSetToday,
  useStations,
  useUpdateStation,
  useUploadPhoto,
  type StationType,
} from './queries';
import { stationTypes, type StaffStation } from './types';
import { LoadMore } from '../../LoadMore';

function clean<T extends Record<string, unknown>>(v: T): Partial<T> {
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '')) as Partial<T>;
}

export function StationsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const navigate = useNavigate();
  const { message, modal } = AntApp.useApp();
  const [org, setOrg] = useState<OrgRef | null>(me?.org ?? null);
  const [type, setType] = useState<StationType | undefined>();
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<StaffStation | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [statsOf, setStatsOf] = useState<StaffStation | null>(null);
  const [importing, setImporting] = useState(false);
  const list = useStations({ orgId: org?.id, type, q });
  const creation = useCreateStation();
  const update = useUpdateStation();
  const retirement = useRetireStation();
  const todayChange = useSetToday();
  const photo = useUploadPhoto();
  const target = org ?? me?.org ?? null;
  // Leaders read usage and satisfaction; only station managers (and admins) change stations.
  const manage = can('manageStations', me?.roles ?? []);

  /** A failed save is the form's to show (on its fields). */
  async function save(v: StationFormValues) {
    const hours = v.alwaysOpen
      ? { alwaysOpen: true }
      : { alwaysOpen: false, opensAt: v.opensAt ?? null, closesAt: v.closesAt ?? null };
    const common = {
      ...clean({ services: v.services, supplies: v.supplies, phone: v.phone }),
      name: v.name,
      address: v.address,
      lat: v.lat,
      lng: v.lng,
    };
    if (editing) await update.mutateAsync({ code: editing.code, ...common, ...hours });
    else await creation.mutateAsync({ orgId: target!.id, type: v.type ?? 'rest_station', ...common, ...hours });
    setFormOpen(false);
  }

  async function uploadPhoto(s: StaffStation, file: File) {
    try {
      await photo.mutateAsync({ code: s.code, file });
      message.success(t('common.saved'));
    } catch (e) {
      message.error(describeError(e));
    }
  }

  function retire(s: StaffStation) {
    modal.confirm({
      title: `${t('stations.retire')} · ${s.name}`,
      onOk: async () => {
        try {
          await retirement.mutateAsync(s.code);
        } catch (e) {
          message.error(describeError(e));
        }
      },
    });
  }

  function today(s: StaffStation) {
    const value = { lat: String(s.lat), lng: String(s.lng), address: s.address, opensAt: '10:00', closesAt: '16:00' };
    modal.confirm({
      title: `${t('stations.today')} · ${s.name}`,
      content: (
        <Space direction="vertical" style={{ width: '100%' }}>
          {(['address', 'lat', 'lng'] as const).map((k) => (
            <Input
              key={k}
              addonBefore={t(`stations.${k}`)}
              defaultValue={value[k]}
              onChange={(e) => (value[k] = e.target.value)}
            />
          ))}
          <Space>
            {(['opensAt', 'closesAt'] as const).map((k) => (
              <TimePicker
                key={k}
                format="HH:mm"
                minuteStep={5}
                needConfirm={false}
                allowClear={false}
                prefix={t(`stations.${k}`)}
                aria-label={t(`stations.${k}`)}
                defaultValue={dayjs(`2000-01-01T${value[k]}`)}
                onChange={(d) => (value[k] = d ? d.format('HH:mm') : value[k])}
              />
            ))}
          </Space>
        </Space>
      ),
      onOk: async () => {
        try {
          await todayChange.mutateAsync({
            code: s.code,
            lat: Number(value.lat),
            lng: Number(value.lng),
            address: value.address,
            opensAt: value.opensAt,
            closesAt: value.closesAt,
          });
        } catch (e) {
          message.error(describeError(e));
          throw e;
        }
      },
    });
  }

  return (
    <Card
      title={t('nav.stations')}
      extra={
        <Space wrap>
          <OrgPicker value={org} onChange={setOrg} />
          <Select
            allowClear
            placeholder={t('stations.type')}
            aria-label={t('a11y.stationType')}
            style={{ width: 140 }}
            value={type}
            onChange={setType}
            options={stationTypes.map((k) => ({ value: k, label: t(`stationType.${k}`) }))}
          />
          <Input.Search allowClear placeholder={t('stations.search')} onSearch={setQ} style={{ width: 200 }} />
          {manage && (
            <>
              <Button
                type="primary"
                onClick={() => {
                  setEditing(null);
                  setFormOpen(true);
                }}
                data-testid="add-station"
              >
                {t('stations.add')}
              </Button>
              <Button onClick={() => setImporting(true)}>{t('members.import')}</Button>
            </>
          )}
          <Button
            onClick={() =>
              void api
                .download(`/api/v1/stations/export.xlsx${query({ orgId: org?.id, type, q })}`, '站点台账.xlsx')
                .catch((e: unknown) => message.error(describeError(e)))
            }
          >
            {t('members.export')}
          </Button>
          <Button
            onClick={() => navigate(`/stations/qr-sheet${query({ orgId: org?.id, type })}`)}
            data-testid="qr-sheet"
          >
            {t('stations.qrSheet')}
          </Button>
        </Space>
      }
    >
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<StaffStation>
        rowKey="code"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 1100 }}
        columns={[
          { title: t('stations.code'), dataIndex: 'code', width: 130 },
          { title: t('stations.name'), dataIndex: 'name' },
          { title: t('stations.type'), render: (_, s) => t(`stationType.${s.type}`), width: 100 },
          {
            title: t('stations.hours'),
            width: 150,
            render: (_, s) => (
              <Space size={4}>
                <Tag color={s.openNow ? 'green' : 'default'}>
                  {s.openNow ? t('stations.open') : t('stations.closed')}
                </Tag>
                {s.hours.alwaysOpen
                  ? t('stations.allDay')
                  : s.hours.opensAt
                    ? `${s.hours.opensAt}–${s.hours.closesAt}`
                    : '—'}
              </Space>
            ),
          },
          {
            title: t('stations.usage30d'),
            width: 110,
            render: (_, s) => `${s.usage30d.views} / ${s.usage30d.qrScans}`,
          },
          {
            title: t('stations.satisfaction'),
            width: 100,
            render: (_, s) => (s.rating.count ? `${s.rating.average} (${s.rating.count})` : '—'),
          },
          {
            title: t('stations.status'),
            width: 80,
            render: (_, s) =>
              s.status === 'active' ? (
                <Tag color="blue">{t('stations.active')}</Tag>
              ) : (
                <Tag>{t('stations.retired')}</Tag>
              ),
          },
          {
            title: t('common.actions'),
            width: 300,
            render: (_, s) => (
              <Space size={0} wrap>
                <Button type="link" size="small" onClick={() => setStatsOf(s)}>
                  {t('stations.stats')}
                </Button>
                <Button type="link" size="small" href={`/api/v1/stations/${s.code}/qr.png`} target="_blank">
                  {t('stations.qr')}
                </Button>
                {manage && s.status === 'active' && (
                  <>
                    <Button
                      type="link"
                      size="small"
                      onClick={() => {
                        setEditing(s);
                        setFormOpen(true);
                      }}
                    >
                      {t('stations.edit')}
                    </Button>
                    <Upload
                      accept="image/png,image/jpeg"
                      showUploadList={false}
                      beforeUpload={(file) => {
                        void uploadPhoto(s, file);
                        return false;
                      }}
                    >
                      <Button type="link" size="small">
                        {t('stations.photo')} ({s.photos.length})
                      </Button>
                    </Upload>
                    {s.type === 'cooling_bus' && (
                      <Button type="link" size="small" onClick={() => today(s)}>
                        {t('stations.today')}
                      </Button>
                    )}
                    <Button type="link" size="small" danger onClick={() => retire(s)}>
                      {t('stations.retire')}
                    </Button>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
      <LoadMore list={list} />
      <StationForm open={formOpen} editing={editing} onCancel={() => setFormOpen(false)} onSubmit={save} />
      <StatsDrawer station={statsOf} onClose={() => setStatsOf(null)} />
      {target && (
        <ImportModal
          org={target}
          open={importing}
          target={{
            basePath: '/api/v1/stations/imports',
            templatePath: '/api/v1/stations/import-template.xlsx',
            templateName: '站点导入模板.xlsx',
            title: t('stations.importTitle'),
            hint: t('stations.importHint'),
          }}
          onClose={() => setImporting(false)}
        />
      )}
    </Card>
  );
}
