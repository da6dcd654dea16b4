import { Button, Form, Input, TextArea, Toast } from 'antd-mobile';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { fieldErrors, formErrorSummary, type FieldLabels } from '../../errors';
import { NavBar } from '../../NavBar';
import { idempotent, ok } from '../../../../shared/api';
import { fieldApi, useFieldWorker } from './fieldApi';
import './words';

const formFields: FieldLabels = {
  visitedOn: 'visitedOn',
  visitors: 'visitors',
  findings: 'findings',
  followUp: 'followUp',
};

/** Today in China (the visit's date as the worker lives it). */
const shanghaiToday = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);

/**
 * 走访: a visit to a household already on file (the survey found it there: 409 HOUSEHOLD_EXISTS), recorded through
 * POST /api/v1/hardship/visits `{subject: 'household', householdId, visitedOn, visitors, findings, followUp?}`.
 */
export function FieldVisitPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const householdId = params.get('householdId') ?? '';
  const { worker } = useFieldWorker();
  const [visitedOn, setVisitedOn] = useState(shanghaiToday);
  const [visitors, setVisitors] = useState(worker?.username ?? '');
  const [findings, setFindings] = useState('');
  const [followUp, setFollowUp] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  // One key per visit being recorded: a double tap or a retried answer records it once.
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);

  if (!worker)
    return (
      <Navigate to={`/field/login?next=${encodeURIComponent(`/field/visit?householdId=${householdId}`)}`} replace />
    );
  if (!householdId) return <Navigate to="/field" replace />;

  const fieldError = (path: string) =>
    errors[path] ? (
      <div className="su-field-error" role="alert" data-testid={`error-${path}`}>
        {errors[path]}
      </div>
    ) : null;

  async function submit() {
    setErrors({});
    setBusy(true);
    try {
      await ok(
        fieldApi.POST('/api/v1/hardship/visits', {
          ...idempotent(idempotencyKey),
          body: {
            subject: 'household',
            householdId,
            visitedOn,
            visitors: visitors
              .split(/[,，、;；\s]+/)
              .map((v) => v.trim())
              .filter(Boolean),
            findings,
            ...(followUp.trim() ? { followUp } : {}),
          },
        }),
      );
      Toast.show({ icon: 'success', content: t('survey.visit.saved') });
      navigate('/field', { replace: true });
    } catch (e) {
      setErrors(fieldErrors(e, formFields));
      Toast.show({ content: formErrorSummary(e, t, formFields) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
      <NavBar onBack={() => navigate('/field')}>{t('survey.visit.title')}</NavBar>
      <div className="su-hint" style={{ padding: '8px 16px' }}>
        {t('survey.visit.for')}
      </div>
      <Form
        layout="vertical"
        footer={
          <Button
            block
            color="primary"
            size="large"
            loading={busy}
            disabled={!findings.trim() || !visitors.trim()}
            onClick={() => void submit()}
            data-testid="visit-submit"
          >
            {t('survey.visit.submit')}
          </Button>
        }
      >
        <Form.Item label={t('field.visitedOn')}>
          <input
            type="date"
            className="adm-input-element"
            aria-label={t('field.visitedOn')}
            value={visitedOn}
            max={shanghaiToday()}
            onChange={(e) => setVisitedOn(e.target.value)}
            data-testid="visit-date"
          />
          {fieldError('visitedOn')}
        </Form.Item>
        <Form.Item label={t('field.visitors')}>
          <Input
            aria-label={t('field.visitors')}
            placeholder={t('survey.visit.visitorsPlaceholder')}
            value={visitors}
            onChange={setVisitors}
            data-testid="visit-visitors"
          />
          {fieldError('visitors')}
        </Form.Item>
        <Form.Item label={t('field.findings')}>
          <TextArea
            aria-label={t('field.findings')}
            placeholder={t('survey.visit.findingsPlaceholder')}
            value={findings}
            onChange={setFindings}
            rows={4}
            maxLength={2000}
            showCount
            data-testid="visit-findings"
          />
          {fieldError('findings')}
        </Form.Item>
        <Form.Item label={t('field.followUp')}>
          <TextArea
            aria-label={t('field.followUp')}
            placeholder={t('survey.visit.followUpPlaceholder')}
            value={followUp}
            onChange={setFollowUp}
            rows={2}
            maxLength={1000}
            showCount
            data-testid="visit-follow-up"
          />
          {fieldError('followUp')}
        </Form.Item>
      </Form>
    </div>
  );
}
