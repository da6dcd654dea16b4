import { Button, Card, Dialog, List, Steps, Tag, Toast } from 'antd-mobile';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { NavBar } from '../../NavBar';
import { statusColor } from './MyApplicationsPage';
import { useApplication, useApplicationAction, useProgramme, type Application } from './queries';
import { WorkDaysCard } from './WorkDaysCard';
import { ClaimBills, computationOf } from './ClaimBills';
import { detailFieldsOf, programmeError, textsOf, when, yuan } from './rules';
import './words';

type StepStatus = 'wait' | 'process' | 'finish' | 'error';
interface Stage {
  key: string;
  title: string;
  description: string;
  status: StepStatus;
}

const levelOf = (state: string | null) => (state?.startsWith('review_') ? Number(state.slice(7)) : null);

/**
 * The way an application goes — each level of its review chain, the public notice (when the programme has one),
 * approval, payment — with where it is now: done, under way, waiting, or stopped (returned, rejected, withdrawn).
 */
export function stagesOf(a: Application, withPublicity: boolean, t: TFunction): Stage[] {
  const timeline = a.timeline ?? [];
  const lastAt = (pred: (e: (typeof timeline)[number]) => boolean) => [...timeline].reverse().find(pred)?.at;
  const levels = a.reviewChain.length;
  const stages: Omit<Stage, 'status'>[] = a.reviewChain.map((step) => {
    const passed = lastAt((e) => e.action === 'review_pass' && levelOf(e.fromState) === step.level);
    return {
      key: `review-${step.level}`,
      title:
        levels === 1
          ? t('programmes.stage.review')
          : step.level === 1
            ? t('programmes.stage.first')
            : t('programmes.stage.level', { n: step.level }),
      description: [step.org.name, passed && t('programmes.stage.passedAt', { at: when(passed) })]
        .filter(Boolean)
        .join(' · '),
    };
  });
  const publicity = stages.length;
  if (withPublicity) {
    const notices = a.notices ?? [];
    stages.push({
      key: 'publicity',
      title: t('programmes.stage.publicity'),
      description: notices
        .map((n) =>
          t('programmes.stage.noticeWindow', { org: n.org.name, from: when(n.opensAt), to: when(n.closesAt) }),
        )
        .join('\n'),
    });
  }
  const approval = stages.length;
  const approved = lastAt((e) => e.action === 'approve');
  stages.push({
    key: 'approval',
    title: t('programmes.stage.approval'),
    description: approved ? when(approved) : '',
  });
  const paid = lastAt((e) => e.action === 'disburse');
  stages.push({ key: 'payment', title: t('programmes.stage.payment'), description: paid ? when(paid) : '' });

  // Where the application is, and whether it stopped there.
  let current: number;
  let stopped = false;
  const level = levelOf(a.status);
  if (level !== null) current = level - 1;
  else if (a.status === 'returned' || a.status === 'rejected' || a.status === 'withdrawn') {
    // The level it left review from (a withdrawal after a return: the level that returned it).
    const left =
      [...timeline].reverse().find((e) => levelOf(e.fromState) !== null && e.toState === a.status) ??
      [...timeline].reverse().find((e) => e.action === 'review_return');
    current = Math.max(0, (levelOf(left?.fromState ?? null) ?? 1) - 1);
    stopped = true;
  } else if (a.status === 'reviewed' || a.status === 'publicity') current = withPublicity ? publicity : approval;
  else if (a.status === 'approved') current = approval + 1;
  else current = stages.length;
  return stages.map((s, i) => ({
    ...s,
    status: i < current ? 'finish' : i > current ? 'wait' : stopped ? 'error' : 'process',
  }));
}

/** The words of a timeline step: the action, at which level for a review. */
function stepTitle(e: NonNullable<Application['timeline']>[number], a: Application, t: TFunction): string {
  const action = t(`programmes.action.${e.action}`, { defaultValue: e.action });
  const level = levelOf(e.fromState);
  const org = level !== null ? a.reviewChain.find((s) => s.level === level)?.org.name : undefined;
  return org && e.action.startsWith('review_') ? `${action} · ${org}` : action;
}

