import { Button, Dialog, List, Tag } from 'antd-mobile';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { ApiError, ok } from '../../../../shared/api';
import { humanError } from '../../errors';
import { NavBar } from '../../NavBar';
import { fieldApi, useFieldWorker } from './fieldApi';
import { dismiss, flushOutbox, onOutboxChange, outboxItems, startOutbox, type OutboxItem } from './outbox';
import './words';

const stateColor: Record<OutboxItem['state'], string> = {
  waiting: 'warning',
  sending: 'primary',
  sent: 'success',
  exists: 'default',
  invalid: 'danger',
  refused: 'danger',
};

/** The outbox's items of this worker, read again whenever one changes (here, in another tab, in the sender). */
function useOutbox(staffId: string | undefined): OutboxItem[] {
  const [items, setItems] = useState<OutboxItem[]>([]);
  useEffect(() => {
    if (!staffId) return;
    let live = true;
    const read = () => void outboxItems(staffId).then((i) => live && setItems(i));
    read();
    const off = onOutboxChange(read);
    return () => {
      live = false;
      off();
    };
  }, [staffId]);
  return items;
}

function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/**
 * 帮扶调查 home: who is signed in, a new survey, the surveys waiting on this phone with their state (waiting for
 * signal, sending, sent, already on file — with a visit to add to that file —, to correct) and the leads I filed.
 */
export function FieldHomePage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { worker, signOut } = useFieldWorker();
  const items = useOutbox(worker?.id);
  const online = useOnline();
  const sent = items.filter((i) => i.state === 'sent').length;
  const mine = useQuery({
    queryKey: ['/api/v1/hardship/leads', 'mine', worker?.id, sent],
    queryFn: ({ signal }) =>
      ok(fieldApi.GET('/api/v1/hardship/leads', { params: { query: { mine: true, limit: 50 } }, signal })),
    enabled: !!worker && online,
  });
  useEffect(() => {
    startOutbox();
    // The survey form's files, fetched now while there is signal: the form opens in the field without it.
    void import('./FieldSurveyPage').catch(() => undefined);
  }, []);
  const refetch = mine.refetch;
  useEffect(() => {
    if (online) void refetch();
  }, [online, refetch]);
  const remove = useCallback(
    async (item: OutboxItem) => {
      if (await Dialog.confirm({ content: t('survey.dismissConfirm') })) await dismiss(item);
    },
    [t],
  );

  if (!worker) return <Navigate to="/field/login" replace />;
  const waiting = items.filter((i) => i.state === 'waiting' || i.state === 'sending').length;
  /** Signing out keeps the surveys waiting on the phone: they go once this worker signs in again. */
  async function leave() {
    if (waiting > 0 && !(await Dialog.confirm({ content: t('survey.home.signedOutQueued', { count: waiting }) })))
      return;
    await signOut();
  }
  const date = (iso: string) => new Date(iso).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' });

  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar
        back={null}
        right={
          <button type="button" className="su-link su-tap" onClick={() => void leave()} data-testid="field-logout">
            {t('survey.home.signOut')}
          </button>
        }
      >
        {t('survey.appName')}
      </NavBar>
      <div style={{ padding: '12px 16px' }} className="su-muted" data-testid="field-worker">
        {t('survey.home.worker', { name: worker.username, org: worker.org.name })}
      </div>
      <div style={{ margin: '0 12px 12px' }}>
        <Button block color="primary" size="large" onClick={() => navigate('/field/new')} data-testid="field-new">
          {t('survey.home.newSurvey')}
        </Button>
      </div>
      {!online && (
        <div className="su-hint" role="status" style={{ margin: '0 16px 12px' }} data-testid="field-offline">
          {t('survey.home.offline')}
        </div>
      )}

      <List header={t('survey.home.outbox')} data-testid="outbox">
        {items.length === 0 && <List.Item>{t('survey.home.outboxEmpty')}</List.Item>}
        {items.map((item) => (
          <List.Item
            key={item.id}
            data-testid="outbox-item"
            data-state={item.state}
            title={date(item.createdAt)}
            extra={
              <Tag color={stateColor[item.state]} data-testid="outbox-state">
                {t(`survey.state.${item.state}`)}
              </Tag>
            }
            description={
              <OutboxDetail
                item={item}
                onFix={() => navigate(`/field/new?fix=${item.id}`)}
                onVisit={(householdId) => navigate(`/field/visit?householdId=${householdId}`)}
                onDismiss={() => void remove(item)}
              />
            }
          >
            {item.body.household.headName} · {maskId(item.body.household.idNumber)}
          </List.Item>
        ))}
      </List>

      <List header={t('survey.home.mine')} data-testid="my-leads">
        {mine.data?.items.length === 0 && <List.Item>{t('survey.home.none')}</List.Item>}
        {mine.error !== null && !(mine.error instanceof ApiError && mine.error.status === 401) && online && (
          <List.Item>
            <span role="alert">{humanError(mine.error, t)}</span>
          </List.Item>
        )}
        {mine.data?.items.map((lead) => (
          <List.Item
            key={lead.id}
            data-testid="my-lead"
            description={`${lead.household.idNumberMasked} · ${lead.household.address}`}
            extra={t(`survey.hardshipStatus.${lead.status}`)}
          >
            {lead.household.headName}
          </List.Item>
        ))}
      </List>
    </div>
  );
}

const maskId = (id: string) => (id.length > 8 ? `${id.slice(0, 4)}…${id.slice(-4)}` : id);

function OutboxDetail({
  item,
  onFix,
  onVisit,
  onDismiss,
}: {
  item: OutboxItem;
  onFix(): void;
  onVisit(householdId: string): void;
  onDismiss(): void;
}) {
  const { t } = useTranslation();
  const small = { size: 'small', className: 'su-tap' } as const;
  return (
    <div data-testid="outbox-detail">
      {item.state === 'waiting' && item.lastError && <div>{t(`survey.waitReason.${item.lastError}`)}</div>}
      {item.state === 'exists' && item.existing && (
        <div data-testid="outbox-existing">
          {item.existing.status
            ? t('survey.existing', { status: t(`survey.hardshipStatus.${item.existing.status}`) })
            : t('survey.existingElsewhere')}
        </div>
      )}
      {(item.state === 'invalid' || item.state === 'refused') && item.message && <div role="alert">{item.message}</div>}
      <div style={{ display: 'flex', gap: 8, marginTop: 4, flexWrap: 'wrap' }}>
        {item.state === 'waiting' && (
          <Button {...small} color="primary" fill="outline" onClick={() => void flushOutbox()}>
            {t('survey.home.sendNow')}
          </Button>
        )}
        {item.state === 'exists' && item.existing?.householdId && (
          <Button
            {...small}
            color="primary"
            onClick={() => onVisit(item.existing!.householdId)}
            data-testid="outbox-add-visit"
          >
            {t('survey.addVisit')}
          </Button>
        )}
        {item.state === 'invalid' && (
          <Button {...small} color="primary" onClick={onFix} data-testid="outbox-fix">
            {t('survey.fix')}
          </Button>
        )}
        {(item.state === 'sent' || item.state === 'exists' || item.state === 'refused') && (
          <Button {...small} fill="outline" onClick={onDismiss} data-testid="outbox-dismiss">
            {t('survey.dismiss')}
          </Button>
        )}
      </div>
    </div>
  );
}
