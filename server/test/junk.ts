import crypto from 'node:crypto';
import {
  createShopWithCashier,
  createStaffUser,
  freshWorld,
  randomIdNumber,
  randomPhone,
  workerLogin,
} from './factories.js';
import { householdInput } from './hardship.js';
import type { TestApp } from './harness.js';
import { uploadFile, workbook } from './uploads.js';

/** The part of JSON Schema the OpenAPI document's operations use. */
export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  oneOf?: Schema[];
  anyOf?: Schema[];
}

interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema?: Schema;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

/** Objects of one org that a well-formed request names, so that a mutated request gets past the lookups to the writes. */
export interface SweepIds {
  orgId: string;
  grassrootsId: string;
  staffId: string;
  memberId: string;
  merchantId: string;
  campaignId: string;
  caseId: string;
  caseFileId: string;
  applicationId: string;
  memberImportId: string;
  stationImportId: string;
  stationCode: string;
  modelWorkerId: string;
  modelWorkerImportId: string;
  mutualAidProgrammeId: string;
  workStudyApplicationId: string;
  enrolmentImportId: string;
  /** A quota programme (劳模疗休养) and a member's signup for it. */
  programmeId: string;
  signupId: string;
  /** A congress term with the member as its representative. */
  congressId: string;
  representativeId: string;
  representativeImportId: string;
  /** The representative's proposal to that congress, with the member's evidence file attached. */
  proposalId: string;
  /** A member's suggestion (职工事大家议), and a review campaign (会员评家) with its one question. */
  suggestionId: string;
  unionReviewId: string;
  unionReviewQuestionId: string;
  /** A motion of that congress (open for ballots). */
  motionId: string;
  /** A duty record of the representative, waiting for staff. */
  dutyId: string;
  /** A seasonal campaign (四季送) of the federation, open. */
  aidCampaignId: string;
  /** A hardship lead (household file) filed by the org's admin, waiting for verification. */
  hardshipLeadId: string;
  /** A household import (困难家庭批量导入) of the grassroots union. */
  hardshipImportId: string;
  /** A visit (走访) to a work site of the grassroots union, its follow-up open. */
  visitId: string;
  /** A verified household file with a plan (its first measure) and a donor unit of the federation. */
  householdId: string;
  measureId: string;
  donorId: string;
  /** A member's story (职工故事), waiting for moderation. */
  storyId: string;
  /** A 五小 contest of the federation, open, with the member's entry. */
  contestId: string;
  contestEntryId: string;
  /** A skills competition (技能大赛) of the federation, its individual event and the member's entry in it. */
  skillsCompetitionId: string;
  skillsEventId: string;
  skillsEntryId: string;
  /** An award selection (先进评选) under publicity, its publicized nomination and a member's objection to it. */
  awardSelectionId: string;
  awardNominationId: string;
  awardObjectionId: string;
  /** A quiz (知识竞赛) of the federation, open, with one question; the member's attempt; an import into its bank. */
  quizId: string;
  quizAttemptId: string;
  quizImportId: string;
  /** A poll of the federation (网络投票), open, with one live entry. */
  pollId: string;
  pollEntryId: string;
  /** A walking challenge (健步走) running today, and a questionnaire (问卷) open now, both of the federation. */
  walkChallengeId: string;
  questionnaireId: string;
}

export const nul = 'a\u0000b';

/** Routes that take a multipart/form-data file (the OpenAPI document does not describe those bodies). */
export const uploadRoutes = new Set([
  'POST /api/v1/members/imports',
  'POST /api/v1/stations/imports',
  'POST /api/v1/stations/{code}/photos',
  'POST /api/v1/legal/evidence',
  'POST /api/v1/model-workers/imports',
  'POST /api/v1/programmes/{id}/enrolments/imports',
  'POST /api/v1/programmes/documents',
  'POST /api/v1/congresses/{id}/representatives/imports',
  'POST /api/v1/proposals/attachments',
  'POST /api/v1/motions/documents',
  'POST /api/v1/duties/photos',
  'POST /api/v1/hardship/photos',
  'POST /api/v1/hardship/imports',
  'POST /api/v1/polls/photos',
  'POST /api/v1/stories/photos',
  'POST /api/v1/contest-files',
  'POST /api/v1/quizzes/{id}/question-imports',
]);
const malformedId = 'not-a-uuid';

