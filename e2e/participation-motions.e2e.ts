import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  desktopContext,
  launch,
  memberSignIn,
  phoneContext,
  screenshot,
  staffApiLogin,
  staffSignIn,
} from './browser.js';
import { call } from './programmes.js';

/**
 * 职代会表决, as at Laiwu Steel's 铸链公司 (seed 001): the union's staff put the resettlement plan (职工安置方案) to the
 * workers' congress in the console, three representatives vote in the member app, staff end the vote, and the
 * result is published as a 厂务公开 disclosure with its hash, open to anyone. A fresh enterprise union and three fresh
 * members, so no other journey's data is touched.
 */
describe.runIf(browserAvailable)('a congress vote on the resettlement plan, across both apps', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('staff put the motion, three representatives vote, staff close it, the published result shows the counts and hash', async () => {
    const suffix = String(Date.now() % 1_000_000).padStart(6, '0');
    const admin = await staffApiLogin('xian_admin');
    const union = await call<{ id: string }>(
      admin.token,
      'POST',
      '/api/v1/orgs',
      { parentId: admin.orgId, name: `铸链公司工会${suffix}`, kind: 'grassroots' },
      201,
    );
    const congress = await call<{ id: string }>(
      admin.token,
      'POST',
      '/api/v1/congresses',
      {
        orgId: union.id,
        name: '铸链公司第三届职工代表大会',
        kind: 'workers_congress',
        termStartsOn: '2026-01-01',
        termEndsOn: '2028-12-31',
      },
      201,
    );
    const phones = [1, 2, 3].map((i) => `147${suffix}${String(i).padStart(2, '0')}`);
    for (const [i, phone] of phones.entries()) {
      const member = await call<{ id: string }>(
        admin.token,
        'POST',
        '/api/v1/members',
        { name: `代表${['甲', '乙', '丙'][i]}${suffix}`, phone, orgId: union.id },
        201,
      );
      await call(
        admin.token,
        'POST',
        `/api/v1/congresses/${congress.id}/representatives`,
        { memberId: member.id },
        201,
      );
    }

    // The console: the resettlement plan, with its document, put to the vote.
    const staffContext = await desktopContext(browser);
    const staffPage = await staffContext.newPage();
    await staffSignIn(staffPage, 'xian_admin', 'demo12345');
    await staffPage.goto(`/console/congresses/${congress.id}/motions`);
    await staffPage.getByTestId('new-motion').click();
    await staffPage.getByTestId('motion-title').fill('铸链公司职工安置方案');
    await staffPage.getByTestId('motion-body').fill('混合所有制改革后的职工安置方案，提请职工代表大会表决。');
    await staffPage.locator('.ant-drawer-open input[type=file]').setInputFiles({
      name: '职工安置方案.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n'),
    });
    await expect.poll(() => staffPage.getByTestId('motion-document-name').textContent()).toBe('职工安置方案.pdf');
    await staffPage.getByTestId('create-motion').click();
    await staffPage.getByTestId('motions-table').getByText('铸链公司职工安置方案').waitFor();
    await screenshot(staffPage, 'motions-console-created');

    // Three representatives vote in the member app: two for, one against; each sees only their own choice.
    const choices = ['for', 'for', 'against'] as const;
    for (const [i, phone] of phones.entries()) {
      const context = await phoneContext(browser);
      const app = await context.newPage();
      await memberSignIn(app, phone);
      // From the home page's tile (a representative's way in; the notification links the motion itself).
      await app.getByTestId('svc-motions').click();
      await app.getByTestId('motion-item').filter({ hasText: '铸链公司职工安置方案' }).click();
      await app.getByTestId('motion-document').waitFor();
      await app.getByTestId(`vote-${choices[i]}`).click();
      await app.getByRole('button', { name: '确认投票' }).click();
      const mine = app.getByTestId('my-choice');
      await mine.waitFor();
      // The confirmation has closed (its closing animation still in the page would be pictured and checked).
      await app.locator('.adm-center-popup-wrap').waitFor({ state: 'hidden' });
      expect(await mine.textContent()).toContain(choices[i] === 'for' ? '赞成' : '反对');
      if (i === 0) await screenshot(app, 'motion-voted');
      await context.close();
    }

    // The console's running count reaches 3, then staff end the vote.
    await staffPage.getByTestId('motions-table').getByText('铸链公司职工安置方案').click();
    await expect.poll(() => staffPage.getByTestId('count-voted').textContent(), { timeout: 15_000 }).toContain('3 / 3');
    await staffPage.getByTestId('close-motion').click();
    await staffPage.getByTestId('confirm-close').click();
    await expect.poll(() => staffPage.getByTestId('result-final').textContent()).toBe('最终结果');
    expect(await staffPage.getByTestId('result-outcome').textContent()).toBe('通过');
    const hash = (await staffPage.getByTestId('disclosure-hash').textContent())!.trim();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const href = (await staffPage.getByTestId('disclosure-link').getAttribute('href'))!;
    await screenshot(staffPage, 'motions-console-closed');
    await staffContext.close();

    // The public disclosure: no sign-in, the counts, the outcome and the same hash; no representative named.
    const publicContext = await phoneContext(browser);
    const page = await publicContext.newPage();
    await page.goto(href);
    await page.getByTestId('disclosure-title').waitFor();
    expect(await page.getByTestId('count-for').textContent()).toBe('2');
    expect(await page.getByTestId('count-against').textContent()).toBe('1');
    expect(await page.getByTestId('count-abstain').textContent()).toBe('0');
    expect(await page.getByTestId('result-outcome').textContent()).toBe('通过');
    expect(await page.getByTestId('disclosure-hash').textContent()).toBe(hash);
    expect(await page.content()).not.toContain(`代表甲${suffix}`);
    await screenshot(page, 'motion-disclosure');
    await publicContext.close();
  });
});