/** The applicant's view of one application: its steps, the notices listing it, the timeline; correct or withdraw. */
export function ApplicationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const { data: a, error, refetch } = useApplication(id);
  const programme = useProgramme(a?.programme.id ?? '', Boolean(a));
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  const action = useApplicationAction(id, idempotencyKey);

  async function withdraw() {
    const confirmed = await Dialog.confirm({
      content: t('programmes.withdrawConfirm'),
      confirmText: t('programmes.action.withdraw'),
      cancelText: t('programmes.cancel'),
    });
    if (!confirmed) return;
    try {
      await action.mutateAsync({ action: 'withdraw' });
      Toast.show({ icon: 'success', content: t('programmes.withdrawn') });
    } catch (e) {
      Toast.show({ content: programmeError(e, t) });
    }
  }

  if (error || !a)
    return (
      <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
        <NavBar onBack={() => navigate('/applications')}>{t('programmes.mine')}</NavBar>
        {error ? (
          <ErrorState
            error={error}
            onRetry={() => void refetch()}
            notFound={{
              title: t('programmes.applicationNotFound'),
              action: (
                <Button color="primary" className="su-tap" onClick={() => navigate('/applications')}>
                  {t('programmes.mine')}
                </Button>
              ),
            }}
          />
        ) : (
          <PageLoading />
        )}
      </div>
    );
  // Without the programme's rules (a programme no longer shown to the member), the notice step is shown anyway.
  const withPublicity = programme.data ? programme.data.rules.publicityDays > 0 : true;
  const stages = stagesOf(a, withPublicity, t);
  const timeline = a.timeline ?? [];
  const returned = a.status === 'returned' ? [...timeline].reverse().find((e) => e.action === 'review_return') : null;
  const rejected = a.status === 'rejected' ? [...timeline].reverse().find((e) => e.action === 'review_reject') : null;
  const fields = programme.data ? detailFieldsOf(programme.data) : [];
  const texts = textsOf(fields, a.details);
  const details = fields.filter((f) => texts[f.key] !== undefined);
  const claim = a.programme.kind === 'medical_mutual_aid' ? computationOf(a.details) : null;
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={() => navigate('/applications')}>{t('programmes.application')}</NavBar>
      <Card style={{ margin: 12 }}>
        <h2 className="su-title" style={{ margin: 0 }}>
          {a.programme.title}
        </h2>
        <div style={{ marginTop: 8, display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          <Tag color="primary" fill="outline">
            {t(`programmeKind.${a.programme.kind}`)}
          </Tag>
          <Tag color={statusColor(a.status)} data-testid="application-status">
            {t(`programmeApplicationStatus.${a.status}`)}
          </Tag>
        </div>
        <List style={{ marginTop: 8 }}>
          <List.Item extra={<span data-testid="application-amount">{yuan(a.amountFen)}</span>}>
            {t('programmes.amount')}
          </List.Item>
          <List.Item
            extra={
              <span data-testid="application-payee">
                {a.payee ? `${a.payee.bank} ${a.payee.account}` : t('programmes.noPayee')}
              </span>
            }
          >
            {t('programmes.payee')}
          </List.Item>
          {details.map((f) => {
            const value = texts[f.key]!;
            const shown =
              f.input === 'select'
                ? t(`programmes.${f.key}.${value}`)
                : f.input === 'org'
                  ? (texts[`${f.key}Name`] ?? value)
                  : value;
            return (
              <List.Item key={f.key} extra={shown} data-testid={`application-detail-${f.key}`}>
                {t(`programmes.detail.${f.key}`)}
              </List.Item>
            );
          })}
          <List.Item extra={t('programmes.documentCount', { n: a.attachments.length })}>
            {t('programmes.documents')}
          </List.Item>
          <List.Item extra={when(a.createdAt)}>{t('programmes.appliedAt')}</List.Item>
        </List>
      </Card>
      {returned && (
        <Card style={{ margin: 12 }} title={t('programmes.returnedTitle')}>
          <p role="alert" data-testid="return-reason" style={{ marginTop: 0 }}>
            {returned.note}
          </p>
          {a.actions.includes('resubmit') && (
            <Button
              block
              color="primary"
              onClick={() => navigate(`/applications/${a.id}/correct`)}
              data-testid="correct"
            >
              {t('programmes.correct')}
            </Button>
          )}
        </Card>
      )}
      {rejected?.note && (
        <Card style={{ margin: 12 }} title={t('programmes.rejectedTitle')}>
          <p style={{ margin: 0 }} data-testid="reject-reason">
            {rejected.note}
          </p>
        </Card>
      )}
      {a.programme.kind === 'work_study' && <WorkDaysCard applicationId={a.id} />}
      {claim && <ClaimBills computation={claim} />}
      <Card style={{ margin: 12 }} title={t('programmes.progress')}>
        <Steps direction="vertical" data-testid="application-steps">
          {stages.map((s) => (
            <Steps.Step
              key={s.key}
              title={s.title}
              status={s.status}
              description={<span style={{ whiteSpace: 'pre-line' }}>{s.description}</span>}
            />
          ))}
        </Steps>
      </Card>
      {(a.notices ?? []).length > 0 && (
        <List header={t('programmes.noticesOfMine')} style={{ margin: '0 0 12px' }}>
          {(a.notices ?? []).map((n) => (
            <List.Item
              key={n.id}
              onClick={() => navigate(`/notices/${n.id}`)}
              description={`${when(n.opensAt)} – ${when(n.closesAt)}`}
              extra={
                <Tag color={n.open ? 'success' : 'default'}>
                  {n.open ? t('programmes.noticeOpen') : t('programmes.noticeClosed')}
                </Tag>
              }
              data-testid="application-notice"
            >
              {t('programmes.noticeEntry', { org: n.org.name, n: n.entryNo })}
            </List.Item>
          ))}
        </List>
      )}
      <Card style={{ margin: 12 }} title={t('programmes.timeline')}>
        <ol data-testid="application-timeline" style={{ margin: 0, paddingLeft: 20 }}>
          {timeline.map((e, i) => (
            <li key={i} style={{ marginBottom: 8 }}>
              <div>{stepTitle(e, a, t)}</div>
              <div className="su-hint">
                {when(e.at)}
                {e.note ? ` · ${e.note}` : ''}
              </div>
            </li>
          ))}
        </ol>
      </Card>
      {a.actions.includes('withdraw') && (
        <div style={{ padding: '0 12px' }}>
          <Button block loading={action.isPending} onClick={() => void withdraw()} data-testid="withdraw">
            {t('programmes.action.withdraw')}
          </Button>
        </div>
      )}
    </div>
  );
}