/** A plausible id for a field or path parameter, by its name (and for `{id}`, by the collection before it). */
function idFor(name: string, ids: SweepIds, collection?: string): string {
  if (name === 'id') {
    const byCollection: Record<string, string> = {
      orgs: ids.orgId,
      staff: ids.staffId,
      members: ids.memberId,
      imports:
        collection === 'stations/imports'
          ? ids.stationImportId
          : collection === 'model-workers/imports'
            ? ids.modelWorkerImportId
            : collection === 'congresses/representatives/imports'
              ? ids.representativeImportId
              : collection === 'hardship/imports'
                ? ids.hardshipImportId
                : ids.memberImportId,
      'model-workers': ids.modelWorkerId,
      'enrolment-imports': ids.enrolmentImportId,
      'membership-applications': ids.applicationId,
      cases: ids.caseId,
      merchants: ids.merchantId,
      'voucher-campaigns': ids.campaignId,
      programmes: ids.programmeId,
      signups: ids.signupId,
      congresses: ids.congressId,
      proposals: ids.proposalId,
      suggestions: ids.suggestionId,
      'union-reviews': ids.unionReviewId,
      motions: ids.motionId,
      duties: ids.dutyId,
      households: ids.householdId,
      donors: ids.donorId,
      'aid-campaigns': ids.aidCampaignId,
      leads: ids.hardshipLeadId,
      visits: ids.visitId,
      polls: ids.pollId,
      'poll-entries': ids.pollEntryId,
      stories: ids.storyId,
      contests: ids.contestId,
      'contest-entries': ids.contestEntryId,
      'skills-competitions': ids.skillsCompetitionId,
      'skills-events': ids.skillsEventId,
      'skills-entries': ids.skillsEntryId,
      'award-selections': ids.awardSelectionId,
      'award-nominations': ids.awardNominationId,
      'award-objections': ids.awardObjectionId,
      quizzes: ids.quizId,
      'quiz-attempts': ids.quizAttemptId,
      'quiz-question-imports': ids.quizImportId,
      'walk-challenges': ids.walkChallengeId,
      questionnaires: ids.questionnaireId,
    };
    // Routes below a mutual-aid programme (its enrolments) reach past the lookup.
    if (collection === 'programmes') return ids.mutualAidProgrammeId;
    return byCollection[collection?.split('/').pop() ?? ''] ?? ids.orgId;
  }
  if (/^applicationId$/.test(name)) return ids.workStudyApplicationId;
  if (/^programmeId$/.test(name)) return ids.mutualAidProgrammeId;
  if (/^(orgId|parentId)$/.test(name)) return ids.grassrootsId;
  if (/^centerId$/.test(name)) return ids.orgId;
  if (/(staff|handler|manager)Id$/.test(name)) return ids.staffId;
  if (/^memberId$/.test(name)) return ids.memberId;
  if (/^congressId$/.test(name)) return ids.congressId;
  if (/^representativeId$/.test(name)) return ids.representativeId;
  if (/^merchantId$/.test(name)) return ids.merchantId;
  if (/^questionId$/.test(name)) return ids.unionReviewQuestionId;
  if (/^householdId$/.test(name)) return ids.hardshipLeadId;
  if (/^measureId$/.test(name)) return ids.measureId;
  if (/^entryId$/.test(name)) return ids.contestEntryId;
  if (/^donorId$/.test(name)) return ids.donorId;
  if (/^householdId$/.test(name)) return ids.householdId;
  if (/^(fileId|attachmentIds)$/.test(name)) return ids.caseFileId;
  return ids.orgId;
}

const patternSamples = [
  '610104',
  '08:00',
  '2026-01',
  '2026-01-01',
  '13800000000',
  '610104RS0001',
  'BF0000000000',
  'ABC123',
  'abc123',
];

