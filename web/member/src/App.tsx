import { DotLoading } from 'antd-mobile';
import { Suspense, useEffect, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { lazyPage } from '../../shared/lazyPage';
import { ApiQueryProvider } from '../../shared/query';
import { api } from './api';
import { rememberPage } from './registerSw';
import { SessionProvider, useSession } from './session';

/**
 * Each page is its own chunk, loaded when first opened: the first screen downloads only the shell and
 * that page (a cheap phone on a slow network), and the map's Leaflet or the vouchers' QR code only where used.
 */
const LoginPage = lazyPage(() => import('./features/auth/LoginPage'), 'LoginPage');
const HomePage = lazyPage(() => import('./features/home/HomePage'), 'HomePage');
const JoinPage = lazyPage(() => import('./features/membership/JoinPage'), 'JoinPage');
const MemberCardPage = lazyPage(() => import('./features/membership/MemberCardPage'), 'MemberCardPage');
const CasePage = lazyPage(() => import('./features/legal/CasePage'), 'CasePage');
const MyCasesPage = lazyPage(() => import('./features/legal/MyCasesPage'), 'MyCasesPage');
const NewCasePage = lazyPage(() => import('./features/legal/NewCasePage'), 'NewCasePage');
const MessagesPage = lazyPage(() => import('./features/messages/MessagesPage'), 'MessagesPage');
const BreakfastPage = lazyPage(() => import('./features/perks/BreakfastPage'), 'BreakfastPage');
const PerksPage = lazyPage(() => import('./features/perks/PerksPage'), 'PerksPage');
const VouchersPage = lazyPage(() => import('./features/perks/VouchersPage'), 'VouchersPage');
const MapPage = lazyPage(() => import('./features/stations/MapPage'), 'MapPage');
const StationPage = lazyPage(() => import('./features/stations/StationPage'), 'StationPage');
const ProgrammesPage = lazyPage(() => import('./features/programmes/ProgrammesPage'), 'ProgrammesPage');
const ProgrammePage = lazyPage(() => import('./features/programmes/ProgrammePage'), 'ProgrammePage');
const ApplyPage = lazyPage(() => import('./features/programmes/ApplyPage'), 'ApplyPage');
const MyApplicationsPage = lazyPage(() => import('./features/programmes/MyApplicationsPage'), 'MyApplicationsPage');
const ApplicationPage = lazyPage(() => import('./features/programmes/ApplicationPage'), 'ApplicationPage');
const CorrectPage = lazyPage(() => import('./features/programmes/CorrectPage'), 'CorrectPage');
const NoticePage = lazyPage(() => import('./features/programmes/NoticePage'), 'NoticePage');
const NoticeListPage = lazyPage(() => import('./features/programmes/NoticeListPage'), 'NoticeListPage');
const MutualAidPage = lazyPage(() => import('./features/programmes/MutualAidPage'), 'MutualAidPage');
const ClaimPage = lazyPage(() => import('./features/programmes/ClaimPage'), 'ClaimPage');
const MySignupsPage = lazyPage(() => import('./features/programmes/MySignupsPage'), 'MySignupsPage');
const MyCongressesPage = lazyPage(() => import('./features/participation/MyCongressesPage'), 'MyCongressesPage');
const SignupPage = lazyPage(() => import('./features/programmes/SignupPage'), 'SignupPage');
const SuggestionsPage = lazyPage(() => import('./features/participation/SuggestionsPage'), 'SuggestionsPage');
const NewSuggestionPage = lazyPage(() => import('./features/participation/NewSuggestionPage'), 'NewSuggestionPage');
const SuggestionPage = lazyPage(() => import('./features/participation/SuggestionPage'), 'SuggestionPage');
const ReviewsPage = lazyPage(() => import('./features/participation/ReviewsPage'), 'ReviewsPage');
const ReviewPage = lazyPage(() => import('./features/participation/ReviewPage'), 'ReviewPage');
const MotionsPage = lazyPage(() => import('./features/participation/MotionsPage'), 'MotionsPage');
const MotionPage = lazyPage(() => import('./features/participation/MotionPage'), 'MotionPage');
const MotionDisclosurePage = lazyPage(
  () => import('./features/participation/MotionDisclosurePage'),
  'MotionDisclosurePage',
);
const DutyPage = lazyPage(() => import('./features/participation/DutyPage'), 'DutyPage');
const DutyNewPage = lazyPage(() => import('./features/participation/DutyNewPage'), 'DutyNewPage');
const ProposalsPage = lazyPage(() => import('./features/participation/ProposalsPage'), 'ProposalsPage');
const ProposalPage = lazyPage(() => import('./features/participation/ProposalPage'), 'ProposalPage');
const NewProposalPage = lazyPage(() => import('./features/participation/ProposalFormPage'), 'NewProposalPage');
const EditProposalPage = lazyPage(() => import('./features/participation/ProposalFormPage'), 'EditProposalPage');
const MyHelpPage = lazyPage(() => import('./features/hardship/MyHelpPage'), 'MyHelpPage');
// 活动: the activities page; each part of it adds its pages below this line.
const ActivitiesPage = lazyPage(() => import('./features/activities/ActivitiesPage'), 'ActivitiesPage');
const StoriesPage = lazyPage(() => import('./features/activities/StoriesPage'), 'StoriesPage');
const StoryPage = lazyPage(() => import('./features/activities/StoryPage'), 'StoryPage');
const NewStoryPage = lazyPage(() => import('./features/activities/StoryFormPage'), 'NewStoryPage');
const EditStoryPage = lazyPage(() => import('./features/activities/StoryFormPage'), 'EditStoryPage');
const MyStoriesPage = lazyPage(() => import('./features/activities/MyStoriesPage'), 'MyStoriesPage');
const SkillsPage = lazyPage(() => import('./features/activities/SkillsPage'), 'SkillsPage');
const AwardsPage = lazyPage(() => import('./features/activities/AwardsPage'), 'AwardsPage');
const AwardPublicityPage = lazyPage(() => import('./features/activities/AwardPublicityPage'), 'AwardPublicityPage');
const SkillsResultsPage = lazyPage(() => import('./features/activities/SkillsResultsPage'), 'SkillsResultsPage');
const WalksPage = lazyPage(() => import('./features/activities/WalksPage'), 'WalksPage');
const WalkPage = lazyPage(() => import('./features/activities/WalkPage'), 'WalkPage');
const QuestionnairesPage = lazyPage(() => import('./features/activities/QuestionnairesPage'), 'QuestionnairesPage');
const QuestionnairePage = lazyPage(() => import('./features/activities/QuestionnairePage'), 'QuestionnairePage');
const ContestsPage = lazyPage(() => import('./features/activities/ContestsPage'), 'ContestsPage');
const ContestEntryPage = lazyPage(() => import('./features/activities/ContestEntryPage'), 'ContestEntryPage');
const CertificatePage = lazyPage(() => import('./features/activities/CertificatePage'), 'CertificatePage');
const QuizzesPage = lazyPage(() => import('./features/activities/QuizPages'), 'QuizzesPage');
const QuizPage = lazyPage(() => import('./features/activities/QuizPages'), 'QuizPage');
const QuizLeaderboardPage = lazyPage(() => import('./features/activities/QuizPages'), 'QuizLeaderboardPage');
const QuizAttemptPage = lazyPage(() => import('./features/activities/QuizAttemptPage'), 'QuizAttemptPage');
const QuizDrawPage = lazyPage(() => import('./features/activities/QuizDrawPage'), 'QuizDrawPage');
const PollsPage = lazyPage(() => import('./features/activities/PollsPage'), 'PollsPage');
const PollPage = lazyPage(() => import('./features/activities/PollPage'), 'PollPage');
const PollNominatePage = lazyPage(() => import('./features/activities/PollNominatePage'), 'PollNominatePage');
const PollResultsPage = lazyPage(() => import('./features/activities/PollResultsPage'), 'PollResultsPage');
const FieldLoginPage = lazyPage(() => import('./features/hardship/FieldLoginPage'), 'FieldLoginPage');
const FieldHomePage = lazyPage(() => import('./features/hardship/FieldHomePage'), 'FieldHomePage');
const FieldSurveyPage = lazyPage(() => import('./features/hardship/FieldSurveyPage'), 'FieldSurveyPage');
const FieldVisitPage = lazyPage(() => import('./features/hardship/FieldVisitPage'), 'FieldVisitPage');

function Loading() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <DotLoading />
    </div>
  );
}

