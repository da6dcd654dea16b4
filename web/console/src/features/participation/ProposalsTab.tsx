import { Space } from 'antd';
import { ProposalQueue } from './ProposalQueue';
import { ProposalStats } from './ProposalStats';

/**
 * A congress term's proposals (提案), for its page's tabs: the figures (counts per state, closure rate, overdue,
 * ratings) above the queue of its proposals, each opened in a drawer with the steps the caller may take.
 */
export function ProposalsTab({ congressId }: { congressId: string }) {
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <ProposalStats congressId={congressId} />
      <ProposalQueue congressId={congressId} />
    </Space>
  );
}
