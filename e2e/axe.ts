import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeNode {
  target: string[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

/** Impacts that block a screen-reader or keyboard user from the page: these fail a journey. */
const blocking = new Set(['critical', 'serious']);

/**
 * Runs axe-core (WCAG 2.1 A/AA rules and best practices) on the page as it stands and fails on any critical
 * or serious violation, listing each with the elements it was found on. Evaluated through the DevTools
 * protocol, so the page's Content-Security-Policy (no inline scripts) does not stop it.
 */
export async function expectAccessible(page: Page, label = new URL(page.url()).pathname): Promise<void> {
  expect(await blockingViolations(page), `accessibility of ${label}`).toEqual([]);
}

/**
 * The critical and serious violations on the page as it stands, one line each with where they were found.
 * Colours are judged once the page has settled: a toast fading in or a dialog's mask fading out (CSS or
 * react-spring, which the Web Animations API does not see) has in-between colours no one reads, so a contrast
 * finding counts only if it is still there after the motion has had time to end.
 */
export async function blockingViolations(page: Page): Promise<string[]> {
  await page.waitForLoadState('load');
  await settle(page);
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  let found = await runAxe(page);
  for (let retry = 0; retry < 4 && found.some((v) => v.id === 'color-contrast'); retry++) {
    await page.waitForTimeout(700);
    await settle(page);
    found = await runAxe(page);
  }
  return found.map((v) => {
    const where = v.nodes
      .slice(0, 3)
      .map((n) => `${n.target.join(' ')} [${(n.failureSummary ?? '').split('\n').slice(1, 2).join('').trim()}]`);
    const more = v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : '';
    return `${v.impact} ${v.id} (${v.help}): ${where.join(', ')}${more}`;
  });
}

async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const finite = document.getAnimations().filter((a) => a.effect?.getComputedTiming().iterations !== Infinity);
    await Promise.race([Promise.allSettled(finite.map((a) => a.finished)), new Promise((r) => setTimeout(r, 3000))]);
  });
}

async function runAxe(page: Page): Promise<AxeViolation[]> {
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: unknown[] }> } })
      .axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return (violations as AxeViolation[]).filter((v) => v.impact && blocking.has(v.impact));
}