function RequireSignIn({ children }: { children: ReactNode }) {
  const { me, loading } = useSession();
  if (loading) return <Loading />;
  return me ? <>{children}</> : <Navigate to="/login" replace />;
}

/** Tells the service worker each page opened: offline, those still open; others show the offline page. */
function RememberPage() {
  const { pathname } = useLocation();
  useEffect(() => rememberPage(pathname), [pathname]);
  return null;
}

/** Pages for signed-in workers (the map, station and public notice pages are public). */
const signedInPages: [string, ReactNode][] = [
  ['/', <HomePage />],
  ['/card', <MemberCardPage />],
  ['/join', <JoinPage />],
  ['/legal', <MyCasesPage />],
  ['/legal/new', <NewCasePage />],
  ['/legal/cases/:id', <CasePage />],
  ['/messages', <MessagesPage />],
  ['/perks', <PerksPage />],
  ['/vouchers', <VouchersPage />],
  ['/breakfast', <BreakfastPage />],
  ['/programmes', <ProgrammesPage />],
  ['/programmes/:id', <ProgrammePage />],
  ['/programmes/:id/apply', <ApplyPage />],
  ['/applications', <MyApplicationsPage />],
  ['/applications/:id', <ApplicationPage />],
  ['/applications/:id/correct', <CorrectPage />],
  ['/mutual-aid', <MutualAidPage />],
  ['/mutual-aid/:programmeId/claim', <ClaimPage />],
  ['/signups', <MySignupsPage />],
  // The links the programmes module's notifications carry.
  // Where the server's notifications link (`link`): a signup, an application.
  ['/signups/:id', <SignupPage />],
  // 代表履职: the congress terms I represent.
  ['/congresses', <MyCongressesPage />],
  // 职工事大家议 and 会员评家 (the suggestion's page is where its notifications link).
  ['/suggestions', <SuggestionsPage />],
  ['/suggestions/new', <NewSuggestionPage />],
  ['/suggestions/:id', <SuggestionPage />],
  ['/reviews', <ReviewsPage />],
  ['/reviews/:id', <ReviewPage />],
  // 职代会表决: a representative's motions; the participation module's notifications link `/motions/{id}`.
  ['/motions', <MotionsPage />],
  ['/motions/:id', <MotionPage />],
  // A representative's duty records and score; the duty notifications link here (`/duties?congressId=`).
  ['/duties', <DutyPage />],
  ['/duties/new', <DutyNewPage />],
  // 代表提案: a representative's proposals and those they co-sign; the proposals' notifications link `/proposals/{id}`.
  ['/proposals', <ProposalsPage />],
  ['/proposals/new', <NewProposalPage />],
  ['/proposals/:id', <ProposalPage />],
  // 我的帮扶记录: the help the member's household received and its plan (一户一策).
  ['/hardship', <MyHelpPage />],
  // 活动: each part adds its signed-in pages below this line (public results and showcases go with the public routes).
  ['/activities', <ActivitiesPage />],
  // 职工故事: the showcase with my buttons, writing, my stories (rejection notifications link /stories/mine).
  ['/stories', <StoriesPage />],
  ['/stories/new', <NewStoryPage />],
  ['/stories/mine', <MyStoriesPage />],
  ['/stories/:id/edit', <EditStoryPage />],
  ['/skills', <SkillsPage />],
  // 健步走: the challenges of my union chain; one challenge: today's steps, my rank, the leaderboards.
  ['/walks', <WalksPage />],
  ['/walks/:id', <WalkPage />],
  // 问卷调查: my union chain's questionnaires; one, answered once.
  ['/questionnaires', <QuestionnairesPage />],
  ['/questionnaires/:id', <QuestionnairePage />],
  ['/contests', <ContestsPage />],
  ['/contests/:id/enter', <ContestEntryPage />],
  ['/awards', <AwardsPage />],
  ['/quizzes', <QuizzesPage />],
  ['/quizzes/:id', <QuizPage />],
  ['/quizzes/:id/leaderboard', <QuizLeaderboardPage />],
  ['/quiz-attempts/:id', <QuizAttemptPage />],
  // 网络投票: the polls of my union chain, one poll (entries, vote, ranking), a nomination.
  ['/polls', <PollsPage />],
  ['/polls/:id', <PollPage />],
  ['/polls/:id/nominate', <PollNominatePage />],
  ['/proposals/:id/edit', <EditProposalPage />],
];

