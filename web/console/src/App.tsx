import { App as AntApp, ConfigProvider, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { lazyPage } from '../../shared/lazyPage';
import { canOpen, homePath } from './sections';
import { Shell } from './Shell';
import { ApiQueryProvider } from '../../shared/query';
import { api } from './api';
import { SessionProvider, useSession } from './session';

/**
 * Each section is its own chunk, loaded when first opened: ECharts comes with the stations page, the QR
 * scanner with redemption, and sign-in downloads neither.
 */
const LoginPage = lazyPage(() => import('./features/auth/LoginPage'), 'LoginPage');
const ApplicationsPage = lazyPage(() => import('./features/membership/ApplicationsPage'), 'ApplicationsPage');
const MembersPage = lazyPage(() => import('./features/members/MembersPage'), 'MembersPage');
const OrgsPage = lazyPage(() => import('./features/orgs/OrgsPage'), 'OrgsPage');
const StaffPage = lazyPage(() => import('./features/staff/StaffPage'), 'StaffPage');
const CasePage = lazyPage(() => import('./features/legal/CasePage'), 'CasePage');
const CampaignsPage = lazyPage(() => import('./features/perks/CampaignsPage'), 'CampaignsPage');
const RedeemPage = lazyPage(() => import('./features/perks/RedeemPage'), 'RedeemPage');
const BreakfastPage = lazyPage(() => import('./features/perks/BreakfastPage'), 'BreakfastPage');
const ProgrammesPage = lazyPage(() => import('./features/programmes/ProgrammesPage'), 'ProgrammesPage');
const ProgrammePage = lazyPage(() => import('./features/programmes/ProgrammePage'), 'ProgrammePage');
const ModelWorkersPage = lazyPage(() => import('./features/model-workers/ModelWorkersPage'), 'ModelWorkersPage');
const CongressesPage = lazyPage(() => import('./features/participation/CongressesPage'), 'CongressesPage');
const CongressPage = lazyPage(() => import('./features/participation/CongressPage'), 'CongressPage');
const ProposalsPage = lazyPage(() => import('./features/participation/ProposalsPage'), 'ProposalsPage');
const ProposalLinkPage = lazyPage(() => import('./features/participation/ProposalsPage'), 'ProposalLinkPage');
const BatchPage = lazyPage(() => import('./features/programmes/BatchPage'), 'BatchPage');
const SuggestionsPage = lazyPage(() => import('./features/participation/SuggestionsPage'), 'SuggestionsPage');
const ReviewsPage = lazyPage(() => import('./features/participation/ReviewsPage'), 'ReviewsPage');
const ReviewResultPage = lazyPage(() => import('./features/participation/ReviewResultPage'), 'ReviewResultPage');
const CalendarPage = lazyPage(() => import('./features/calendar/CalendarPage'), 'CalendarPage');
const CasesPage = lazyPage(() => import('./features/legal/CasesPage'), 'CasesPage');
const QrSheetPage = lazyPage(() => import('./features/stations/QrSheetPage'), 'QrSheetPage');
const StationsPage = lazyPage(() => import('./features/stations/StationsPage'), 'StationsPage');
const MotionsPage = lazyPage(() => import('./features/participation/MotionsPage'), 'MotionsPage');
const ScoresPage = lazyPage(() => import('./features/participation/ScoresPage'), 'ScoresPage');
const VisitsPage = lazyPage(() => import('./features/hardship/VisitsPage'), 'VisitsPage');
const LeadsPage = lazyPage(() => import('./features/hardship/LeadsPage'), 'LeadsPage');
const HouseholdPage = lazyPage(() => import('./features/hardship/HouseholdPage'), 'HouseholdPage');
const ArchivesPage = lazyPage(() => import('./features/hardship/ArchivesPage'), 'ArchivesPage');
const StandardsPage = lazyPage(() => import('./features/hardship/StandardsPage'), 'StandardsPage');
const DonorsPage = lazyPage(() => import('./features/hardship/DonorsPage'), 'DonorsPage');
const AidCampaignsPage = lazyPage(() => import('./features/hardship/CampaignsPage'), 'AidCampaignsPage');
const AidCampaignPage = lazyPage(() => import('./features/hardship/CampaignPage'), 'AidCampaignPage');
// 活动: each part of the activities section adds its pages below this line.
const ActivitiesIndex = lazyPage(() => import('./features/activities/nav'), 'ActivitiesIndex');
const WalksPage = lazyPage(() => import('./features/activities/WalksPage'), 'WalksPage');
const WalkPage = lazyPage(() => import('./features/activities/WalkPage'), 'WalkPage');
const StoriesPage = lazyPage(() => import('./features/activities/StoriesPage'), 'StoriesPage');
const SkillsPage = lazyPage(() => import('./features/activities/SkillsPage'), 'SkillsPage');
const AwardsPage = lazyPage(() => import('./features/activities/AwardsPage'), 'AwardsPage');
const AwardSelectionPage = lazyPage(() => import('./features/activities/AwardSelectionPage'), 'AwardSelectionPage');
const SkillsCompetitionPage = lazyPage(
  () => import('./features/activities/SkillsCompetitionPage'),
  'SkillsCompetitionPage',
);
const QuestionnairesPage = lazyPage(() => import('./features/activities/QuestionnairesPage'), 'QuestionnairesPage');
const QuestionnairePage = lazyPage(() => import('./features/activities/QuestionnairePage'), 'QuestionnairePage');
const ContestsPage = lazyPage(() => import('./features/activities/ContestsPage'), 'ContestsPage');
const ContestPage = lazyPage(() => import('./features/activities/ContestPage'), 'ContestPage');
const JudgingPage = lazyPage(() => import('./features/activities/JudgingPage'), 'JudgingPage');
const QuizzesPage = lazyPage(() => import('./features/activities/QuizzesPage'), 'QuizzesPage');
const QuizPage = lazyPage(() => import('./features/activities/QuizPage'), 'QuizPage');
const PollsPage = lazyPage(() => import('./features/activities/PollsPage'), 'PollsPage');
const PollPage = lazyPage(() => import('./features/activities/PollPage'), 'PollPage');

const spinner = <Spin style={{ display: 'block', marginTop: 120 }} />;

/** Staff sign-in, then the section's roles: a page the roles cannot use leads to the person's own work. */
function RequireStaff({ children }: { children: ReactNode }) {
  const { me, loading } = useSession();
  const { pathname } = useLocation();
  const { t } = useTranslation();
  if (loading) return spinner;
  if (!me) return <Navigate to="/login" replace />;
  if (!canOpen(pathname, me.roles)) {
    const home = homePath(me.roles);
    return canOpen(home, me.roles) ? (
      <Navigate to={home} replace />
    ) : (
      <Shell>
        <Result status="403" title={t('noSections')} />
      </Shell>
    );
  }
  // Inside the shell: opening a section keeps the menu in place while its chunk loads.
  return (
    <Shell>
      <Suspense fallback={spinner}>{children}</Suspense>
    </Shell>
  );
}

/** The first section the signed-in staff member works in (or sign-in). */
function Home() {
  const { me, loading } = useSession();
  if (loading) return spinner;
  return <Navigate to={me ? homePath(me.roles) : '/login'} replace />;
}

/**
 * The federation's red, deepened until text in it (links, the selected menu item on its tint) reads at 4.5:1
 * (WCAG AA); secondary text likewise darker than antd's 45 % grey.
 */
const theme = {
  token: {
    colorPrimary: '#b82e08',
    colorLink: '#b82e08',
    colorError: '#cf1322',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
  },
};

/** Every console page sits behind staff sign-in, inside the shell. */
const pages: [string, ReactNode][] = [
  ['/orgs', <OrgsPage />],
  ['/staff', <StaffPage />],
  ['/members', <MembersPage />],
  ['/applications', <ApplicationsPage />],
  ['/stations', <StationsPage />],
  ['/stations/qr-sheet', <QrSheetPage />],
  ['/legal', <CasesPage />],
  ['/legal/:id', <CasePage />],
  ['/perks', <CampaignsPage />],
  ['/breakfast', <BreakfastPage />],
  ['/redeem', <RedeemPage />],
  ['/programmes', <ProgrammesPage />],
  ['/programmes/:id', <ProgrammePage />],
  ['/programmes/:id/batches/:batchId', <BatchPage />],
  ['/model-workers', <ModelWorkersPage />],
  ['/congresses', <CongressesPage />],
  ['/congresses/:id', <CongressPage />],
  ['/suggestions', <SuggestionsPage />],
  ['/union-reviews', <ReviewsPage />],
  ['/union-reviews/:id', <ReviewResultPage />],
  ['/proposals', <ProposalsPage />],
  // Where staff notices about a proposal link.
  ['/proposals/:id', <ProposalLinkPage />],
  ['/calendar', <CalendarPage />],
  // 职代会表决 of one congress (the congress page shows the same tab).
  ['/congresses/:id/motions', <MotionsPage />],
  // 代表履职评价 of a congress term: leaderboard, duty records, scoring model (the congress page takes the tabs too).
  ['/congresses/:id/scores', <ScoresPage />],
  // 走访: visits to households, platform workers and work sites, and their counts (?householdId= from a household).
  ['/hardship/visits', <VisitsPage />],
  // 困难职工帮扶: the leads queue, a household's file (the same id as its lead), archives, regional standards.
  ['/hardship', <Navigate to="/hardship/leads" replace />],
  // 活动 (features/activities/nav.tsx): each part adds its routes below this line.
  ['/activities', <ActivitiesIndex />],
  // 健步走: walking challenges and their leaderboards.
  ['/activities/walks', <WalksPage />],
  ['/activities/walks/:id', <WalkPage />],
  // 职工故事: the moderation queue and the published stories.
  ['/activities/stories', <StoriesPage />],
  ['/activities/skills', <SkillsPage />],
  ['/activities/skills/:id', <SkillsCompetitionPage />],
  // 问卷: the builder, and a questionnaire's results per union and per question.
  ['/activities/questionnaires', <QuestionnairesPage />],
  ['/activities/questionnaires/:id', <QuestionnairePage />],
  ['/activities/contests', <ContestsPage />],
  ['/activities/contests/:id', <ContestPage />],
  ['/activities/judging', <JudgingPage />],
  ['/activities/awards', <AwardsPage />],
  ['/activities/awards/:id', <AwardSelectionPage />],
  ['/activities/quizzes', <QuizzesPage />],
  ['/activities/quizzes/:id', <QuizPage />],
  // 网络投票: polls, one poll's entries, results, flags and finalist round.
  ['/activities/polls', <PollsPage />],
  ['/activities/polls/:id', <PollPage />],
  ['/hardship/leads', <LeadsPage />],
  ['/hardship/households/:id', <HouseholdPage />],
  ['/hardship/archives', <ArchivesPage />],
  ['/hardship/standards', <StandardsPage />],
  // 爱心联盟: the donor units with what each gave, and the ledger of help given.
  ['/hardship/donors', <DonorsPage />],
  // 四季送 seasonal campaigns (in the /hardship section).
  ['/hardship/campaigns', <AidCampaignsPage />],
  ['/hardship/campaigns/:id', <AidCampaignPage />],
];

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={theme}>
      <AntApp>
        <ApiQueryProvider api={api}>
          <SessionProvider>
            <BrowserRouter basename="/console">
              <Suspense fallback={spinner}>
                <Routes>
                  <Route path="/login" element={<LoginPage />} />
                  {pages.map(([path, page]) => (
                    <Route key={path} path={path} element={<RequireStaff>{page}</RequireStaff>} />
                  ))}
                  <Route path="*" element={<Home />} />
                </Routes>
              </Suspense>
            </BrowserRouter>
          </SessionProvider>
        </ApiQueryProvider>
      </AntApp>
    </ConfigProvider>
  );
}
