import { Validator } from '@seriousme/openapi-schema-validator';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, freshWorld, randomIdNumber, randomPhone, workerLogin, type World } from './factories.js';
import { householdInput } from './hardship.js';
import { startTestApp, type TestApp } from './harness.js';
import { uploadFile, workbook } from './uploads.js';
import { send, sweepRequests, sweepWorld } from './junk.js';
import { queryRows, sql } from '../src/kernel/db/client.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const apiRoutes = () => t.app.routeList.filter((r) => r.split(' ')[1]!.startsWith('/api/v1/'));

/**
 * Routes with no other org's object to hide, each with the reason: the 404 sweep below exempts them, and a route
 * added without either a probe or a reason here fails the coverage test.
 */
const notOrgScoped = new Map<string, string>([
  ['GET /api/v1/calendar', 'one calendar for the whole federation: every staff member reads it'],
  [
    'PUT /api/v1/calendar/:year',
    "one calendar for the whole federation: only the root's administrators change it (403 to others)",
  ],
  ['POST /api/v1/auth/sms-code', 'before sign-in: no org yet'],
  ['POST /api/v1/auth/member-login', 'before sign-in: no org yet'],
  ['POST /api/v1/auth/staff-login', 'before sign-in: no org yet'],
  ['POST /api/v1/auth/logout', "ends the caller's own session"],
  ['GET /api/v1/me', 'the caller themself'],
  ['GET /api/v1/me/member-card', "the caller's own card"],
  ['GET /api/v1/dev/sms-outbox', 'development only, loopback clients only; holds no org data'],
  ['GET /api/v1/members/import-template.xlsx', 'an empty template, the same for everyone'],
  ['GET /api/v1/stations/import-template.xlsx', 'an empty template, the same for everyone'],
  ['GET /api/v1/model-workers/import-template.xlsx', 'an empty template, the same for everyone'],
  [
    'POST /api/v1/membership-applications',
    'a worker applies to a union of their choosing: the target is public (union directory)',
  ],
  ['GET /api/v1/union-directory', 'public by design: workers look up a union to join'],
  ['GET /api/v1/public-config', 'public: map tiles and the like'],
  ['GET /api/v1/stations/nearby', 'public love map'],
  ['GET /api/v1/stations/:code', 'public love map: a station page anyone can open from its QR code'],
  ['GET /api/v1/stations/:code/qr.svg', 'public: the printed QR code of a public station'],
  ['GET /api/v1/stations/:code/qr.png', 'public: the printed QR code of a public station'],
  ['GET /api/v1/stations/:code/photos/:fileId', "public: a public station's photos"],
  ['POST /api/v1/stations/:code/ratings', 'any signed-in worker rates any public station'],
  ['GET /api/v1/me/notifications', "the caller's own messages"],
  ['POST /api/v1/me/notifications/read', "the caller's own messages"],
  ['POST /api/v1/legal/evidence', "the caller's own upload, before the case exists"],
  ['POST /api/v1/programmes/documents', "the caller's own upload, before the application exists"],
  ['GET /api/v1/me/signups', "the caller's own signups"],
  ['POST /api/v1/legal/cases', "any worker files a case; the employer's region picks the centre"],
  ['POST /api/v1/legal/cases/:id/rating', "the applicant's own case (others get 404, tested in legal.test.ts)"],
  [
    'POST /api/v1/voucher-campaigns/:id/claims',
    'a member claims for themself; a campaign outside their union answers 404 (perks.test.ts)',
  ],
  ['GET /api/v1/me/vouchers', "the caller's own vouchers"],
  ['POST /api/v1/merchant/redemptions', "the cashier's own shop: scoped by shop, not by org"],
  ['GET /api/v1/merchant/redemptions', "the cashier's own shop: scoped by shop, not by org"],
  ['GET /api/v1/merchant/settlement.xlsx', "the cashier's own shop: scoped by shop, not by org"],
  ['GET /api/v1/me/breakfast-card', "the caller's own card"],
  ['POST /api/v1/merchant/breakfasts', "the cashier's own shop: scoped by shop, not by org"],
  ['GET /api/v1/merchant/breakfast-settlement.xlsx', "the cashier's own shop: scoped by shop, not by org"],
  ['GET /api/v1/public/notices/:id', 'public by design: a notice (公示) is for everyone, names masked'],
  ['GET /api/v1/public/programmes/:id/notices', "public by design: a programme's notices, names masked"],
  [
    'POST /api/v1/public/notices/:id/objections',
    'any signed-in worker may object to a public notice (programmes.test.ts)',
  ],
  ['GET /api/v1/mutual-aid/enrolment-template.xlsx', 'an empty template, the same for everyone'],
  ['GET /api/v1/me/mutual-aid', "the caller's own enrolments"],
  ['GET /api/v1/me/congresses', 'the congress terms the caller represents'],
  ['GET /api/v1/congresses/representatives/import-template.xlsx', 'an empty template, the same for everyone'],
  ['POST /api/v1/proposals/attachments', "the caller's own upload, before the proposal exists"],
  [
    'GET /api/v1/congresses/:id/cosigner-candidates',
    "members only (a representative picks co-signers): staff get 403 before any lookup; a member outside the congress's union gets 404 (proposals.test.ts)",
  ],
  [
    'POST /api/v1/proposals',
    "members only (a representative submits): staff get 403 before any lookup; a member outside the congress's union gets 404 (proposals.test.ts)",
  ],
  [
    'POST /api/v1/proposals/:id/cosignatures',
    'members only: a named co-signer answers for themself; staff are refused (403) before any lookup, others get 404 (proposals.test.ts)',
  ],
  [
    'POST /api/v1/suggestions',
    'a member posts to their own union or one above it; any other answers 404 (suggestions.test.ts)',
  ],
  [
    'POST /api/v1/suggestions/:id/supports',
    'members only: one outside the union that sees the suggestion gets 404 (suggestions.test.ts)',
  ],
  ['GET /api/v1/me/union-reviews', "the reviews of the caller's own union and those above it"],
  ['GET /api/v1/me/suggestion-unions', "the caller's own union and those above it"],
  [
    'POST /api/v1/union-reviews/:id/responses',
    "members only: one outside the review's subtree gets 404 (suggestions.test.ts)",
  ],
  [
    'GET /api/v1/public/skills-competitions/:id/results',
    'public by design: published results (names masked, unions named); 404 until published (skills.test.ts)',
  ],
  ['POST /api/v1/awards/photos', "the caller's own upload, before the nomination that cites it"],
  [
    'GET /api/v1/public/award-selections/:id/publicity',
    'public by design: the publicity (公示) of the selected, names masked; 404 before it opens (awards.test.ts)',
  ],
  [
    'POST /api/v1/award-nominations/:id/objections',
    "members only: one outside the selection's union gets 404 (awards.test.ts)",
  ],
  ['GET /api/v1/me/award-selections', "the selections of the caller's own union and those above it"],
  ['GET /api/v1/me/skills-competitions', "the competitions of the caller's own union and those above it"],
  [
    'POST /api/v1/skills-events/:id/registrations',
    'a member registers themself; a competition outside their union answers 404 (skills.test.ts)',
  ],
  ['GET /api/v1/me/motions', 'the motions of the congresses the caller represents'],
  ['POST /api/v1/motions/documents', "the caller's own upload, before the motion exists"],
  [
    'POST /api/v1/motions/:id/ballots',
    'a representative votes for themself; a member outside the congress gets 404 (motions.test.ts)',
  ],
  ['GET /api/v1/public/disclosures/:id', 'public by design: a disclosure (厂务公开) of a motion result, no names'],
  ['POST /api/v1/duties/photos', "the caller's own upload, before the duty record exists"],
  ['GET /api/v1/me/duties', "the caller's own duty records (another congress: 404, duties.test.ts)"],
  ['GET /api/v1/me/scores', "the caller's own score (another congress: 404, scoring.test.ts)"],
  ['GET /api/v1/me/hardship/aid', "the help record of the caller's own household"],
  ['POST /api/v1/hardship/photos', "the caller's own upload, before the lead or action that cites it"],
  [
    'POST /api/v1/hardship/leads',
    "any staff member files a lead; its union is picked by the household's region from the filer's own chain (leads.test.ts)",
  ],
  [
    'PUT /api/v1/hardship/standards/:regionCode',
    "keyed by region code, not by org: officers whose union's code covers it, or the root's (403 to others, leads.test.ts)",
  ],
  ['GET /api/v1/hardship/standards', 'the regional income lines: one set for the whole federation'],
  ['GET /api/v1/me/hardship', "the caller's own household file(s)"],
  ['GET /api/v1/hardship/imports/template.xlsx', 'an empty template, the same for everyone'],
  ['POST /api/v1/stories/photos', "the caller's own upload, before the story exists"],
  [
    'POST /api/v1/stories',
    'a member submits to their own union or one above it; any other answers 404 (stories.test.ts)',
  ],
  ['GET /api/v1/me/stories', "the caller's own stories"],
  [
    'PUT /api/v1/stories/:id/like',
    'members only: an approved story is public; any other answers 404 (stories.test.ts)',
  ],
  [
    'DELETE /api/v1/stories/:id/like',
    'members only: an approved story is public; any other answers 404 (stories.test.ts)',
  ],
  ['GET /api/v1/public/stories', 'public by design: the showcase of approved stories, names masked'],
  ['GET /api/v1/public/stories/:id', 'public by design: an approved story, names masked; any other 404'],
  ['GET /api/v1/public/stories/:id/photos/:fileId', "public by design: an approved story's photos"],
  ['GET /api/v1/me/contests', "the contests the caller's own union may enter"],
  ['GET /api/v1/me/contest-entries', "the caller's own contest entries"],
  ['POST /api/v1/contest-files', "the caller's own upload, before the entry that attaches it"],
  ['GET /api/v1/judging/assignments', "the caller's own judging queue (assignments name them)"],
  ['GET /api/v1/public/certificates/:code', 'public by design: a certificate is verified by its unguessable code'],
  ['GET /api/v1/public/story-collections', 'public by design: the calls for stories (征文活动)'],
  ['GET /api/v1/me/story-collections', "the calls open to the caller: their own union's and those above it"],
  ['GET /api/v1/quiz-question-imports/template.xlsx', 'an empty template, the same for everyone'],
  ['GET /api/v1/me/quizzes', "the quizzes of the caller's own union and those above it"],
  ['GET /api/v1/me/quizzes/:id', "members only: a quiz outside the caller's chain gets 404 (quizzes.test.ts)"],
  ['POST /api/v1/quizzes/:id/attempts', "members only: a quiz outside the caller's chain gets 404 (quizzes.test.ts)"],
  ['GET /api/v1/quiz-attempts/:id', "the caller's own attempt: anyone else's gets 404 (quizzes.test.ts)"],
  ['POST /api/v1/quiz-attempts/:id/submission', "the caller's own attempt: anyone else's gets 404 (quizzes.test.ts)"],
  ['GET /api/v1/public/quizzes/:id/draw', 'public by design: the published prize draw, names masked'],
  ['GET /api/v1/public/polls/:id', 'public by design: a poll’s page, no sign-in'],
  ['GET /api/v1/public/polls/:id/entries', 'public by design: a poll’s live entries'],
  ['GET /api/v1/public/polls/:id/results', 'public by design: a poll’s live results'],
  ['GET /api/v1/public/poll-entries/:id/photos/:fileId', "public: a live entry's photos (others: polls.test.ts)"],
  ['POST /api/v1/polls/photos', "the caller's own upload, before the entry that cites it"],
  ['POST /api/v1/polls/:id/ballots', "members only: a member outside the poll's unions gets 404 (polls.test.ts)"],
  [
    'PUT /api/v1/walk-challenges/:id/steps/:date',
    "members only: staff get 403 before any lookup; a member outside the challenge's org chain gets 404 (walks.test.ts)",
  ],
  [
    'GET /api/v1/walk-challenges/:id/me',
    "members only: staff get 403 before any lookup; a member outside the challenge's org chain gets 404 (walks.test.ts)",
  ],
  [
    'POST /api/v1/questionnaires/:id/responses',
    "members only: staff get 403 before any lookup; a member outside the questionnaire's subtree gets 404 (questionnaires.test.ts)",
  ],
]);