export function App() {
  return (
    <ApiQueryProvider api={api}>
      <SessionProvider>
        <BrowserRouter>
          <RememberPage />
          <main>
            <Suspense fallback={<Loading />}>
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                <Route path="/map" element={<MapPage />} />
                <Route path="/s/:code" element={<StationPage />} />
                {/* 公示: public, no sign-in (a link or a QR code on a paper notice). */}
                <Route path="/notices/:id" element={<NoticePage />} />
                <Route path="/programmes/:id/notices" element={<NoticeListPage />} />
                {/* 厂务公开: a motion's published result, public. */}
                <Route path="/disclosures/:id" element={<MotionDisclosurePage />} />
                {/* 职工故事展示: the showcase and a story, public (approval notifications link /p/stories/{id}). */}
                <Route path="/p/stories" element={<StoriesPage />} />
                <Route path="/p/stories/:id" element={<StoryPage />} />
                {/* 技能大赛: published results, public (names masked). */}
                <Route path="/skills-results/:id" element={<SkillsResultsPage />} />
                {/* 荣誉证书: a contest certificate, public, verified by its code. */}
                <Route path="/certificates/:code" element={<CertificatePage />} />
                {/* 先进评选公示: public (names masked); signed-in members object from it. */}
                <Route path="/awards/:id/publicity" element={<AwardPublicityPage />} />
                {/* 知识竞赛抽奖: a quiz's published prize draw, public. */}
                <Route path="/quizzes/:id/draw" element={<QuizDrawPage />} />
                {/* 网络投票: a poll's live results, public (a link shared in a group, a QR code on a poster). */}
                <Route path="/p/polls/:id/results" element={<PollResultsPage />} />
                {/* 帮扶调查员: field workers (staff accounts) survey households; their own sign-in and session. */}
                <Route path="/field/login" element={<FieldLoginPage />} />
                <Route path="/field" element={<FieldHomePage />} />
                <Route path="/field/new" element={<FieldSurveyPage />} />
                <Route path="/field/visit" element={<FieldVisitPage />} />
                {signedInPages.map(([path, page]) => (
                  <Route key={path} path={path} element={<RequireSignIn>{page}</RequireSignIn>} />
                ))}
                <Route path="*" element={<Navigate to="/" replace />} />
              </Routes>
            </Suspense>
          </main>
        </BrowserRouter>
      </SessionProvider>
    </ApiQueryProvider>
  );
}
