import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Progress, Space, Table, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../shared/api';
import { api, type OrgRef } from './api';

interface ImportJob {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  total: number;
  processed: number;
  succeeded: number;
  failed: number;
  message: string | null;
  /** `column`: the column as people call it (身份证号 / ID-card number), in the language asked for. */
  errorsPreview: { row: number; field: string; column: string; code: string; message: string }[];
}

export interface ImportTarget {
  /** e.g. /api/v1/members/imports: POST ?orgId= to start, GET /{id} to poll, GET /{id}/errors.xlsx for the report. */
  basePath: string;
  templatePath: string;
  templateName: string;
  title: string;
  hint: string;
}

/** Upload → the server answers with a job → poll it for progress until it ends. */
export function ImportModal({ org, open, onClose, target }: { org: OrgRef; open: boolean; onClose(changed: boolean): void; target: ImportTarget }) {
  const { t } = useTranslation();
  const [job, setJob] = useState<ImportJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);

  useEffect(() => {
    if (!job || job.status === 'succeeded' || job.status === 'failed') return;
    const timer = setTimeout(() => {
      api.get<ImportJob>(`${target.basePath}/${job.id}`).then(setJob, (e: unknown) => setError(describeError(e)));
    }, 500);
    return () => clearTimeout(timer);
  }, [job, target.basePath]);

  async function upload(file: File) {
    setError(null);
    setJob(null);
    setUploading(true);
    try {
      const form = new FormData();
      form.append('file', file);
      setJob(await api.post<ImportJob>(`${target.basePath}?orgId=${org.id}`, form));
    } catch (e) {
      setError(describeError(e));
    } finally {
      setUploading(false);
    }
  }

  const done = job?.status === 'succeeded' || job?.status === 'failed';
  const percent = job && job.total > 0 ? Math.floor((job.processed / job.total) * 100) : 0;

  return (
    <Modal
      open={open}
      title={`${target.title} · ${org.name}`}
      width={720}
      footer={<Button onClick={() => onClose(job !== null)}>{t('common.cancel')}</Button>}
      onCancel={() => onClose(job !== null)}
      destroyOnHidden
      afterClose={() => {
        setJob(null);
        setError(null);
      }}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">{target.hint}</Typography.Paragraph>
        <Button type="link" onClick={() => void api.download(target.templatePath, target.templateName)}>
          {t('members.template')}
        </Button>
        <Upload.Dragger
          accept=".xlsx"
          showUploadList={false}
          disabled={uploading || (job !== null && !done)}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
          data-testid="import-upload"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>{t('members.chooseFile')}</p>
        </Upload.Dragger>
        {error && <Alert type="error" message={error} />}
        {job && (
          <>
            <Progress
              aria-label={t('a11y.progress')}
              percent={done ? 100 : percent}
              status={job.status === 'failed' ? 'exception' : done ? 'success' : 'active'}
              data-testid="import-progress"
            />
            <Typography.Text data-testid="import-status">
              {job.status === 'succeeded'
                ? t('members.importDone', { ok: job.succeeded, bad: job.failed })
                : job.status === 'failed'
                  ? t('members.importFailed', { msg: job.message ?? '' })
                  : `${t('members.importing')} ${job.processed} / ${job.total}`}
            </Typography.Text>
            {done && job.errorsPreview.length > 0 && (
              <>
                <Space>
                  <Typography.Text strong>{t('members.errors')}</Typography.Text>
                  <Button size="small" onClick={() => void api.download(`${target.basePath}/${job.id}/errors.xlsx`, `${t('members.errors')}.xlsx`)}>
                    {t('members.downloadErrors')}
                  </Button>
                </Space>
                <Table
                  size="small"
                  rowKey={(r) => `${r.row}-${r.field}-${r.code}`}
                  dataSource={job.errorsPreview}
                  pagination={{ pageSize: 10 }}
                  columns={[
                    { title: t('members.row'), dataIndex: 'row' },
                    { title: t('members.field'), dataIndex: 'column' },
                    { title: t('members.problem'), dataIndex: 'message' },
                  ]}
                  data-testid="import-errors"
                />
              </>
            )}
          </>
        )}
      </Space>
    </Modal>
  );
}
