import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { browserAvailable, desktopContext, launch, screenshot, staffSignIn } from './browser.js';
import { e2eAdminPassword } from './global-setup.js';

describe.runIf(browserAvailable)('走访 visit log in the console', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('records a summer visit to a work site, marks its follow-up done and counts it', async () => {
    const suffix = String(Date.now() % 1_000_000).padStart(6, '0');
    const place = `滨河大道项目工地 ${suffix}`;
    const context = await desktopContext(browser);
    const page = await context.newPage();
    await staffSignIn(page, 'admin', e2eAdminPassword);
    await page.goto('/console/hardship/visits');
    await page.getByTestId('visits-table').waitFor();

    // 夏送清凉: the form opens on a work site; the union is the administrator's own by default.
    await page.getByTestId('record-visit').click();
    await page.getByRole('dialog').waitFor();
    await page.getByTestId('visit-place').fill(place);
    const visitors = page.getByTestId('visit-visitors').locator('input');
    await visitors.fill('王主席');
    await visitors.press('Enter');
    await visitors.fill('志愿者小李');
    await visitors.press('Enter');
    await page.getByTestId('visit-people').fill('120');
    await page.getByTestId('visit-findings').fill('送去绿豆汤和防暑药品，午休场地缺遮阳。');
    await page.getByTestId('visit-follow-up').fill('协调加装遮阳棚');
    await screenshot(page, 'hardship-visit-form');
    await page.getByTestId('save-visit').click();

    // The new visit opens in its drawer, its follow-up open; the union's worker marks it done.
    await page.getByTestId('mark-follow-up-done').click();
    await page.getByTestId('follow-up-done-note').fill('遮阳棚已装好');
    await page.getByTestId('save-follow-up-done').click();
    await page.getByTestId('visit-follow-up-done').getByText('遮阳棚已装好').waitFor();
    await screenshot(page, 'hardship-visit-drawer');
    await page.locator('.ant-drawer-close').click();
    await page.locator('.ant-drawer-mask').waitFor({ state: 'detached' });

    // The log shows it; the counts hold it under the union's own visits.
    await page.getByTestId('visits-table').getByText(place).waitFor();
    await page.getByRole('tab', { name: '走访统计' }).click();
    await page.getByTestId('visit-stats').getByText('合计').waitFor();
    await screenshot(page, 'hardship-visit-stats');
    await context.close();
  });
});
