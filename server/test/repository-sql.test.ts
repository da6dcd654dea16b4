import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/pglite';
import { describe, expect, it } from 'vitest';
import type { Db } from '../src/kernel/db/client.js';
import * as auth from '../src/modules/auth/auth.repository.js';
import * as calendar from '../src/modules/calendar/calendar.repository.js';
import * as legal from '../src/modules/legal/legal.repository.js';
import * as members from '../src/modules/members/members.repository.js';
import * as orgs from '../src/modules/orgs/orgs.repository.js';
import * as breakfast from '../src/modules/perks/breakfast.repository.js';
import * as perks from '../src/modules/perks/perks.repository.js';
import * as programmeDocuments from '../src/modules/programmes/documents.repository.js';
import * as programmes from '../src/modules/programmes/programmes.repository.js';
import * as programmeKinds from '../src/modules/programmes/programmes.kinds.repository.js';
import * as quota from '../src/modules/programmes/quota.repository.js';
import * as staff from '../src/modules/staff/staff.repository.js';
import * as stations from '../src/modules/stations/stations.repository.js';
import { shanghaiMoment } from '../src/modules/stations/stations.hours.js';

/**
 * Checked-in SQL of every repository query (server/src/modules/<m>/<m>.repository.sql), so a review shows
 * what a change does to the statements. The queries run against a client that records their text and
 * answers no rows; the files are rewritten with `npx vitest run server/test/repository-sql.test.ts -u`.
 */

const id = '00000000-0000-4000-8000-000000000001';
const other = '00000000-0000-4000-8000-000000000002';
const at = new Date('2026-01-01T00:00:00Z');
const scope = 'oroot.ochild';
const timeCursor = { createdAt: at.toISOString(), id };

function recordingDb(statements: string[]): Db {
  const client = {
    query: async (text: string) => {
      statements.push(text);
      return { rows: [], fields: [], affectedRows: 0 };
    },
    transaction: async (work: (tx: unknown) => Promise<unknown>) => work(client),
  };
  return drizzle({ client: client as never }) as unknown as Db;
}

/** One clause a line, so a diff shows which clause changed. */
function layout(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(
      / (from|inner join|left join|cross join lateral|where|group by|order by|limit|returning|on conflict|values|set|union all) /g,
      '\n  $1 ',
    )
    .trim();
}

type Calls = Record<string, (db: Db) => Promise<unknown>>;