interface Fixture {
  world: World;
  memberId: string;
  importId: string;
  applicationId: string;
  staffId: string;
  stationCode: string;
  stationImportId: string;
  caseId: string;
  caseFileId: string;
  merchantId: string;
  campaignId: string;
  programmeId: string;
  programmeApplicationId: string;
  programmeDocumentId: string;
  quotaProgrammeId: string;
  signupId: string;
  objectionId: string;
  disbursementId: string;
  modelWorkerId: string;
  modelWorkerImportId: string;
  workStudyApplicationId: string;
  mutualAidProgrammeId: string;
  enrolmentImportId: string;
  congressId: string;
  representativeId: string;
  representativeImportId: string;
  proposalId: string;
  proposalFileId: string;
  suggestionId: string;
  unionReviewId: string;
  motionId: string;
  dutyId: string;
  dutyPhotoId: string;
  householdId: string;
  measureId: string;
  donorId: string;
  aidCampaignId: string;
  hardshipLeadId: string;
  hardshipPhotoId: string;
  hardshipImportId: string;
  quizId: string;
  quizQuestionId: string;
  quizImportId: string;
  visitId: string;
  visitPhotoId: string;
  storyId: string;
  storyPhotoId: string;
  contestId: string;
  contestEntryId: string;
  contestFileId: string;
  skillsCompetitionId: string;
  skillsEventId: string;
  skillsEntryId: string;
  awardSelectionId: string;
  awardNominationId: string;
  awardObjectionId: string;
  pollId: string;
  pollEntryId: string;
  pollFlagId: string;
  walkChallengeId: string;
  questionnaireId: string;
}

type Probe = { method: string; url: string; body?: unknown };

