import { z } from 'zod';
import { staffRoles } from '../../kernel/auth.js';
import { pageOf, pageQuery } from '../../kernel/pagination.js';

const password = z.string().min(8).max(200).describe('at least 8 characters');
const roles = z.array(z.enum(staffRoles)).min(1).max(staffRoles.length);

export const createStaffBody = z
  .object({
    username: z
      .string()
      .trim()
      .min(3)
      .max(64)
      .regex(/^[A-Za-z0-9_.@-]+$/),
    password,
    orgId: z.uuid(),
    roles,
    displayName: z.string().trim().min(1).max(50).optional(),
  })
  .strict();

export const updateStaffBody = z
  .object({
    roles: roles.optional(),
    active: z.boolean().optional(),
    password: password.optional(),
    displayName: z.string().trim().min(1).max(50).optional(),
  })
  .strict();

export const staffView = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string().nullable(),
  org: z.object({ id: z.uuid(), name: z.string() }),
  roles: z.array(z.string()),
  active: z.boolean(),
  createdAt: z.string(),
});

export const idParams = z.object({ id: z.uuid() });
export const listStaffQuery = pageQuery.extend({ orgId: z.uuid().optional(), q: z.string().trim().max(64).optional() });
export const staffPage = pageOf(staffView);