/** A value the schema accepts, as far as a schema can say (a refinement such as a phone check is guessed by name). */
export function sample(schema: Schema, name: string, ids: SweepIds): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) return sample(alternatives.find((a) => a.type !== 'null') ?? alternatives[0]!, name, ids);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, sample(s, k, ids)]));
    case 'array':
      return Array.from({ length: Math.max(schema.minItems ?? 1, 1) }, () => sample(schema.items ?? {}, name, ids));
    case 'integer':
    case 'number': {
      const low = schema.minimum ?? 1;
      return low <= 0 && (schema.maximum ?? 1) >= 1 ? 1 : low;
    }
    case 'boolean':
      return true;
    case 'string': {
      if (schema.format === 'uuid') return idFor(name, ids);
      if (schema.format === 'date-time')
        return new Date(Date.now() + (/^(starts|opens)/.test(name) ? -60_000 : 86_400_000)).toISOString();
      if (schema.format === 'date') return '2026-01-01';
      if (schema.pattern) return patternSamples.find((s) => new RegExp(schema.pattern!).test(s)) ?? 'x';
      if (/phone/i.test(name)) return randomPhone();
      if (/idNumber/i.test(name)) return randomIdNumber();
      if (/password/i.test(name)) return 'pass-word-123';
      return 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
    }
    default:
      return 'x';
  }
}

/** One changed value of a well-formed request: every string in turn gets a NUL, an unknown id, a malformed id, its longest length. */
export interface Mutation {
  label: string;
  value: unknown;
  nul: boolean;
}

export function stringMutations(schema: Schema): Mutation[] {
  const out: Mutation[] = [{ label: 'NUL', value: nul, nul: true }];
  if (schema.format === 'uuid') {
    out.push({ label: 'unknown id', value: crypto.randomUUID(), nul: false });
    out.push({ label: 'malformed id', value: malformedId, nul: false });
  } else if (schema.maxLength !== undefined && !schema.pattern && !schema.enum) {
    out.push({ label: 'longest', value: '长'.repeat(schema.maxLength), nul: false });
  }
  return out;
}

/** Every leaf of a body with its path, its schema and the mutations to try there. */
function bodyMutations(value: unknown, schema: Schema, path: string[] = []): { path: string[]; mutation: Mutation }[] {
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) schema = alternatives.find((a) => a.type !== 'null') ?? alternatives[0]!;
  if (Array.isArray(value)) return value.length ? bodyMutations(value[0], schema.items ?? {}, [...path, '0']) : [];
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      bodyMutations(v, schema.properties?.[k] ?? {}, [...path, k]),
    );
  }
  if (typeof value === 'string') return stringMutations(schema).map((mutation) => ({ path, mutation }));
  if (typeof value === 'number' && schema.maximum !== undefined)
    return [{ path, mutation: { label: 'maximum', value: schema.maximum, nul: false } }];
  return [];
}

function withValue(body: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  if (Array.isArray(body)) return body.map((item, i) => (String(i) === head ? withValue(item, rest, value) : item));
  const object = body as Record<string, unknown>;
  return { ...object, [head]: withValue(object[head], rest, value) };
}

export interface SweepRequest {
  route: string;
  label: string;
  nul: boolean;
  method: string;
  url: string;
  body?: unknown;
  multipart?: { fieldName: string; fileName: string };
}

/**
 * Requests for one OpenAPI operation: a well-formed one, then each path parameter, query parameter and body
 * string changed in turn (and, for a POST without a JSON body, an upload whose names carry a NUL).
 */