/** For each org-scoped route: a request that names an object of org A. */
const probes: Record<string, (f: Fixture) => Probe> = {
  'POST /api/v1/congresses': (f) => ({
    method: 'POST',
    url: '/api/v1/congresses',
    body: { orgId: f.world.org.id, name: 'x', termStartsOn: '2026-01-01', termEndsOn: '2030-12-31' },
  }),
  'GET /api/v1/congresses': (f) => ({ method: 'GET', url: `/api/v1/congresses?orgId=${f.world.org.id}` }),
  'GET /api/v1/congresses/:id': (f) => ({ method: 'GET', url: `/api/v1/congresses/${f.congressId}` }),
  'POST /api/v1/congresses/:id/archive': (f) => ({ method: 'POST', url: `/api/v1/congresses/${f.congressId}/archive` }),
  'POST /api/v1/congresses/:id/representatives': (f) => ({
    method: 'POST',
    url: `/api/v1/congresses/${f.congressId}/representatives`,
    body: { memberId: f.memberId },
  }),
  'GET /api/v1/congresses/:id/representatives': (f) => ({
    method: 'GET',
    url: `/api/v1/congresses/${f.congressId}/representatives`,
  }),
  'GET /api/v1/congresses/:id/representatives/export.xlsx': (f) => ({
    method: 'GET',
    url: `/api/v1/congresses/${f.congressId}/representatives/export.xlsx`,
  }),
  'POST /api/v1/congresses/:id/representatives/imports': (f) => ({
    method: 'POST',
    url: `/api/v1/congresses/${f.congressId}/representatives/imports`,
  }),
  'GET /api/v1/congresses/representatives/imports/:id': (f) => ({
    method: 'GET',
    url: `/api/v1/congresses/representatives/imports/${f.representativeImportId}`,
  }),
  'GET /api/v1/congresses/representatives/imports/:id/errors.xlsx': (f) => ({
    method: 'GET',
    url: `/api/v1/congresses/representatives/imports/${f.representativeImportId}/errors.xlsx`,
  }),
  'DELETE /api/v1/congresses/:id/representatives/:representativeId': (f) => ({
    method: 'DELETE',
    url: `/api/v1/congresses/${f.congressId}/representatives/${f.representativeId}`,
  }),
  'GET /api/v1/proposals/:id': (f) => ({ method: 'GET', url: `/api/v1/proposals/${f.proposalId}` }),
  'GET /api/v1/proposals/:id/attachments/:fileId': (f) => ({
    method: 'GET',
    url: `/api/v1/proposals/${f.proposalId}/attachments/${f.proposalFileId}`,
  }),
  'POST /api/v1/proposals/:id/actions': (f) => ({
    method: 'POST',
    url: `/api/v1/proposals/${f.proposalId}/actions`,
    body: { action: 'review_accept' },
  }),
  'GET /api/v1/congresses/:id/proposal-stats': (f) => ({
    method: 'GET',
    url: `/api/v1/congresses/${f.congressId}/proposal-stats`,
  }),
  'POST /api/v1/congresses/:id/motions': (f) => ({
    method: 'POST',
    url: `/api/v1/congresses/${f.congressId}/motions`,
    body: { title: 't', body: 'b' },
  }),
  'GET /api/v1/congresses/:id/motions': (f) => ({ method: 'GET', url: `/api/v1/congresses/${f.congressId}/motions` }),
  'GET /api/v1/congresses/:id/motions/export.xlsx': (f) => ({
    method: 'GET',
    url: `/api/v1/congresses/${f.congressId}/motions/export.xlsx`,
  }),
  'GET /api/v1/congresses/:id/disclosures/verify': (f) => ({
    method: 'GET',
    url: `/api/v1/congresses/${f.congressId}/disclosures/verify`,
  }),
  'GET /api/v1/motions/:id': (f) => ({ method: 'GET', url: `/api/v1/motions/${f.motionId}` }),
  'GET /api/v1/motions/:id/document': (f) => ({ method: 'GET', url: `/api/v1/motions/${f.motionId}/document` }),
  'GET /api/v1/motions/:id/attendance': (f) => ({ method: 'GET', url: `/api/v1/motions/${f.motionId}/attendance` }),
  'POST /api/v1/motions/:id/close': (f) => ({ method: 'POST', url: `/api/v1/motions/${f.motionId}/close` }),
  'GET /api/v1/motions/:id/result': (f) => ({ method: 'GET', url: `/api/v1/motions/${f.motionId}/result` }),
  'GET /api/v1/congresses/:id/indicators': (f) => ({
    method: 'GET',
    url: `/api/v1/congresses/${f.congressId}/indicators`,
  }),
  'PUT /api/v1/congresses/:id/indicators': (f) => ({
    method: 'PUT',
    url: `/api/v1/congresses/${f.congressId}/indicators`,
    body: {
      groups: [
        { key: 'during_congress', name: '大会期间', indicators: [{ code: 'a', name: 'a', pointsPerRecord: 1 }] },
      ],
    },
  }),
  'POST /api/v1/congresses/:id/duties': (f) => ({
    method: 'POST',
    url: `/api/v1/congresses/${f.congressId}/duties`,
    body: { representativeId: f.representativeId, indicatorCode: 'research', occurredOn: '2026-03-01', note: 'x' },
  }),
  'GET /api/v1/congresses/:id/duties': (f) => ({ method: 'GET', url: `/api/v1/congresses/${f.congressId}/duties` }),
  'GET /api/v1/duties/:id': (f) => ({ method: 'GET', url: `/api/v1/duties/${f.dutyId}` }),
  'GET /api/v1/duties/:id/photos/:fileId': (f) => ({
    method: 'GET',
    url: `/api/v1/duties/${f.dutyId}/photos/${f.dutyPhotoId}`,
  }),
  'POST /api/v1/duties/:id/actions': (f) => ({
    method: 'POST',
    url: `/api/v1/duties/${f.dutyId}/actions`,
    body: { action: 'confirm' },
  }),
  'GET /api/v1/congresses/:id/scores': (f) => ({ method: 'GET', url: `/api/v1/congresses/${f.congressId}/scores` }),
  'GET /api/v1/congresses/:id/scores/export.xlsx': (f) => ({
    method: 'GET',
    url: `/api/v1/congresses/${f.congressId}/scores/export.xlsx`,
  }),
  'POST /api/v1/orgs': (f) => ({
    method: 'POST',
    url: '/api/v1/orgs',
    body: { parentId: f.world.org.id, name: 'x', kind: 'grassroots' },
  }),
  'GET /api/v1/orgs/:id': (f) => ({ method: 'GET', url: `/api/v1/orgs/${f.world.org.id}` }),
  'PATCH /api/v1/orgs/:id': (f) => ({ method: 'PATCH', url: `/api/v1/orgs/${f.world.org.id}`, body: { name: 'y' } }),
  'GET /api/v1/orgs/:id/children': (f) => ({ method: 'GET', url: `/api/v1/orgs/${f.world.org.id}/children` }),
  'POST /api/v1/staff': (f) => ({
    method: 'POST',
    url: '/api/v1/staff',
    body: { username: 'sweeper', password: 'long-enough-1', orgId: f.world.org.id, roles: ['leader'] },
  }),
  'GET /api/v1/staff': (f) => ({ method: 'GET', url: `/api/v1/staff?orgId=${f.world.org.id}` }),
  'GET /api/v1/staff/:id': (f) => ({ method: 'GET', url: `/api/v1/staff/${f.staffId}` }),
  'PATCH /api/v1/staff/:id': (f) => ({ method: 'PATCH', url: `/api/v1/staff/${f.staffId}`, body: { active: false } }),
  'POST /api/v1/members': (f) => ({
    method: 'POST',
    url: '/api/v1/members',
    body: { name: 'x', phone: randomPhone(), orgId: f.world.grassroots.id },
  }),
  'GET /api/v1/members': (f) => ({ method: 'GET', url: `/api/v1/members?orgId=${f.world.org.id}` }),
  'GET /api/v1/members/export.xlsx': (f) => ({
    method: 'GET',
    url: `/api/v1/members/export.xlsx?orgId=${f.world.org.id}`,
  }),
  'POST /api/v1/members/imports': (f) => ({ method: 'POST', url: `/api/v1/members/imports?orgId=${f.world.org.id}` }),
  'GET /api/v1/members/imports/:id': (f) => ({ method: 'GET', url: `/api/v1/members/imports/${f.importId}` }),
  'GET /api/v1/members/imports/:id/errors.xlsx': (f) => ({
    method: 'GET',
    url: `/api/v1/members/imports/${f.importId}/errors.xlsx`,
  }),
  'GET /api/v1/members/:id': (f) => ({ method: 'GET', url: `/api/v1/members/${f.memberId}` }),
  'POST /api/v1/members/:id/pii-reads': (f) => ({ method: 'POST', url: `/api/v1/members/${f.memberId}/pii-reads` }),
  'POST /api/v1/stations': (f) => ({
    method: 'POST',
    url: '/api/v1/stations',
    body: { orgId: f.world.org.id, type: 'rest_station', name: 'x', address: 'y', lat: 34, lng: 108, alwaysOpen: true },
  }),
  'GET /api/v1/stations': (f) => ({ method: 'GET', url: `/api/v1/stations?orgId=${f.world.org.id}` }),
  'GET /api/v1/stations/:code/manage': (f) => ({ method: 'GET', url: `/api/v1/stations/${f.stationCode}/manage` }),
  'PATCH /api/v1/stations/:code': (f) => ({
    method: 'PATCH',
    url: `/api/v1/stations/${f.stationCode}`,
    body: { supplies: 'x' },
  }),
  'PUT /api/v1/stations/:code/today': (f) => ({
    method: 'PUT',
    url: `/api/v1/stations/${f.stationCode}/today`,
    body: { lat: 34, lng: 108, opensAt: '10:00', closesAt: '16:00' },
  }),
  'POST /api/v1/stations/:code/retire': (f) => ({ method: 'POST', url: `/api/v1/stations/${f.stationCode}/retire` }),
  'GET /api/v1/stations/:code/stats': (f) => ({ method: 'GET', url: `/api/v1/stations/${f.stationCode}/stats` }),
  'GET /api/v1/stations/export.xlsx': (f) => ({
    method: 'GET',
    url: `/api/v1/stations/export.xlsx?orgId=${f.world.org.id}`,
  }),
  'POST /api/v1/stations/imports': (f) => ({ method: 'POST', url: `/api/v1/stations/imports?orgId=${f.world.org.id}` }),
  'GET /api/v1/stations/imports/:id': (f) => ({ method: 'GET', url: `/api/v1/stations/imports/${f.stationImportId}` }),
  'GET /api/v1/stations/imports/:id/errors.xlsx': (f) => ({
    method: 'GET',
    url: `/api/v1/stations/imports/${f.stationImportId}/errors.xlsx`,
  }),
  'POST /api/v1/stations/:code/photos': (f) => ({ method: 'POST', url: `/api/v1/stations/${f.stationCode}/photos` }),
  'GET /api/v1/legal/cases': (f) => ({ method: 'GET', url: `/api/v1/legal/cases?centerId=${f.world.org.id}` }),
  'GET /api/v1/legal/cases/:id': (f) => ({ method: 'GET', url: `/api/v1/legal/cases/${f.caseId}` }),
  'GET /api/v1/legal/cases/:id/attachments/:fileId': (f) => ({
    method: 'GET',
    url: `/api/v1/legal/cases/${f.caseId}/attachments/${f.caseFileId}`,
  }),
  'POST /api/v1/legal/cases/:id/actions': (f) => ({
    method: 'POST',
    url: `/api/v1/legal/cases/${f.caseId}/actions`,
    body: { action: 'accept' },
  }),
  'GET /api/v1/legal/cases/export.xlsx': (f) => ({
    method: 'GET',
    url: `/api/v1/legal/cases/export.xlsx?centerId=${f.world.org.id}`,
  }),
  'GET /api/v1/legal/figures': (f) => ({ method: 'GET', url: `/api/v1/legal/figures?centerId=${f.world.org.id}` }),
  'POST /api/v1/legal/cases/:id/applicant-phone-reads': (f) => ({
    method: 'POST',
    url: `/api/v1/legal/cases/${f.caseId}/applicant-phone-reads`,
  }),
  'GET /api/v1/legal/centers/:id/handlers': (f) => ({
    method: 'GET',
    url: `/api/v1/legal/centers/${f.world.org.id}/handlers`,
  }),
  'POST /api/v1/merchants': (f) => ({
    method: 'POST',
    url: '/api/v1/merchants',
    body: { orgId: f.world.org.id, name: 'x' },
  }),
  'POST /api/v1/merchants/:id/staff': (f) => ({
    method: 'POST',
    url: `/api/v1/merchants/${f.merchantId}/staff`,
    body: { staffId: f.staffId },
  }),
  'POST /api/v1/voucher-campaigns': (f) => ({
    method: 'POST',
    url: '/api/v1/voucher-campaigns',
    body: {
      orgId: f.world.org.id,
      title: 'x',
      quantity: 1,
      perMemberLimit: 1,
      startsAt: '2026-01-01T00:00:00+08:00',
      endsAt: '2026-01-02T00:00:00+08:00',
    },
  }),
  'GET /api/v1/voucher-campaigns': (f) => ({ method: 'GET', url: `/api/v1/voucher-campaigns?orgId=${f.world.org.id}` }),
  'GET /api/v1/voucher-campaigns/:id': (f) => ({ method: 'GET', url: `/api/v1/voucher-campaigns/${f.campaignId}` }),
  'POST /api/v1/breakfast/enrolments': (f) => ({
    method: 'POST',
    url: '/api/v1/breakfast/enrolments',
    body: { orgId: f.world.org.id, memberId: f.memberId },
  }),
  'GET /api/v1/merchants': (f) => ({ method: 'GET', url: `/api/v1/merchants?orgId=${f.world.org.id}` }),
  'GET /api/v1/breakfast/enrolments': (f) => ({
    method: 'GET',
    url: `/api/v1/breakfast/enrolments?orgId=${f.world.org.id}`,
  }),
  'GET /api/v1/breakfast/partners': (f) => ({
    method: 'GET',
    url: `/api/v1/breakfast/partners?orgId=${f.world.org.id}`,
  }),
  'POST /api/v1/breakfast/partners': (f) => ({
    method: 'POST',
    url: '/api/v1/breakfast/partners',
    body: { orgId: f.world.org.id, merchantId: f.merchantId },
  }),
  'GET /api/v1/membership-applications': (f) => ({
    method: 'GET',
    url: `/api/v1/membership-applications?orgId=${f.world.org.id}`,
  }),
  'GET /api/v1/membership-applications/:id': (f) => ({
    method: 'GET',
    url: `/api/v1/membership-applications/${f.applicationId}`,
  }),
  'POST /api/v1/membership-applications/:id/actions': (f) => ({
    method: 'POST',
    url: `/api/v1/membership-applications/${f.applicationId}/actions`,
    body: { action: 'approve' },
  }),
  'POST /api/v1/programmes': (f) => ({
    method: 'POST',
    url: '/api/v1/programmes',
    body: {
      kind: 'custom',
      title: 'x',
      orgId: f.world.org.id,
      opensAt: '2026-01-01T00:00:00+08:00',
      closesAt: '2027-01-01T00:00:00+08:00',
    },
  }),
  'GET /api/v1/programmes': (f) => ({ method: 'GET', url: `/api/v1/programmes?orgId=${f.world.org.id}` }),
  'GET /api/v1/programmes/:id': (f) => ({ method: 'GET', url: `/api/v1/programmes/${f.programmeId}` }),
  'POST /api/v1/programmes/:id/applications': (f) => ({
    method: 'POST',
    url: `/api/v1/programmes/${f.programmeId}/applications`,
    body: { memberId: f.memberId, amountFen: 100 },
  }),
  'GET /api/v1/applications': (f) => ({ method: 'GET', url: `/api/v1/applications?orgId=${f.world.org.id}` }),
  'GET /api/v1/applications/export.xlsx': (f) => ({
    method: 'GET',
    url: `/api/v1/applications/export.xlsx?orgId=${f.world.org.id}`,
  }),
  'GET /api/v1/applications/:id': (f) => ({ method: 'GET', url: `/api/v1/applications/${f.programmeApplicationId}` }),
  'GET /api/v1/applications/:id/attachments/:fileId': (f) => ({
    method: 'GET',
    url: `/api/v1/applications/${f.programmeApplicationId}/attachments/${f.programmeDocumentId}`,
  }),
  'POST /api/v1/applications/:id/actions': (f) => ({
    method: 'POST',
    url: `/api/v1/applications/${f.programmeApplicationId}/actions`,
    body: { action: 'approve' },
  }),
  'GET /api/v1/programmes/:id/notices': (f) => ({ method: 'GET', url: `/api/v1/programmes/${f.programmeId}/notices` }),
  'POST /api/v1/programmes/:id/notices': (f) => ({
    method: 'POST',
    url: `/api/v1/programmes/${f.programmeId}/notices`,
    body: { applicationIds: [f.programmeApplicationId] },
  }),
  'GET /api/v1/programmes/:id/notices/verify': (f) => ({
    method: 'GET',
    url: `/api/v1/programmes/${f.programmeId}/notices/verify`,
  }),
  'GET /api/v1/programmes/:id/objections': (f) => ({
    method: 'GET',
    url: `/api/v1/programmes/${f.programmeId}/objections`,
  }),
  'POST /api/v1/programmes/:id/disbursements': (f) => ({
    method: 'POST',
    url: `/api/v1/programmes/${f.programmeId}/disbursements`,
  }),
  'GET /api/v1/programmes/:id/reconciliation': (f) => ({
    method: 'GET',
    url: `/api/v1/programmes/${f.programmeId}/reconciliation`,
  }),
  'GET /api/v1/disbursements/:id': (f) => ({ method: 'GET', url: `/api/v1/disbursements/${f.disbursementId}` }),
  'GET /api/v1/programmes/:id/disbursements': (f) => ({
    method: 'GET',
    url: `/api/v1/programmes/${f.programmeId}/disbursements`,
  }),
  'GET /api/v1/disbursements/:id/payments': (f) => ({
    method: 'GET',
    url: `/api/v1/disbursements/${f.disbursementId}/payments`,
  }),
  'GET /api/v1/disbursements/:id/bank-file.xlsx': (f) => ({
    method: 'GET',
    url: `/api/v1/disbursements/${f.disbursementId}/bank-file.xlsx`,
  }),
  'POST /api/v1/disbursements/:id/results': (f) => ({
    method: 'POST',
    url: `/api/v1/disbursements/${f.disbursementId}/results`,
    body: { items: [{ paymentId: f.disbursementId, status: 'paid' }] },
  }),
  'POST /api/v1/work-study/:applicationId/work-days': (f) => ({
    method: 'POST',
    url: `/api/v1/work-study/${f.workStudyApplicationId}/work-days`,
    body: { date: '2026-01-05', payFen: 100 },
  }),
  'GET /api/v1/work-study/:applicationId/work-days': (f) => ({
    method: 'GET',
    url: `/api/v1/work-study/${f.workStudyApplicationId}/work-days`,
  }),
  'POST /api/v1/programmes/:id/enrolments': (f) => ({
    method: 'POST',
    url: `/api/v1/programmes/${f.mutualAidProgrammeId}/enrolments`,
    body: { memberId: f.memberId },
  }),
  'GET /api/v1/programmes/:id/enrolments': (f) => ({
    method: 'GET',
    url: `/api/v1/programmes/${f.mutualAidProgrammeId}/enrolments`,
  }),
  'GET /api/v1/programmes/:id/enrolments/export.xlsx': (f) => ({
    method: 'GET',
    url: `/api/v1/programmes/${f.mutualAidProgrammeId}/enrolments/export.xlsx`,
  }),
  'POST /api/v1/programmes/:id/enrolments/imports': (f) => ({
    method: 'POST',
    url: `/api/v1/programmes/${f.mutualAidProgrammeId}/enrolments/imports?orgId=${f.world.grassroots.id}`,
  }),
  'GET /api/v1/mutual-aid/enrolment-imports/:id': (f) => ({
    method: 'GET',
    url: `/api/v1/mutual-aid/enrolment-imports/${f.enrolmentImportId}`,
  }),
  'GET /api/v1/mutual-aid/enrolment-imports/:id/errors.xlsx': (f) => ({
    method: 'GET',
    url: `/api/v1/mutual-aid/enrolment-imports/${f.enrolmentImportId}/errors.xlsx`,
  }),
  'POST /api/v1/mutual-aid/claims': (f) => ({
    method: 'POST',
    url: '/api/v1/mutual-aid/claims',
    body: {
      memberId: f.memberId,
      bills: [{ totalFen: 1_000_000, basicInsuranceFen: 0, majorIllnessFen: 0, admittedOn: '2026-02-01' }],
    },
  }),
  'POST /api/v1/programmes/:id/signups': (f) => ({
    method: 'POST',
    url: `/api/v1/programmes/${f.quotaProgrammeId}/signups`,
    body: { memberId: f.memberId },
  }),
  'GET /api/v1/programmes/:id/signups': (f) => ({
    method: 'GET',
    url: `/api/v1/programmes/${f.quotaProgrammeId}/signups`,
  }),
  'GET /api/v1/programmes/:id/signups/export.xlsx': (f) => ({
    method: 'GET',
    url: `/api/v1/programmes/${f.quotaProgrammeId}/signups/export.xlsx`,
  }),
  'GET /api/v1/programmes/:id/allocation': (f) => ({
    method: 'GET',
    url: `/api/v1/programmes/${f.quotaProgrammeId}/allocation`,
  }),
  'POST /api/v1/programmes/:id/allocation': (f) => ({
    method: 'POST',
    url: `/api/v1/programmes/${f.quotaProgrammeId}/allocation`,
  }),
  'POST /api/v1/programmes/:id/attendance': (f) => ({
    method: 'POST',
    url: `/api/v1/programmes/${f.quotaProgrammeId}/attendance`,
    body: { items: [{ signupId: f.signupId, attended: true }] },
  }),
  'GET /api/v1/signups/:id': (f) => ({ method: 'GET', url: `/api/v1/signups/${f.signupId}` }),
  'PATCH /api/v1/signups/:id': (f) => ({
    method: 'PATCH',
    url: `/api/v1/signups/${f.signupId}`,
    body: { frontLine: true, note: 'x' },
  }),
  'POST /api/v1/signups/:id/actions': (f) => ({
    method: 'POST',
    url: `/api/v1/signups/${f.signupId}/actions`,
    body: { action: 'cancel', reason: 'x' },
  }),
  'POST /api/v1/objections/:id/answer': (f) => ({
    method: 'POST',
    url: `/api/v1/objections/${f.objectionId}/answer`,
    body: { answer: 'x' },
  }),
  'POST /api/v1/model-workers': (f) => ({
    method: 'POST',
    url: '/api/v1/model-workers',
    body: { memberId: f.memberId, honourLevel: 'national', title: '全国劳动模范', awardedYear: 2020 },
  }),
  'GET /api/v1/model-workers/export.xlsx': (f) => ({
    method: 'GET',
    url: `/api/v1/model-workers/export.xlsx?orgId=${f.world.org.id}`,
  }),
  'POST /api/v1/model-workers/imports': (f) => ({
    method: 'POST',
    url: `/api/v1/model-workers/imports?orgId=${f.world.org.id}`,
  }),
  'GET /api/v1/model-workers/imports/:id': (f) => ({
    method: 'GET',
    url: `/api/v1/model-workers/imports/${f.modelWorkerImportId}`,
  }),
  'GET /api/v1/model-workers/imports/:id/errors.xlsx': (f) => ({
    method: 'GET',
    url: `/api/v1/model-workers/imports/${f.modelWorkerImportId}/errors.xlsx`,
  }),
  'GET /api/v1/model-workers/:id': (f) => ({ method: 'GET', url: `/api/v1/model-workers/${f.modelWorkerId}` }),
  'PATCH /api/v1/model-workers/:id': (f) => ({
    method: 'PATCH',
    url: `/api/v1/model-workers/${f.modelWorkerId}`,
    body: { unit: 'x' },
  }),
  'POST /api/v1/model-workers/:id/checks': (f) => ({
    method: 'POST',
    url: `/api/v1/model-workers/${f.modelWorkerId}/checks`,
    body: { year: 2026, outcome: 'confirmed' },
  }),
  'POST /api/v1/hardship/households/:id/plans': (f) => ({
    method: 'POST',
    url: `/api/v1/hardship/households/${f.householdId}/plans`,
    body: { goal: 'x', measures: [{ title: 'x', owner: 'x', dueOn: '2030-01-01' }] },
  }),
  'GET /api/v1/hardship/households/:id/plans': (f) => ({
    method: 'GET',
    url: `/api/v1/hardship/households/${f.householdId}/plans`,
  }),
  'POST /api/v1/hardship/households/:id/plans/measures/:measureId/done': (f) => ({
    method: 'POST',
    url: `/api/v1/hardship/households/${f.householdId}/plans/measures/${f.measureId}/done`,
    body: {},
  }),
  'POST /api/v1/hardship/households/:id/aid': (f) => ({
    method: 'POST',
    url: `/api/v1/hardship/households/${f.householdId}/aid`,
    body: { kind: 'goods', description: 'x' },
  }),
  'GET /api/v1/hardship/households/:id/aid': (f) => ({
    method: 'GET',
    url: `/api/v1/hardship/households/${f.householdId}/aid`,
  }),
  'GET /api/v1/hardship/households/:id/history': (f) => ({
    method: 'GET',
    url: `/api/v1/hardship/households/${f.householdId}/history`,
  }),
  'GET /api/v1/hardship/aid/export.xlsx': (f) => ({
    method: 'GET',
    url: `/api/v1/hardship/aid/export.xlsx?orgId=${f.world.org.id}`,
  }),
  'POST /api/v1/hardship/donors': (f) => ({
    method: 'POST',
    url: '/api/v1/hardship/donors',
    body: { orgId: f.world.org.id, name: 'x', kind: 'enterprise' },
  }),
  'GET /api/v1/hardship/donors': (f) => ({
    method: 'GET',
    url: `/api/v1/hardship/donors?householdId=${f.householdId}`,
  }),
  'GET /api/v1/hardship/donors/export.xlsx': (f) => ({
    method: 'GET',
    url: `/api/v1/hardship/donors/export.xlsx?orgId=${f.world.org.id}`,
  }),
  'GET /api/v1/hardship/donors/:id': (f) => ({ method: 'GET', url: `/api/v1/hardship/donors/${f.donorId}` }),
  'PATCH /api/v1/hardship/donors/:id': (f) => ({
    method: 'PATCH',
    url: `/api/v1/hardship/donors/${f.donorId}`,
    body: { note: 'x' },
  }),
  'POST /api/v1/skills-competitions': (f) => ({
    method: 'POST',
    url: '/api/v1/skills-competitions',
    body: { orgId: f.world.org.id, title: 'x', startsOn: '2099-01-01', endsOn: '2099-01-02' },
  }),
  'GET /api/v1/skills-competitions/:id': (f) => ({
    method: 'GET',
    url: `/api/v1/skills-competitions/${f.skillsCompetitionId}`,
  }),
  'POST /api/v1/skills-competitions/:id/events': (f) => ({
    method: 'POST',
    url: `/api/v1/skills-competitions/${f.skillsCompetitionId}/events`,
    body: { name: '焊工', kind: 'individual' },
  }),
  'POST /api/v1/skills-competitions/:id/publication': (f) => ({
    method: 'POST',
    url: `/api/v1/skills-competitions/${f.skillsCompetitionId}/publication`,
  }),
  'GET /api/v1/skills-competitions/:id/results': (f) => ({
    method: 'GET',
    url: `/api/v1/skills-competitions/${f.skillsCompetitionId}/results`,
  }),
  'GET /api/v1/skills-competitions/:id/results.xlsx': (f) => ({
    method: 'GET',
    url: `/api/v1/skills-competitions/${f.skillsCompetitionId}/results.xlsx`,
  }),
  'GET /api/v1/skills-events/:id/entries': (f) => ({
    method: 'GET',
    url: `/api/v1/skills-events/${f.skillsEventId}/entries`,
  }),
  'POST /api/v1/skills-events/:id/entries': (f) => ({
    method: 'POST',
    url: `/api/v1/skills-events/${f.skillsEventId}/entries`,
    body: { memberIds: [f.memberId] },
  }),
  'PUT /api/v1/skills-events/:id/scores': (f) => ({
    method: 'PUT',
    url: `/api/v1/skills-events/${f.skillsEventId}/scores`,
    body: { items: [{ entryId: f.skillsEntryId, theory: 90, practical: 90 }] },
  }),
  'DELETE /api/v1/skills-entries/:id': (f) => ({
    method: 'DELETE',
    url: `/api/v1/skills-entries/${f.skillsEntryId}`,
  }),
  'POST /api/v1/award-selections': (f) => ({
    method: 'POST',
    url: '/api/v1/award-selections',
    body: { orgId: f.world.org.id, title: 'x', year: 2026, quota: 1, nominationClosesAt: '2099-01-01T00:00:00+08:00' },
  }),
  'PATCH /api/v1/award-selections/:id': (f) => ({
    method: 'PATCH',
    url: `/api/v1/award-selections/${f.awardSelectionId}`,
    body: { title: 'x' },
  }),
  'GET /api/v1/award-selections/:id': (f) => ({
    method: 'GET',
    url: `/api/v1/award-selections/${f.awardSelectionId}`,
  }),
  'POST /api/v1/award-selections/:id/nominations': (f) => ({
    method: 'POST',
    url: `/api/v1/award-selections/${f.awardSelectionId}/nominations`,
    body: {
      source: 'union',
      nomineeName: 'x',
      orgId: f.world.grassroots.id,
      position: 'x',
      deeds: '事迹事迹事迹事迹事迹事迹',
    },
  }),
  'GET /api/v1/award-selections/:id/nominations': (f) => ({
    method: 'GET',
    url: `/api/v1/award-selections/${f.awardSelectionId}/nominations`,
  }),
  'GET /api/v1/award-selections/:id/nominations.xlsx': (f) => ({
    method: 'GET',
    url: `/api/v1/award-selections/${f.awardSelectionId}/nominations.xlsx`,
  }),
  'GET /api/v1/award-nominations/:id': (f) => ({
    method: 'GET',
    url: `/api/v1/award-nominations/${f.awardNominationId}`,
  }),
  'GET /api/v1/award-nominations/:id/photos/:fileId': (f) => ({
    method: 'GET',
    url: `/api/v1/award-nominations/${f.awardNominationId}/photos/${f.awardSelectionId}`,
  }),
  'POST /api/v1/award-nominations/:id/withdrawal': (f) => ({
    method: 'POST',
    url: `/api/v1/award-nominations/${f.awardNominationId}/withdrawal`,
    body: {},
  }),
  'POST /api/v1/award-nominations/:id/actions': (f) => ({
    method: 'POST',
    url: `/api/v1/award-nominations/${f.awardNominationId}/actions`,
    body: { action: 'approve' },
  }),
  'POST /api/v1/award-selections/:id/vote': (f) => ({
    method: 'POST',
    url: `/api/v1/award-selections/${f.awardSelectionId}/vote`,
    body: { startsAt: '2099-01-01T00:00:00+08:00', endsAt: '2099-01-02T00:00:00+08:00' },
  }),
  'POST /api/v1/award-selections/:id/publicity': (f) => ({
    method: 'POST',
    url: `/api/v1/award-selections/${f.awardSelectionId}/publicity`,
    body: { endsAt: '2099-01-01T00:00:00+08:00' },
  }),
  'POST /api/v1/award-selections/:id/awarding': (f) => ({
    method: 'POST',
    url: `/api/v1/award-selections/${f.awardSelectionId}/awarding`,
  }),
  'GET /api/v1/award-selections/:id/objections': (f) => ({
    method: 'GET',
    url: `/api/v1/award-selections/${f.awardSelectionId}/objections`,
  }),
  'POST /api/v1/award-objections/:id/resolution': (f) => ({
    method: 'POST',
    url: `/api/v1/award-objections/${f.awardObjectionId}/resolution`,
    body: { resolution: 'upheld', note: 'x' },
  }),
  'GET /api/v1/suggestions/:id': (f) => ({ method: 'GET', url: `/api/v1/suggestions/${f.suggestionId}` }),
  'POST /api/v1/suggestions/:id/actions': (f) => ({
    method: 'POST',
    url: `/api/v1/suggestions/${f.suggestionId}/actions`,
    body: { action: 'answer', reply: 'x' },
  }),
  'GET /api/v1/suggestions/export.xlsx': (f) => ({
    method: 'GET',
    url: `/api/v1/suggestions/export.xlsx?orgId=${f.world.org.id}`,
  }),
  'POST /api/v1/union-reviews': (f) => ({
    method: 'POST',
    url: '/api/v1/union-reviews',
    body: {
      orgId: f.world.org.id,
      title: 'x',
      questions: [{ text: 'x' }],
      opensAt: '2026-01-01T00:00:00+08:00',
      closesAt: '2030-01-01T00:00:00+08:00',
    },
  }),
  'POST /api/v1/walk-challenges': (f) => ({
    method: 'POST',
    url: '/api/v1/walk-challenges',
    body: { orgId: f.world.org.id, title: '健步走', startsOn: '2026-05-01', endsOn: '2026-05-31' },
  }),
  'GET /api/v1/walk-challenges/:id': (f) => ({ method: 'GET', url: `/api/v1/walk-challenges/${f.walkChallengeId}` }),
  'PATCH /api/v1/walk-challenges/:id': (f) => ({
    method: 'PATCH',
    url: `/api/v1/walk-challenges/${f.walkChallengeId}`,
    body: { title: 'x' },
  }),
  'POST /api/v1/walk-challenges/:id/close': (f) => ({
    method: 'POST',
    url: `/api/v1/walk-challenges/${f.walkChallengeId}/close`,
  }),
  'GET /api/v1/walk-challenges/:id/leaderboard': (f) => ({
    method: 'GET',
    url: `/api/v1/walk-challenges/${f.walkChallengeId}/leaderboard?by=org`,
  }),
  'POST /api/v1/questionnaires': (f) => ({
    method: 'POST',
    url: '/api/v1/questionnaires',
    body: {
      orgId: f.world.org.id,
      title: '问卷',
      questions: [{ kind: 'text', text: '意见' }],
      opensAt: '2026-05-01T00:00:00+08:00',
      closesAt: '2026-06-01T00:00:00+08:00',
    },
  }),
  'GET /api/v1/questionnaires/:id': (f) => ({ method: 'GET', url: `/api/v1/questionnaires/${f.questionnaireId}` }),
  'PATCH /api/v1/questionnaires/:id': (f) => ({
    method: 'PATCH',
    url: `/api/v1/questionnaires/${f.questionnaireId}`,
    body: { title: 'x' },
  }),
  'POST /api/v1/questionnaires/:id/close': (f) => ({
    method: 'POST',
    url: `/api/v1/questionnaires/${f.questionnaireId}/close`,
  }),
  'GET /api/v1/questionnaires/:id/results': (f) => ({
    method: 'GET',
    url: `/api/v1/questionnaires/${f.questionnaireId}/results`,
  }),
  'GET /api/v1/questionnaires/:id/results/export.xlsx': (f) => ({
    method: 'GET',
    url: `/api/v1/questionnaires/${f.questionnaireId}/results/export.xlsx`,
  }),
  'GET /api/v1/union-reviews/:id': (f) => ({ method: 'GET', url: `/api/v1/union-reviews/${f.unionReviewId}` }),
  'GET /api/v1/union-reviews/:id/result': (f) => ({
    method: 'GET',
    url: `/api/v1/union-reviews/${f.unionReviewId}/result`,
  }),
  'GET /api/v1/union-reviews/:id/result/export.xlsx': (f) => ({
    method: 'GET',
    url: `/api/v1/union-reviews/${f.unionReviewId}/result/export.xlsx`,
  }),
  'GET /api/v1/union-reviews/:id/comments': (f) => ({
    method: 'GET',
    url: `/api/v1/union-reviews/${f.unionReviewId}/comments`,
  }),
  'POST /api/v1/aid-campaigns': (f) => ({
    method: 'POST',
    url: '/api/v1/aid-campaigns',
    body: { season: 'winter', year: 2026, title: 'x', orgId: f.world.org.id, budgetFen: 100 },
  }),
  'GET /api/v1/aid-campaigns/:id': (f) => ({ method: 'GET', url: `/api/v1/aid-campaigns/${f.aidCampaignId}` }),
  'POST /api/v1/aid-campaigns/:id/close': (f) => ({
    method: 'POST',
    url: `/api/v1/aid-campaigns/${f.aidCampaignId}/close`,
  }),
  'POST /api/v1/aid-campaigns/:id/targets': (f) => ({
    method: 'POST',
    url: `/api/v1/aid-campaigns/${f.aidCampaignId}/targets`,
    body: { fromArchives: {} },
  }),
  'GET /api/v1/aid-campaigns/:id/targets': (f) => ({
    method: 'GET',
    url: `/api/v1/aid-campaigns/${f.aidCampaignId}/targets`,
  }),
  'DELETE /api/v1/aid-campaigns/:id/targets/:householdId': (f) => ({
    method: 'DELETE',
    url: `/api/v1/aid-campaigns/${f.aidCampaignId}/targets/${f.memberId}`,
  }),
  'POST /api/v1/aid-campaigns/:id/distributions': (f) => ({
    method: 'POST',
    url: `/api/v1/aid-campaigns/${f.aidCampaignId}/distributions`,
    body: { householdId: f.memberId, kind: 'goods', description: 'x' },
  }),
  'GET /api/v1/aid-campaigns/:id/report': (f) => ({
    method: 'GET',
    url: `/api/v1/aid-campaigns/${f.aidCampaignId}/report`,
  }),
  'GET /api/v1/aid-campaigns/:id/export.xlsx': (f) => ({
    method: 'GET',
    url: `/api/v1/aid-campaigns/${f.aidCampaignId}/export.xlsx`,
  }),
  'GET /api/v1/hardship/leads/:id': (f) => ({ method: 'GET', url: `/api/v1/hardship/leads/${f.hardshipLeadId}` }),
  'GET /api/v1/hardship/households/:id': (f) => ({
    method: 'GET',
    url: `/api/v1/hardship/households/${f.hardshipLeadId}`,
  }),
  'GET /api/v1/hardship/leads/:id/contact': (f) => ({
    method: 'GET',
    url: `/api/v1/hardship/leads/${f.hardshipLeadId}/contact`,
  }),
  'GET /api/v1/hardship/households/:id/files/:fileId': (f) => ({
    method: 'GET',
    url: `/api/v1/hardship/households/${f.hardshipLeadId}/files/${f.hardshipPhotoId}`,
  }),
  'POST /api/v1/hardship/leads/:id/actions': (f) => ({
    method: 'POST',
    url: `/api/v1/hardship/leads/${f.hardshipLeadId}/actions`,
    body: { action: 'verify', note: 'x' },
  }),
  'GET /api/v1/hardship/stats': (f) => ({ method: 'GET', url: `/api/v1/hardship/stats?orgId=${f.world.org.id}` }),
  'POST /api/v1/hardship/imports': (f) => ({ method: 'POST', url: `/api/v1/hardship/imports?orgId=${f.world.org.id}` }),
  'GET /api/v1/hardship/imports/:id': (f) => ({ method: 'GET', url: `/api/v1/hardship/imports/${f.hardshipImportId}` }),
  'GET /api/v1/hardship/imports/:id/errors.xlsx': (f) => ({
    method: 'GET',
    url: `/api/v1/hardship/imports/${f.hardshipImportId}/errors.xlsx`,
  }),
  // 走访: a visit for a union of org A. (A household's visit may be added by any assistance worker of the federation
  // who holds the file's id — the 409 HOUSEHOLD_EXISTS gives it — and tells them nothing more: visits.test.ts.)
  'POST /api/v1/hardship/visits': (f) => ({
    method: 'POST',
    url: '/api/v1/hardship/visits',
    body: {
      subject: 'work_site',
      orgId: f.world.grassroots.id,
      visitedOn: '2026-01-01',
      visitors: ['王主席'],
      findings: '送清凉',
    },
  }),
  'GET /api/v1/hardship/visits': (f) => ({ method: 'GET', url: `/api/v1/hardship/visits?orgId=${f.world.org.id}` }),
  'GET /api/v1/hardship/visits/:id': (f) => ({ method: 'GET', url: `/api/v1/hardship/visits/${f.visitId}` }),
  'GET /api/v1/hardship/visits/:id/photos/:fileId': (f) => ({
    method: 'GET',
    url: `/api/v1/hardship/visits/${f.visitId}/photos/${f.visitPhotoId}`,
  }),
  'POST /api/v1/hardship/visits/:id/follow-up-done': (f) => ({
    method: 'POST',
    url: `/api/v1/hardship/visits/${f.visitId}/follow-up-done`,
    body: {},
  }),
  'GET /api/v1/hardship/visits/export.xlsx': (f) => ({
    method: 'GET',
    url: `/api/v1/hardship/visits/export.xlsx?orgId=${f.world.org.id}`,
  }),
  'GET /api/v1/hardship/visits/stats': (f) => ({
    method: 'GET',
    url: `/api/v1/hardship/visits/stats?orgId=${f.world.org.id}`,
  }),
  'GET /api/v1/stories/:id': (f) => ({ method: 'GET', url: `/api/v1/stories/${f.storyId}` }),
  'GET /api/v1/stories/:id/photos/:fileId': (f) => ({
    method: 'GET',
    url: `/api/v1/stories/${f.storyId}/photos/${f.storyPhotoId}`,
  }),
  'POST /api/v1/story-collections': (f) => ({
    method: 'POST',
    url: '/api/v1/story-collections',
    body: { orgId: f.world.org.id, title: '我的十年' },
  }),
  'POST /api/v1/stories/:id/actions': (f) => ({
    method: 'POST',
    url: `/api/v1/stories/${f.storyId}/actions`,
    body: { action: 'approve' },
  }),
  // 五小 contests: a contest of the federation, a member's entry with a photo (contests.test.ts tests the judges' side).
  'GET /api/v1/contests/:id': (f) => ({ method: 'GET', url: `/api/v1/contests/${f.contestId}` }),
  'POST /api/v1/contests': (f) => ({
    method: 'POST',
    url: '/api/v1/contests',
    body: { orgId: f.world.org.id, title: 'x', rubric: [{ criterion: 'a', weight: 1, maxScore: 10 }] },
  }),
  'POST /api/v1/contests/:id/entries': (f) => ({
    method: 'POST',
    url: `/api/v1/contests/${f.contestId}/entries`,
    body: { title: 'x', category: 'invention', description: 'y', orgId: f.world.grassroots.id, entrantName: 'z' },
  }),
  'GET /api/v1/contests/:id/entries': (f) => ({ method: 'GET', url: `/api/v1/contests/${f.contestId}/entries` }),
  'GET /api/v1/contest-entries/:id': (f) => ({ method: 'GET', url: `/api/v1/contest-entries/${f.contestEntryId}` }),
  'GET /api/v1/contest-entries/:id/files/:fileId': (f) => ({
    method: 'GET',
    url: `/api/v1/contest-entries/${f.contestEntryId}/files/${f.contestFileId}`,
  }),
  'PUT /api/v1/contest-entries/:id/scores': (f) => ({
    method: 'PUT',
    url: `/api/v1/contest-entries/${f.contestEntryId}/scores`,
    body: { scores: [{ criterion: 'a', score: 1 }] },
  }),
  'POST /api/v1/contests/:id/judges': (f) => ({
    method: 'POST',
    url: `/api/v1/contests/${f.contestId}/judges`,
    body: { staffIds: [f.staffId] },
  }),
  'GET /api/v1/contests/:id/judge-candidates': (f) => ({
    method: 'GET',
    url: `/api/v1/contests/${f.contestId}/judge-candidates`,
  }),
  'GET /api/v1/contests/:id/judges': (f) => ({ method: 'GET', url: `/api/v1/contests/${f.contestId}/judges` }),
  'POST /api/v1/contests/:id/assignments': (f) => ({
    method: 'POST',
    url: `/api/v1/contests/${f.contestId}/assignments`,
  }),
  'POST /api/v1/contests/:id/close': (f) => ({ method: 'POST', url: `/api/v1/contests/${f.contestId}/close` }),
  'GET /api/v1/contests/:id/ranking': (f) => ({ method: 'GET', url: `/api/v1/contests/${f.contestId}/ranking` }),
  'GET /api/v1/contests/:id/ranking.xlsx': (f) => ({
    method: 'GET',
    url: `/api/v1/contests/${f.contestId}/ranking.xlsx`,
  }),
  'POST /api/v1/contests/:id/awards': (f) => ({
    method: 'POST',
    url: `/api/v1/contests/${f.contestId}/awards`,
    body: { entryId: f.contestEntryId, award: 'first' },
  }),
  'POST /api/v1/quizzes': (f) => ({
    method: 'POST',
    url: '/api/v1/quizzes',
    body: {
      orgId: f.world.org.id,
      title: 'x',
      startsAt: '2026-01-01T00:00:00+08:00',
      endsAt: '2030-01-01T00:00:00+08:00',
      questionsPerAttempt: 1,
      timeLimitSeconds: 60,
      attemptsPerDay: 1,
      passScore: 60,
    },
  }),
  'GET /api/v1/quizzes/:id': (f) => ({ method: 'GET', url: `/api/v1/quizzes/${f.quizId}` }),
  'PATCH /api/v1/quizzes/:id': (f) => ({ method: 'PATCH', url: `/api/v1/quizzes/${f.quizId}`, body: { title: 'x' } }),
  'GET /api/v1/quizzes/:id/questions': (f) => ({ method: 'GET', url: `/api/v1/quizzes/${f.quizId}/questions` }),
  'POST /api/v1/quizzes/:id/questions': (f) => ({
    method: 'POST',
    url: `/api/v1/quizzes/${f.quizId}/questions`,
    body: { kind: 'true_false', text: 'x', correct: ['A'] },
  }),
  'PUT /api/v1/quizzes/:id/questions/:questionId': (f) => ({
    method: 'PUT',
    url: `/api/v1/quizzes/${f.quizId}/questions/${f.quizQuestionId}`,
    body: { kind: 'true_false', text: 'x', correct: ['A'] },
  }),
  'DELETE /api/v1/quizzes/:id/questions/:questionId': (f) => ({
    method: 'DELETE',
    url: `/api/v1/quizzes/${f.quizId}/questions/${f.quizQuestionId}`,
  }),
  'GET /api/v1/quizzes/:id/questions/export.xlsx': (f) => ({
    method: 'GET',
    url: `/api/v1/quizzes/${f.quizId}/questions/export.xlsx`,
  }),
  'POST /api/v1/quizzes/:id/question-imports': (f) => ({
    method: 'POST',
    url: `/api/v1/quizzes/${f.quizId}/question-imports`,
  }),
  'GET /api/v1/quiz-question-imports/:id': (f) => ({
    method: 'GET',
    url: `/api/v1/quiz-question-imports/${f.quizImportId}`,
  }),
  'GET /api/v1/quiz-question-imports/:id/errors.xlsx': (f) => ({
    method: 'GET',
    url: `/api/v1/quiz-question-imports/${f.quizImportId}/errors.xlsx`,
  }),
  'GET /api/v1/quizzes/:id/leaderboard': (f) => ({ method: 'GET', url: `/api/v1/quizzes/${f.quizId}/leaderboard` }),
  'POST /api/v1/quizzes/:id/draws': (f) => ({
    method: 'POST',
    url: `/api/v1/quizzes/${f.quizId}/draws`,
    body: { prizes: 1 },
  }),
  'POST /api/v1/polls': (f) => ({
    method: 'POST',
    url: '/api/v1/polls',
    body: { ...pollBody, orgId: f.world.org.id },
  }),
  'GET /api/v1/polls/:id': (f) => ({ method: 'GET', url: `/api/v1/polls/${f.pollId}` }),
  'PATCH /api/v1/polls/:id': (f) => ({ method: 'PATCH', url: `/api/v1/polls/${f.pollId}`, body: { title: 'x' } }),
  'POST /api/v1/polls/:id/entries': (f) => ({
    method: 'POST',
    url: `/api/v1/polls/${f.pollId}/entries`,
    body: { title: 'x' },
  }),
  'GET /api/v1/polls/:id/entries': (f) => ({ method: 'GET', url: `/api/v1/polls/${f.pollId}/entries` }),
  'GET /api/v1/poll-entries/:id': (f) => ({ method: 'GET', url: `/api/v1/poll-entries/${f.pollEntryId}` }),
  'POST /api/v1/poll-entries/:id/actions': (f) => ({
    method: 'POST',
    url: `/api/v1/poll-entries/${f.pollEntryId}/actions`,
    body: { action: 'remove', reason: 'x' },
  }),
  'GET /api/v1/polls/:id/results': (f) => ({ method: 'GET', url: `/api/v1/polls/${f.pollId}/results` }),
  'GET /api/v1/polls/:id/results.xlsx': (f) => ({ method: 'GET', url: `/api/v1/polls/${f.pollId}/results.xlsx` }),
  'POST /api/v1/polls/:id/finalists': (f) => ({
    method: 'POST',
    url: `/api/v1/polls/${f.pollId}/finalists`,
    body: { topN: 1, startsAt: '2030-01-01T00:00:00+08:00', endsAt: '2030-02-01T00:00:00+08:00' },
  }),
  'GET /api/v1/polls/:id/flags': (f) => ({ method: 'GET', url: `/api/v1/polls/${f.pollId}/flags` }),
  'POST /api/v1/poll-flags/:id/void': (f) => ({
    method: 'POST',
    url: `/api/v1/poll-flags/${f.pollFlagId}/void`,
    body: {},
  }),
  'POST /api/v1/poll-flags/:id/dismiss': (f) => ({
    method: 'POST',
    url: `/api/v1/poll-flags/${f.pollFlagId}/dismiss`,
    body: {},
  }),
};

