import { z } from 'zod';
import { aidKinds } from '../../../../shared/labels.js';

/** The contract of household plans (一户一策): one current plan per household, earlier versions kept as history. */

const isoDate = z.iso.date().describe('YYYY-MM-DD, Asia/Shanghai');

export const measureInput = z
  .object({
    title: z.string().trim().min(1).max(200).describe('what will be done'),
    kind: z.enum(aidKinds).optional().describe('the kind of help the measure gives, when it is one'),
    owner: z.string().trim().min(1).max(100).describe('who is responsible: a person or a unit'),
    dueOn: isoDate.describe('by when'),
  })
  .strict();

export const planBody = z
  .object({
    goal: z.string().trim().min(1).max(1000).describe('what the plan aims at for this household'),
    measures: z.array(measureInput).min(1).max(30),
  })
  .strict();
export type PlanBody = z.infer<typeof planBody>;

export const householdParams = z.object({ id: z.uuid() }).strict();
export const measureParams = z.object({ id: z.uuid(), measureId: z.uuid() }).strict();

export const measureDoneBody = z
  .object({ note: z.string().trim().min(1).max(1000).optional().describe('what was done') })
  .strict();

export const measureView = z.object({
  id: z.uuid(),
  position: z.number().int(),
  title: z.string(),
  kind: z.enum(aidKinds).nullable(),
  owner: z.string(),
  dueOn: z.string(),
  doneAt: z.string().nullable(),
  doneNote: z.string().nullable(),
  overdue: z.boolean().describe('not done and its date has passed (Asia/Shanghai)'),
});

export const planView = z.object({
  id: z.uuid(),
  householdId: z.uuid(),
  version: z.number().int().describe('1 for the first plan; each new version replaces the one before'),
  goal: z.string(),
  createdBy: z.object({ staffId: z.uuid(), username: z.string() }),
  createdAt: z.string(),
  measures: z.array(measureView),
});
export type PlanView = z.infer<typeof planView>;

export const plansReply = z.object({
  current: planView.nullable().describe('the highest version; null before the first plan'),
  earlier: z.array(planView).describe('earlier versions, newest first'),
  mayPlan: z.boolean().describe('the caller may make a new version now (officer, household in assistance)'),
});
