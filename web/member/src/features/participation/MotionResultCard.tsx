import { Card, List, Tag } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { motionTime } from './MotionQueries';

export interface ShownResult {
  for: number;
  against: number;
  abstain: number;
  voted: number;
  representatives: number;
  quorumMet: boolean;
  passed: boolean;
  closedAt: string;
}

/** A closed motion's result: the counts, the rule's outcome and the disclosure's hash. */
export function MotionResultCard({
  result: r,
  hash,
  footer,
}: {
  result: ShownResult;
  hash: string | null;
  footer?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Card style={{ margin: 12 }} title={t('motions.result')}>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
        <Tag color={r.passed ? 'success' : 'danger'} data-testid="result-outcome">
          {r.passed ? t('motions.passed') : t('motions.notPassed')}
        </Tag>
        <Tag color={r.quorumMet ? 'primary' : 'warning'} fill="outline" data-testid="result-quorum">
          {r.quorumMet ? t('motions.quorumMet') : t('motions.quorumNotMet')}
        </Tag>
      </div>
      <List style={{ marginTop: 8 }} data-testid="result-counts">
        <List.Item extra={<span data-testid="count-for">{r.for}</span>}>{t('motions.choice.for')}</List.Item>
        <List.Item extra={<span data-testid="count-against">{r.against}</span>}>
          {t('motions.choice.against')}
        </List.Item>
        <List.Item extra={<span data-testid="count-abstain">{r.abstain}</span>}>
          {t('motions.choice.abstain')}
        </List.Item>
        <List.Item extra={t('motions.votedOf', { voted: r.voted, representatives: r.representatives })}>
          {t('motions.turnout')}
        </List.Item>
        {r.closedAt && <List.Item extra={motionTime(r.closedAt)}>{t('motions.closedAt')}</List.Item>}
      </List>
      <p className="su-hint">{t('motions.rule')}</p>
      {hash && (
        <>
          <div className="su-hint">{t('motions.hash')}</div>
          <code data-testid="disclosure-hash" style={hashStyle}>
            {hash}
          </code>
        </>
      )}
      {footer && <div style={{ marginTop: 8 }}>{footer}</div>}
    </Card>
  );
}

export const hashStyle = {
  display: 'block',
  fontFamily: 'ui-monospace, Menlo, Consolas, monospace',
  fontSize: 13,
  wordBreak: 'break-all' as const,
  background: '#f5f5f5',
  padding: 8,
  borderRadius: 4,
};
