import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { can, type ConsoleAction } from '../../sections';
import { useSession } from '../../session';

/**
 * The pages of the activities section (活动), as tabs, in this order: each part of the module adds its page with one
 * line here and its routes in App.tsx (quizzes, walks, polls, stories, contests, skills, awards, questionnaires).
 * `roles`: the roles that see the tab (org_admin sees all); none given: activity officers and leaders.
 */
export const activityPages: readonly { path: string; label: string; action?: ConsoleAction; roles?: string[] }[] = [
  // One line per part, most used first.
  { path: '/activities/quizzes', label: 'quizzes.title' },
  { path: '/activities/walks', label: 'walks.tab' },
  { path: '/activities/polls', label: 'polls.tab' },
  { path: '/activities/stories', label: 'stories.tab' },
  { path: '/activities/contests', label: 'contests.tab' },
  { path: '/activities/judging', label: 'judging.tab', roles: ['judge'] },
  { path: '/activities/skills', label: 'skills.tab' },
  { path: '/activities/awards', label: 'awards.tab' },
  { path: '/activities/questionnaires', label: 'questionnaires.tab' },
];

function visible(page: (typeof activityPages)[number], roles: readonly string[]): boolean {
  if (roles.includes('org_admin')) return true;
  if (page.action && !can(page.action, roles)) return false;
  const allowed = page.roles ?? ['activity_officer', 'leader'];
  return allowed.some((r) => roles.includes(r));
}

export function ActivitiesNav() {
  const { t } = useTranslation();
  const { me } = useSession();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const pages = activityPages.filter((p) => visible(p, me?.roles ?? []));
  return (
    <Tabs
      activeKey={pages.find((p) => pathname.startsWith(p.path))?.path ?? ''}
      onChange={(key) => navigate(key)}
      items={pages.map((p) => ({ key: p.path, label: t(p.label) }))}
      style={{ marginBottom: 0 }}
      data-testid="activities-nav"
    />
  );
}

/** `/activities`: the first tab the signed-in person may open. */
export function ActivitiesIndex() {
  const { me } = useSession();
  const first = activityPages.find((p) => visible(p, me?.roles ?? []));
  return first ? <Navigate to={first.path} replace /> : null;
}
