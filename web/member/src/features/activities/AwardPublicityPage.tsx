import { Button, Card, List, Tag, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../../shared/api';
import { ErrorState, PageLoading } from '../../ErrorState';
import { humanError } from '../../errors';
import { NavBar } from '../../NavBar';
import { useSession } from '../../session';
import { useObject, usePublicity, type Publicity } from './awards.queries';
import './words';

type Item = Publicity['items'][number];

/** A signed-in member's objection to one person on the list, while the publicity is open. */
function Objection({ item }: { item: Item }) {
  const { t } = useTranslation();
  const object = useObject();
  const [open, setOpen] = useState(false);
  const [content, setContent] = useState('');
  async function send() {
    try {
      await object.mutateAsync({ nominationId: item.nominationId, content });
      Toast.show({ icon: 'success', content: t('awards.objectionSent') });
      setOpen(false);
      setContent('');
    } catch (e) {
      Toast.show({ content: humanError(e, t) });
    }
  }
  if (!open)
    return (
      <Button size="mini" onClick={() => setOpen(true)} data-testid="object">
        {t('awards.object')}
      </Button>
    );
  return (
    <div style={{ width: '100%' }}>
      <TextArea
        value={content}
        onChange={setContent}
        rows={3}
        maxLength={2000}
        placeholder={t('awards.objectionPlaceholder')}
        data-testid="objection-content"
      />
      <Button
        size="small"
        color="danger"
        loading={object.isPending}
        disabled={content.trim().length < 5}
        onClick={() => void send()}
        data-testid="send-objection"
      >
        {t('awards.object')}
      </Button>
    </div>
  );
}

/** 评选公示: public, no sign-in — the selected (names masked), their unions and deeds; objections while it is open. */
export function AwardPublicityPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { key } = useLocation();
  const { me } = useSession();
  const { data, error, refetch } = usePublicity(id);
  const notOpen = error instanceof ApiError && error.status === 404;
  const day = (at: string) => new Date(at).toLocaleDateString();
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={() => (key !== 'default' ? navigate(-1) : navigate('/'))}>
        {data?.selection.title ?? t('awards.publicityTitle')}
      </NavBar>
      {notOpen ? (
        <Card style={{ margin: 12 }}>{t('awards.notOpen')}</Card>
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !data ? (
        <PageLoading />
      ) : null}
      {data && (
        <>
          <div style={{ padding: '8px 12px', color: '#555', fontSize: 13 }} data-testid="publicity-window">
            {data.selection.org.name} ·{' '}
            {t('awards.publicityWindow', {
              from: day(data.selection.publicityStartsAt),
              to: day(data.selection.publicityEndsAt),
            })}
            <div>
              {data.selection.open
                ? t('awards.publicityOpen')
                : data.selection.awarded
                  ? t('awards.awarded')
                  : t('awards.publicityClosed')}
            </div>
          </div>
          <List data-testid="publicity-list">
            {data.items.map((x) => (
              <List.Item
                key={x.nominationId}
                title={`${x.org.name} · ${x.position}`}
                extra={
                  <Tag color={x.status === 'revoked' ? 'default' : 'success'}>{t(`awards.status.${x.status}`)}</Tag>
                }
                description={
                  <>
                    <div style={{ whiteSpace: 'pre-wrap' }}>{x.deeds}</div>
                    {x.votes !== null && <div>{t('awards.votes', { n: x.votes })}</div>}
                    {data.selection.open && x.status === 'publicized' && (
                      <div style={{ marginTop: 8 }}>
                        {me ? (
                          <Objection item={x} />
                        ) : (
                          <Button size="mini" onClick={() => navigate('/login')}>
                            {t('awards.signInToObject')}
                          </Button>
                        )}
                      </div>
                    )}
                  </>
                }
                data-testid="publicity-item"
              >
                {x.nomineeName}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </div>
  );
}
