import { Tag, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../QueryError';
import { useHistory, type HistoryItem } from './aid.queries';
import { yuan } from './format';
import type { Household } from './queries';

const colour: Record<HistoryItem['kind'], string> = {
  workflow: 'blue',
  aid: 'green',
  plan: 'purple',
  measure_done: 'cyan',
  visit: 'orange',
};

/** One entry's words: what happened, and the details the reader may see. */
function Entry({ item }: { item: HistoryItem }) {
  const { t } = useTranslation();
  let what: ReactNode = null;
  let detail: string | null = null;
  if (item.workflow) {
    what = t('hardshipAid.history.workflow', {
      action: t(`hardshipAction.${item.workflow.action}`, { defaultValue: item.workflow.action }),
      state: t(`hardshipStatus.${item.workflow.toState}`),
    });
    detail = item.workflow.note;
  } else if (item.aid) {
    what = (
      <>
        <Tag>{t(`aidKind.${item.aid.kind}`)}</Tag>
        {item.aid.description}
        {item.aid.amountFen !== null && ` · ${yuan(item.aid.amountFen)}`} · {item.aid.giver.name}
      </>
    );
  } else if (item.plan) {
    what = t('hardshipAid.history.plan', {
      version: item.plan.version,
      goal: item.plan.goal,
      count: item.plan.measures,
    });
  } else if (item.measure) {
    what = t('hardshipAid.history.measureDone', { title: item.measure.title, version: item.measure.planVersion });
    detail = item.measure.note;
  } else if (item.visit) {
    what = t('hardshipAid.history.visit', { visitors: item.visit.visitors.join('、') });
    detail = [
      item.visit.findings,
      item.visit.followUp && t('hardshipAid.history.followUp', { text: item.visit.followUp }),
    ]
      .filter(Boolean)
      .join('；');
  }
  return (
    <div data-testid={`history-${item.kind}`}>
      <Typography.Text type="secondary">{item.on}</Typography.Text> {what}
      {item.by && <Typography.Text type="secondary"> · {t('hardshipAid.history.by', { by: item.by })}</Typography.Text>}
      {detail && (
        <div>
          <Typography.Text type="secondary">{detail}</Typography.Text>
        </div>
      )}
    </div>
  );
}

/**
 * The household's history on one page: its file's steps, the help given, plan versions, measures done and visits,
 * oldest first. Notes and findings come only to the staff working on the household (the server masks them).
 */
export function HistorySection({ household }: { household: Pick<Household, 'id' | 'status' | 'timeline'> }) {
  const { t } = useTranslation();
  const { data, error, refetch } = useHistory(household);
  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (!data) return null;
  if (data.items.length === 0)
    return <Typography.Text type="secondary">{t('hardshipAid.history.none')}</Typography.Text>;
  return (
    <>
      {data.sensitiveMasked && (
        <Typography.Paragraph type="secondary">{t('hardshipAid.history.masked')}</Typography.Paragraph>
      )}
      <Timeline
        data-testid="household-history"
        items={data.items.map((item) => ({ color: colour[item.kind], children: <Entry item={item} /> }))}
      />
    </>
  );
}
