import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { can, type ConsoleAction } from '../../sections';
import { useSession } from '../../session';

/**
 * The pages of the hardship section, as tabs over each of them, in this order: each part of the module adds its page
 * with one line here and one route in App.tsx (campaigns 四季送, donors 爱心企业, visits …).
 */
export const hardshipPages: readonly { path: string; label: string; action?: ConsoleAction }[] = [
  { path: '/hardship/leads', label: 'hardship.tabLeads' },
  { path: '/hardship/archives', label: 'hardship.tabArchives' },
  { path: '/hardship/standards', label: 'hardship.tabStandards' },
  { path: '/hardship/donors', label: 'hardshipAid.tabDonors' },
  { path: '/hardship/visits', label: 'nav.hardshipVisits' },
  { path: '/hardship/campaigns', label: 'aidCampaigns.title' },
];

export function HardshipNav() {
  const { t } = useTranslation();
  const { me } = useSession();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const pages = hardshipPages.filter((p) => !p.action || can(p.action, me?.roles ?? []));
  return (
    <Tabs
      activeKey={pages.find((p) => pathname.startsWith(p.path))?.path ?? ''}
      onChange={(key) => navigate(key)}
      items={pages.map((p) => ({ key: p.path, label: t(p.label) }))}
      style={{ marginBottom: 0 }}
      data-testid="hardship-nav"
    />
  );
}