export function sweepRequests(method: string, openapiPath: string, op: Operation, ids: SweepIds): SweepRequest[] {
  const route = `${method.toUpperCase()} ${openapiPath}`;
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const collectionOf = (name: string) => openapiPath.split(`/{${name}}`)[0]!.replace('/api/v1/', '');
  const pathValue = (p: Parameter) =>
    p.name === 'code'
      ? ids.stationCode
      : p.schema?.type === 'integer'
        ? String(p.schema.minimum ?? 2026)
        : idFor(p.name, ids, collectionOf(p.name));
  const baseQuery: Record<string, string> = {};
  for (const p of queryParams)
    if (p.required || p.schema?.format === 'uuid' || p.schema?.pattern)
      baseQuery[p.name] = String(sample(p.schema ?? {}, p.name, ids));
  const url = (pathOverride: Record<string, string> = {}, query: Record<string, string> = baseQuery) => {
    const filled = openapiPath.replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(
        pathOverride[name] ?? pathValue(pathParams.find((p) => p.name === name) ?? { in: 'path', name }),
      ),
    );
    const qs = new URLSearchParams(query).toString();
    return qs ? `${filled}?${qs}` : filled;
  };
  const bodySchema = op.requestBody?.content?.['application/json']?.schema;
  const bodies = bodySchema
    ? (bodySchema.oneOf ?? [bodySchema]).map((s) => ({ schema: s, value: sample(s, '', ids) }))
    : [];
  const base = bodies[0]?.value;
  const out: SweepRequest[] = [
    { route, label: 'well-formed', nul: false, method, url: url(), ...(base !== undefined ? { body: base } : {}) },
  ];

  for (const p of pathParams) {
    const mutations =
      p.name === 'code'
        ? [
            { label: 'NUL', value: nul, nul: true },
            { label: 'unknown code', value: '999999RS9999', nul: false },
            { label: 'malformed code', value: malformedId, nul: false },
          ]
        : p.schema?.type === 'integer'
          ? [{ label: 'NUL', value: nul, nul: true }]
          : stringMutations(p.schema ?? { format: 'uuid' });
    for (const m of mutations)
      out.push({
        route,
        label: `path ${p.name}: ${m.label}`,
        nul: m.nul,
        method,
        url: url({ [p.name]: String(m.value) }),
        ...(base !== undefined ? { body: base } : {}),
      });
  }
  for (const p of queryParams) {
    const mutations =
      p.schema?.type === 'string' ? stringMutations(p.schema) : [{ label: 'NUL', value: nul, nul: true }];
    for (const m of mutations)
      out.push({
        route,
        label: `query ${p.name}: ${m.label}`,
        nul: m.nul,
        method,
        url: url({}, { ...baseQuery, [p.name]: String(m.value) }),
        ...(base !== undefined ? { body: base } : {}),
      });
  }
  for (const { schema, value } of bodies) {
    for (const { path, mutation } of bodyMutations(value, schema))
      out.push({
        route,
        label: `body ${path.join('.')}: ${mutation.label}`,
        nul: mutation.nul,
        method,
        url: url(),
        body: withValue(value, path, mutation.value),
      });
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      out.push({ route, label: 'body key with NUL', nul: true, method, url: url(), body: { ...value, [nul]: 'x' } });
  }
  if (uploadRoutes.has(route)) {
    out.push({
      route,
      label: 'upload: file name with NUL',
      nul: true,
      method,
      url: url(),
      multipart: { fieldName: 'file', fileName: `${nul}.pdf` },
    });
    out.push({
      route,
      label: 'upload: field name with NUL',
      nul: true,
      method,
      url: url(),
      multipart: { fieldName: `fi${nul}le`, fileName: 'e.pdf' },
    });
  }
  return out;
}

/** Sends one sweep request; the answer's status and error code. */
export async function send(
  t: TestApp,
  request: SweepRequest,
  token: string,
): Promise<{ status: number; code: string | undefined; body: string }> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  let payload: string | Buffer | undefined;
  if (request.multipart) {
    const boundary = '----sweep' + crypto.randomBytes(6).toString('hex');
    headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
    payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${request.multipart.fieldName}"; filename="${request.multipart.fileName}"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      Buffer.from('%PDF-1.4\n%%EOF\n'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
  } else if (request.body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(request.body);
  }
  const res = await t.app.inject({
    method: request.method as 'GET',
    url: request.url,
    headers,
    ...(payload !== undefined ? { payload } : {}),
  });
  let code: string | undefined;
  try {
    code = (res.json() as { error?: { code?: string } }).error?.code;
  } catch {
    code = undefined;
  }
  return { status: res.statusCode, code, body: res.body.slice(0, 300) };
}

