import { Card, List } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { ClaimReply } from './kindQueries';
import { yuan } from './rules';
import './words';

export type ClaimComputation = ClaimReply['computation'];

/** A claim's computation as stored in its details (`details.computation`), or null if it is not one. */
export function computationOf(details: Record<string, unknown>): ClaimComputation | null {
  const c = details.computation;
  return typeof c === 'object' && c !== null && Array.isArray((c as ClaimComputation).bills)
    ? (c as ClaimComputation)
    : null;
}

/** Each bill of a claim: its total, what insurance paid, the self-paid part cut into the tiers' bands, what it pays. */
export function ClaimBills({ computation }: { computation: ClaimComputation }) {
  const { t } = useTranslation();
  return (
    <>
      {computation.bills.map((b) => (
        <Card
          key={b.index}
          style={{ margin: 12 }}
          title={t('mutualAid.bill', { n: b.index + 1 })}
          data-testid="claim-bill"
        >
          <List>
            <List.Item extra={yuan(b.totalFen)}>{t('mutualAid.field.totalYuan')}</List.Item>
            <List.Item extra={`− ${yuan(b.basicInsuranceFen)}`}>{t('mutualAid.field.basicYuan')}</List.Item>
            <List.Item extra={`− ${yuan(b.majorIllnessFen)}`}>{t('mutualAid.field.majorYuan')}</List.Item>
            <List.Item extra={<span data-testid="bill-self-paid">{yuan(b.selfPaidFen)}</span>}>
              {t('mutualAid.selfPaid')}
            </List.Item>
          </List>
          <table style={{ width: '100%', marginTop: 8, borderCollapse: 'collapse' }} data-testid="bill-tiers">
            <caption className="su-hint" style={{ textAlign: 'left' }}>
              {t('mutualAid.tiersCaption')}
            </caption>
            <thead>
              <tr>
                <th scope="col" style={cell}>
                  {t('mutualAid.band')}
                </th>
                <th scope="col" style={cell}>
                  {t('mutualAid.base')}
                </th>
                <th scope="col" style={cell}>
                  {t('mutualAid.percent')}
                </th>
                <th scope="col" style={cell}>
                  {t('mutualAid.paid')}
                </th>
              </tr>
            </thead>
            <tbody>
              {b.tiers.map((tier, i) => (
                <tr key={i}>
                  <td style={cell}>
                    {tier.uptoFen === null
                      ? t('mutualAid.bandAbove', { from: yuan(tier.fromFen) })
                      : t('mutualAid.bandRange', { from: yuan(tier.fromFen), upto: yuan(tier.uptoFen) })}
                  </td>
                  <td style={cell}>{yuan(tier.baseFen)}</td>
                  <td style={cell}>{tier.percent}%</td>
                  <td style={cell}>{yuan(tier.paidFen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div style={{ marginTop: 8, textAlign: 'right' }} data-testid="bill-computed">
            {t('mutualAid.billComputed', { amount: yuan(b.computedFen) })}
          </div>
        </Card>
      ))}
    </>
  );
}

const cell = { padding: '6px 4px', borderBottom: '1px solid #eee', textAlign: 'left' as const };
