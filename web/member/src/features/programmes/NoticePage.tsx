import { Button, Card, Empty, Form, List, Tag, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { fieldErrors, type FieldLabels } from '../../errors';
import { NavBar } from '../../NavBar';
import { useSession } from '../../session';
import { useObject, usePublicNotice, type Objection } from './queries';
import { programmeError, when, yuan } from './rules';
import './words';

const objectionFields: FieldLabels = { content: 'objection', entryNo: 'objectionEntry' };

/** Objections this worker sent from this phone (the API keeps them; this only lets the page say so after a reload). */
const sentKey = (accountId: string, noticeId: string) => `su.programmes.objections.${accountId}.${noticeId}`;
function sentObjections(key: string): Pick<Objection, 'id' | 'entryNo' | 'createdAt'>[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(v) ? (v as Pick<Objection, 'id' | 'entryNo' | 'createdAt'>[]) : [];
  } catch {
    return [];
  }
}

/** Back where the visitor came from inside the app, else home (a notice opened from a link or a QR code). */
function useBack() {
  const navigate = useNavigate();
  const { key } = useLocation();
  return () => (key !== 'default' ? navigate(-1) : navigate('/'));
}

/**
 * 公示: a published notice, for anyone without sign-in — the masked names and amounts, when it opened and closes, and
 * the hash that proves it unchanged. While it is open a signed-in worker may object to it or to one entry.
 */
