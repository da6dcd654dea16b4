import { App as AntApp, Button, Descriptions, Drawer, Form, Image, Input, Modal, Space, Tag } from 'antd';
import type { ButtonProps } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../../shared/api';
import { api } from '../../api';
import { QueryError } from '../../QueryError';
import { useFollowUpDone, useVisit, type VisitRow } from './visits.queries';

export const when = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });

/** Whom a visit went to: the household (by name when the reader may open its file), or the place. */
export function VisitObject({ visit }: { visit: VisitRow }) {
  const { t } = useTranslation();
  if (!visit.household) return <>{visit.place ?? ''}</>;
  return (
    <Space size={4} wrap>
      <span>{visit.household.headName ?? t('hardshipVisits.householdHidden')}</span>
      <Tag>{t(`hardshipVisits.householdStatus.${visit.household.status}`)}</Tag>
    </Space>
  );
}

/** A visit's photos, fetched behind the token into local copies (served sandboxed, never cached); click to enlarge. */
function VisitPhotos({ visit }: { visit: VisitRow }) {
  const [urls, setUrls] = useState<string[]>([]);
  const ids = visit.photos.map((p) => p.id).join(',');
  useEffect(() => {
    if (!ids) return;
    const controller = new AbortController();
    const made: string[] = [];
    void Promise.all(
      ids.split(',').map((id) =>
        api.blob(`/api/v1/hardship/visits/${visit.id}/photos/${id}`, controller.signal).then((blob) => {
          const url = URL.createObjectURL(blob);
          made.push(url);
          return url;
        }),
      ),
    ).then(setUrls, () => undefined);
    return () => {
      controller.abort();
      made.forEach((u) => URL.revokeObjectURL(u));
    };
  }, [visit.id, ids]);
  return (
    <Image.PreviewGroup>
      <Space size={4} wrap data-testid="visit-photos">
        {urls.map((url, i) => (
          <Image
            key={url}
            src={url}
            width={64}
            height={64}
            style={{ objectFit: 'cover' }}
            alt={visit.photos[i]?.fileName}
          />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}

/** The follow-up's state: open, done (when, by whom), or none. */
export function FollowUpTag({ visit }: { visit: VisitRow }) {
  const { t } = useTranslation();
  if (visit.followUpOpen) return <Tag color="orange">{t('hardshipVisits.followUpOpen')}</Tag>;
  if (visit.followUpDone) return <Tag color="green">{t('hardshipVisits.followUpDone')}</Tag>;
  return null;
}

/** One visit in a drawer: who went, when, what they found and the follow-up, which the union's workers mark done. */
export function VisitsDetail({ id, onClose }: { id: string | null; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { data: v, error, refetch } = useVisit(id);
  const done = useFollowUpDone(id ?? '');
  const [asking, setAsking] = useState(false);
  const [form] = Form.useForm<{ note?: string }>();
  const withheld = t('hardshipVisits.withheld');

  async function markDone(values: { note?: string }) {
    try {
      await done.mutateAsync(values.note?.trim() || undefined);
      void message.success(t('hardshipVisits.doneSaved'));
      setAsking(false);
      form.resetFields();
    } catch (e) {
      void message.error(describeError(e));
    }
  }

  return (
    <Drawer open={id !== null} onClose={onClose} width={560} title={t('hardshipVisits.title')} destroyOnHidden>
      <QueryError error={error} onRetry={() => void refetch()} />
      {v && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('hardshipVisits.subject')}>
              <span data-testid="visit-subject-label">{t(`hardshipVisits.subjectLabel.${v.subject}`)}</span>
            </Descriptions.Item>
            {v.org && <Descriptions.Item label={t('hardshipVisits.org')}>{v.org.name}</Descriptions.Item>}
            <Descriptions.Item label={v.household ? t('hardshipVisits.household') : t('hardshipVisits.place')}>
              <VisitObject visit={v} />
            </Descriptions.Item>
            <Descriptions.Item label={t('hardshipVisits.visitedOn')}>{v.visitedOn}</Descriptions.Item>
            <Descriptions.Item label={t('hardshipVisits.visitors')}>{v.visitors.join('、')}</Descriptions.Item>
            {v.peopleReached !== null && (
              <Descriptions.Item label={t('hardshipVisits.peopleReached')}>{v.peopleReached}</Descriptions.Item>
            )}
            <Descriptions.Item label={t('hardshipVisits.findings')}>
              <div style={{ whiteSpace: 'pre-wrap' }} data-testid="visit-findings-text">
                {v.findings ?? withheld}
              </div>
            </Descriptions.Item>
            {(v.followUp !== null || v.followUpOpen || v.followUpDone) && (
              <Descriptions.Item label={t('hardshipVisits.followUp')}>
                <Space direction="vertical">
                  <div style={{ whiteSpace: 'pre-wrap' }}>{v.followUp ?? withheld}</div>
                  <FollowUpTag visit={v} />
                  {v.followUpDone && (
                    <span data-testid="visit-follow-up-done">
                      {t('hardshipVisits.doneBy', { at: when(v.followUpDone.at), by: v.followUpDone.by ?? '—' })}
                      {v.followUpDone.note ? `：${v.followUpDone.note}` : ''}
                    </span>
                  )}
                </Space>
              </Descriptions.Item>
            )}
            {v.photos.length > 0 && (
              <Descriptions.Item label={t('hardshipVisits.photos')}>
                <VisitPhotos visit={v} />
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('hardshipVisits.recordedBy')}>
              {v.recordedBy.username}（{v.recordedBy.org.name}）{when(v.createdAt)}
            </Descriptions.Item>
          </Descriptions>
          {v.actions.includes('follow_up_done') && (
            <Button type="primary" onClick={() => setAsking(true)} data-testid="mark-follow-up-done">
              {t('hardshipVisits.markDone')}
            </Button>
          )}
        </Space>
      )}
      <Modal
        open={asking}
        title={t('hardshipVisits.markDone')}
        onCancel={() => setAsking(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: done.isPending, 'data-testid': 'save-follow-up-done' } as ButtonProps}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(values) => void markDone(values)}>
          <Form.Item name="note" label={t('hardshipVisits.doneNote')} rules={[{ max: 1000 }]}>
            <Input.TextArea rows={3} data-testid="follow-up-done-note" />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}
