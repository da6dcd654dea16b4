import { Card, Empty, List } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useWorkDays } from './kindQueries';
import { yuan } from './rules';
import './words';

/**
 * 勤工俭学: the days the employing unit recorded for the student on this placement, and the student's totals per month
 * with what is left under the month's cap (every placement of the programme counts). Days are recorded by the unit,
 * not the member: this card only reads them.
 */
export function WorkDaysCard({ applicationId }: { applicationId: string }) {
  const { t } = useTranslation();
  const { data, error } = useWorkDays(applicationId, true);
  if (error || !data) return null;
  return (
    <Card style={{ margin: 12 }} title={t('workDays.title')} data-testid="work-days">
      <div className="su-hint">
        {t('workDays.caps', { day: yuan(data.caps.perDayFen), month: yuan(data.caps.perMonthFen) })}
      </div>
      {data.months.length > 0 && (
        <List header={t('workDays.months')}>
          {data.months.map((m) => (
            <List.Item
              key={m.month}
              extra={<span data-testid="work-month-total">{yuan(m.totalFen)}</span>}
              description={t('workDays.monthLeft', { left: yuan(m.leftFen), limit: yuan(m.limitFen) })}
              data-testid="work-month"
            >
              {m.month}
            </List.Item>
          ))}
        </List>
      )}
      {data.items.length === 0 ? (
        <Empty description={t('workDays.none')} />
      ) : (
        <List header={t('workDays.days', { amount: yuan(data.amountFen) })}>
          {data.items.map((d) => (
            <List.Item key={d.id} extra={yuan(d.payFen)} description={d.note ?? undefined} data-testid="work-day">
              {d.date}
            </List.Item>
          ))}
        </List>
      )}
    </Card>
  );
}
