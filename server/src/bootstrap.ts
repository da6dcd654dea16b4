import crypto from 'node:crypto';
import { count } from 'drizzle-orm';
import { auditIn } from './kernel/use-case.js';
import type { AppContext } from './kernel/context.js';
import { orgs, staff } from './kernel/db/kernel.tables.js';
import { findRootOrg, insertOrg } from './kernel/org-tree.js';
import { hashPassword } from './modules/auth/index.js';
import { loadDemoCity } from './demo/demo-city.js';
import { loadDemoProgrammes } from './demo/demo-programmes.js';
import { loadDemoActivities } from './demo/demo-activities.js';
import { loadDemoHardship } from './demo/demo-hardship.js';
import { loadDemoParticipation } from './demo/demo-participation.js';

export interface BootstrapResult {
  createdRoot: boolean;
  generatedAdminPassword: string | null;
  demoLoaded: boolean;
}

/**
 * First start on an empty database: the root organisation and an `admin` account (password from
 * ADMIN_PASSWORD, else generated and printed once); with DEMO_DATA=1 the demo city too.
 */
export async function bootstrap(
  ctx: AppContext,
  rootName = process.env.ROOT_ORG_NAME ?? '中华全国总工会',
): Promise<BootstrapResult> {
  let createdRoot = false;
  let generatedAdminPassword: string | null = null;
  let root = await findRootOrg(ctx.db);
  if (!root) {
    const password = ctx.config.adminPassword ?? crypto.randomBytes(12).toString('base64url');
    if (!ctx.config.adminPassword) generatedAdminPassword = password;
    const passwordHash = await hashPassword(password);
    root = await ctx.db.transaction(async (tx) => {
      const org = await insertOrg(tx, { parent: null, name: rootName, kind: 'federation', regionCode: null });
      const [admin] = await tx
        .insert(staff)
        .values({ username: 'admin', passwordHash, orgId: org.id, roles: ['org_admin'], displayName: '系统管理员' })
        .returning({ id: staff.id });
      await auditIn(
        ctx,
        tx,
        { kind: 'system', id: null },
        {
          action: 'system.bootstrap',
          objectType: 'org',
          objectId: org.id,
          orgId: org.id,
          details: { adminId: admin!.id },
        },
      );
      return org;
    });
    createdRoot = true;
  }
  let demoLoaded = false;
  if (ctx.config.demoData) {
    const [row] = await ctx.db.select({ n: count() }).from(orgs);
    if ((row?.n ?? 0) <= 1) {
      const city = await loadDemoCity(ctx, root);
      await loadDemoProgrammes(ctx, city);
      await loadDemoParticipation(ctx, city);
      await loadDemoHardship(ctx, city);
      await loadDemoActivities(ctx, city);
      demoLoaded = true;
    }
  }
  return { createdRoot, generatedAdminPassword, demoLoaded };
}
