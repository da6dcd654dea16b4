import { Button, Card, Empty, Image, InfiniteScroll, List, SearchBar, Tabs, Tag, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { humanError } from '../../errors';
import { NavBar } from '../../NavBar';
import { PollRanking } from './PollRanking';
import {
  isDailyLimit,
  isNotOpen,
  ballotsLeft,
  isRateLimited,
  nextBeijingMidnight,
  pollStatus,
  pollStatusColor,
  pollTime,
  usePoll,
  usePollEntries,
  usePollResults,
  useVote,
  type Poll,
  type PollEntry,
} from './polls.queries';
import './words';

/** Ballots left today, or the reason none can be cast: the poll not open, or today's used up (back at midnight). */
function Allowance({ poll, limitHit }: { poll: Poll; limitHit: boolean }) {
  const { t } = useTranslation();
  const status = pollStatus(poll);
  if (status !== 'open')
    return (
      <div role="status" className="su-hint" data-testid="poll-closed">
        {status === 'scheduled' ? t('polls.notOpen') : t('polls.ended')}
      </div>
    );
  const left = limitHit ? 0 : ballotsLeft(poll);
  if (left > 0)
    return (
      <div role="status" className="su-title" style={{ fontSize: 16 }} data-testid="ballots-left">
        {t('polls.left', { n: left })}
      </div>
    );
  return (
    <div role="status" data-testid="daily-limit" style={{ color: '#a8071a' }}>
      <strong>{t('polls.limitReached')}</strong>
      <div className="su-hint">{t('polls.resetsAt', { time: pollTime(nextBeijingMidnight()) })}</div>
    </div>
  );
}

function EntryCard({
  entry,
  canVote,
  pending,
  onVote,
}: {
  entry: PollEntry;
  canVote: boolean;
  pending: boolean;
  onVote(): void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const photo = entry.photos[0];
  return (
    <Card style={{ margin: '8px 12px' }} data-testid="poll-entry">
      <div style={{ display: 'flex', gap: 12 }}>
        {photo && <Image src={photo.url} width={88} height={88} fit="cover" alt={entry.title} lazy />}
        <div style={{ flex: 1, minWidth: 0 }}>
          <h3 className="su-title" style={{ margin: 0, fontSize: 16 }} data-testid="entry-title">
            {entry.title}
          </h3>
          {entry.description && (
            <p
              style={{
                margin: '4px 0',
                whiteSpace: 'pre-wrap',
                ...(open
                  ? {}
                  : { display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' }),
              }}
            >
              {entry.description}
            </p>
          )}
          {entry.description && entry.description.length > 40 && (
            <button
              type="button"
              className="su-link"
              onClick={() => setOpen(!open)}
              style={{ border: 0, padding: 0, background: 'none' }}
            >
              {open ? t('polls.less') : t('polls.more')}
            </button>
          )}
        </div>
      </div>
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', marginTop: 8 }}>
        <span data-testid="entry-votes">{t('polls.votes', { n: entry.votes })}</span>
        <Button
          color="primary"
          size="small"
          className="su-tap"
          disabled={!canVote || pending}
          loading={pending}
          onClick={onVote}
          aria-label={t('polls.voteFor', { title: entry.title })}
          data-testid="vote"
        >
          {t('polls.vote')}
        </Button>
      </div>
    </Card>
  );
}

/** The entries, page by page, with a search box (a large poll has 10,000); each with its vote button. */
function Entries({ poll, limitHit, onLimit }: { poll: Poll; limitHit: boolean; onLimit(): void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [settled, setSettled] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSettled(q.trim()), 300);
    return () => clearTimeout(timer);
  }, [q]);
  const list = usePollEntries(poll.id, settled);
  const vote = useVote(poll.id);
  const canVote = poll.open && ballotsLeft(poll) > 0 && !limitHit;

  async function cast(entry: PollEntry) {
    try {
      // A key per tap: the tap's retries carry it (counted once); the next tap is a new ballot.
      await vote.mutateAsync({ entryId: entry.id, key: crypto.randomUUID() });
      Toast.show({ icon: 'success', content: t('polls.voted') });
    } catch (e) {
      // The entry's own daily most: only its button rests (the entries are read again); else all of today's are used.
      const entryLimit = isDailyLimit(e) && e.details.limit === 'perEntryPerDay';
      if (isDailyLimit(e) && !entryLimit) onLimit();
      Toast.show({
        content: entryLimit
          ? t('polls.entryLimit', { n: poll.perEntryPerDay })
          : isDailyLimit(e)
            ? t('polls.limitReached')
            : isNotOpen(e)
              ? Date.now() < Date.parse(poll.startsAt)
                ? t('polls.notOpen')
                : t('polls.ended')
              : isRateLimited(e)
                ? t('polls.tooFast')
                : humanError(e, t),
      });
    }
  }

  return (
    <div>
      <div style={{ padding: '8px 12px', background: '#fff' }}>
        <SearchBar
          aria-label={t('polls.search')}
          placeholder={t('polls.search')}
          value={q}
          onChange={setQ}
          clearable={false}
          data-testid="entry-search"
        />
      </div>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : !list.items ? (
        <PageLoading />
      ) : list.items.length === 0 ? (
        <Empty description={settled ? t('polls.noMatch', { q: settled }) : t('polls.noEntries')} />
      ) : (
        <>
          {list.items.map((entry) => (
            <EntryCard
              key={entry.id}
              entry={entry}
              canVote={canVote && (entry.myVotesToday ?? 0) < poll.perEntryPerDay}
              pending={vote.isPending && vote.variables?.entryId === entry.id}
              onVote={() => void cast(entry)}
            />
          ))}
          <InfiniteScroll loadMore={list.loadMore} hasMore={list.hasMore} />
        </>
      )}
    </div>
  );
}

/** The live ranking inside the poll's page (the same figures as the public page). */
function Results({ pollId }: { pollId: string }) {
  const { t } = useTranslation();
  const results = usePollResults(pollId);
  if (results.error) return <ErrorState error={results.error} onRetry={() => void results.refetch()} />;
  if (!results.data) return <PageLoading />;
  return (
    <Card style={{ margin: 12 }}>
      <div className="su-hint" data-testid="total-votes">
        {t('polls.totalVotes', { n: results.data.totalVotes })}
      </div>
      <PollRanking items={results.data.items} total={results.data.totalVotes} />
      <Link to={`/p/polls/${pollId}/results`} data-testid="public-results-link">
        {t('polls.publicLink')}
      </Link>
    </Card>
  );
}

/**
 * One poll for a member: what it is, its window and rules, the ballots I have left today (or when they come back),
 * the entries with a search and a vote button each, the live ranking, and a way to nominate an entry.
 */
export function PollPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const { data: poll, error, refetch } = usePoll(id);
  const [tab, setTab] = useState<'entries' | 'results'>('entries');
  // A 409 DAILY_LIMIT_REACHED says so at once, before the poll is read again.
  const [limitHit, setLimitHit] = useState(false);
  useEffect(() => {
    if (poll && ballotsLeft(poll) > 0) setLimitHit(false);
  }, [poll]);
  const back = () => navigate('/polls');
  if (error || !poll)
    return (
      <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
        <NavBar onBack={back}>{t('polls.title')}</NavBar>
        {error ? (
          <ErrorState
            error={error}
            onRetry={() => void refetch()}
            notFound={{
              title: t('polls.notFound'),
              action: (
                <Button color="primary" className="su-tap" onClick={back}>
                  {t('polls.title')}
                </Button>
              ),
            }}
          />
        ) : (
          <PageLoading />
        )}
      </div>
    );
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={back}>{t('polls.title')}</NavBar>
      <Card style={{ margin: 12 }}>
        <h2 className="su-title" style={{ margin: 0 }} data-testid="poll-title">
          {poll.title}
        </h2>
        <div style={{ marginTop: 8, display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          <Tag color={pollStatusColor[pollStatus(poll)]} data-testid="poll-status">
            {t(`polls.status.${pollStatus(poll)}`)}
          </Tag>
          {poll.round > 1 && (
            <Tag color="warning" fill="outline">
              {t('polls.finalRound')}
            </Tag>
          )}
        </div>
        <List style={{ marginTop: 8 }}>
          <List.Item extra={poll.org.name}>{t('polls.org')}</List.Item>
          <List.Item description={t('polls.windowValue', { from: pollTime(poll.startsAt), to: pollTime(poll.endsAt) })}>
            {t('polls.window')}
          </List.Item>
        </List>
        <p className="su-hint">
          {t('polls.rules', { perDay: poll.ballotsPerMemberPerDay, perEntry: poll.perEntryPerDay })}
        </p>
        <Allowance poll={poll} limitHit={limitHit} />
        {pollStatus(poll) !== 'ended' && (
          <Button
            block
            fill="outline"
            color="primary"
            style={{ marginTop: 12 }}
            onClick={() => navigate(`/polls/${poll.id}/nominate`)}
            data-testid="nominate"
          >
            {t('polls.nominate')}
          </Button>
        )}
      </Card>
      <Tabs activeKey={tab} onChange={(k) => setTab(k as 'entries' | 'results')} style={{ background: '#fff' }}>
        <Tabs.Tab title={t('polls.entriesCount', { n: poll.liveEntries })} key="entries" />
        <Tabs.Tab title={t('polls.results')} key="results" />
      </Tabs>
      {tab === 'entries' ? (
        <Entries poll={poll} limitHit={limitHit} onLimit={() => setLimitHit(true)} />
      ) : (
        <Results pollId={poll.id} />
      )}
    </div>
  );
}
