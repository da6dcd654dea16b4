import { Button, Card, DotLoading, List, NavBar, Rate, Steps, Tag, TextArea, Toast } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { describeError } from '../../../../shared/api';
import { api } from '../../api';
import { when, yuan, type MyCase } from './types';

/** The applicant's view: every step with its time, and the rating once the case is closed. */
export function CasePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const [c, setCase] = useState<MyCase | null>(null);
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');

  const load = useCallback(() => api.get<MyCase>(`/api/v1/legal/cases/${id}`).then(setCase, (e: unknown) => Toast.show({ content: describeError(e) })), [id]);
  useEffect(() => {
    void load();
  }, [load]);

  async function rate() {
    try {
      await api.post(`/api/v1/legal/cases/${id}/rating`, { score, ...(comment ? { comment } : {}) });
      Toast.show({ icon: 'success', content: t('station.thanks') });
      await load();
    } catch (e) {
      Toast.show({ content: describeError(e) });
    }
  }

  async function withdraw() {
    try {
      setCase(await api.post<MyCase>(`/api/v1/legal/cases/${id}/actions`, { action: 'withdraw' }));
    } catch (e) {
      Toast.show({ content: describeError(e) });
    }
  }

  if (!c)
    return (
      <div style={{ textAlign: 'center', padding: 48 }}>
        <DotLoading />
      </div>
    );
  const steps = c.timeline ?? [];
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={() => navigate('/legal')}>{t(`caseKind.${c.kind}`)}</NavBar>
      <Card style={{ margin: 12 }}>
        <div style={{ fontSize: 18, fontWeight: 600 }}>
          {t(`caseCategory.${c.category}`)} · {c.employer.name}
        </div>
        <Tag color="primary" style={{ marginTop: 8 }} data-testid="my-case-status">
          {t(`caseStatus.${c.status}`)}
        </Tag>
        <List style={{ marginTop: 8 }}>
          <List.Item extra={c.center.name}>{t('legal.center')}</List.Item>
          <List.Item extra={c.handler?.name ?? '—'}>{t('legal.handler')}</List.Item>
          <List.Item extra={yuan(c.amountClaimedFen)}>{t('legal.amount')}</List.Item>
          <List.Item extra={<span data-testid="my-recovered">{yuan(c.amountRecoveredFen)}</span>}>{t('legal.recovered')}</List.Item>
        </List>
      </Card>
      <Card style={{ margin: 12 }} title={t('legal.progress')}>
        <Steps direction="vertical" current={steps.length - 1} data-testid="case-steps">
          {steps.map((e, i) => (
            <Steps.Step key={i} title={t(`caseAction.${e.action}`)} description={`${when(e.at)}${e.note ? ` · ${e.note}` : ''}`} />
          ))}
        </Steps>
        {c.actions.includes('withdraw') && (
          <Button size="small" onClick={() => void withdraw()}>
            {t('caseAction.withdraw')}
          </Button>
        )}
      </Card>
      {(c.actions.includes('rate') || c.rating) && (
        <Card style={{ margin: 12 }} title={t('legal.rate')}>
          {c.rating ? (
            <div data-testid="case-rated">
              <Rate readOnly value={c.rating.score} /> {c.rating.comment}
            </div>
          ) : (
            <>
              <Rate value={score} onChange={setScore} data-testid="case-rate" />
              <TextArea value={comment} onChange={setComment} placeholder={t('station.comment')} rows={2} maxLength={500} />
              <Button block color="primary" disabled={score === 0} onClick={() => void rate()} style={{ marginTop: 8 }} data-testid="submit-case-rating">
                {t('station.submit')}
              </Button>
            </>
          )}
        </Card>
      )}
    </div>
  );
}