const pollBody = {
  title: '最美劳动者',
  startsAt: '2026-01-01T00:00:00+08:00',
  endsAt: '2030-01-01T00:00:00+08:00',
  ballotsPerMemberPerDay: 3,
  perEntryPerDay: 1,
};

/** Routes that search within the caller's own subtree: they answer 200 but must not include org A. */
const scopedSearches: Record<string, (f: Fixture) => Probe> = {
  'GET /api/v1/orgs': () => ({ method: 'GET', url: '/api/v1/orgs?limit=100' }),
  'GET /api/v1/merchants': () => ({ method: 'GET', url: '/api/v1/merchants?limit=100' }),
  'GET /api/v1/breakfast/enrolments': () => ({ method: 'GET', url: '/api/v1/breakfast/enrolments?limit=100' }),
  'GET /api/v1/breakfast/partners': () => ({ method: 'GET', url: '/api/v1/breakfast/partners' }),
  'GET /api/v1/programmes': () => ({ method: 'GET', url: '/api/v1/programmes?limit=100' }),
  'GET /api/v1/applications': () => ({ method: 'GET', url: '/api/v1/applications?limit=100' }),
  'GET /api/v1/model-workers': () => ({ method: 'GET', url: '/api/v1/model-workers?limit=100' }),
  'GET /api/v1/proposals': (f) => ({ method: 'GET', url: `/api/v1/proposals?limit=100&congressId=${f.congressId}` }),
  'GET /api/v1/proposals/export.xlsx': (f) => ({
    method: 'GET',
    url: `/api/v1/proposals/export.xlsx?congressId=${f.congressId}`,
  }),
  'GET /api/v1/suggestions': () => ({ method: 'GET', url: '/api/v1/suggestions?limit=100' }),
  'GET /api/v1/award-selections': () => ({ method: 'GET', url: '/api/v1/award-selections?limit=100' }),
  'GET /api/v1/skills-competitions': () => ({ method: 'GET', url: '/api/v1/skills-competitions?limit=100' }),
  'GET /api/v1/union-reviews': () => ({ method: 'GET', url: '/api/v1/union-reviews?limit=100' }),
  'GET /api/v1/aid-campaigns': () => ({ method: 'GET', url: '/api/v1/aid-campaigns?limit=100' }),
  'GET /api/v1/walk-challenges': () => ({ method: 'GET', url: '/api/v1/walk-challenges?limit=100' }),
  'GET /api/v1/questionnaires': () => ({ method: 'GET', url: '/api/v1/questionnaires?limit=100' }),
  'GET /api/v1/hardship/leads': () => ({ method: 'GET', url: '/api/v1/hardship/leads?limit=100' }),
  'GET /api/v1/hardship/leads/export.xlsx': () => ({ method: 'GET', url: '/api/v1/hardship/leads/export.xlsx' }),
  'GET /api/v1/stories': () => ({ method: 'GET', url: '/api/v1/stories?limit=100' }),
  'GET /api/v1/contests': () => ({ method: 'GET', url: '/api/v1/contests?limit=100' }),
  'GET /api/v1/story-collections': () => ({ method: 'GET', url: '/api/v1/story-collections?limit=100' }),
  'GET /api/v1/stories/export.xlsx': () => ({ method: 'GET', url: '/api/v1/stories/export.xlsx' }),
  'GET /api/v1/quizzes': () => ({ method: 'GET', url: '/api/v1/quizzes?limit=100' }),
  'GET /api/v1/polls': () => ({ method: 'GET', url: '/api/v1/polls?limit=100' }),
};