export function NoticePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const back = useBack();
  const { id = '' } = useParams();
  const { me } = useSession();
  const { data: n, error, refetch } = usePublicNotice(id);
  const [target, setTarget] = useState<number | null>(null);
  const [content, setContent] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  // One key per objection: a retried tap sends it once; the next objection is a new one.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const object = useObject(id, idempotencyKey);
  const storageKey = me ? sentKey(me.accountId, id) : null;
  // Read on every render (a few bytes): the session may still be loading on the first one.
  const [, setSentCount] = useState(0);
  const sent = storageKey ? sentObjections(storageKey) : [];

  async function submit() {
    setErrors({});
    try {
      const made = await object.mutateAsync({ content, ...(target !== null ? { entryNo: target } : {}) });
      setContent('');
      setTarget(null);
      setIdempotencyKey(crypto.randomUUID());
      if (storageKey) {
        const all = [...sentObjections(storageKey), { id: made.id, entryNo: made.entryNo, createdAt: made.createdAt }];
        localStorage.setItem(storageKey, JSON.stringify(all));
        setSentCount(all.length);
      }
      Toast.show({ icon: 'success', content: t('programmes.objectionReceived') });
    } catch (e) {
      const onFields = fieldErrors(e, objectionFields);
      setErrors(onFields);
      Toast.show({ content: programmeError(e, t, objectionFields) });
      // The notice may have closed meanwhile: show it as it is now.
      void refetch();
    }
  }

  if (error || !n)
    return (
      <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
        <NavBar onBack={back}>{t('programmes.notice')}</NavBar>
        {error ? (
          <ErrorState
            error={error}
            onRetry={() => void refetch()}
            notFound={{
              title: t('programmes.noticeNotFound'),
              action: (
                <Button color="primary" className="su-tap" onClick={() => navigate('/')}>
                  {t('appName')}
                </Button>
              ),
            }}
          />
        ) : (
          <PageLoading />
        )}
      </div>
    );
  const entryName = (no: number) => n.entries.find((e) => e.entryNo === no)?.name ?? '';
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={back}>{t('programmes.notice')}</NavBar>
      <Card style={{ margin: 12 }}>
        <h2 className="su-title" style={{ margin: 0 }} data-testid="notice-title">
          {t('programmes.noticeHeading', { title: n.programme.title })}
        </h2>
        <div style={{ marginTop: 8, display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          <Tag color="primary" fill="outline">
            {t(`programmeKind.${n.programme.kind}`)}
          </Tag>
          <Tag color={n.open ? 'success' : 'default'} data-testid="notice-state">
            {n.open ? t('programmes.noticeOpen') : t('programmes.noticeClosed')}
          </Tag>
        </div>
        <List style={{ marginTop: 8 }}>
          <List.Item extra={n.org.name}>{t('programmes.noticeBy')}</List.Item>
          <List.Item extra={t('programmes.noticeSeq', { n: n.seq })}>{t('programmes.noticeNo')}</List.Item>
          <List.Item extra={<span data-testid="notice-opens">{when(n.opensAt)}</span>}>
            {t('programmes.noticeOpens')}
          </List.Item>
          <List.Item extra={<span data-testid="notice-closes">{when(n.closesAt)}</span>}>
            {t('programmes.noticeCloses')}
          </List.Item>
        </List>
      </Card>
      <Card style={{ margin: 12 }} title={t('programmes.noticeEntries', { n: n.entries.length })}>
        {n.entries.length === 0 ? (
          <Empty description={t('empty')} />
        ) : (
          <table
            className="su-notice-table"
            data-testid="notice-entries"
            style={{ width: '100%', borderCollapse: 'collapse' }}
          >
            <thead>
              <tr>
                <th scope="col" style={cell}>
                  {t('programmes.entryNo')}
                </th>
                <th scope="col" style={cell}>
                  {t('programmes.entryName')}
                </th>
                <th scope="col" style={{ ...cell, textAlign: 'right' }}>
                  {t('programmes.entryAmount')}
                </th>
                {n.open && me && (
                  <th scope="col" style={cell}>
                    {t('programmes.objectShort')}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {n.entries.map((e) => (
                <tr
                  key={e.entryNo}
                  data-testid="notice-entry"
                  style={target === e.entryNo ? { background: '#fff7e6', fontWeight: 600 } : undefined}
                >
                  <td style={cell}>{e.entryNo}</td>
                  <td style={cell}>{e.name}</td>
                  <td style={{ ...cell, textAlign: 'right' }}>{yuan(e.amountFen)}</td>
                  {n.open && me && (
                    <td style={cell}>
                      <button
                        type="button"
                        className="su-link su-tap"
                        aria-label={t('programmes.objectToEntry', { n: e.entryNo, name: e.name })}
                        aria-pressed={target === e.entryNo}
                        onClick={() => setTarget(target === e.entryNo ? null : e.entryNo)}
                        data-testid={`object-entry-${e.entryNo}`}
                      >
                        {t('programmes.objectShort')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card style={{ margin: 12 }} title={t('programmes.hashTitle')}>
        <p className="su-hint" style={{ marginTop: 0 }}>
          {t('programmes.hashHint')}
        </p>
        <code data-testid="notice-hash" style={hash}>
          {n.contentHash}
        </code>
        <div className="su-hint" style={{ marginTop: 8 }}>
          {t('programmes.prevHash')}
        </div>
        <code data-testid="notice-prev-hash" style={hash}>
          {n.prevHash}
        </code>
      </Card>
      {sent.length > 0 && (
        <Card style={{ margin: 12 }} title={t('programmes.objectionReceived')}>
          <div role="status">
            <ul data-testid="objection-received" style={{ margin: 0, paddingLeft: 20 }}>
              {sent.map((o) => (
                <li key={o.id}>
                  {t('programmes.objectionReceivedAt', {
                    at: when(o.createdAt),
                    target:
                      o.entryNo === null
                        ? t('programmes.wholeNotice')
                        : t('programmes.entryTarget', { n: o.entryNo, name: entryName(o.entryNo) }),
                  })}
                </li>
              ))}
            </ul>
          </div>
        </Card>
      )}
      {n.open ? (
        me ? (
          <Card style={{ margin: 12 }} title={t('programmes.object')}>
            <Form layout="vertical">
              <Form.Item label={t('programmes.objectTarget')}>
                <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
                  <span data-testid="objection-target">
                    {target === null
                      ? t('programmes.wholeNotice')
                      : t('programmes.entryTarget', { n: target, name: entryName(target) })}
                  </span>
                  {target !== null && (
                    <Button size="small" className="su-tap" onClick={() => setTarget(null)}>
                      {t('programmes.wholeNoticeInstead')}
                    </Button>
                  )}
                </div>
                <div className="su-hint">{t('programmes.objectTargetHint')}</div>
                {errors.entryNo && (
                  <div className="su-field-error" role="alert">
                    {errors.entryNo}
                  </div>
                )}
              </Form.Item>
              <Form.Item label={t('programmes.objectionContent')}>
                <TextArea
                  aria-label={t('programmes.objectionContent')}
                  value={content}
                  onChange={(v) => {
                    setContent(v);
                    if (errors.content) setErrors(({ content: _, ...rest }) => rest);
                  }}
                  rows={4}
                  maxLength={2000}
                  showCount
                  placeholder={t('programmes.objectionPlaceholder')}
                  data-testid="objection-content"
                />
                {errors.content && (
                  <div className="su-field-error" role="alert" data-testid="error-content">
                    {errors.content}
                  </div>
                )}
              </Form.Item>
            </Form>
            <Button
              block
              color="primary"
              loading={object.isPending}
              onClick={() => void submit()}
              data-testid="submit-objection"
            >
              {t('programmes.sendObjection')}
            </Button>
          </Card>
        ) : (
          <div style={{ padding: 12 }}>
            <Button
              block
              color="primary"
              onClick={() => navigate(`/login?next=${encodeURIComponent(`/notices/${n.id}`)}`)}
              data-testid="sign-in-to-object"
            >
              {t('programmes.signInToObject')}
            </Button>
          </div>
        )
      ) : (
        <p className="su-hint" style={{ margin: 12 }} data-testid="notice-closed-hint">
          {t('programmes.noticeClosedHint')}
        </p>
      )}
    </div>
  );
}

const cell = { padding: '8px 4px', borderBottom: '1px solid #eee', textAlign: 'left' as const };
const hash = {
  display: 'block',
  fontFamily: 'ui-monospace, Menlo, Consolas, monospace',
  fontSize: 13,
  wordBreak: 'break-all' as const,
  background: '#f5f5f5',
  padding: 8,
  borderRadius: 4,
};
