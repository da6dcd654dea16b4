import { Button, Card, List, Rate, Steps, Tag, TextArea, Toast } from 'antd-mobile';
import { NavBar } from '../../NavBar';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { humanError } from '../../errors';
import { useCaseAction, useMyCase, useRateCase } from './queries';
import { when, yuan } from './types';

/** The applicant's view: every step with its time, and the rating once the case is closed. */
export function CasePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const { data: c, error, refetch } = useMyCase(id);
  const rating = useRateCase(id);
  const action = useCaseAction(id);
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');

  async function rate() {
    try {
      await rating.mutateAsync({ score, ...(comment ? { comment } : {}) });
      Toast.show({ icon: 'success', content: t('station.thanks') });
    } catch (e) {
      Toast.show({ content: humanError(e, t) });
    }
  }

  async function withdraw() {
    try {
      await action.mutateAsync({ action: 'withdraw' });
    } catch (e) {
      Toast.show({ content: humanError(e, t) });
    }
  }

  if (error || !c)
    return (
      <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
        <NavBar onBack={() => navigate('/legal')}>{t('legal.title')}</NavBar>
        {error ? (
          <ErrorState
            error={error}
            onRetry={() => void refetch()}
            notFound={{
              title: t('legal.notFound'),
              action: (
                <Button color="primary" className="su-tap" onClick={() => navigate('/legal')}>
                  {t('legal.mine')}
                </Button>
              ),
            }}
          />
        ) : (
          <PageLoading />
        )}
      </div>
    );
  const steps = c.timeline ?? [];
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={() => navigate('/legal')}>{t(`caseKind.${c.kind}`)}</NavBar>
      <Card style={{ margin: 12 }}>
        <div className="su-title">
          {t(`caseCategory.${c.category}`)} · {c.employer.name}
        </div>
        <Tag color="primary" style={{ marginTop: 8 }} data-testid="my-case-status">
          {t(`caseStatus.${c.status}`)}
        </Tag>
        <List style={{ marginTop: 8 }}>
          <List.Item extra={c.center.name}>{t('legal.center')}</List.Item>
          <List.Item extra={c.handler?.name ?? '—'}>{t('legal.handler')}</List.Item>
          <List.Item extra={yuan(c.amountClaimedFen)}>{t('legal.amount')}</List.Item>
          <List.Item extra={<span data-testid="my-recovered">{yuan(c.amountRecoveredFen)}</span>}>
            {t('legal.recovered')}
          </List.Item>
        </List>
      </Card>
      <Card style={{ margin: 12 }} title={t('legal.progress')}>
        <Steps direction="vertical" current={steps.length - 1} data-testid="case-steps">
          {steps.map((e, i) => (
            <Steps.Step
              key={i}
              title={t(`caseAction.${e.action}`)}
              description={`${when(e.at)}${e.note ? ` · ${e.note}` : ''}`}
            />
          ))}
        </Steps>
        {c.actions.includes('withdraw') && (
          <Button size="small" className="su-tap" onClick={() => void withdraw()}>
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
              <TextArea
                value={comment}
                onChange={setComment}
                placeholder={t('station.comment')}
                rows={2}
                maxLength={500}
              />
              <Button
                block
                color="primary"
                disabled={score === 0}
                onClick={() => void rate()}
                style={{ marginTop: 8 }}
                data-testid="submit-case-rating"
              >
                {t('station.submit')}
              </Button>
            </>
          )}
        </Card>
      )}
    </div>
  );
}
