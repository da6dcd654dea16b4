import { App as AntApp, Button, Segmented, Space, Table, Tag } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../../shared/api';
import { LoadMore } from '../../LoadMore';
import { QueryError } from '../../QueryError';
import { useFlagAction, usePollFlags, when, type FlagStatus, type Poll, type PollFlag } from './polls.queries';

const flagColor: Record<FlagStatus, string | undefined> = { open: 'red', voided: undefined, dismissed: 'green' };

/**
 * 异常投票: bursts of ballots for one entry from one address, or from accounts made just before, flagged as they
 * happen. Their ballots count until an officer voids them (they leave the results) or finds them fine.
 */
export function PollFlags({ poll, mayRun }: { poll: Poll; mayRun: boolean }) {
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const [status, setStatus] = useState<FlagStatus | 'all'>('open');
  const list = usePollFlags(poll.id, status === 'all' ? undefined : status);
  const act = useFlagAction(poll.id);

  function voidFlag(flag: PollFlag) {
    modal.confirm({
      title: t('polls.void'),
      content: t('polls.voidConfirm'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-void' } as ButtonProps,
      onOk: () =>
        act
          .mutateAsync({ flagId: flag.id, action: 'void' })
          .then((done) => void message.success(t('polls.voided', { n: done.voidedBallots ?? 0 })))
          .catch((e: unknown) => void message.error(describeError(e))),
    });
  }

  async function dismiss(flag: PollFlag) {
    try {
      await act.mutateAsync({ flagId: flag.id, action: 'dismiss' });
      void message.success(t('polls.dismissed'));
    } catch (e) {
      void message.error(describeError(e));
    }
  }

  return (
    <>
      <Segmented<FlagStatus | 'all'>
        value={status}
        onChange={setStatus}
        style={{ marginBottom: 12 }}
        options={[
          { value: 'open', label: t('polls.flagStatus.open') },
          { value: 'voided', label: t('polls.flagStatus.voided') },
          { value: 'dismissed', label: t('polls.flagStatus.dismissed') },
          { value: 'all', label: t('polls.all') },
        ]}
        data-testid="flag-status-filter"
      />
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<PollFlag>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        locale={{ emptyText: t('polls.noFlags') }}
        data-testid="flags-table"
        columns={[
          { title: t('polls.entryTitle'), render: (_, f) => f.entry.title },
          {
            title: t('polls.flagKind'),
            render: (_, f) =>
              f.kind === 'address'
                ? t('polls.flagKinds.address', { address: f.address ?? '' })
                : t('polls.flagKinds.new_accounts'),
          },
          { title: t('polls.flagAt'), render: (_, f) => `${when(f.windowStart)} – ${when(f.windowEnd)}` },
          { title: t('polls.flagBallots'), align: 'right', render: (_, f) => f.voidedBallots ?? f.ballotsInWindow },
          {
            title: t('polls.statusLabel'),
            render: (_, f) => <Tag color={flagColor[f.status]}>{t(`polls.flagStatus.${f.status}`)}</Tag>,
          },
          {
            title: '',
            render: (_, f) =>
              mayRun &&
              f.status === 'open' && (
                <Space>
                  <Button size="small" danger onClick={() => voidFlag(f)} data-testid="void-flag">
                    {t('polls.void')}
                  </Button>
                  <Button size="small" onClick={() => void dismiss(f)} data-testid="dismiss-flag">
                    {t('polls.dismiss')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <LoadMore list={list} />
    </>
  );
}
