import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './axe.js';
import {
  browserAvailable,
  desktopContext,
  launch,
  memberSignIn,
  phoneContext,
  screenshot,
  staffSignIn,
} from './browser.js';
import { call, cityWithStaff, confirm } from './programmes.js';

/**
 * 提案五步闭环 across both apps: the congress term and its representatives are set up through the API (as staff would
 * in the console); the steps of the loop itself are taken in the browsers.
 */
describe.runIf(browserAvailable)('a representative’s proposal from submission to a satisfied rating 提案', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a representative proposes with a co-signer, who confirms; the committee accepts and assigns; the handling body answers; the proposer rates it; the console shows the loop closed', async () => {
    // The city's committee (participation officer over the city) and the handling body's officer (over a union).
    const { admin, suffix, union } = await cityWithStaff((suffix, union, cityOrgId) => [
      {
        username: `prop_city_${suffix}`,
        orgId: cityOrgId,
        displayName: '市总提案委员会',
        roles: ['participation_officer'],
      },
      {
        username: `prop_union_${suffix}`,
        orgId: union.id,
        displayName: '承办单位民主管理专干',
        roles: ['participation_officer'],
      },
    ]);
    const committee = `prop_city_${suffix}`;
    const handler = `prop_union_${suffix}`;

    // Two members of the union, made representatives of a new term of the city's congress.
    const people = ['孙志远', '周丽华'].map((name, i) => ({
      name: `${name}${suffix.slice(-2)}`,
      phone: `138${suffix}${i}${i}`,
    }));
    const [proposer, cosigner] = people as [(typeof people)[0], (typeof people)[0]];
    const congress = await call<{ id: string }>(
      admin.token,
      'POST',
      '/api/v1/congresses',
      {
        orgId: admin.orgId,
        name: `西安市总工会第十六届会员代表大会 ${suffix}`,
        termStartsOn: '2026-01-01',
        termEndsOn: '2030-12-31',
      },
      201,
    );
    for (const p of people) {
      const member = await call<{ id: string }>(admin.token, 'POST', '/api/v1/members', { ...p, orgId: union.id }, 201);
      await call(
        admin.token,
        'POST',
        `/api/v1/congresses/${congress.id}/representatives`,
        { memberId: member.id },
        201,
      );
    }

    // The co-signer uses the app already (a member is told in the app once they have signed in).
    const cosignerPhone = await phoneContext(browser);
    const second = await cosignerPhone.newPage();
    await memberSignIn(second, cosigner.phone);

    // The proposer finds 代表提案 on the home page and submits a proposal naming the co-signer.
    const phone = await phoneContext(browser);
    const app = await phone.newPage();
    await memberSignIn(app, proposer.phone);
    await app.getByTestId('svc-proposals').click();
    await app.getByTestId('new-proposal').click();
    await app.getByTestId('proposal-congress-name').waitFor();
    const title = `关于开设假期职工子女“阳光学堂”的建议 ${suffix}`;
    await app.getByTestId('proposal-title').locator('input').fill(title);
    // Too short a case is caught before anything is sent.
    await app.getByTestId('proposal-body').getByRole('textbox').fill('太短');
    await app.getByTestId('submit-proposal').click();
    await app.getByTestId('error-body').waitFor();
    await app
      .getByTestId('proposal-body')
      .getByRole('textbox')
      .fill('暑假期间双职工家庭子女无人看护，建议由市总工会联合社区在各区开设“阳光学堂”，提供托管和兴趣课程。');
    await app.getByTestId('proposal-category').getByText('生活福利').click();
    await app.getByTestId('cosigner-search').locator('input').fill(cosigner.name);
    await app.getByTestId('cosigner-option').filter({ hasText: cosigner.name }).locator('.adm-checkbox').click();
    await app.getByTestId('cosigners-picked').getByText(cosigner.name).waitFor();
    await expect.poll(() => app.getByTestId('cosigner-option').count()).toBe(1);
    await screenshot(app, 'proposals-member-new');
    await app.getByTestId('submit-proposal').click();
    await expect.poll(() => app.getByTestId('proposal-status').textContent()).toBe('待审议');
    const proposalId = /\/proposals\/([0-9a-f-]{36})$/.exec(app.url())![1]!;
    expect(await app.getByTestId('cosigner-status').textContent()).toBe('待确认');
    await screenshot(app, 'proposals-member-submitted');

    // The co-signer opens the invitation from their messages and co-signs.
    await second.getByTestId('messages').click();
    await second.getByText('邀请您附议提案').click();
    await second.waitForURL(`**/proposals/${proposalId}`);
    await second.getByTestId('cosign-card').waitFor();
    await screenshot(second, 'proposals-member-cosign');
    await second.getByTestId('cosign-agree').click();
    await expect.poll(() => second.getByTestId('cosigner-status').textContent()).toBe('已附议');
    await cosignerPhone.close();

    // The committee accepts it and assigns it to the union, leaving the due date to the working calendar.
    const desk = await desktopContext(browser);
    const office = await desk.newPage();
    await staffSignIn(office, committee, 'officer-pass-1');
    await office.getByRole('menuitem', { name: '提案' }).click();
    await office.getByTestId('proposals-table').waitFor();
    const drawer = office.locator('.ant-drawer');
    const open = async (page: Page) => {
      await page.getByPlaceholder('按标题搜索').fill(suffix);
      await page.getByPlaceholder('按标题搜索').press('Enter');
      await page.getByRole('row', { name: new RegExp(suffix) }).click();
      await page.locator('.ant-drawer').getByTestId('proposal-status').waitFor();
    };
    await open(office);
    expect(await drawer.getByTestId('cosigner').textContent()).toContain('已附议');
    await screenshot(office, 'proposals-console-review');
    await drawer.getByTestId('action-review_accept').click();
    await confirm(office);
    await expect.poll(() => drawer.getByTestId('proposal-status').textContent()).toBe('已立案');
    await drawer.getByTestId('action-assign').click();
    const modal = office.locator('.ant-modal-wrap:visible');
    await modal.getByTestId('org-picker').click();
    await office.keyboard.type(union.name);
    await office.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: union.name }).click();
    await screenshot(office, 'proposals-console-assign');
    await confirm(office);
    await expect.poll(() => drawer.getByTestId('proposal-status').textContent()).toBe('办理中');
    expect(await drawer.getByTestId('proposal-handler').textContent()).toBe(union.name);
    expect(await drawer.getByTestId('proposal-due').textContent()).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // The handling body's officer finds it in their queue and answers.
    const handlerDesk = await desktopContext(browser);
    const body = await handlerDesk.newPage();
    await staffSignIn(body, handler, 'officer-pass-1');
    await body.getByRole('menuitem', { name: '提案' }).click();
    // Their queue holds it (assigned to their union); the link their notice carries opens it.
    await body.getByRole('row', { name: new RegExp(suffix) }).waitFor();
    await body.goto(`/console/proposals/${proposalId}`);
    const handlerDrawer = body.locator('.ant-drawer');
    await expect.poll(() => handlerDrawer.getByTestId('proposal-status').textContent()).toBe('办理中');
    await handlerDrawer.getByTestId('action-answer').click();
    // An empty answer is refused on the spot.
    await body
      .locator('.ant-modal-wrap:visible')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await body.getByText('请填写答复意见').waitFor();
    await body
      .getByTestId('action-reply')
      .fill('经研究，今年暑假起在莲湖、新城两区试点开设“阳光学堂”，由区工会与社区共同组织，费用由工会经费列支。');
    await confirm(body);
    await expect.poll(() => handlerDrawer.getByTestId('proposal-status').textContent()).toBe('已答复');
    await screenshot(body, 'proposals-console-answered');
    await handlerDesk.close();

    // The proposer reads the answer and rates it five stars, satisfied.
    await app.reload();
    await app.getByTestId('rating-card').waitFor();
    expect(await app.getByTestId('proposal-reply').textContent()).toContain('阳光学堂');
    expect(await app.getByTestId('rating-note').textContent()).toContain('重新交办一次');
    await app.getByTestId('proposal-rate').getByRole('radio', { name: '5', exact: true }).tap();
    await screenshot(app, 'proposals-member-rate');
    await app.getByTestId('submit-rating').click();
    await expect.poll(() => app.getByTestId('proposal-status').textContent()).toBe('已办结');
    expect(await app.getByTestId('proposal-rating-satisfied').textContent()).toBe('满意');
    await screenshot(app, 'proposals-member-closed');
    await phone.close();

    // The committee sees the loop closed: the state, the rating, and the term's figures.
    await office.reload();
    // The address kept the open proposal: it opens again as it is now.
    await expect.poll(() => drawer.getByTestId('proposal-status').textContent()).toBe('已办结');
    expect(await drawer.getByTestId('proposal-status').textContent()).toBe('已办结');
    expect(await drawer.getByTestId('proposal-rating-score').textContent()).toBe('5 星');
    expect(await drawer.getByTestId('proposal-rating-satisfied').textContent()).toBe('满意');
    await screenshot(office, 'proposals-console-closed');
    await drawer.locator('.ant-drawer-close').click();
    await office.getByTestId('congress-filter').click();
    await office.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: suffix }).click();
    await expect.poll(() => office.getByTestId('stat-closureRate').textContent()).toContain('100%');
    expect(await office.getByTestId('stat-closed').textContent()).toContain('1');
    await expectAccessible(office, 'console proposals with figures');
    await desk.close();
  });
});
