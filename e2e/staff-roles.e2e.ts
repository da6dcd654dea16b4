import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, desktopContext, launch, screenshot, staffSignIn } from './browser.js';

/** Each demo role: where it lands, the menu it is offered, and buttons it must not be shown. */
const roles: { username: string; lands: string; menu: string[]; absent?: string[] }[] = [
  {
    username: 'xian_admin',
    lands: '/console/orgs',
    // Not 商家核销: the till is for a shop's cashiers (the server answers 403 to anyone else).
    menu: [
      '组织架构',
      '工作人员',
      '会员管理',
      '入会审批',
      '爱心地图站点',
      '法律服务',
      '普惠活动',
      '爱心早餐',
      '补助项目',
      '劳模名册',
      '民主参与',
      '职工事大家议',
      '会员评家',
      '提案',
      '困难职工帮扶',
      '活动',
      '节假日安排',
    ],
  },
  {
    username: 'xian_leader',
    lands: '/console/legal',
    menu: ['组织架构', '爱心地图站点', '法律服务', '困难职工帮扶', '活动'],
  },
  { username: 'd04_members', lands: '/console/members', menu: ['组织架构', '会员管理', '入会审批'] },
  { username: 'd04_stations', lands: '/console/stations', menu: ['组织架构', '爱心地图站点'] },
  { username: 'd04_legal', lands: '/console/legal', menu: ['组织架构', '法律服务'] },
  { username: 'd04_lawyer', lands: '/console/legal', menu: ['组织架构', '法律服务'] },
  { username: 'd04_perks', lands: '/console/perks', menu: ['组织架构', '普惠活动', '爱心早餐'] },
  { username: 'judge_lianhu', lands: '/console/activities/judging', menu: ['活动'] },
  { username: 'd04_shop', lands: '/console/redeem', menu: ['商家核销'] },
  { username: 'xian_programmes', lands: '/console/programmes', menu: ['组织架构', '补助项目', '劳模名册'] },
  {
    username: 'xian_participation',
    lands: '/console/congresses',
    menu: ['组织架构', '民主参与', '职工事大家议', '会员评家', '提案'],
  },
];

async function menuOf(page: Page): Promise<string[]> {
  return (await page.getByRole('menuitem').allTextContents()).map((s) => s.trim());
}

describe.runIf(browserAvailable)('staff roles: each lands on their own work and sees only what they can use', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const role of roles) {
    it(`${role.username} lands on ${role.lands}`, async () => {
      const context = await desktopContext(browser);
      const page = await context.newPage();
      await staffSignIn(page, role.username, 'demo12345');
      await expect.poll(() => new URL(page.url()).pathname).toBe(role.lands);
      expect(await menuOf(page)).toEqual(role.menu);
      await screenshot(page, `console-home-${role.username}`);
      // A page outside the roles, opened by its address, leads back to the person's own work.
      if (!role.menu.includes('工作人员')) {
        await page.goto('/console/staff');
        await expect.poll(() => new URL(page.url()).pathname).toBe(role.lands);
      }
      await context.close();
    });
  }

  it('offers changes only to the roles that may make them', async () => {
    const context = await desktopContext(browser);
    const page = await context.newPage();
    // A station manager reads the org tree but cannot add organisations.
    await staffSignIn(page, 'd04_stations', 'demo12345');
    await page.getByTestId('add-station').waitFor();
    await page.getByRole('menuitem', { name: '组织架构' }).click();
    await page.getByTestId('org-tree').getByText('莲湖区总工会').waitFor();
    expect(await page.getByTestId('add-child-org').count()).toBe(0);
    await page.getByRole('button', { name: /退\s*出/ }).click();

    // A leader reads stations (usage, satisfaction) without add, import, edit or retire.
    await staffSignIn(page, 'xian_leader', 'demo12345');
    await page.getByRole('menuitem', { name: '爱心地图站点' }).click();
    await page.getByRole('cell', { name: '团结西路工会爱心驿站' }).first().waitFor();
    expect(await page.getByTestId('add-station').count()).toBe(0);
    expect(await page.getByRole('button', { name: /停\s*用/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /编\s*辑/ }).count()).toBe(0);
    await page
      .getByRole('button', { name: /统\s*计/ })
      .first()
      .waitFor();
    await screenshot(page, 'console-leader-stations');
    await page.getByRole('button', { name: /退\s*出/ }).click();

    // An organisation's administrator may add child organisations, with the area they serve picked from GB/T 2260.
    await staffSignIn(page, 'd04_admin', 'demo12345');
    await page.getByTestId('add-child-org').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('new-org-name').fill('莲湖区桃园路街道工会');
    await dialog.getByTestId('org-region-picker').click();
    const menus = page.locator('.ant-cascader-dropdown:visible');
    // The region tree is its own chunk: a click that lands while it is still arriving opens no second column.
    for (let attempt = 0; !(await menus.getByText('西安市', { exact: true }).isVisible()); attempt++) {
      if (attempt === 10) throw new Error('the province did not open its cities');
      await menus.getByText('陕西省', { exact: true }).click();
      await page.waitForTimeout(300);
    }
    await menus.getByText('西安市', { exact: true }).click();
    await menus.getByText('莲湖区', { exact: true }).click();
    await expect
      .poll(() => dialog.getByTestId('org-region-picker').locator('.ant-select-selection-item').textContent())
      .toBe('陕西省 / 西安市 / 莲湖区');
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    await page.getByTestId('org-tree').getByText('莲湖区桃园路街道工会').click();
    await expect.poll(() => page.getByTestId('org-region').textContent()).toBe('陕西省 / 西安市 / 莲湖区（610104）');
    await screenshot(page, 'console-org-region');
    await context.close();
  });
});
