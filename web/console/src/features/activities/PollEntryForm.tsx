import { App as AntApp, Button, Form, Input, Modal, Space, Tag, Upload } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../../shared/api';
import { showFormError } from '../../forms';
import { uploadPollPhoto, useAddEntry, type UploadedPhoto } from './polls.queries';

/** At most this many photos an entry (the API's limit). */
const maxPhotos = 9;

/** An entry staff add themselves (a name, what they did, photos): live at once. */
export function PollEntryForm({ pollId, open, onClose }: { pollId: string; open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ title: string; description?: string }>();
  const add = useAddEntry(pollId);
  const [photos, setPhotos] = useState<UploadedPhoto[]>([]);
  const [uploading, setUploading] = useState(false);

  async function upload(file: File) {
    setUploading(true);
    try {
      const uploaded = await uploadPollPhoto(file);
      setPhotos((p) => [...p, uploaded]);
    } catch (e) {
      void message.error(describeError(e));
    } finally {
      setUploading(false);
    }
  }

  async function submit(v: { title: string; description?: string }) {
    try {
      await add.mutateAsync({
        title: v.title.trim(),
        ...(v.description?.trim() ? { description: v.description.trim() } : {}),
        ...(photos.length > 0 ? { photoIds: photos.map((p) => p.id) } : {}),
      });
      void message.success(t('polls.entryAdded'));
      form.resetFields();
      setPhotos([]);
      onClose();
    } catch (e) {
      showFormError(form, e, message);
    }
  }

  return (
    <Modal
      open={open}
      title={t('polls.addEntry')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: add.isPending, 'data-testid': 'save-entry' } as ButtonProps}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="title" label={t('polls.entryTitle')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input data-testid="entry-title" />
        </Form.Item>
        <Form.Item name="description" label={t('polls.entryDescription')} rules={[{ max: 5000 }]}>
          <Input.TextArea rows={4} data-testid="entry-description" />
        </Form.Item>
        <Form.Item label={t('polls.photos')} extra={t('polls.photosHelp', { n: maxPhotos })}>
          <Space wrap>
            {photos.map((p) => (
              <Tag key={p.id} closable onClose={() => setPhotos(photos.filter((x) => x.id !== p.id))}>
                {p.fileName}
              </Tag>
            ))}
            {photos.length < maxPhotos && (
              <Upload
                accept="image/png,image/jpeg"
                showUploadList={false}
                beforeUpload={(file) => {
                  void upload(file);
                  return false;
                }}
              >
                <Button loading={uploading} data-testid="entry-photo">
                  {t('polls.upload')}
                </Button>
              </Upload>
            )}
          </Space>
        </Form.Item>
      </Form>
    </Modal>
  );
}
