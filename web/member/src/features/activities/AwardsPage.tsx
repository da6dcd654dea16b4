import {
  Button,
  Card,
  Dialog,
  Empty,
  Form,
  ImageUploader,
  Input,
  List,
  Popup,
  Radio,
  Space,
  Tag,
  TextArea,
  Toast,
  type ImageUploadItem,
} from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { humanError } from '../../errors';
import { NavBar } from '../../NavBar';
import { uploadAwardPhoto, useMySelections, useNominate, useWithdraw, type MySelection } from './awards.queries';
import './words';

/** The nomination form: myself or a colleague, the post, the deeds, up to nine photos. */
function NominateSheet({ s, onClose }: { s: MySelection; onClose(): void }) {
  const { t } = useTranslation();
  const nominate = useNominate(s.id);
  const [source, setSource] = useState<'self' | 'peer'>('peer');
  const [nomineeName, setNomineeName] = useState('');
  const [position, setPosition] = useState('');
  const [deeds, setDeeds] = useState('');
  const [photos, setPhotos] = useState<(ImageUploadItem & { id?: string })[]>([]);

  async function upload(file: File): Promise<ImageUploadItem & { id: string }> {
    const form = new FormData();
    form.append('file', file);
    const stored = await uploadAwardPhoto(form);
    return { id: stored.id, url: URL.createObjectURL(file) };
  }

  async function submit() {
    try {
      await nominate.mutateAsync({
        source,
        ...(source === 'peer' ? { nomineeName } : {}),
        position,
        deeds,
        photoIds: photos.map((p) => p.id).filter((id): id is string => Boolean(id)),
      });
      Toast.show({ icon: 'success', content: t('awards.submitted') });
      onClose();
    } catch (e) {
      Toast.show({ content: humanError(e, t) });
    }
  }

  return (
    <Form
      layout="vertical"
      footer={
        <Button
          block
          color="primary"
          loading={nominate.isPending}
          onClick={() => void submit()}
          data-testid="submit-nomination"
        >
          {t('awards.submit')}
        </Button>
      }
    >
      <Form.Item>
        <Radio.Group value={source} onChange={(v) => setSource(v as 'self' | 'peer')}>
          <Space>
            <Radio value="peer">{t('awards.peer')}</Radio>
            <Radio value="self">{t('awards.self')}</Radio>
          </Space>
        </Radio.Group>
      </Form.Item>
      {source === 'peer' && (
        <Form.Item label={t('awards.nomineeName')}>
          <Input value={nomineeName} onChange={setNomineeName} maxLength={50} data-testid="nominee-name" />
        </Form.Item>
      )}
      <Form.Item label={t('awards.position')}>
        <Input value={position} onChange={setPosition} maxLength={200} data-testid="nominee-position" />
      </Form.Item>
      <Form.Item label={t('awards.deeds')} help={t('awards.deedsHint')}>
        <TextArea value={deeds} onChange={setDeeds} rows={6} maxLength={10000} data-testid="nominee-deeds" />
      </Form.Item>
      <Form.Item label={t('awards.photos')}>
        <ImageUploader
          value={photos}
          onChange={setPhotos}
          upload={upload}
          maxCount={9}
          multiple
          accept="image/png,image/jpeg"
        />
      </Form.Item>
    </Form>
  );
}

/** 先进评选: the selections of my union and those above it; nominate while open; my nominations; the publicity. */
export function AwardsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: items, error, refetch } = useMySelections();
  const [nominating, setNominating] = useState<MySelection | null>(null);
  const withdraw = useWithdraw();
  function confirmWithdraw(id: string) {
    void Dialog.confirm({
      content: t('awards.withdrawConfirm'),
      onConfirm: () =>
        withdraw.mutateAsync(id).then(
          () => void Toast.show({ content: t('awards.withdrawn') }),
          (e: unknown) => void Toast.show({ content: humanError(e, t) }),
        ),
    });
  }
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={() => navigate('/activities')}>{t('awards.title')}</NavBar>
      {error ? <ErrorState error={error} onRetry={() => void refetch()} /> : !items ? <PageLoading /> : null}
      {items && !error && items.length === 0 && <Empty description={t('awards.empty')} />}
      {items?.map((s) => (
        <Card
          key={s.id}
          title={s.title}
          extra={<Tag color="primary">{t(`awards.stages.${s.stage}`)}</Tag>}
          style={{ margin: 12 }}
          data-testid="award-selection"
        >
          <div style={{ color: '#555', fontSize: 13 }}>
            {s.org.name} · {t('awards.quota', { n: s.quota })}
            {s.nominationOpen && (
              <div>{t('awards.closes', { at: new Date(s.nominationClosesAt).toLocaleString() })}</div>
            )}
          </div>
          {s.myNominations.length > 0 && (
            <List header={t('awards.myNominations')}>
              {s.myNominations.map((n) => (
                <List.Item
                  key={n.id}
                  extra={
                    <Space align="center">
                      <Tag>{t(`awards.status.${n.status}`)}</Tag>
                      {s.stage === 'nominating' && (n.status === 'pending' || n.status === 'approved') && (
                        <Button
                          size="mini"
                          fill="none"
                          color="danger"
                          onClick={() => confirmWithdraw(n.id)}
                          data-testid="withdraw-nomination"
                        >
                          {t('awards.withdraw')}
                        </Button>
                      )}
                    </Space>
                  }
                  data-testid="my-nomination"
                >
                  {n.nomineeName}
                </List.Item>
              ))}
            </List>
          )}
          <Space style={{ marginTop: 12 }}>
            {s.nominationOpen && (
              <Button size="small" color="primary" onClick={() => setNominating(s)} data-testid="nominate">
                {t('awards.nominate')}
              </Button>
            )}
            {s.publicityStartsAt && (
              <Button size="small" onClick={() => navigate(`/awards/${s.id}/publicity`)} data-testid="award-publicity">
                {t('awards.publicity')}
              </Button>
            )}
          </Space>
        </Card>
      ))}
      <Popup
        visible={nominating !== null}
        onMaskClick={() => setNominating(null)}
        bodyStyle={{ maxHeight: '90vh', overflowY: 'auto' }}
        destroyOnClose
      >
        {nominating && <NominateSheet s={nominating} onClose={() => setNominating(null)} />}
      </Popup>
    </div>
  );
}
