import type { z } from 'zod';
import type { hardshipLevels } from '../../../../shared/labels.js';
import type { StaffPrincipal } from '../../kernel/auth.js';
import type { AppContext } from '../../kernel/context.js';
import type { Db } from '../../kernel/db/client.js';
import { AppError } from '../../kernel/errors.js';
import { findOrg } from '../../kernel/org-tree.js';
import { auditIn } from '../../kernel/use-case.js';
import * as repo from './leads.repository.js';
import { authorizeKeepStandard } from './leads.policy.js';
import type { listStandardsQuery, standardBody } from './leads.schemas.js';
import { requireStaffRole } from '../../kernel/access.js';

type Level = (typeof hardshipLevels)[number];

/** 相对困难 at or below 1.5 × the monthly income line unless the standard names its own line. */
export function relativeLineOf(s: { monthlyIncomeLineFen: number; relativeIncomeLineFen: number | null }): number {
  return s.relativeIncomeLineFen ?? Math.round(s.monthlyIncomeLineFen * 1.5);
}

function present(s: Awaited<ReturnType<typeof repo.upsertStandard>>) {
  return {
    regionCode: s.regionCode,
    monthlyIncomeLineFen: s.monthlyIncomeLineFen,
    relativeIncomeLineFen: relativeLineOf(s),
    updatedAt: s.updatedAt.toISOString(),
  };
}

/** The codes a household's standard is looked up by, in order: its county, its city (xxxx00), its province (xx0000). */
export function standardCodesOf(regionCode: string): string[] {
  return [...new Set([regionCode, `${regionCode.slice(0, 4)}00`, `${regionCode.slice(0, 2)}0000`])];
}

/** The regional standard that applies to a household's region code, or null when none is kept. */
export async function standardFor(db: Db, regionCode: string) {
  const found = await repo.standardsFor(db, standardCodesOf(regionCode));
  for (const code of standardCodesOf(regionCode)) {
    const s = found.find((f) => f.regionCode === code);
    if (s) return s;
  }
  return null;
}

/**
 * The archive rule: 深度困难 at or below the monthly income line per head, 相对困难 at or below the relative line,
 * 意外致困 (hardship by accident: illness, disaster) without an income test. Where no standard is set for the region (nor its city or province) the
 * officers' judgement stands; 409 ABOVE_INCOME_LINE when the income per head is above the level's line.
 */
export async function checkAgainstStandard(
  db: Db,
  regionCode: string,
  level: Level,
  monthlyIncomeFen: number,
): Promise<void> {
  if (level === 'accident') return;
  const standard = await standardFor(db, regionCode);
  // A region without a standard yet: the union's own judgement decides the level (the console says no line applied).
  if (!standard) return;
  const line = level === 'deep' ? standard.monthlyIncomeLineFen : relativeLineOf(standard);
  if (monthlyIncomeFen > line) throw new AppError('ABOVE_INCOME_LINE', { line, monthlyIncomeFen, level });
}

/** Sets a region's monthly income line (and relative line); see authorizeKeepStandard for who may. */
export async function putStandard(
  ctx: AppContext,
  principal: StaffPrincipal,
  regionCode: string,
  input: z.infer<typeof standardBody>,
) {
  const own = await findOrg(ctx.db, principal.orgId);
  if (!own) throw new AppError('FORBIDDEN');
  authorizeKeepStandard(principal, own, regionCode);
  return ctx.db.transaction(async (tx) => {
    const row = await repo.upsertStandard(tx, {
      regionCode,
      monthlyIncomeLineFen: input.monthlyIncomeLineFen,
      relativeIncomeLineFen: input.relativeIncomeLineFen ?? null,
      updatedBy: principal.staffId,
      updatedAt: ctx.clock.now(),
    });
    await auditIn(ctx, tx, principal, {
      action: 'hardship_standard.put',
      objectType: 'hardship_standard',
      objectId: null,
      orgId: principal.orgId,
      details: { regionCode, ...input },
    });
    return present(row);
  });
}

/** The standards kept across the federation (one set for all: a region's line is public policy), by region code. */
export async function listStandards(ctx: AppContext, principal: StaffPrincipal, q: z.infer<typeof listStandardsQuery>) {
  requireStaffRole(principal, ['assistance_officer', 'assistance_worker', 'leader']);
  const rows = await repo.listStandards(ctx.db, q.regionCode);
  return { items: rows.map(present), nextCursor: null };
}
