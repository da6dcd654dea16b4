import { Descriptions, Drawer, Empty, List, Rate, Spin } from 'antd';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../QueryError';
import { useStationStats } from './queries';
import type { StaffStation } from './types';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Usage and satisfaction of one station over 30 days. */
export function StatsDrawer({ station, onClose }: { station: StaffStation | null; onClose(): void }) {
  const { t } = useTranslation();
  const { data: stats, error, refetch } = useStationStats(station?.code);
  const chartBox = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!stats || !chartBox.current) return;
    const chart = echarts.init(chartBox.current);
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { data: [t('stations.views'), t('stations.qrScans'), t('stations.ratings')] },
      grid: { left: 40, right: 16, bottom: 24, top: 36 },
      xAxis: { type: 'category', data: stats.days.map((d) => d.day.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('stations.views'), type: 'line', data: stats.days.map((d) => d.views) },
        { name: t('stations.qrScans'), type: 'line', data: stats.days.map((d) => d.qrScans) },
        { name: t('stations.ratings'), type: 'line', data: stats.days.map((d) => d.ratings) },
      ],
    });
    return () => chart.dispose();
  }, [stats, t]);

  return (
    <Drawer
      open={station !== null}
      onClose={onClose}
      width={640}
      title={station ? `${station.name} · ${station.code}` : ''}
    >
      {error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : !stats ? (
        <Spin />
      ) : (
        <>
          <Descriptions size="small" column={4} bordered>
            <Descriptions.Item label={t('stations.views')}>{stats.totals.views}</Descriptions.Item>
            <Descriptions.Item label={t('stations.qrScans')}>{stats.totals.qrScans}</Descriptions.Item>
            <Descriptions.Item label={t('stations.ratings')}>{stats.totals.ratings}</Descriptions.Item>
            <Descriptions.Item label={t('stations.satisfaction')}>{stats.totals.averageScore ?? '—'}</Descriptions.Item>
          </Descriptions>
          <div ref={chartBox} style={{ height: 260, marginTop: 16 }} data-testid="stats-chart" />
          <List
            header={t('stations.comments')}
            dataSource={stats.recentComments}
            locale={{ emptyText: <Empty description={t('common.empty')} /> }}
            renderItem={(c) => (
              <List.Item>
                <Rate disabled value={c.score} style={{ fontSize: 12 }} /> {c.comment}{' '}
                <span style={{ color: '#999' }}>{c.ratedOn}</span>
              </List.Item>
            )}
          />
        </>
      )}
    </Drawer>
  );
}
