import { FilePdfOutlined } from '@ant-design/icons';
import { Alert, Button, Image, Modal, Space, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../../shared/api';
import { api } from '../../api';
import type { LegalCase } from './types';

type Attachment = LegalCase['attachments'][number];

/**
 * A piece of evidence fetched behind the bearer token into a local copy: the API serves it sandboxed
 * and never cached, so the page shows the copy (images inline, PDFs in the browser's viewer).
 */
function useLocalCopy(caseId: string, file: Attachment | null): { url: string | null; error: string | null } {
  const fileId = file?.id;
  const mediaType = file?.mediaType;
  const [state, setState] = useState<{ url: string | null; error: string | null }>({ url: null, error: null });
  useEffect(() => {
    if (!fileId) return;
    let url: string | null = null;
    let cancelled = false;
    setState({ url: null, error: null });
    api.blob(`/api/v1/legal/cases/${caseId}/attachments/${fileId}`).then(
      (blob) => {
        if (cancelled) return;
        // The stored media type, not what a response header may say: the viewer needs application/pdf.
        url = URL.createObjectURL(new Blob([blob], { type: mediaType }));
        setState({ url, error: null });
      },
      (e: unknown) => !cancelled && setState({ url: null, error: describeError(e) }),
    );
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [caseId, fileId, mediaType]);
  return state;
}

function Photo({ caseId, file }: { caseId: string; file: Attachment }) {
  const { url, error } = useLocalCopy(caseId, file);
  if (error) return <Alert type="error" showIcon message={`${file.fileName}: ${error}`} />;
  return (
    <figure style={{ margin: 0, textAlign: 'center', width: 160 }} data-testid="evidence-image">
      {url ? <Image src={url} alt={file.fileName} width={160} height={120} style={{ objectFit: 'cover' }} /> : <Spin />}
      <figcaption style={{ fontSize: 12, wordBreak: 'break-all' }}>{file.fileName}</figcaption>
    </figure>
  );
}

function PdfViewer({ caseId, file, onClose }: { caseId: string; file: Attachment | null; onClose(): void }) {
  const { t } = useTranslation();
  const { url, error } = useLocalCopy(caseId, file);
  return (
    <Modal
      open={file !== null}
      title={file?.fileName}
      onCancel={onClose}
      width="80vw"
      footer={
        url && file ? (
          <Button href={url} download={file.fileName}>
            {t('legal.downloadEvidence')}
          </Button>
        ) : null
      }
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon message={error} />}
      {!error && !url && <Spin />}
      {url && file && (
        <iframe
          src={url}
          title={file.fileName}
          style={{ width: '100%', height: '70vh', border: 0 }}
          data-testid="pdf-viewer"
        />
      )}
    </Modal>
  );
}

/** The case's evidence: photos shown inline (click to enlarge), PDFs opened in a viewer. */
export function Evidence({ caseId, attachments }: { caseId: string; attachments: Attachment[] }) {
  const [pdf, setPdf] = useState<Attachment | null>(null);
  if (attachments.length === 0) return <>—</>;
  const images = attachments.filter((a) => a.mediaType.startsWith('image/'));
  const documents = attachments.filter((a) => !a.mediaType.startsWith('image/'));
  return (
    <Space direction="vertical">
      {images.length > 0 && (
        <Image.PreviewGroup>
          <Space wrap align="start">
            {images.map((a) => (
              <Photo key={a.id} caseId={caseId} file={a} />
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
      {documents.length > 0 && (
        <Space wrap>
          {documents.map((a) => (
            <Button key={a.id} icon={<FilePdfOutlined />} onClick={() => setPdf(a)} data-testid="evidence-document">
              {a.fileName}
            </Button>
          ))}
        </Space>
      )}
      <PdfViewer caseId={caseId} file={pdf} onClose={() => setPdf(null)} />
    </Space>
  );
}