/** A fresh org with one object of every kind, its org_admin, and a member of it signed in. */
export async function sweepWorld(
  t: TestApp,
): Promise<{ ids: SweepIds; staffToken: string; memberToken: string; cashierToken: string }> {
  const world = await freshWorld(t);
  const admin = world.admin.token;
  const phone = randomPhone();
  const member = await t.call('POST', '/api/v1/members', {
    token: admin,
    body: { name: '甲', phone, orgId: world.grassroots.id },
  });
  const memberLogin = await workerLogin(t, phone);
  const staff = await createStaffUser(t, admin, world.grassroots.id, ['merchant', 'case_handler', 'station_manager']);
  const applicant = await workerLogin(t);
  const application = await t.call('POST', '/api/v1/membership-applications', {
    token: applicant.token,
    body: { orgId: world.grassroots.id, name: '乙' },
  });
  const memberImport = await uploadFile(
    t,
    `/api/v1/members/imports?orgId=${world.grassroots.id}`,
    admin,
    'a.xlsx',
    await workbook([['姓名', '手机号']]),
  );
  const station = await t.call('POST', '/api/v1/stations', {
    token: admin,
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
    admin,
    's.xlsx',
    await workbook([['名称', '类型']]),
  );
  const modelWorker = await t.call('POST', '/api/v1/model-workers', {
    token: admin,
    body: { memberId: member.json.id, honourLevel: 'provincial', title: '省劳动模范', awardedYear: 2015 },
  });
  const modelWorkerImport = await uploadFile(
    t,
    `/api/v1/model-workers/imports?orgId=${world.grassroots.id}`,
    admin,
    'm.xlsx',
    await workbook([['手机号', '荣誉级别', '荣誉称号', '获得年份']]),
  );
  const regionCode = String(110000 + crypto.randomInt(800000));
  await t.call('PATCH', `/api/v1/orgs/${world.org.id}`, { token: admin, body: { regionCode } });
  const evidence = await uploadFile(
    t,
    '/api/v1/legal/evidence',
    memberLogin.token,
    'e.pdf',
    Buffer.from('%PDF-1.4\n%%EOF\n'),
  );
  const legalCase = await t.call('POST', '/api/v1/legal/cases', {
    token: memberLogin.token,
    body: {
      kind: 'mediation',
      category: 'unpaid_wages',
      description: '拖欠三个月工资未发放。',
      employer: { name: '某公司', regionCode },
      attachmentIds: [evidence.json.id],
    },
  });
  // The cashier is not the staff account the sweep changes (its password, its roles): that would end its session.
  const { shopId, cashier: cashierUser } = await createShopWithCashier(t, admin, world.grassroots.id, '爱心商家');
  const campaign = await t.call('POST', '/api/v1/voucher-campaigns', {
    token: admin,
    body: {
      orgId: world.grassroots.id,
      title: '体验券',
      quantity: 100,
      perMemberLimit: 1,
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
    },
  });
  // A mutual-aid programme with the member enrolled (and an import of its list), and an approved work-study placement.
  const mutualAid = await t.call('POST', '/api/v1/programmes', {
    token: admin,
    body: {
      kind: 'medical_mutual_aid',
      title: '医疗互助',
      orgId: world.org.id,
      opensAt: '2026-01-01T00:00:00+08:00',
      closesAt: '2030-01-01T00:00:00+08:00',
      rules: { publicityDays: 0, mutualAid: { tiers: [{ uptoFen: 100, percent: 0 }, { percent: 60 }] } },
    },
  });
  const enrolment = await t.call('POST', `/api/v1/programmes/${mutualAid.json.id}/enrolments`, {
    token: admin,
    body: { memberId: member.json.id },
  });
  const enrolmentImport = await uploadFile(
    t,
    `/api/v1/programmes/${mutualAid.json.id}/enrolments/imports?orgId=${world.grassroots.id}`,
    admin,
    'm.xlsx',
    await workbook([['姓名', '手机号']]),
  );
  const workStudy = await t.call('POST', '/api/v1/programmes', {
    token: admin,
    body: {
      kind: 'work_study',
      title: '勤工俭学',
      orgId: world.org.id,
      opensAt: '2026-01-01T00:00:00+08:00',
      closesAt: '2030-01-01T00:00:00+08:00',
      rules: { publicityDays: 0 },
    },
  });
  const placement = await t.call('POST', `/api/v1/programmes/${workStudy.json.id}/applications`, {
    token: admin,
    body: {
      memberId: member.json.id,
      details: { jobType: 'internship', employerOrgId: world.grassroots.id, student: { name: '学生', school: '大学' } },
    },
  });
  for (const action of ['review_pass', 'approve'])
    await t.call('POST', `/api/v1/applications/${placement.json.id}/actions`, { token: admin, body: { action } });
  const programme = await t.call('POST', '/api/v1/programmes', {
    token: admin,
    body: {
      kind: 'recuperation',
      title: '劳模疗休养',
      orgId: world.org.id,
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
      rules: { quota: { places: 2, eventDate: '2099-01-01' } },
    },
  });
  const signup = await t.call('POST', `/api/v1/programmes/${programme.json.id}/signups`, {
    token: memberLogin.token,
    body: {},
  });
  const congress = await t.call('POST', '/api/v1/congresses', {
    token: admin,
    body: { orgId: world.org.id, name: '第八届会员代表大会', termStartsOn: '2026-01-01', termEndsOn: '2030-12-31' },
  });
  const representative = await t.call('POST', `/api/v1/congresses/${congress.json.id}/representatives`, {
    token: admin,
    body: { memberId: member.json.id },
  });
  const representativeImport = await uploadFile(
    t,
    `/api/v1/congresses/${congress.json.id}/representatives/imports`,
    admin,
    'r.xlsx',
    await workbook([['姓名', '手机号']]),
  );
  const proposal = await t.call('POST', '/api/v1/proposals', {
    token: memberLogin.token,
    body: {
      congressId: congress.json.id,
      title: '关于职工子女暑期托管的提案',
      body: '暑期职工没有时间照看子女，希望开设托管班。',
      category: 'living_welfare',
      attachmentIds: [evidence.json.id],
    },
  });
  const suggestion = await t.call('POST', '/api/v1/suggestions', {
    token: memberLogin.token,
    body: { title: '建议', body: '内容', orgId: world.org.id },
  });
  const review = await t.call('POST', '/api/v1/union-reviews', {
    token: admin,
    body: {
      orgId: world.org.id,
      title: '会员评家',
      questions: [{ text: '满意吗' }],
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    },
  });
  const motion = await t.call('POST', `/api/v1/congresses/${congress.json.id}/motions`, {
    token: admin,
    body: { title: '职工安置方案', body: '提请表决' },
  });
  const duty = await t.call('POST', `/api/v1/congresses/${congress.json.id}/duties`, {
    token: memberLogin.token,
    body: {
      representativeId: representative.json.id,
      indicatorCode: 'research',
      occurredOn: '2026-03-01',
      note: '调研',
    },
  });
  const aidCampaign = await t.call('POST', '/api/v1/aid-campaigns', {
    token: admin,
    body: { season: 'winter', year: 2026, title: '冬送温暖', orgId: world.org.id, budgetFen: 100_000 },
  });
  const hardshipLead = await t.call('POST', '/api/v1/hardship/leads', {
    token: admin,
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
      consent: true,
    },
  });
  const hardshipImport = await uploadFile(
    t,
    `/api/v1/hardship/imports?orgId=${world.grassroots.id}`,
    admin,
    'h.xlsx',
    await workbook([['户主姓名', '身份证号']]),
  );
  const visit = await t.call('POST', '/api/v1/hardship/visits', {
    token: admin,
    body: {
      subject: 'work_site',
      orgId: world.grassroots.id,
      visitedOn: '2026-07-01',
      visitors: ['王主席'],
      findings: '送清凉',
      followUp: '复查',
    },
  });
  // 一户一策: a household filed and verified by the administrator, its plan, and a donor unit of the federation.
  const household = await t.call('POST', '/api/v1/hardship/leads', {
    token: admin,
    body: { household: householdInput(regionCode), channel: 'union', consent: true },
  });
  const verified = await t.call('POST', `/api/v1/hardship/leads/${household.json.id}/actions`, {
    token: admin,
    body: { action: 'verify', note: '入户核实' },
  });
  const plan = await t.call('POST', `/api/v1/hardship/households/${household.json.id}/plans`, {
    token: admin,
    body: { goal: '稳定就医', measures: [{ title: '开通绿色通道', owner: '帮扶中心', dueOn: '2030-01-01' }] },
  });
  const donor = await t.call('POST', '/api/v1/hardship/donors', {
    token: admin,
    body: { orgId: world.org.id, name: '爱心企业', kind: 'enterprise' },
  });
  const story = await t.call('POST', '/api/v1/stories', {
    token: memberLogin.token,
    body: { title: '我的十年', body: '从学徒到班组长。' },
  });
  const contest = await t.call('POST', '/api/v1/contests', {
    token: admin,
    body: { orgId: world.org.id, title: '五小创新', rubric: [{ criterion: '创新性', weight: 1, maxScore: 10 }] },
  });
  const contestEntry = await t.call('POST', `/api/v1/contests/${contest.json.id}/entries`, {
    token: memberLogin.token,
    body: { title: '快速换刀装置', category: 'invention', description: '省时' },
  });
  const skillsCompetition = await t.call('POST', '/api/v1/skills-competitions', {
    token: admin,
    body: { orgId: world.org.id, title: '职工技能大赛', startsOn: '2099-06-01', endsOn: '2099-06-02' },
  });
  const skillsEvent = await t.call('POST', `/api/v1/skills-competitions/${skillsCompetition.json.id}/events`, {
    token: admin,
    body: { name: '电工', kind: 'individual' },
  });
  const skillsEventId = (skillsEvent.json.events as { id: string }[])[0]!.id;
  const skillsEntry = await t.call('POST', `/api/v1/skills-events/${skillsEventId}/registrations`, {
    token: memberLogin.token,
  });
  const awardSelection = await t.call('POST', '/api/v1/award-selections', {
    token: admin,
    body: {
      orgId: world.org.id,
      title: '最美劳动者',
      year: 2026,
      quota: 1,
      nominationClosesAt: new Date(Date.now() + 86_400_000).toISOString(),
    },
  });
  const awardNomination = await t.call('POST', `/api/v1/award-selections/${awardSelection.json.id}/nominations`, {
    token: admin,
    body: {
      source: 'union',
      nomineeName: '王师傅',
      orgId: world.grassroots.id,
      position: '班长',
      deeds: '扎根一线二十年，技术过硬。',
    },
  });
  await t.call('POST', `/api/v1/award-nominations/${awardNomination.json.id}/actions`, {
    token: admin,
    body: { action: 'approve' },
  });
  const awardPublicity = await t.call('POST', `/api/v1/award-selections/${awardSelection.json.id}/publicity`, {
    token: admin,
    body: { endsAt: new Date(Date.now() + 86_400_000).toISOString() },
  });
  const awardObjection = await t.call('POST', `/api/v1/award-nominations/${awardNomination.json.id}/objections`, {
    token: memberLogin.token,
    body: { content: '反映情况若干。' },
  });
  const quiz = await t.call('POST', '/api/v1/quizzes', {
    token: admin,
    body: {
      orgId: world.org.id,
      title: '安全知识竞赛',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      questionsPerAttempt: 1,
      timeLimitSeconds: 3600,
      attemptsPerDay: 20,
      passScore: 60,
    },
  });
  await t.call('POST', `/api/v1/quizzes/${quiz.json.id}/questions`, {
    token: admin,
    body: { kind: 'true_false', text: '安全第一。', correct: ['A'] },
  });
  const quizAttempt = await t.call('POST', `/api/v1/quizzes/${quiz.json.id}/attempts`, { token: memberLogin.token });
  const quizImport = await uploadFile(
    t,
    `/api/v1/quizzes/${quiz.json.id}/question-imports`,
    admin,
    'q.xlsx',
    await workbook([['题型', '题目', '正确答案']]),
  );
  const poll = await t.call('POST', '/api/v1/polls', {
    token: admin,
    body: {
      orgId: world.org.id,
      title: '最美劳动者',
      startsAt: '2026-01-01T00:00:00+08:00',
      endsAt: '2030-01-01T00:00:00+08:00',
      ballotsPerMemberPerDay: 3,
      perEntryPerDay: 1,
    },
  });
  const pollEntry = await t.call('POST', `/api/v1/polls/${poll.json.id}/entries`, {
    token: admin,
    body: { title: '候选人' },
  });
  // Running today (Asia/Shanghai), so a day's steps reach past the window check.
  const shanghaiDay = (days: number) =>
    new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
  const walkChallenge = await t.call('POST', '/api/v1/walk-challenges', {
    token: admin,
    body: { orgId: world.org.id, title: '健步走', startsOn: shanghaiDay(-10), endsOn: shanghaiDay(10) },
  });
  const questionnaire = await t.call('POST', '/api/v1/questionnaires', {
    token: admin,
    body: {
      orgId: world.org.id,
      title: '问卷',
      questions: [{ kind: 'single', text: '满意吗', options: ['是', '否'] }],
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    },
  });
  for (const [what, res] of Object.entries({
    poll,
    pollEntry,
    story,
    contest,
    contestEntry,
    awardSelection,
    awardNomination,
    awardPublicity,
    awardObjection,
    skillsCompetition,
    skillsEvent,
    skillsEntry,
    walkChallenge,
    questionnaire,
    aidCampaign,
    hardshipLead,
    hardshipImport,
    visit,
    household,
    verified,
    plan,
    donor,
    duty,
    congress,
    representative,
    representativeImport,
    proposal,
    suggestion,
    review,
    motion,
    mutualAid,
    enrolment,
    enrolmentImport,
    workStudy,
    placement,
    member,
    application,
    memberImport,
    station,
    stationImport,
    evidence,
    legalCase,
    campaign,
    modelWorker,
    modelWorkerImport,
    programme,
    signup,
    quiz,
    quizAttempt,
    quizImport,
  }))
    if (res.status >= 300) throw new Error(`sweep world: ${what} → ${res.status} ${JSON.stringify(res.json)}`);
  return {
    ids: {
      orgId: world.org.id,
      grassrootsId: world.grassroots.id,
      staffId: staff.id,
      memberId: member.json.id,
      merchantId: shopId,
      campaignId: campaign.json.id,
      caseId: legalCase.json.id,
      caseFileId: evidence.json.id,
      applicationId: application.json.id,
      memberImportId: memberImport.json.id,
      stationImportId: stationImport.json.id,
      stationCode: station.json.code,
      modelWorkerId: modelWorker.json.id,
      modelWorkerImportId: modelWorkerImport.json.id,
      mutualAidProgrammeId: mutualAid.json.id,
      workStudyApplicationId: placement.json.id,
      enrolmentImportId: enrolmentImport.json.id,
      programmeId: programme.json.id,
      signupId: signup.json.id,
      congressId: congress.json.id,
      representativeId: representative.json.id,
      representativeImportId: representativeImport.json.id,
      proposalId: proposal.json.id,
      suggestionId: suggestion.json.id,
      unionReviewId: review.json.id,
      unionReviewQuestionId: review.json.questions[0].id,
      motionId: motion.json.id,
      dutyId: duty.json.id,
      householdId: household.json.id,
      measureId: plan.json.measures[0].id,
      donorId: donor.json.id,
      aidCampaignId: aidCampaign.json.id,
      hardshipLeadId: hardshipLead.json.id,
      hardshipImportId: hardshipImport.json.id,
      visitId: visit.json.id,
      pollId: poll.json.id,
      pollEntryId: pollEntry.json.id,
      storyId: story.json.id,
      contestId: contest.json.id,
      contestEntryId: contestEntry.json.id,
      skillsCompetitionId: skillsCompetition.json.id,
      skillsEventId,
      skillsEntryId: skillsEntry.json.id,
      awardSelectionId: awardSelection.json.id,
      awardNominationId: awardNomination.json.id,
      awardObjectionId: awardObjection.json.id,
      quizId: quiz.json.id,
      quizAttemptId: quizAttempt.json.id,
      quizImportId: quizImport.json.id,
      walkChallengeId: walkChallenge.json.id,
      questionnaireId: questionnaire.json.id,
    },
    staffToken: admin,
    memberToken: memberLogin.token,
    cashierToken: cashierUser.token,
  };
}
