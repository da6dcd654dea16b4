import { z } from 'zod';
import { isMobilePhone } from '../../kernel/pii.js';

export const phoneSchema = z
  .string()
  .trim()
  .refine(isMobilePhone, { message: 'invalid_phone' })
  .describe('11-digit mainland China mobile number');

export const smsCodeBody = z.object({ phone: phoneSchema }).strict();
export const smsCodeReply = z.object({ cooldownSeconds: z.number().int() });

export const memberLoginBody = z
  .object({
    phone: phoneSchema,
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/),
  })
  .strict();

export const orgRef = z.object({ id: z.uuid(), name: z.string() });

export const workerView = z.object({
  accountId: z.uuid(),
  phone: z.string().describe('masked'),
  isMember: z.boolean(),
  memberId: z.uuid().nullable(),
  name: z.string().nullable(),
  org: orgRef.nullable(),
});

export const staffView = z.object({
  id: z.uuid(),
  username: z.string(),
  org: orgRef.extend({
    regionCode: z
      .string()
      .nullable()
      .describe("the org's GB/T 2260 code: a field worker's territory (the survey form's default region)"),
  }),
  roles: z.array(z.string()),
});

export const memberLoginReply = z.object({ token: z.string(), member: workerView });

export const staffLoginBody = z
  .object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(200) })
  .strict();
export const staffLoginReply = z.object({ token: z.string(), staff: staffView });

export const meReply = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('staff'), staff: staffView }),
  z.object({ kind: z.literal('worker'), member: workerView }),
]);

export const outboxQuery = z.object({ phone: phoneSchema.optional() });
export const outboxReply = z.object({
  items: z.array(z.object({ phone: z.string(), code: z.string(), sentAt: z.string() })),
});
