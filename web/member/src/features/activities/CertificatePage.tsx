import { Button } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { useCertificate } from './contestQueries';
import './words';

/**
 * 荣誉证书: public, by its verification code (printed on the certificate or sent to the winner), so anyone can check
 * it; prints on one page.
 */
export function CertificatePage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const cert = useCertificate(code);
  if (cert.error) return <ErrorState error={cert.error} onRetry={() => void cert.refetch()} />;
  if (!cert.data) return <PageLoading />;
  const c = cert.data;
  const who = c.entrant.teamName
    ? `${c.entrant.teamName}（${[c.entrant.name, ...c.entrant.teamMembers].join('、')}）`
    : c.entrant.name;
  const day = new Date(c.awardedAt).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'long' });
  return (
    <main
      style={{
        maxWidth: 720,
        margin: '24px auto',
        padding: '40px 28px',
        border: '6px double #b82e08',
        background: '#fffaf3',
        textAlign: 'center',
        lineHeight: 1.8,
      }}
      data-testid="certificate"
    >
      <h1 style={{ color: '#b82e08', letterSpacing: 12, margin: '0 0 24px' }}>{t('memberContests.certificate')}</h1>
      <p style={{ fontSize: 18, textAlign: 'left' }}>
        <strong data-testid="certificate-name">{who}</strong>
        {t('memberContests.certificateColon')}
      </p>
      <p style={{ fontSize: 18, textAlign: 'left', textIndent: '2em' }}>
        {t('memberContests.certificateBody', {
          entry: c.entry.title,
          category: c.entry.category,
          contest: c.contest.title,
        })}
      </p>
      <p style={{ fontSize: 28, color: '#b82e08', fontWeight: 700 }} data-testid="certificate-award">
        {t(`memberContests.award.${c.award}`)}
      </p>
      <p style={{ textAlign: 'right' }}>
        {c.contest.org}
        <br />
        {day}
      </p>
      <p style={{ fontSize: 12, color: 'rgba(0,0,0,0.65)' }}>{t('memberContests.verification', { code: c.code })}</p>
      <Button className="no-print" size="small" onClick={() => window.print()}>
        {t('memberContests.print')}
      </Button>
      <style>{'@media print { .no-print { display: none } }'}</style>
    </main>
  );
}
