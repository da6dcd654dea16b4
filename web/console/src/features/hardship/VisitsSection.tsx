import { Button, Card, List, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../LoadMore';
import { QueryError } from '../../QueryError';
import { useSession } from '../../session';
import { FollowUpTag, VisitsDetail } from './VisitsDetail';
import { VisitsForm } from './VisitsForm';
import { recordsVisits, useVisits } from './visits.queries';

/**
 * The visits of one household, newest first, with "record a visit" for the ones who work on it: for the household
 * page (the lead places it there). A visit opens in the same drawer as on the visits page.
 */
export function VisitsSection({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const list = useVisits({ householdId });
  const [recording, setRecording] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Card
      size="small"
      title={t('hardshipVisits.sectionTitle')}
      extra={
        recordsVisits(me?.roles ?? []) && (
          <Button size="small" type="primary" onClick={() => setRecording(true)} data-testid="record-household-visit">
            {t('hardshipVisits.record')}
          </Button>
        )
      }
      data-testid="household-visits"
    >
      <QueryError error={list.error} onRetry={list.reload} />
      <List
        loading={list.loading}
        dataSource={list.items}
        locale={{ emptyText: t('hardshipVisits.none') }}
        renderItem={(v) => (
          <List.Item onClick={() => setOpen(v.id)} style={{ cursor: 'pointer' }}>
            <Space direction="vertical" size={2} style={{ width: '100%' }}>
              <Space wrap>
                <strong>{v.visitedOn}</strong>
                <span>{v.visitors.join('、')}</span>
                <FollowUpTag visit={v} />
              </Space>
              <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
                {v.findings ?? t('hardshipVisits.withheld')}
              </Typography.Paragraph>
            </Space>
          </List.Item>
        )}
      />
      <LoadMore list={list} />
      <VisitsDetail id={open} onClose={() => setOpen(null)} />
      <VisitsForm open={recording} householdId={householdId} onClose={() => setRecording(false)} />
    </Card>
  );
}