const modules: Record<string, Calls> = {
  auth: {
    lastCodeSentAt: (db) => auth.lastCodeSentAt(db, 'h'),
    countCodesSince: (db) => auth.countCodesSince(db, { phoneHash: 'h' }, at),
    insertCode: (db) =>
      auth.insertCode(db, { phoneHash: 'h', codeHash: 'c', clientAddress: '::1', sentAt: at, expiresAt: at }),
    latestLiveCode: (db) => auth.latestLiveCode(db, 'h', at),
    markCodeFailed: (db) => auth.markCodeFailed(db, 1),
    consumeCode: (db) => auth.consumeCode(db, 1, at),
    upsertWorkerAccount: (db) => auth.upsertWorkerAccount(db, { phoneHash: 'h', phoneEnc: 'e', phoneMasked: 'm' }, at),
    findStaffForLogin: (db) => auth.findStaffForLogin(db, 'admin'),
    reserveLoginAttempt: (db) => auth.reserveLoginAttempt(db, 'admin', at, 5),
    clearLoginFailures: (db) => auth.clearLoginFailures(db, 'admin'),
    orgName: (db) => auth.orgName(db, id),
  },
  calendar: {
    allDays: (db) => calendar.allDays(db),
    daysOfYear: (db) => calendar.daysOfYear(db, 2026),
    replaceYear: (db) => calendar.replaceYear(db, 2026, [{ date: '2026-01-01', kind: 'holiday', name: '元旦' }], id),
  },
  legal: {
    routeCase: (db) => legal.routeCase(db, '610104'),
    countCasesSince: (db) => legal.countCasesSince(db, id, at),
    ownedFileIds: (db) => legal.ownedFileIds(db, id, [id]),
    attachmentsOfCases: (db) => legal.attachmentsOfCases(db, [id, other]),
    isAttachedTo: (db) => legal.isAttachedTo(db, id, other),
    findCase: (db) => legal.findCase(db, id),
    'listCases (queue)': (db) => legal.listCases(db, { scope, status: 'open', overdue: true }, 20, timeCursor),
    'listCases (applicant)': (db) => legal.listCases(db, { applicantId: id }, 20, null),
    updateCase: (db) => legal.updateCase(db, id, { handlerId: other }),
    markFirstContact: (db) => legal.markFirstContact(db, id, at),
    caseStats: (db) => legal.caseStats(db, scope),
    findHandler: (db) => legal.findHandler(db, id),
    applicantPhoneEnc: (db) => legal.applicantPhoneEnc(db, id),
    handlersOf: (db) => legal.handlersOf(db, scope, 20, { name: '张', id }),
  },
  programmes: {
    insertProgramme: (db) =>
      programmes.insertProgramme(db, {
        orgId: id,
        kind: 'custom',
        title: 't',
        opensAt: at,
        closesAt: at,
        rules: {},
        createdBy: id,
        createdAt: at,
      }),
    findProgramme: (db) => programmes.findProgramme(db, id),
    lockProgramme: (db) => programmes.lockProgramme(db, id),
    'listProgrammes (staff)': (db) =>
      programmes.listProgrammes(db, { scope, servingPath: scope, kind: 'custom' }, 20, timeCursor),
    'listProgrammes (member)': (db) => programmes.listProgrammes(db, { servingPath: scope }, 20, null),
    findMember: (db) => programmes.findMember(db, id),
    insertApplication: (db) =>
      programmes.insertApplication(db, {
        programmeId: id,
        memberId: id,
        orgId: id,
        period: 'once',
        details: {},
        amountFen: 1,
        reviewChain: [id],
        status: 'review_1',
        statusChangedAt: at,
        createdBy: 'worker:x',
        createdAt: at,
      }),
    findApplication: (db) => programmes.findApplication(db, id),
    applicationsByIds: (db) => programmes.applicationsByIds(db, [id, other]),
    memberOfApplication: (db) => programmes.memberOfApplication(db, id),
    workerAccountOfMember: (db) => programmes.workerAccountOfMember(db, id),
    lockApplication: (db) => programmes.lockApplication(db, id),
    activeApplicationFor: (db) => programmes.activeApplicationFor(db, id, other, 'once'),
    updateApplication: (db) => programmes.updateApplication(db, id, { amountFen: 1, details: {} }),
    'listApplications (staff)': (db) =>
      programmes.listApplications(
        db,
        { scope, programmeId: id, status: 'review_2', reviewerOrgId: other },
        20,
        timeCursor,
      ),
    'listApplications (member)': (db) => programmes.listApplications(db, { memberId: id }, 20, null),
    sumAppliedSince: (db) => programmes.sumAppliedSince(db, id, other, at),
    lockMemberApplications: (db) => programmes.lockMemberApplications(db, id, other),
    attachFiles: (db) => programmes.attachFiles(db, id, [other]),
    ownedFileIds: (db) => programmes.ownedFileIds(db, { ownerKind: 'worker', ownerId: id }, [other]),
    attachmentsOfApplications: (db) => programmes.attachmentsOfApplications(db, [id, other]),
    orgNames: (db) => programmes.orgNames(db, [id]),
    lastNotice: (db) => programmes.lastNotice(db, id),
    insertNotice: (db) =>
      programmes.insertNotice(
        db,
        {
          programmeId: id,
          level: 1,
          orgId: id,
          seq: 1,
          content: '{}',
          contentHash: 'h',
          prevHash: 'p',
          opensAt: at,
          closesAt: at,
          createdBy: id,
        },
        [{ entryNo: 1, applicationId: other }],
      ),
    findNotice: (db) => programmes.findNotice(db, id),
    noticesOfProgramme: (db) => programmes.noticesOfProgramme(db, id),
    entriesOfProgramme: (db) => programmes.entriesOfProgramme(db, id),
    publicNoticesOfProgramme: (db) => programmes.publicNoticesOfProgramme(db, id, 20, 3),
    publicationRecords: (db) => programmes.publicationRecords(db, id),
    noticesOfApplication: (db) => programmes.noticesOfApplication(db, id),
    countUnansweredObjections: (db) =>
      programmes.countUnansweredObjections(db, [
        { id, entryNo: 1 },
        { id: other, entryNo: 2 },
      ]),
    noticeLinksOfApplication: (db) => programmes.noticeLinksOfApplication(db, id),
    lockNotice: (db) => programmes.lockNotice(db, id),
    entryExists: (db) => programmes.entryExists(db, id, 1),
    insertObjection: (db) =>
      programmes.insertObjection(db, { noticeId: id, objectorId: other, content: 'c', createdAt: at }),
    findObjection: (db) => programmes.findObjection(db, id),
    listObjections: (db) => programmes.listObjections(db, id, true, 20, timeCursor),
    answerObjection: (db) => programmes.answerObjection(db, id, { answer: 'a', answeredBy: other, answeredAt: at }),
    insertBatch: (db) => programmes.insertBatch(db, { programmeId: id, createdBy: other, createdAt: at }),
    addFirstPayments: (db) => programmes.addFirstPayments(db, id, other),
    reissueFailedPayments: (db) => programmes.reissueFailedPayments(db, id, other),
    findBatch: (db) => programmes.findBatch(db, id),
    paymentsOfBatch: (db) => programmes.paymentsOfBatch(db, id, { limit: 2, afterId: other, status: 'paid' }),
    batchTotals: (db) => programmes.batchTotals(db, id),
    listBatches: (db) => programmes.listBatches(db, id, 20, timeCursor),
    settlePayment: (db) =>
      programmes.settlePayment(db, id, other, { status: 'failed', failureReason: 'r', settledAt: at }),
    reconciliation: (db) => programmes.reconciliation(db, id),
    'kinds.sumWorkDays': (db) => programmeKinds.sumWorkDays(db, id, other, '2026-07-01', '2026-08-01'),
    'kinds.hasPayment': (db) => programmeKinds.hasPayment(db, id),
    'kinds.insertWorkDay': (db) =>
      programmeKinds.insertWorkDay(db, {
        applicationId: id,
        programmeId: other,
        memberId: other,
        workDate: '2026-07-01',
        payFen: 15_000,
        recordedBy: 'staff:x',
        createdAt: at,
      }),
    'kinds.workDaysOf': (db) => programmeKinds.workDaysOf(db, id),
    'kinds.monthTotalsOfMember': (db) => programmeKinds.monthTotalsOfMember(db, id, other),
    'kinds.insertEnrolments': (db) =>
      programmeKinds.insertEnrolments(db, [
        {
          programmeId: id,
          memberId: other,
          orgId: id,
          startsOn: '2026-01-01',
          endsOn: '2026-12-31',
          source: 'manual',
          createdBy: id,
          createdAt: at,
        },
      ]),
    'kinds.findEnrolment': (db) => programmeKinds.findEnrolment(db, id, other),
    'kinds.listEnrolments': (db) => programmeKinds.listEnrolments(db, id, scope, 20, timeCursor),
    'kinds.enrolmentsOfMember': (db) => programmeKinds.enrolmentsOfMember(db, id),
    'kinds.membersByHashes': (db) => programmeKinds.membersByHashes(db, scope, ['p'], ['i']),
    'kinds.countClaims': (db) => programmeKinds.countClaims(db, id, other),
    'documents.isAttachedTo': (db) => programmeDocuments.isAttachedTo(db, id, other),
    'quota.insertSignup': (db) =>
      quota.insertSignup(db, {
        programmeId: id,
        memberId: other,
        orgId: id,
        frontLine: false,
        status: 'applied',
        statusChangedAt: at,
        createdBy: 'worker:x',
        createdAt: at,
      }),
    'quota.findSignup': (db) => quota.findSignup(db, id),
    'quota.activeSignupFor': (db) => quota.activeSignupFor(db, id, other),
    'quota.listSignups': (db) => quota.listSignups(db, { programmeId: id, scope, status: 'waitlisted' }, 20, 3),
    'quota.listSignups (member)': (db) => quota.listSignups(db, { programmeId: id, memberId: other }, 20, null),
    'quota.signupsToRank': (db) => quota.signupsToRank(db, id),
    'quota.membersWhoAttended': (db) => quota.membersWhoAttended(db, 'recuperation', id, [other]),
    'quota.placesInUse': (db) => quota.placesInUse(db, id),
    'quota.setRanking': (db) => quota.setRanking(db, id, { rank: 1, placeNo: 1, firstTime: true }),
    'quota.setPlace': (db) => quota.setPlace(db, id, null),
    'quota.firstWaiting': (db) => quota.firstWaiting(db, id),
    'quota.lockSignup': (db) => quota.lockSignup(db, id),
    'quota.countByStatus': (db) => quota.countByStatus(db, id, ['allocated', 'waitlisted']),
    'quota.signupsByIds': (db) => quota.signupsByIds(db, [id, other]),
    'quota.correctFacts': (db) => quota.correctFacts(db, id, { honourLevel: null, frontLine: true }),
    'quota.signupsOfMember': (db) => quota.signupsOfMember(db, id, 20, 7),
  },
  members: {
    existingPhoneOrIdHashes: (db) => members.existingPhoneOrIdHashes(db, ['p'], ['i']),
    insertMembersSkippingDuplicates: (db) =>
      members.insertMembersSkippingDuplicates(db, [
        { orgId: id, name: 'n', phoneHash: 'h', phoneEnc: 'e', phoneMasked: 'm' },
      ]),
    findMemberRow: (db) => members.findMemberRow(db, id),
    findMemberSecrets: (db) => members.findMemberSecrets(db, id),
    listMemberRows: (db) => members.listMemberRows(db, { scope, nameLike: '张', phoneHash: 'h' }, 20, timeCursor),
    countMembers: (db) => members.countMembers(db, scope),
    membershipsByPhoneHash: (db) => members.membershipsByPhoneHash(db, ['h']),
    accountPhone: (db) => members.accountPhone(db, id),
    findApplicationRow: (db) => members.findApplicationRow(db, id),
    countApplicationsSince: (db) => members.countApplicationsSince(db, id, at),
    pendingApplicationOf: (db) => members.pendingApplicationOf(db, id),
    listApplicationRows: (db) => members.listApplicationRows(db, { scope, status: 'submitted' }, 20, timeCursor),
    linkApplicationMember: (db) => members.linkApplicationMember(db, id, other),
    orgKind: (db) => members.orgKind(db, id),
    orgsNamedWithin: (db) => members.orgsNamedWithin(db, scope, '某工会'),
  },
  orgs: {
    listChildren: (db) => orgs.listChildren(db, id, 20, { name: '甲', id }),
    searchOrgs: (db) => orgs.searchOrgs(db, scope, { q: '工会', kind: 'grassroots' }, 20, null),
    findOrgRow: (db) => orgs.findOrgRow(db, id),
    updateOrgRow: (db) => orgs.updateOrgRow(db, id, { name: '新名', regionCode: null }),
    searchDirectory: (db) => orgs.searchDirectory(db, '工会', 20, { name: '甲', id }),
  },
  perks: {
    findMerchant: (db) => perks.findMerchant(db, id),
    bindMerchantStaff: (db) => perks.bindMerchantStaff(db, id, other),
    merchantOfStaff: (db) => perks.merchantOfStaff(db, id),
    findCampaign: (db) => perks.findCampaign(db, id),
    findCampaigns: (db) => perks.findCampaigns(db, [id, other]),
    campaignsForMember: (db) => perks.campaignsForMember(db, scope, 20, { startsAt: at.toISOString(), id }),
    campaignsInScope: (db) => perks.campaignsInScope(db, scope, 20, null),
    lockMembersClaims: (db) => perks.lockMembersClaims(db, id, [other]),
    countMemberVouchers: (db) => perks.countMemberVouchers(db, id, other),
    countMemberVouchersByCampaign: (db) => perks.countMemberVouchersByCampaign(db, id, [other]),
    countVouchersOfMembers: (db) => perks.countVouchersOfMembers(db, id, [other]),
    takeStock: (db) => perks.takeStock(db, id, 3),
    insertVouchers: (db) => perks.insertVouchers(db, id, [{ memberId: other, code: 'C' }]),
    findVoucher: (db) => perks.findVoucher(db, id),
    vouchersOfMember: (db) => perks.vouchersOfMember(db, id),
    redeem: (db) => perks.redeem(db, id, other, at),
    redemptionsOf: (db) => perks.redemptionsOf(db, id, at, at),
    merchantsInScope: (db) => perks.merchantsInScope(db, scope, 20, timeCursor),
    'breakfast.upsertPartner': (db) => breakfast.upsertPartner(db, id, other),
    'breakfast.cardByCode': (db) => breakfast.cardByCode(db, 'BF1'),
    'breakfast.partnerOrgPath': (db) => breakfast.partnerOrgPath(db, id),
    'breakfast.serve': (db) =>
      breakfast.serve(db, { enrolmentId: id, merchantId: other, servedOn: '2026-01-01', servedBy: id }),
    'breakfast.servedOn': (db) => breakfast.servedOn(db, id, '2026-01-01'),
    'breakfast.servingsOf': (db) => breakfast.servingsOf(db, id, '2026-01-01', '2026-02-01'),
    'breakfast.enrolmentsInScope': (db) =>
      breakfast.enrolmentsInScope(db, { scope, q: '张', monthStart: '2026-01-01' }, 20, timeCursor),
    'breakfast.partnersInScope': (db) => breakfast.partnersInScope(db, scope, '2026-01-01'),
    'breakfast.memberWithOrgPath': (db) => breakfast.memberWithOrgPath(db, id),
  },
  staff: {
    findStaffRow: (db) => staff.findStaffRow(db, id),
    listStaffRows: (db) => staff.listStaffRows(db, scope, 'li', 20, { username: 'a' }),
    updateStaffRow: (db) => staff.updateStaffRow(db, id, { roles: ['org_admin'], active: true }),
  },
  stations: {
    nextSequence: (db) => stations.nextSequence(db, '610104', 'rest_station'),
    findStationByCode: (db) => stations.findStationByCode(db, '610104RS0001'),
    updateStationRow: (db) => stations.updateStationRow(db, id, { name: '驿站' }, at),
    nearbyStations: (db) =>
      db.execute(
        stations.nearbyStatement({
          lat: 34.26,
          lng: 108.94,
          type: 'rest_station',
          openNowOnly: true,
          limit: 20,
          moment: shanghaiMoment(at),
        }),
      ),
    listStationRows: (db) =>
      stations.listStationRows(
        db,
        { scope, type: 'rest_station', status: 'active', q: '驿站', since: '2026-01-01' },
        20,
        { code: 'A' },
      ),
    recordView: (db) => stations.recordView(db, id, '2026-01-01', true),
    insertRating: (db) =>
      stations.insertRating(db, { stationId: id, accountId: other, score: 5, ratedOn: '2026-01-01' }),
    dailyStats: (db) => stations.dailyStats(db, id, '2026-01-01'),
    recentComments: (db) => stations.recentComments(db, id, 10),
    indexSignature: (db) => db.execute(stations.indexSignatureStatement()),
    stationsForIndex: (db) => db.execute(stations.indexLoadStatement()),
  },
};

const modulesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/modules');

describe('repository SQL snapshots', () => {
  for (const [module, calls] of Object.entries(modules)) {
    it(`${module}: the statements match ${module}.repository.sql`, async () => {
      const sections: string[] = [];
      for (const [name, call] of Object.entries(calls)) {
        const statements: string[] = [];
        // No rows come back, so a use of the first row may throw after the statement was recorded.
        await call(recordingDb(statements)).catch(() => undefined);
        expect(statements.length, name).toBeGreaterThan(0);
        sections.push(`-- ${name}\n${statements.map((s) => `${layout(s)};`).join('\n')}`);
      }
      await expect(`${sections.join('\n\n')}\n`).toMatchFileSnapshot(
        path.join(modulesDir, module, `${module}.repository.sql`),
      );
    });
  }
});
