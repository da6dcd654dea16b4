import { Button, Empty, List, Space, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { NavBar } from '../../NavBar';
import { useSession } from '../../session';
import { proposalStatusColor, when } from './proposals.format';
import { useMyProposals, type ProposalSummary } from './proposals.queries';
import { useMyCongresses } from './queries';
import './words';

function ProposalItem({ p }: { p: ProposalSummary }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <List.Item
      onClick={() => navigate(`/proposals/${p.id}`)}
      description={`${t(`proposalCategory.${p.category}`)} · ${p.proposer.name} · ${when(p.createdAt)}`}
      extra={
        <Space direction="vertical" align="end" style={{ '--gap': '4px' }}>
          <Tag color={proposalStatusColor(p.status)} data-testid="proposal-item-status">
            {t(`proposalStatus.${p.status}`)}
          </Tag>
          {p.overdue && (
            <Tag color="danger" fill="outline" data-testid="proposal-item-overdue">
              {t('proposals.overdue')}
            </Tag>
          )}
          {p.myCosignature === 'pending' && (
            <Tag color="warning" fill="outline" data-testid="proposal-item-cosign">
              {t('proposals.cosignAsked')}
            </Tag>
          )}
        </Space>
      }
      data-testid="proposal-item"
    >
      {p.title}
    </List.Item>
  );
}

/** 我的提案: the proposals I made, and those I was named to co-sign (附议), newest first, with their states. */
export function ProposalsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me } = useSession();
  const { data: items, error, refetch } = useMyProposals();
  // Only an active representative may propose: the button shows for them (the list is for co-signers too).
  const terms = useMyCongresses(me?.isMember ?? false).data ?? [];
  const canPropose = terms.some((c) => c.status === 'active');
  const mine = (items ?? []).filter((p) => p.myCosignature === null);
  const cosigning = (items ?? []).filter((p) => p.myCosignature !== null);
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={() => navigate('/')}>{t('proposals.title')}</NavBar>
      {canPropose && (
        <div style={{ padding: 12 }}>
          <Button block color="primary" onClick={() => navigate('/proposals/new')} data-testid="new-proposal">
            {t('proposals.new')}
          </Button>
        </div>
      )}
      {error ? <ErrorState error={error} onRetry={() => void refetch()} /> : !items ? <PageLoading /> : null}
      {items && !error && items.length === 0 && (
        <Empty description={canPropose ? t('proposals.none') : t('proposals.noneNotRepresentative')} />
      )}
      {mine.length > 0 && (
        <List header={t('proposals.mine')} data-testid="my-proposals">
          {mine.map((p) => (
            <ProposalItem key={p.id} p={p} />
          ))}
        </List>
      )}
      {cosigning.length > 0 && (
        <List header={t('proposals.cosigning')} data-testid="cosigning-proposals">
          {cosigning.map((p) => (
            <ProposalItem key={p.id} p={p} />
          ))}
        </List>
      )}
    </div>
  );
}
