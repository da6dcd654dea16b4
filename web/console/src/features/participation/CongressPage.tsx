import { App as AntApp, Button, Card, Descriptions, Space, Tabs, Tag } from 'antd';
import type { ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { describeError } from '../../../../shared/api';
import { QueryError } from '../../QueryError';
import { congressStatusColour, when } from './format';
import { useArchiveCongress, useCongress } from './queries';
import { congressTabs } from './tabs';

/** One congress term: its org, term and count, the archive action, and its work in tabs (tabs.tsx). */
export function CongressPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message, modal } = AntApp.useApp();
  const [params, setParams] = useSearchParams();
  const { data: c, error, refetch } = useCongress(id);
  const archiving = useArchiveCongress(id);

  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (!c) return <Card loading />;
  const tab = congressTabs.find((k) => k.key === params.get('tab')) ?? congressTabs[0]!;

  function archive() {
    modal.confirm({
      title: t('congresses.archiveConfirm', { name: c!.name }),
      content: t('congresses.archiveHint'),
      okText: t('congresses.archive'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-archive' } as ButtonProps,
      onOk: async () => {
        try {
          await archiving.mutateAsync();
          void message.success(t('congresses.archived'));
        } catch (e) {
          void message.error(describeError(e));
        }
      },
    });
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <Button onClick={() => navigate('/congresses')}>{t('back')}</Button>
            <span data-testid="congress-title">{c.name}</span>
            <Tag>{t(`congressKind.${c.kind}`)}</Tag>
            <Tag color={congressStatusColour[c.status]} data-testid="congress-status">
              {t(`congressStatus.${c.status}`)}
            </Tag>
          </Space>
        }
        extra={
          c.status === 'active' && (
            <Button danger onClick={archive} data-testid="archive-congress">
              {t('congresses.archive')}
            </Button>
          )
        }
      >
        <Descriptions column={3} size="small">
          <Descriptions.Item label={t('congresses.org')}>{c.org.name}</Descriptions.Item>
          <Descriptions.Item label={t('congresses.term')}>
            {c.termStartsOn} – {c.termEndsOn}
          </Descriptions.Item>
          <Descriptions.Item label={t('congresses.representatives')}>
            <span data-testid="congress-count">{c.representatives}</span>
          </Descriptions.Item>
          {c.archivedAt && (
            <Descriptions.Item label={t('congresses.archivedAt')}>{when(c.archivedAt)}</Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card>
        <Tabs
          activeKey={tab.key}
          onChange={(key) => setParams({ tab: key })}
          destroyOnHidden
          items={congressTabs.map((k) => ({ key: k.key, label: t(k.label), children: k.render(c) }))}
        />
      </Card>
    </Space>
  );
}
