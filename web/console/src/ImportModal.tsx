import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Progress, Space, Table, Typography, Upload } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, ok, type ApiData } from '../../shared/api';
import { api, type OrgRef } from './api';

/** A job of either import (the kernel's one import job): its progress and the first row errors. */
export type ImportJob =
  | ApiData<'/api/v1/members/imports/{id}'>
  | ApiData<'/api/v1/stations/imports/{id}'>
  | ApiData<'/api/v1/model-workers/imports/{id}'>
  | ApiData<'/api/v1/mutual-aid/enrolment-imports/{id}'>
  | ApiData<'/api/v1/congresses/representatives/imports/{id}'>
  | ApiData<'/api/v1/hardship/imports/{id}'>
  | ApiData<'/api/v1/quiz-question-imports/{id}'>;
type ImportBase =
  | '/api/v1/members/imports'
  | '/api/v1/stations/imports'
  | '/api/v1/model-workers/imports'
  | '/api/v1/mutual-aid/enrolment-imports'
  | '/api/v1/congresses/representatives/imports'
  | '/api/v1/hardship/imports'
  | '/api/v1/quiz-question-imports';

const finished = (job: ImportJob | undefined) => job?.status === 'succeeded' || job?.status === 'failed';

function readJob(base: ImportBase, id: string, signal: AbortSignal): Promise<ImportJob> {
  const init = { params: { path: { id } }, signal };
  if (base === '/api/v1/model-workers/imports') return ok(api.GET('/api/v1/model-workers/imports/{id}', init));
  if (base === '/api/v1/mutual-aid/enrolment-imports')
    return ok(api.GET('/api/v1/mutual-aid/enrolment-imports/{id}', init));
  if (base === '/api/v1/congresses/representatives/imports')
    return ok(api.GET('/api/v1/congresses/representatives/imports/{id}', init));
  if (base === '/api/v1/hardship/imports') return ok(api.GET('/api/v1/hardship/imports/{id}', init));
  if (base === '/api/v1/quiz-question-imports') return ok(api.GET('/api/v1/quiz-question-imports/{id}', init));
  return base === '/api/v1/members/imports'
    ? ok(api.GET('/api/v1/members/imports/{id}', init))
    : ok(api.GET('/api/v1/stations/imports/{id}', init));
}

/** The job, read every half second until it ends. */
function useImportJob(base: ImportBase, started: ImportJob | null) {
  return useQuery({
    queryKey: [base, started?.id],
    queryFn: ({ signal }) => readJob(base, started!.id, signal),
    enabled: started !== null,
    initialData: started ?? undefined,
    refetchInterval: (query) => (finished(query.state.data) ? false : 500),
  });
}

export interface ImportTarget {
  /** POST ?orgId= to start, GET /{id} to poll, GET /{id}/errors.xlsx for the report. */
  basePath: ImportBase;
  /**
   * Where the file is posted, when not `basePath` (医疗互助: POST /programmes/{id}/enrolments/imports; 代表名单:
   * POST /congresses/{id}/representatives/imports, which takes its org from the congress and ignores ?orgId=).
   */
  startPath?: string;
  /** The list the import fills, read again on close (default: `basePath` without `/imports`). */
  refreshes?: readonly unknown[];
  templatePath: string;
  templateName: string;
  title: string;
  hint: string;
}

/** Upload → the server answers with a job → poll it for progress until it ends. */
export function ImportModal({
  org,
  open,
  onClose,
  target,
}: {
  org: OrgRef;
  open: boolean;
  onClose(changed: boolean): void;
  target: ImportTarget;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [started, setStarted] = useState<ImportJob | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const polled = useImportJob(target.basePath, started);
  const job = started ? (polled.data ?? started) : null;
  const error = uploadError ?? (polled.error ? describeError(polled.error) : null);

  async function upload(file: File) {
    setUploadError(null);
    setStarted(null);
    setUploading(true);
    try {
      const form = new FormData();
      form.append('file', file);
      setStarted(
        await api.upload<ImportJob>(`${target.startPath ?? target.basePath}?orgId=${encodeURIComponent(org.id)}`, form),
      );
    } catch (e) {
      setUploadError(describeError(e));
    } finally {
      setUploading(false);
    }
  }

  const done = finished(job ?? undefined);
  /** Closing after an import: the lists it filled are read again. */
  const close = () => {
    if (job !== null)
      void client.invalidateQueries({ queryKey: target.refreshes ?? [target.basePath.replace(/\/imports$/, '')] });
    onClose(job !== null);
  };
  const percent = job && job.total > 0 ? Math.floor((job.processed / job.total) * 100) : 0;

  return (
    <Modal
      open={open}
      title={`${target.title} · ${org.name}`}
      width={720}
      footer={<Button onClick={close}>{t('common.cancel')}</Button>}
      onCancel={close}
      destroyOnHidden
      afterClose={() => {
        setStarted(null);
        setUploadError(null);
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
                  <Button
                    size="small"
                    onClick={() =>
                      void api.download(`${target.basePath}/${job.id}/errors.xlsx`, `${t('members.errors')}.xlsx`)
                    }
                  >
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