describe('authorisation sweep: another org’s staff gets 404 on every route', () => {
  it('covers every /api/v1 route', () => {
    const covered = new Set([...notOrgScoped.keys(), ...Object.keys(probes), ...Object.keys(scopedSearches)]);
    expect(apiRoutes().filter((r) => !covered.has(r))).toEqual([]);
  });

  it('answers 404 to an org_admin of a sibling subtree, and hides org A from their searches', async () => {
    const world = await freshWorld(t);
    const memberPhone = randomPhone();
    const member = await t.call('POST', '/api/v1/members', {
      token: world.admin.token,
      body: { name: '甲', phone: memberPhone, orgId: world.grassroots.id },
    });
    const staff = await createStaffUser(t, world.admin.token, world.grassroots.id, ['member_manager']);
    const worker = await workerLogin(t);
    const application = await t.call('POST', '/api/v1/membership-applications', {
      token: worker.token,
      body: { orgId: world.grassroots.id, name: '乙' },
    });
    const memberImport = await uploadFile(
      t,
      `/api/v1/members/imports?orgId=${world.grassroots.id}`,
      world.admin.token,
      'a.xlsx',
      await workbook([['姓名', '手机号']]),
    );
    const jobId = memberImport.json.id as string;
    const station = await t.call('POST', '/api/v1/stations', {
      token: world.admin.token,
      body: {
        orgId: world.grassroots.id,
        type: 'cooling_bus',
        name: '纳凉公交',
        address: '莲湖公园',
        lat: 34.27,
        lng: 108.93,
      },
    });
    const stationImport = await uploadFile(
      t,
      `/api/v1/stations/imports?orgId=${world.grassroots.id}`,
      world.admin.token,
      's.xlsx',
      await workbook([['名称', '类型', '地址', '纬度', '经度']]),
    );
    expect(stationImport.status).toBe(202);
    const regionCode = String(110000 + Math.floor(Math.random() * 800000));
    await t.call('PATCH', `/api/v1/orgs/${world.org.id}`, { token: world.admin.token, body: { regionCode } });
    const evidence = await uploadFile(
      t,
      '/api/v1/legal/evidence',
      worker.token,
      'e.pdf',
      Buffer.from('%PDF-1.4\n%%EOF\n'),
    );
    const legalCase = await t.call('POST', '/api/v1/legal/cases', {
      token: worker.token,
      body: {
        kind: 'mediation',
        category: 'unpaid_wages',
        description: '拖欠三个月工资未发放。',
        employer: { name: '某公司', regionCode },
        attachmentIds: [evidence.json.id],
      },
    });
    expect(legalCase.json.center.id).toBe(world.org.id);
    const merchant = await t.call('POST', '/api/v1/merchants', {
      token: world.admin.token,
      body: { orgId: world.grassroots.id, name: '爱心商家' },
    });
    const campaign = await t.call('POST', '/api/v1/voucher-campaigns', {
      token: world.admin.token,
      body: {
        orgId: world.grassroots.id,
        title: '体验券',
        quantity: 10,
        perMemberLimit: 1,
        startsAt: '2026-01-01T00:00:00+08:00',
        endsAt: '2030-01-01T00:00:00+08:00',
      },
    });
    await t.call('POST', `/api/v1/legal/cases/${legalCase.json.id}/actions`, {
      token: world.admin.token,
      body: { action: 'accept' },
    });
    const programme = await t.call('POST', '/api/v1/programmes', {
      token: world.admin.token,
      body: {
        kind: 'custom',
        title: '劳模慰问金',
        orgId: world.org.id,
        opensAt: '2026-01-01T00:00:00+08:00',
        closesAt: '2030-01-01T00:00:00+08:00',
        rules: { publicityDays: 5 },
      },
    });
    const programmeDocument = await uploadFile(
      t,
      '/api/v1/programmes/documents',
      world.admin.token,
      'd.pdf',
      Buffer.from('%PDF-1.4\n%%EOF\n'),
    );
    const programmeApplication = await t.call('POST', `/api/v1/programmes/${programme.json.id}/applications`, {
      token: world.admin.token,
      body: { memberId: member.json.id, amountFen: 100_000, attachmentIds: [programmeDocument.json.id] },
    });
    expect(programmeApplication.json.attachments).toEqual([programmeDocument.json.id]);
    for (const action of ['review_pass', 'publicize'])
      await t.call('POST', `/api/v1/applications/${programmeApplication.json.id}/actions`, {
        token: world.admin.token,
        body: { action },
      });
    const notices = await t.call('GET', `/api/v1/programmes/${programme.json.id}/notices`, {
      token: world.admin.token,
    });
    const objection = await t.call('POST', `/api/v1/public/notices/${notices.json.items[0].id}/objections`, {
      token: worker.token,
      body: { content: '对公示名单有异议' },
    });
    expect(objection.status).toBe(201);
    // A programme without publicity, one application approved and put in a disbursement batch.
    const paying = await t.call('POST', '/api/v1/programmes', {
      token: world.admin.token,
      body: {
        kind: 'custom',
        title: '困难补助',
        orgId: world.org.id,
        opensAt: '2026-01-01T00:00:00+08:00',
        closesAt: '2030-01-01T00:00:00+08:00',
        rules: { publicityDays: 0 },
      },
    });
    const paid = await t.call('POST', `/api/v1/programmes/${paying.json.id}/applications`, {
      token: world.admin.token,
      body: { memberId: member.json.id, amountFen: 1_000, payee: { bank: '工商银行', accountNo: '6222000011112222' } },
    });
    for (const action of ['review_pass', 'approve'])
      await t.call('POST', `/api/v1/applications/${paid.json.id}/actions`, {
        token: world.admin.token,
        body: { action },
      });
    const disbursement = await t.call('POST', `/api/v1/programmes/${paying.json.id}/disbursements`, {
      token: world.admin.token,
    });
    expect(disbursement.status).toBe(201);
    const modelWorker = await t.call('POST', '/api/v1/model-workers', {
      token: world.admin.token,
      body: { memberId: member.json.id, honourLevel: 'provincial', title: '省劳动模范', awardedYear: 2015 },
    });
    expect(modelWorker.status).toBe(201);
    const modelWorkerImport = await uploadFile(
      t,
      `/api/v1/model-workers/imports?orgId=${world.org.id}`,
      world.admin.token,
      'm.xlsx',
      await workbook([['手机号', '荣誉级别', '荣誉称号', '获得年份']]),
    );
    expect(modelWorkerImport.status).toBe(202);
    // A work-study placement, approved; a mutual-aid programme with the member enrolled, and an import of its list.
    const workStudy = await t.call('POST', '/api/v1/programmes', {
      token: world.admin.token,
      body: {
        kind: 'work_study',
        title: '勤工俭学',
        orgId: world.org.id,
        opensAt: '2026-01-01T00:00:00+08:00',
        closesAt: '2030-01-01T00:00:00+08:00',
        rules: { publicityDays: 0 },
      },
    });
    const workStudyApplication = await t.call('POST', `/api/v1/programmes/${workStudy.json.id}/applications`, {
      token: world.admin.token,
      body: {
        memberId: member.json.id,
        details: {
          jobType: 'internship',
          employerOrgId: world.grassroots.id,
          student: { name: '学生', school: '大学' },
        },
      },
    });
    for (const action of ['review_pass', 'approve'])
      await t.call('POST', `/api/v1/applications/${workStudyApplication.json.id}/actions`, {
        token: world.admin.token,
        body: { action },
      });
    const mutualAid = await t.call('POST', '/api/v1/programmes', {
      token: world.admin.token,
      body: {
        kind: 'medical_mutual_aid',
        title: '医疗互助',
        orgId: world.org.id,
        opensAt: '2026-01-01T00:00:00+08:00',
        closesAt: '2030-01-01T00:00:00+08:00',
        rules: { publicityDays: 0, mutualAid: { tiers: [{ percent: 50 }] } },
      },
    });
    const enrolled = await t.call('POST', `/api/v1/programmes/${mutualAid.json.id}/enrolments`, {
      token: world.admin.token,
      body: { memberId: member.json.id },
    });
    expect(enrolled.status).toBe(201);
    const enrolmentImport = await uploadFile(
      t,
      `/api/v1/programmes/${mutualAid.json.id}/enrolments/imports?orgId=${world.grassroots.id}`,
      world.admin.token,
      'm.xlsx',
      await workbook([['姓名', '手机号']]),
    );
    expect(enrolmentImport.status).toBe(202);
    // A quota programme (劳模疗休养) with one member signed up.
    const quota = await t.call('POST', '/api/v1/programmes', {
      token: world.admin.token,
      body: {
        kind: 'recuperation',
        title: '劳模疗休养',
        orgId: world.org.id,
        opensAt: '2026-01-01T00:00:00+08:00',
        closesAt: '2030-01-01T00:00:00+08:00',
        rules: { quota: { places: 2, eventDate: '2030-02-01' } },
      },
    });
    const signup = await t.call('POST', `/api/v1/programmes/${quota.json.id}/signups`, {
      token: world.admin.token,
      body: { memberId: member.json.id },
    });
    expect(signup.status).toBe(201);
    // A congress term with one representative.
    const congress = await t.call('POST', '/api/v1/congresses', {
      token: world.admin.token,
      body: { orgId: world.org.id, name: '第八届会员代表大会', termStartsOn: '2026-01-01', termEndsOn: '2030-12-31' },
    });
    const representative = await t.call('POST', `/api/v1/congresses/${congress.json.id}/representatives`, {
      token: world.admin.token,
      body: { memberId: member.json.id },
    });
    expect(representative.status).toBe(201);
    const representativeImport = await uploadFile(
      t,
      `/api/v1/congresses/${congress.json.id}/representatives/imports`,
      world.admin.token,
      'r.xlsx',
      await workbook([['姓名', '手机号']]),
    );
    expect(representativeImport.status).toBe(202);
    // A proposal of that representative, with an attachment.
    const representativeLogin = await workerLogin(t, memberPhone);
    const proposalFile = await uploadFile(
      t,
      '/api/v1/proposals/attachments',
      representativeLogin.token,
      'p.pdf',
      Buffer.from('%PDF-1.4\n%%EOF\n'),
    );
    const proposal = await t.call('POST', '/api/v1/proposals', {
      token: representativeLogin.token,
      body: {
        congressId: congress.json.id,
        title: '关于职工子女暑期托管的提案',
        body: '暑期职工没有时间照看子女，希望开设托管班。',
        category: 'living_welfare',
        attachmentIds: [proposalFile.json.id],
      },
    });
    expect(proposal.status).toBe(201);
    // That member's story (职工故事) with a photo, waiting for moderation.
    const storyPhoto = await uploadFile(
      t,
      '/api/v1/stories/photos',
      representativeLogin.token,
      '车间.png',
      PNG.sync.write(new PNG({ width: 2, height: 2 })),
      'image/png',
    );
    const story = await t.call('POST', '/api/v1/stories', {
      token: representativeLogin.token,
      body: { title: '我的十年', body: '从学徒到班组长。', photoIds: [storyPhoto.json.id] },
    });
    expect(story.status).toBe(201);
    const storyCollection = await t.call('POST', '/api/v1/story-collections', {
      token: world.admin.token,
      body: { orgId: world.org.id, title: '我的十年故事' },
    });
    expect(storyCollection.status).toBe(201);
    // A member's suggestion to the federation (职工事大家议) and a review campaign (会员评家) with one response.
    const suggesterPhone = randomPhone();
    await t.call('POST', '/api/v1/members', {
      token: world.admin.token,
      body: { name: '丙', phone: suggesterPhone, orgId: world.grassroots.id },
    });
    const suggester = await workerLogin(t, suggesterPhone);
    const suggestion = await t.call('POST', '/api/v1/suggestions', {
      token: suggester.token,
      body: { title: '建议', body: '内容', orgId: world.org.id },
    });
    expect(suggestion.status).toBe(201);
    const review = await t.call('POST', '/api/v1/union-reviews', {
      token: world.admin.token,
      body: {
        orgId: world.org.id,
        title: '会员评家',
        questions: [{ text: '满意吗' }],
        opensAt: '2026-01-01T00:00:00+08:00',
        closesAt: '2030-01-01T00:00:00+08:00',
      },
    });
    const response = await t.call('POST', `/api/v1/union-reviews/${review.json.id}/responses`, {
      token: suggester.token,
      body: { answers: [{ questionId: review.json.questions[0].id, rating: 'satisfied' }], comment: '好' },
    });
    expect(response.status).toBe(201);
    // A skills competition (技能大赛) of the federation, an event and the member's entry in it.
    const skillsCompetition = await t.call('POST', '/api/v1/skills-competitions', {
      token: world.admin.token,
      body: { orgId: world.org.id, title: '职工技能大赛', startsOn: '2099-06-01', endsOn: '2099-06-02' },
    });
    expect(skillsCompetition.status).toBe(201);
    const skillsEvent = await t.call('POST', `/api/v1/skills-competitions/${skillsCompetition.json.id}/events`, {
      token: world.admin.token,
      body: { name: '电工', kind: 'individual' },
    });
    const skillsEventId = (skillsEvent.json.events as { id: string }[])[0]!.id;
    const skillsEntry = await t.call('POST', `/api/v1/skills-events/${skillsEventId}/entries`, {
      token: world.admin.token,
      body: { memberIds: [member.json.id] },
    });
    expect(skillsEntry.status).toBe(201);
    // An award selection (先进评选) under publicity: a nomination approved and publicized, a member's objection to it.
    const awardSelection = await t.call('POST', '/api/v1/award-selections', {
      token: world.admin.token,
      body: {
        orgId: world.org.id,
        title: '最美劳动者',
        year: 2026,
        quota: 1,
        nominationClosesAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
    const awardNomination = await t.call('POST', `/api/v1/award-selections/${awardSelection.json.id}/nominations`, {
      token: world.admin.token,
      body: {
        source: 'union',
        nomineeName: '王师傅',
        orgId: world.grassroots.id,
        position: '班长',
        deeds: '扎根一线二十年，技术过硬。',
      },
    });
    await t.call('POST', `/api/v1/award-nominations/${awardNomination.json.id}/actions`, {
      token: world.admin.token,
      body: { action: 'approve' },
    });
    const awardPublicity = await t.call('POST', `/api/v1/award-selections/${awardSelection.json.id}/publicity`, {
      token: world.admin.token,
      body: { endsAt: new Date(Date.now() + 86_400_000).toISOString() },
    });
    expect(awardPublicity.status).toBe(200);
    const awardObjection = await t.call('POST', `/api/v1/award-nominations/${awardNomination.json.id}/objections`, {
      token: representativeLogin.token,
      body: { content: '反映情况若干。' },
    });
    expect(awardObjection.status).toBe(201);
    // A motion of that congress, with its document.
    const motionDocument = await uploadFile(
      t,
      '/api/v1/motions/documents',
      world.admin.token,
      'plan.pdf',
      Buffer.from('%PDF-1.4\n%%EOF\n'),
    );
    const motion = await t.call('POST', `/api/v1/congresses/${congress.json.id}/motions`, {
      token: world.admin.token,
      body: { title: '职工安置方案', body: '提请表决', documentFileId: motionDocument.json.id },
    });
    expect(motion.status).toBe(201);
    const dutyPhoto = await uploadFile(
      t,
      '/api/v1/duties/photos',
      world.admin.token,
      '走访.png',
      PNG.sync.write(new PNG({ width: 2, height: 2 })),
      'image/png',
    );
    expect(dutyPhoto.status).toBe(201);
    const duty = await t.call('POST', `/api/v1/congresses/${congress.json.id}/duties`, {
      token: world.admin.token,
      body: {
        representativeId: representative.json.id,
        indicatorCode: 'research',
        occurredOn: '2026-03-01',
        note: '调研',
        photoIds: [dutyPhoto.json.id],
      },
    });
    expect(duty.status).toBe(201);
    // A walking challenge (健步走) and a questionnaire (问卷) of the federation.
    const walkChallenge = await t.call('POST', '/api/v1/walk-challenges', {
      token: world.admin.token,
      body: { orgId: world.org.id, title: '健步走', startsOn: '2026-05-01', endsOn: '2026-05-31' },
    });
    expect(walkChallenge.status).toBe(201);
    const questionnaire = await t.call('POST', '/api/v1/questionnaires', {
      token: world.admin.token,
      body: {
        orgId: world.org.id,
        title: '问卷',
        questions: [{ kind: 'rating', text: '打分' }],
        opensAt: '2026-05-01T00:00:00+08:00',
        closesAt: '2026-06-01T00:00:00+08:00',
      },
    });
    expect(questionnaire.status).toBe(201);
    // A seasonal campaign (四季送) of the federation.
    const aidCampaign = await t.call('POST', '/api/v1/aid-campaigns', {
      token: world.admin.token,
      body: { season: 'winter', year: 2026, title: '冬送温暖', orgId: world.org.id, budgetFen: 100_000 },
    });
    expect(aidCampaign.status).toBe(201);
    // A hardship lead filed by the federation's admin, with a photo of the household.
    const hardshipPhoto = await uploadFile(
      t,
      '/api/v1/hardship/photos',
      world.admin.token,
      '家.png',
      PNG.sync.write(new PNG({ width: 2, height: 2 })),
      'image/png',
    );
    const hardshipLead = await t.call('POST', '/api/v1/hardship/leads', {
      token: world.admin.token,
      body: {
        household: {
          headName: '丁',
          idNumber: randomIdNumber(),
          phone: randomPhone(),
          regionCode,
          address: '幸福巷1号',
          size: 3,
          monthlyIncomeFen: 40_000,
          causes: ['illness'],
        },
        channel: 'union',
        photoIds: [hardshipPhoto.json.id],
      },
    });
    expect(hardshipLead.status).toBe(201);
    const hardshipImport = await uploadFile(
      t,
      `/api/v1/hardship/imports?orgId=${world.grassroots.id}`,
      world.admin.token,
      'h.xlsx',
      await workbook([['户主姓名', '身份证号']]),
    );
    expect(hardshipImport.status).toBe(202);
    const visitPhoto = await uploadFile(
      t,
      '/api/v1/hardship/photos',
      world.admin.token,
      '工地.png',
      PNG.sync.write(new PNG({ width: 2, height: 2 })),
      'image/png',
    );
    const visit = await t.call('POST', '/api/v1/hardship/visits', {
      token: world.admin.token,
      body: {
        subject: 'work_site',
        orgId: world.grassroots.id,
        place: '滨河大道项目工地',
        visitedOn: '2026-07-01',
        visitors: ['王主席'],
        findings: '送清凉',
        followUp: '复查遮阳棚',
        photoIds: [visitPhoto.json.id],
      },
    });
    expect(visit.status).toBe(201);
    // 一户一策: a household of the federation, verified, with a plan; a donor unit of its alliance.
    const household = await t.call('POST', '/api/v1/hardship/leads', {
      token: world.admin.token,
      body: { household: householdInput(regionCode), channel: 'union', consent: true },
    });
    expect(household.status).toBe(201);
    const verified = await t.call('POST', `/api/v1/hardship/leads/${household.json.id}/actions`, {
      token: world.admin.token,
      body: { action: 'verify', note: '入户核实' },
    });
    expect(verified.status).toBe(200);
    const plan = await t.call('POST', `/api/v1/hardship/households/${household.json.id}/plans`, {
      token: world.admin.token,
      body: { goal: '稳定就医', measures: [{ title: '开通绿色通道', owner: '帮扶中心', dueOn: '2030-01-01' }] },
    });
    expect(plan.status).toBe(201);
    const donor = await t.call('POST', '/api/v1/hardship/donors', {
      token: world.admin.token,
      body: { orgId: world.org.id, name: '爱心企业', kind: 'enterprise' },
    });
    expect(donor.status).toBe(201);
    // A 五小 contest of the federation with the representative's entry and its photo.
    const contest = await t.call('POST', '/api/v1/contests', {
      token: world.admin.token,
      body: { orgId: world.org.id, title: '五小创新', rubric: [{ criterion: '创新性', weight: 1, maxScore: 10 }] },
    });
    const contestFile = await uploadFile(
      t,
      '/api/v1/contest-files',
      representativeLogin.token,
      '作品.png',
      PNG.sync.write(new PNG({ width: 2, height: 2 })),
      'image/png',
    );
    const contestEntry = await t.call('POST', `/api/v1/contests/${contest.json.id}/entries`, {
      token: representativeLogin.token,
      body: { title: '快速换刀装置', category: 'invention', description: '省时', fileIds: [contestFile.json.id] },
    });
    expect(contestEntry.status).toBe(201);
    // 知识竞赛: a quiz of the federation with one question, and an import into its bank.
    const quiz = await t.call('POST', '/api/v1/quizzes', {
      token: world.admin.token,
      body: {
        orgId: world.org.id,
        title: '安全知识竞赛',
        startsAt: '2026-01-01T00:00:00+08:00',
        endsAt: '2030-01-01T00:00:00+08:00',
        questionsPerAttempt: 1,
        timeLimitSeconds: 60,
        attemptsPerDay: 1,
        passScore: 60,
      },
    });
    expect(quiz.status).toBe(201);
    const quizQuestion = await t.call('POST', `/api/v1/quizzes/${quiz.json.id}/questions`, {
      token: world.admin.token,
      body: { kind: 'true_false', text: '安全第一。', correct: ['A'] },
    });
    expect(quizQuestion.status).toBe(201);
    const quizImport = await uploadFile(
      t,
      `/api/v1/quizzes/${quiz.json.id}/question-imports`,
      world.admin.token,
      'q.xlsx',
      await workbook([['题型', '题目', '正确答案']]),
    );
    expect(quizImport.status).toBe(202);
    // A poll of the federation (网络投票) with a live entry, and a flag on it (raised here directly: bursts need
    // hundreds of ballots; polls.test.ts raises them through ballots).
    const poll = await t.call('POST', '/api/v1/polls', {
      token: world.admin.token,
      body: { ...pollBody, orgId: world.org.id },
    });
    expect(poll.status).toBe(201);
    const pollEntry = await t.call('POST', `/api/v1/polls/${poll.json.id}/entries`, {
      token: world.admin.token,
      body: { title: '候选人' },
    });
    expect(pollEntry.status).toBe(201);
    const [pollFlag] = await queryRows<{ id: string }>(
      t.ctx.db,
      sql`insert into poll_flags (poll_id, entry_id, kind, address, window_start, window_end, ballots_at_flag, status)
          values (${poll.json.id}, ${pollEntry.json.id}, 'address', '10.0.0.1', now(), now() + interval '10 minutes', 300, 'open')
          returning id`,
    );
    const fixture: Fixture = {
      contestId: contest.json.id,
      contestEntryId: contestEntry.json.id,
      contestFileId: contestFile.json.id,
      quizId: quiz.json.id,
      quizQuestionId: quizQuestion.json.id,
      quizImportId: quizImport.json.id,
      pollId: poll.json.id,
      pollEntryId: pollEntry.json.id,
      pollFlagId: pollFlag!.id,
      householdId: household.json.id,
      measureId: plan.json.measures[0].id,
      donorId: donor.json.id,
      hardshipLeadId: hardshipLead.json.id,
      hardshipPhotoId: hardshipPhoto.json.id,
      hardshipImportId: hardshipImport.json.id,
      visitId: visit.json.id,
      visitPhotoId: visitPhoto.json.id,
      storyId: story.json.id,
      storyPhotoId: storyPhoto.json.id,
      dutyId: duty.json.id,
      aidCampaignId: aidCampaign.json.id,
      walkChallengeId: walkChallenge.json.id,
      questionnaireId: questionnaire.json.id,
      dutyPhotoId: dutyPhoto.json.id,
      world,
      congressId: congress.json.id,
      motionId: motion.json.id,
      representativeId: representative.json.id,
      representativeImportId: representativeImport.json.id,
      proposalId: proposal.json.id,
      proposalFileId: proposalFile.json.id,
      memberId: member.json.id,
      importId: jobId,
      applicationId: application.json.id,
      staffId: staff.id,
      stationCode: station.json.code,
      stationImportId: stationImport.json.id,
      caseId: legalCase.json.id,
      caseFileId: evidence.json.id,
      merchantId: merchant.json.id,
      campaignId: campaign.json.id,
      programmeId: programme.json.id,
      programmeApplicationId: programmeApplication.json.id,
      programmeDocumentId: programmeDocument.json.id,
      quotaProgrammeId: quota.json.id,
      signupId: signup.json.id,
      objectionId: objection.json.id,
      disbursementId: disbursement.json.id,
      modelWorkerId: modelWorker.json.id,
      modelWorkerImportId: modelWorkerImport.json.id,
      workStudyApplicationId: workStudyApplication.json.id,
      mutualAidProgrammeId: mutualAid.json.id,
      enrolmentImportId: enrolmentImport.json.id,
      suggestionId: suggestion.json.id,
      unionReviewId: review.json.id,
      skillsCompetitionId: skillsCompetition.json.id,
      skillsEventId,
      skillsEntryId: skillsEntry.json.id,
      awardSelectionId: awardSelection.json.id,
      awardNominationId: awardNomination.json.id,
      awardObjectionId: awardObjection.json.id,
    };

    const other = await freshWorld(t);
    for (const [route, probe] of Object.entries(probes)) {
      const p = probe(fixture);
      const res = await t.call(p.method as 'GET', p.url, {
        token: other.admin.token,
        ...(p.body !== undefined ? { body: p.body } : {}),
      });
      expect({ route, status: res.status, code: res.json?.error?.code }).toEqual({
        route,
        status: 404,
        code: 'NOT_FOUND',
      });
    }
    for (const [route, probe] of Object.entries(scopedSearches)) {
      const p = probe(fixture);
      const res = await t.call(p.method as 'GET', p.url, { token: other.admin.token });
      expect({ route, status: res.status }).toEqual({ route, status: 200 });
      expect(JSON.stringify(res.json)).not.toContain(world.org.id);
      expect(JSON.stringify(res.json)).not.toContain(world.grassroots.id);
    }
  });
});

describe('bad input never causes a 500', () => {
  const junkBodies: unknown[] = [
    {},
    { x: [1, { y: null }] },
    [],
    'text',
    12,
    { name: 'a'.repeat(10_000), phone: 13800000000, orgId: 'nope', roles: 'org_admin', action: {} },
  ];
  const junkQuery = '?limit=abc&cursor=%%%&orgId=1&q=' + 'z'.repeat(300) + '&mine=maybe&status=<script>';

  it('answers every route, signed in as staff and as a worker, with junk, in the 4xx range', async () => {
    const world = await freshWorld(t);
    const worker = await workerLogin(t);
    const failures: string[] = [];
    for (const route of t.app.routeList.filter((r) => r.includes('/api/'))) {
      const [method, pattern] = route.split(' ') as [string, string];
      for (const url of new Set([pattern.replace(/:(\w+)/g, 'not-a-uuid'), pattern.replace(/:(\w+)/g, world.org.id)]))
        for (const token of [world.admin.token, worker.token, null]) {
          for (const body of method === 'GET' ? [undefined] : junkBodies) {
            const res = await t.app.inject({
              method: method as 'GET',
              url: url + junkQuery,
              headers: {
                ...(token ? { authorization: `Bearer ${token}` } : {}),
                ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
              },
              ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
            });
            if (res.statusCode >= 500) failures.push(`${route} → ${res.statusCode} ${res.body.slice(0, 200)}`);
          }
        }
    }
    expect(failures).toEqual([]);
  });
});

describe('junk sweep over every OpenAPI operation', () => {
  // Logging out would end the sweep's own session.
  const skipped = new Set(['POST /api/v1/auth/logout']);

  it('answers NUL bytes with 400 NUL_CHARACTER, and unknown or malformed ids and longest strings without a 5xx, as staff, a member and a cashier', async () => {
    const { ids, staffToken, memberToken, cashierToken } = await sweepWorld(t);
    const doc = (await t.call('GET', '/api/openapi.json')).json as { paths: Record<string, Record<string, object>> };
    const failures: string[] = [];
    let sent = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (skipped.has(`${method.toUpperCase()} ${path}`)) continue;
        for (const request of sweepRequests(method, path, op, ids)) {
          // The cashier's routes are the shop's own (/merchant/…); elsewhere a cashier is staff without roles.
          const callers = [
            ['staff', staffToken],
            ['member', memberToken],
            ...(path.startsWith('/api/v1/merchant/') ? [['cashier', cashierToken]] : []),
          ];
          for (const [who, token] of callers as [string, string][]) {
            const res = await send(t, request, token);
            sent++;
            // An upload is read by the route once it has checked the caller: one who may not upload is refused unread.
            const refusedUnread = request.multipart !== undefined && [401, 403, 404].includes(res.status);
            const wrong =
              res.status >= 500 ||
              (request.nul && !refusedUnread && (res.status !== 400 || res.code !== 'NUL_CHARACTER'));
            if (wrong) failures.push(`${request.route} [${request.label}] as ${who} → ${res.status} ${res.body}`);
          }
        }
      }
    }
    expect(sent).toBeGreaterThan(1000);
    expect(failures).toEqual([]);
    // Every operation of every module, several requests each: minutes on a loaded 2-core machine.
  }, 360_000);
});

describe('OpenAPI document', () => {
  it('is valid OpenAPI 3.1 and lists every route', async () => {
    const res = await t.call('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe('3.1.0');
    const validation = await new Validator().validate(res.json);
    expect(validation.errors ?? null).toBeNull();
    expect(validation.valid).toBe(true);
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries(res.json.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(ops)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    // /api/internal/: operations of the machine itself (`npm run backup`), loopback and token only, not the public API.
    const expected = t.app.routeList
      .filter(
        (r) =>
          r.split(' ')[1]!.startsWith('/api/') &&
          !r.includes('/api/docs') &&
          !r.includes('/api/internal/') &&
          r !== 'GET /api/openapi.json',
      )
      .map((r) => r.replace(/:(\w+)/g, '{$1}'));
    expect(expected.filter((r) => !documented.has(r))).toEqual([]);
  });

  it('serves the browsable docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('swagger');
  });
});

describe('health', () => {
  it('reports the database', async () => {
    const res = await t.call('GET', '/api/health');
    expect(res.json).toEqual({ status: 'ok', db: 'ok' });
  });

  it('answers 503 when the database is gone', async () => {
    const broken = await startTestApp();
    await broken.database.close();
    const res = await broken.call('GET', '/api/health');
    expect(res.status).toBe(503);
    expect(res.json.db).toBe('unreachable');
    await broken.app.close();
  });

  it('answers API 404s in the error shape', async () => {
    const res = await t.call('GET', '/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('NOT_FOUND');
  });
});
