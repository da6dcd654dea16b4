import { Button, Card, Dialog, List, Radio, Rate, Space, Steps, Tag, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { humanError } from '../../errors';
import { NavBar } from '../../NavBar';
import { api } from '../../api';
import { proposalStages, proposalStatusColor, when } from './proposals.format';
import { useCosign, useProposal, useProposalAction, type Proposal } from './proposals.queries';
import './words';

const cosignerColor = { pending: 'warning', agreed: 'success', declined: 'default' } as const;

/** An attachment behind the token, opened in a new tab (read as a blob: the token never goes into an address). */
function Attachments({ p }: { p: Proposal }) {
  const { t } = useTranslation();
  async function open(fileId: string) {
    const tab = window.open('', '_blank');
    try {
      const blob = await api.blob(`/api/v1/proposals/${p.id}/attachments/${fileId}`);
      const url = URL.createObjectURL(blob);
      if (tab) tab.location.href = url;
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      tab?.close();
      Toast.show({ content: humanError(e, t) });
    }
  }
  if (p.attachments.length === 0) return null;
  return (
    <List header={t('proposals.attachments')} data-testid="proposal-attachments">
      {p.attachments.map((a) => (
        <List.Item key={a.id} onClick={() => void open(a.id)}>
          {a.fileName}
        </List.Item>
      ))}
    </List>
  );
}

/** 评价: 1–5 stars and satisfied or not (by default: 3 stars or more); dissatisfied reopens handling once. */
function RatingCard({ p }: { p: Proposal }) {
  const { t } = useTranslation();
  const action = useProposalAction(p.id);
  const [score, setScore] = useState(0);
  const [satisfied, setSatisfied] = useState<boolean | null>(null);
  const [comment, setComment] = useState('');
  const isSatisfied = satisfied ?? score >= 3;

  async function rate() {
    try {
      await action.mutateAsync({
        action: 'rate',
        score,
        satisfied: isSatisfied,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      Toast.show({ icon: 'success', content: t('proposals.rated') });
    } catch (e) {
      Toast.show({ content: humanError(e, t) });
    }
  }

  return (
    <Card style={{ margin: 12 }} title={t('proposals.rateTitle')} data-testid="rating-card">
      <Rate value={score} onChange={setScore} data-testid="proposal-rate" />
      <div style={{ margin: '8px 0' }}>
        <Radio.Group
          value={score === 0 ? undefined : isSatisfied ? 'yes' : 'no'}
          onChange={(v) => setSatisfied(v === 'yes')}
        >
          <Space>
            <Radio value="yes" data-testid="rate-satisfied">
              {t('proposals.satisfied')}
            </Radio>
            <Radio value="no" data-testid="rate-dissatisfied">
              {t('proposals.dissatisfied')}
            </Radio>
          </Space>
        </Radio.Group>
      </div>
      <p className="su-hint" style={{ margin: '0 0 8px' }} data-testid="rating-note">
        {p.reopened ? t('proposals.dissatisfiedCloses') : t('proposals.dissatisfiedReopens')}
      </p>
      <TextArea
        // antd-mobile puts aria-label on its wrapper, not on the textarea: name the textarea itself.
        ref={(r) => r?.nativeElement?.setAttribute('aria-label', t('proposals.ratingComment'))}
        value={comment}
        onChange={setComment}
        rows={2}
        maxLength={500}
      />
      <Button
        block
        color="primary"
        disabled={score === 0}
        loading={action.isPending}
        onClick={() => void rate()}
        style={{ marginTop: 8 }}
        data-testid="submit-rating"
      >
        {t('proposals.submitRating')}
      </Button>
    </Card>
  );
}

/**
 * One proposal, for its proposer and named co-signers (the notifications' `/proposals/{id}`): where it is in the
 * five steps, who co-signed, the handling body and its due date, the answer, the rating and the timeline; the steps
 * the caller may take now.
 */
export function ProposalPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const { data: p, error, refetch } = useProposal(id);
  const action = useProposalAction(id);
  const cosign = useCosign(id);

  async function answerCosignature(agree: boolean) {
    if (!agree) {
      const confirmed = await Dialog.confirm({
        content: t('proposals.declineConfirm'),
        confirmText: t('proposals.decline'),
        cancelText: t('proposals.cancel'),
      });
      if (!confirmed) return;
    }
    try {
      await cosign.mutateAsync(agree);
      Toast.show({ icon: 'success', content: agree ? t('proposals.cosigned') : t('proposals.declined') });
    } catch (e) {
      Toast.show({ content: humanError(e, t) });
      void refetch();
    }
  }

  async function withdraw() {
    const confirmed = await Dialog.confirm({
      content: t('proposals.withdrawConfirm'),
      confirmText: t('proposals.withdraw'),
      cancelText: t('proposals.cancel'),
    });
    if (!confirmed) return;
    try {
      await action.mutateAsync({ action: 'withdraw' });
      Toast.show({ icon: 'success', content: t('proposals.withdrawn') });
    } catch (e) {
      Toast.show({ content: humanError(e, t) });
    }
  }

  if (error || !p)
    return (
      <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
        <NavBar onBack={() => navigate('/proposals')}>{t('proposals.proposal')}</NavBar>
        {error ? (
          <ErrorState
            error={error}
            onRetry={() => void refetch()}
            notFound={{
              title: t('proposals.notFound'),
              action: (
                <Button color="primary" className="su-tap" onClick={() => navigate('/proposals')}>
                  {t('proposals.title')}
                </Button>
              ),
            }}
          />
        ) : (
          <PageLoading />
        )}
      </div>
    );

  const stages = proposalStages(p, t);
  const cosigningOpen = p.myCosignature === 'pending' && (p.status === 'submitted' || p.status === 'returned');
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={() => navigate('/proposals')}>{t('proposals.proposal')}</NavBar>
      <Card style={{ margin: 12 }}>
        <h2 className="su-title" style={{ margin: 0 }} data-testid="proposal-title">
          {p.title}
        </h2>
        <div style={{ marginTop: 8, display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          <Tag color={proposalStatusColor(p.status)} data-testid="proposal-status">
            {t(`proposalStatus.${p.status}`)}
          </Tag>
          <Tag color="primary" fill="outline">
            {t(`proposalCategory.${p.category}`)}
          </Tag>
          {p.overdue && (
            <Tag color="danger" data-testid="proposal-overdue">
              {t('proposals.overdue')}
            </Tag>
          )}
        </div>
        <div className="su-hint" style={{ marginTop: 8 }}>
          {p.congress.name}
          <br />
          {t('proposals.proposedBy', { name: p.proposer.name, org: p.proposer.org.name, at: when(p.createdAt) })}
        </div>
      </Card>
      <Card style={{ margin: 12 }} title={t('proposals.progress')}>
        <Steps current={stages.findIndex((s) => s.status !== 'finish')} data-testid="proposal-steps">
          {stages.map((s) => (
            <Steps.Step
              key={s.key}
              title={t(`proposals.stage.${s.key}`)}
              status={s.status}
              description={<span style={{ fontSize: 11 }}>{s.description}</span>}
            />
          ))}
        </Steps>
      </Card>
      {cosigningOpen && (
        <Card style={{ margin: 12 }} title={t('proposals.cosignTitle')} data-testid="cosign-card">
          <p style={{ marginTop: 0 }}>{t('proposals.cosignAsk', { name: p.proposer.name })}</p>
          <Space block direction="vertical">
            <Button
              block
              color="primary"
              loading={cosign.isPending}
              onClick={() => void answerCosignature(true)}
              data-testid="cosign-agree"
            >
              {t('proposals.agree')}
            </Button>
            <Button block onClick={() => void answerCosignature(false)} data-testid="cosign-decline">
              {t('proposals.decline')}
            </Button>
          </Space>
        </Card>
      )}
      {p.status === 'returned' && p.availableActions.includes('resubmit') && (
        <Card style={{ margin: 12 }} title={t('proposals.returnedTitle')}>
          <p role="alert" style={{ marginTop: 0 }} data-testid="return-reason">
            {p.reviewReason}
          </p>
          <Button block color="primary" onClick={() => navigate(`/proposals/${p.id}/edit`)} data-testid="edit">
            {t('proposals.edit')}
          </Button>
        </Card>
      )}
      {p.status === 'rejected' && p.reviewReason && (
        <Card style={{ margin: 12 }} title={t('proposals.rejectedTitle')}>
          <p style={{ margin: 0 }} data-testid="reject-reason">
            {p.reviewReason}
          </p>
        </Card>
      )}
      {p.reply && (
        <Card
          style={{ margin: 12 }}
          title={p.reply.source === 'external' ? t('proposals.externalReply') : t('proposals.reply')}
        >
          <p style={{ marginTop: 0, whiteSpace: 'pre-wrap' }} data-testid="proposal-reply">
            {p.reply.text}
          </p>
          <div className="su-hint">{[p.handlerOrg?.name, when(p.reply.at)].filter(Boolean).join(' · ')}</div>
        </Card>
      )}
      {p.availableActions.includes('rate') && <RatingCard p={p} />}
      {p.rating && (
        <Card style={{ margin: 12 }} title={t('proposals.myRating')} data-testid="proposal-rated">
          <Rate readOnly value={p.rating.score} />{' '}
          <Tag color={p.rating.satisfied ? 'success' : 'danger'} data-testid="proposal-rating-satisfied">
            {p.rating.satisfied ? t('proposals.satisfied') : t('proposals.dissatisfied')}
          </Tag>
          {p.rating.comment && <p style={{ marginBottom: 0 }}>{p.rating.comment}</p>}
        </Card>
      )}
      <List header={t('proposals.details')}>
        <List.Item>
          <div style={{ whiteSpace: 'pre-wrap' }} data-testid="proposal-body">
            {p.body}
          </div>
        </List.Item>
        {p.handlerOrg && (
          <List.Item extra={<span data-testid="proposal-handler">{p.handlerOrg.name}</span>}>
            {t('proposals.handler')}
          </List.Item>
        )}
        {p.dueOn && (
          <List.Item extra={<span data-testid="proposal-due">{p.dueOn}</span>}>{t('proposals.dueOn')}</List.Item>
        )}
        {p.referral && (
          <List.Item
            extra={
              <span data-testid="proposal-referral">
                {p.referral.platform} · {p.referral.externalRef}
              </span>
            }
            description={when(p.referral.referredAt)}
          >
            {t('proposals.referral')}
          </List.Item>
        )}
      </List>
      <List header={t('proposals.cosigners')} data-testid="proposal-cosigners">
        {p.coSigners.length === 0 && <List.Item>{t('proposals.noCosigners')}</List.Item>}
        {p.coSigners.map((c) => (
          <List.Item
            key={c.representativeId}
            extra={
              <Tag color={cosignerColor[c.status]} data-testid="cosigner-status">
                {t(`proposalCosignerStatus.${c.status}`)}
              </Tag>
            }
            description={c.answeredAt ? when(c.answeredAt) : undefined}
            data-testid="cosigner"
          >
            {c.name}
          </List.Item>
        ))}
      </List>
      <Attachments p={p} />
      <Card style={{ margin: 12 }} title={t('proposals.timeline')}>
        <ol data-testid="proposal-timeline" style={{ margin: 0, paddingLeft: 20 }}>
          {(p.timeline ?? []).map((e, i) => (
            <li key={i} style={{ marginBottom: 8 }}>
              <div>{t(`proposalAction.${e.action}`, { defaultValue: e.action })}</div>
              <div className="su-hint">
                {when(e.at)}
                {e.note ? ` · ${e.note}` : ''}
              </div>
            </li>
          ))}
        </ol>
      </Card>
      {p.availableActions.includes('withdraw') && (
        <div style={{ padding: '0 12px' }}>
          <Button block loading={action.isPending} onClick={() => void withdraw()} data-testid="withdraw">
            {t('proposals.withdraw')}
          </Button>
        </div>
      )}
    </div>
  );
}
