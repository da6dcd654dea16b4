import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, desktopContext, launch, screenshot, staffSignIn } from './browser.js';
import { e2eAdminPassword } from './global-setup.js';

describe.runIf(browserAvailable)('working calendar 节假日安排', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the federation administrator enters a public holiday; a city administrator sees it but cannot change it', async () => {
    const desk = await desktopContext(browser);
    const page = await desk.newPage();
    await staffSignIn(page, 'admin', e2eAdminPassword);
    await page.getByRole('menuitem', { name: '节假日安排' }).click();
    await page.getByTestId('calendar-year').fill('2030');
    await page.getByText('本年尚未录入节假日').waitFor();
    await page.getByTestId('calendar-date').click();
    // The date picker speaks Chinese (antd and dayjs locales): weeks start on Monday, days are 一 … 日.
    const weekdays = page.locator('.ant-picker-dropdown .ant-picker-content thead th');
    await weekdays.first().waitFor();
    expect(await weekdays.allTextContents()).toEqual(['一', '二', '三', '四', '五', '六', '日']);
    await page.keyboard.type('2030-10-01');
    await page.keyboard.press('Enter');
    await page.getByTestId('calendar-name').fill('国庆节');
    await page.getByTestId('calendar-add').click();
    await page.getByRole('cell', { name: '2030-10-01' }).waitFor();
    await page.getByTestId('calendar-save').click();
    await page.getByText('2030 年节假日安排已保存').waitFor();
    await screenshot(page, 'console-calendar');
    await desk.close();

    const city = await desktopContext(browser);
    const other = await city.newPage();
    await staffSignIn(other, 'xian_admin', 'demo12345');
    await other.getByRole('menuitem', { name: '节假日安排' }).click();
    await other.getByTestId('calendar-year').fill('2030');
    await other.getByRole('cell', { name: '国庆节' }).waitFor();
    // A city's administrator reads the calendar but is offered nothing they may not save (the server refuses it too).
    expect(await other.getByTestId('calendar-save').count()).toBe(0);
    expect(await other.getByTestId('calendar-add').count()).toBe(0);
    expect(await other.getByRole('button', { name: /移\s*除/ }).count()).toBe(0);
    expect(await other.getByRole('cell', { name: '2030-10-01' }).count()).toBe(1);
    await city.close();
  });
});
