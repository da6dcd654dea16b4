import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  desktopContext,
  launch,
  memberApiToken,
  moveServerClock,
  screenshot,
  staffSignIn,
} from './browser.js';
import { call, cityWithStaff, confirm } from './programmes.js';

describe.runIf(browserAvailable)('benefit programmes 补助项目 in the console', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    // Whatever happened, the journeys after this one run on the real time.
    await moveServerClock(0);
    await browser?.close();
  });

  it('an officer configures a two-level programme, reviews, publishes, settles an objection, approves and pays', async () => {
    // Two officers (补助专干) made by the city's administrator as a federation would: one at the city, which runs the
    // programme and reviews its last level, and one at a grassroots union, which reviews first (and, as member
    // manager there too, finds members to apply for); and two members of that union.
    const { admin, suffix, union } = await cityWithStaff((suffix, union, cityOrgId) => [
      {
        username: `prog_city_${suffix}`,
        orgId: cityOrgId,
        displayName: '市总补助专干',
        roles: ['programme_officer'],
      },
      {
        username: `prog_union_${suffix}`,
        orgId: union.id,
        displayName: '基层补助专干',
        roles: ['programme_officer', 'member_manager'],
      },
    ]);
    const officer = `prog_city_${suffix}`;
    const reviewer = `prog_union_${suffix}`;
    const memberName = `赵建国${suffix.slice(-2)}`;
    const phone = `136${suffix}${suffix.slice(0, 2)}`;
    await call(admin.token, 'POST', '/api/v1/members', { name: memberName, phone, orgId: union.id }, 201);
    // A second member who has no phone app: the union's officer applies for her.
    const otherName = `钱秀兰${suffix.slice(-2)}`;
    const otherPhone = `135${suffix}${suffix.slice(0, 2)}`;
    await call(admin.token, 'POST', '/api/v1/members', { name: otherName, phone: otherPhone, orgId: union.id }, 201);

    // The officer configures the programme: 2 review levels, 1 day of public notice, 2,000 yuan each.
    const desk = await desktopContext(browser);
    const page = await desk.newPage();
    await staffSignIn(page, officer, 'officer-pass-1');
    await page.getByRole('menuitem', { name: '补助项目' }).click();
    await page.getByTestId('programmes-table').waitFor();
    await page.getByTestId('new-programme').click();
    const form = page.locator('.ant-modal-wrap:visible');
    await form.getByTestId('programme-title').fill(`困难职工临时补助 ${suffix}`);
    const day = 86_400_000;
    const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const window = form.locator('.ant-picker-range input');
    await window.nth(0).click();
    await window.nth(0).fill(`${date(Date.now() - day)} 00:00`);
    await window.nth(0).press('Enter');
    await window.nth(1).fill(`${date(Date.now() + 60 * day)} 00:00`);
    await window.nth(1).press('Enter');
    await form.getByTestId('review-levels').fill('2');
    // 31 days is more than the rules allow: the server's answer marks the field itself.
    await form.getByTestId('publicity-days').fill('31');
    await form.getByTestId('standard-amount').fill('2000');
    await form.getByTestId('standard-amount').press('Tab');
    await form.getByRole('button', { name: /确\s*定/ }).click();
    const daysItem = form.locator('.ant-form-item', { has: page.getByTestId('publicity-days') });
    await expect.poll(() => daysItem.getAttribute('class')).toContain('ant-form-item-has-error');
    await screenshot(page, 'console-programme-form-error');
    await form.getByTestId('publicity-days').fill('1');
    await form.getByTestId('publicity-days').press('Tab');
    await confirm(page);
    await page.getByTestId('programme-title').waitFor();
    const programmeId = /\/programmes\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    expect(await page.getByText('2 级审核').count()).toBeGreaterThan(0);
    expect(await page.getByText('公示 1 天').count()).toBeGreaterThan(0);

    // The member applies from the app (through the API here; the member app's journey covers the form).
    const memberToken = await memberApiToken(phone);
    const applied = await call<{ id: string; status: string; amountFen: number }>(
      memberToken,
      'POST',
      `/api/v1/programmes/${programmeId}/applications`,
      {
        payee: { bank: '中国工商银行西安分行', accountNo: '6222020200112233445' },
        details: { reason: '家属住院，医疗费用负担重' },
      },
      201,
    );
    expect([applied.status, applied.amountFen]).toEqual(['review_1', 200_000]);

    // The grassroots union's officer finds it in their queue and passes the first level.
    const unionDesk = await desktopContext(browser);
    const first = await unionDesk.newPage();
    await staffSignIn(first, reviewer, 'officer-pass-1');
    await first.getByRole('menuitem', { name: '补助项目' }).click();
    await first.getByRole('link', { name: `困难职工临时补助 ${suffix}` }).click();
    // The officer applies on the second member's behalf: find her, the same fields she would fill in.
    await first.getByTestId('apply-for-member').click();
    const applyForm = first.locator('.ant-modal-wrap:visible');
    await applyForm.getByTestId('apply-member').click();
    await first.keyboard.type(otherName);
    await first.locator('.ant-select-item-option', { hasText: `${otherName} · ` }).click();
    await applyForm.getByLabel('申请事由').fill('本人患病长期休养，收入减少');
    await applyForm.getByLabel('开户行').fill('中国建设银行西安分行');
    await applyForm.getByLabel('银行账号').fill('6217000011112222');
    await screenshot(first, 'console-apply-for-member');
    await confirm(first);
    await first.getByText(`已为 ${otherName} 提交申请`).waitFor();
    await first.getByTestId('awaiting-me').click();
    const firstDrawer = first.locator('.ant-drawer');
    // Her application lacks a document: returned with the reason, corrected, resubmitted for her, passed.
    await first.getByRole('row', { name: new RegExp(otherName) }).click();
    await expect.poll(() => firstDrawer.getByTestId('application-status').textContent()).toBe('待初审');
    await firstDrawer.getByTestId('action-review_return').click();
    await first.getByTestId('action-reason').fill('请补充医院诊断证明');
    await confirm(first);
    await expect.poll(() => firstDrawer.getByTestId('application-status').textContent()).toBe('已退回');
    await firstDrawer.getByTestId('application-timeline').getByText('请补充医院诊断证明').waitFor();
    await firstDrawer.getByTestId('action-resubmit').click();
    await first.getByTestId('action-note').fill('已补充医院诊断证明');
    await confirm(first);
    await expect.poll(() => firstDrawer.getByTestId('application-status').textContent()).toBe('待初审');
    await firstDrawer.getByTestId('action-review_pass').click();
    await confirm(first);
    await expect.poll(() => firstDrawer.getByTestId('application-status').textContent()).toBe('待第二级审核');
    await firstDrawer.locator('.ant-drawer-close').click();
    await firstDrawer.waitFor({ state: 'hidden' });

    await first.getByRole('row', { name: new RegExp(memberName) }).click();
    await expect.poll(() => firstDrawer.getByTestId('application-status').textContent()).toBe('待初审');
    // Payee masked on screen.
    expect(await firstDrawer.getByTestId('application-payee').textContent()).toBe('中国工商银行西安分行 ****3445');
    await screenshot(first, 'console-application-first-review');
    await firstDrawer.getByTestId('action-review_pass').click();
    await first.getByTestId('action-note').fill('材料齐全，情况属实');
    await confirm(first);
    await expect.poll(() => firstDrawer.getByTestId('application-status').textContent()).toBe('待第二级审核');
    await unionDesk.close();

    // The city's officer passes the second (last) level from their own queue.
    await page.getByRole('tab', { name: '申请' }).click();
    await page.getByTestId('awaiting-me').click();
    const drawer = page.locator('.ant-drawer');
    /** Opens a member's application from the list in the drawer. */
    const open = async (name: string) => {
      await page.getByRole('row', { name: new RegExp(name) }).click();
      await drawer.getByTestId('application-status').waitFor();
    };
    const closeDrawer = async () => {
      await drawer.locator('.ant-drawer-close').click();
      await drawer.waitFor({ state: 'hidden' });
    };
    for (const name of [memberName, otherName]) {
      await open(name);
      await expect.poll(() => drawer.getByTestId('application-status').textContent()).toBe('待第二级审核');
      await drawer.getByTestId('action-review_pass').click();
      await confirm(page);
      await expect.poll(() => drawer.getByTestId('application-status').textContent()).toBe('待公示');
      await closeDrawer();
    }

    // Publicity: the reviewed application is published in a notice with its hash; the chain verifies.
    await page.getByRole('tab', { name: '公示' }).click();
    await page.getByTestId('reviewed-table').getByRole('checkbox', { name: memberName }).check();
    await page.getByTestId('reviewed-table').getByRole('checkbox', { name: otherName }).check();
    await page.getByTestId('publish-notice').click();
    await page.getByTestId('notices-table').getByTestId('notice-state').waitFor();
    expect(await page.getByTestId('notice-state').textContent()).toBe('公示中');
    expect(await page.getByTestId('notices-table').getByRole('cell', { name: '2', exact: true }).count()).toBe(1);
    expect(await page.getByTestId('notice-hash').textContent()).toMatch(/^[0-9a-f]{16}…$/);
    const noticeId = /\/notices\/([0-9a-f-]{36})/.exec(
      (await page.getByTestId('notice-link').getAttribute('href'))!,
    )![1]!;
    await page.getByTestId('verify-chain').click();
    await expect.poll(() => page.getByTestId('verify-result').textContent()).toContain('公示链完整：已校验 1 份公示');
    await screenshot(page, 'console-programme-publicity');

    // Approval while the notice is open: the server's 409 is shown for what it is.
    await page.getByRole('tab', { name: '申请' }).click();
    await open(memberName);
    await expect.poll(() => drawer.getByTestId('application-status').textContent()).toBe('公示中');
    await drawer.getByTestId('action-approve').click();
    await confirm(page);
    await expect.poll(() => drawer.getByTestId('conflict').getAttribute('data-code')).toBe('PUBLICITY_OPEN');
    expect(await drawer.getByTestId('conflict').textContent()).toContain('公示期尚未结束');

    // A worker objects to the entry while the notice is open.
    await call(
      memberToken,
      'POST',
      `/api/v1/public/notices/${noticeId}/objections`,
      { content: '名单中有职工家庭收入情况与公示不符，请核实' },
      201,
    );

    // A day later (the server's clock moved on) the notice has closed; the officer signs in again.
    await moveServerClock(25 * 3_600_000);
    await staffSignIn(page, officer, 'officer-pass-1');
    await page.goto(`/console/programmes/${programmeId}?tab=publicity`);
    await expect.poll(() => page.getByTestId('notice-state').textContent()).toBe('已结束');

    // The objection still waits for its answer, so approval is refused…
    await page.getByRole('tab', { name: '申请' }).click();
    await open(memberName);
    await drawer.getByTestId('action-approve').click();
    await confirm(page);
    await expect.poll(() => drawer.getByTestId('conflict').getAttribute('data-code')).toBe('OBJECTION_PENDING');
    await screenshot(page, 'console-application-objection-pending');
    await closeDrawer();

    // …until the officer answers it.
    await page.getByRole('tab', { name: '公示' }).click();
    await page.getByTestId('objections-table').getByText('名单中有职工家庭收入情况与公示不符').waitFor();
    await page.getByTestId('answer-objection').click();
    await page.getByTestId('objection-answer').fill('经入户核实，该职工家庭人均收入低于当地标准，情况属实。');
    await confirm(page);
    await page.getByTestId('only-unanswered').click();
    await page.getByTestId('objections-table').getByText('经入户核实').waitFor();

    await page.getByRole('tab', { name: '申请' }).click();
    for (const name of [memberName, otherName]) {
      await open(name);
      await drawer.getByTestId('action-approve').click();
      await confirm(page);
      await expect.poll(() => drawer.getByTestId('application-status').textContent()).toBe('已审批');
      if (name === memberName) await screenshot(page, 'console-application-approved');
      await closeDrawer();
    }
    // The ledger in Excel, with the page's filters (here: approved).
    await page.getByTestId('status-filter').click();
    await page.locator('.ant-select-item-option', { hasText: '已审批' }).click();
    await page.getByRole('row', { name: new RegExp(otherName) }).waitFor();
    const [ledger] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-applications').click(),
    ]);
    const ledgerBook = new ExcelJS.Workbook();
    await ledgerBook.xlsx.load(fs.readFileSync((await ledger.path())!) as unknown as ArrayBuffer);
    const ledgerSheet = ledgerBook.worksheets[0]!;
    const ledgerHeadings = (ledgerSheet.getRow(1).values as unknown[]).slice(1);
    const ledgerRows = Array.from({ length: ledgerSheet.rowCount - 1 }, (_, i) => ledgerSheet.getRow(i + 2));
    const ledgerCell = (row: ExcelJS.Row, heading: string) => row.getCell(ledgerHeadings.indexOf(heading) + 1).value;
    expect(ledgerRows.map((r) => ledgerCell(r, '会员')).sort()).toEqual([memberName, otherName].sort());
    expect(ledgerRows.map((r) => [ledgerCell(r, '状态'), ledgerCell(r, '金额（元）')])).toEqual([
      ['已审批', 2000],
      ['已审批', 2000],
    ]);

    // Disbursement: a batch, its bank file (the whole account number only there), the bank's answer.
    await page.getByRole('tab', { name: '发放' }).click();
    await page.getByTestId('create-batch').click();
    await page.getByTestId('payments-table').waitFor();
    expect(await page.getByTestId('batch-total').textContent()).toBe('¥4,000.00');
    await page.getByTestId('payment-account').nth(1).waitFor(); // the rows arrive as their own page
    expect((await page.getByTestId('payment-account').allTextContents()).sort()).toEqual(['****2222', '****3445']);
    await screenshot(page, 'console-disbursement-batch');
    const [bankFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bank-file').click()]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(fs.readFileSync((await bankFile.path())!) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const headings = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(sheet.rowCount).toBe(3);
    const bankRow = [2, 3]
      .map((n) => sheet.getRow(n))
      .find((r) => r.getCell(headings.indexOf('收款人') + 1).value === memberName)!;
    const cell = (heading: string) => bankRow.getCell(headings.indexOf(heading) + 1).value;
    expect(cell('收款人')).toBe(memberName);
    expect(cell('开户行')).toBe('中国工商银行西安分行');
    expect(cell('账号')).toBe('6222020200112233445');
    expect(cell('金额（元）')).toBe(2000);

    // The bank paid one and refused the other (a closed account): that one is issued again in a new batch.
    const payments = page.getByTestId('payments-table');
    const statusOf = (name: string) =>
      payments.getByRole('row', { name: new RegExp(name) }).getByTestId('payment-status');
    await payments.getByRole('checkbox', { name: memberName }).check();
    await page.getByTestId('mark-paid').click();
    await expect.poll(() => statusOf(memberName).textContent()).toBe('已到账');
    await payments.getByRole('checkbox', { name: otherName }).check();
    await page.getByTestId('mark-failed').click();
    await page.getByTestId('fail-reason').fill('账户已销户');
    await confirm(page);
    await expect.poll(() => statusOf(otherName).textContent()).toBe('失败');
    const firstBatch = page.url();
    await page.getByTestId('reissue').click();
    await expect.poll(() => page.url()).not.toBe(firstBatch);
    await expect.poll(() => page.getByTestId('batch-total').textContent()).toBe('¥2,000.00');
    await payments.getByRole('row', { name: new RegExp(otherName) }).waitFor();
    expect(
      await payments
        .getByRole('row', { name: new RegExp(otherName) })
        .getByRole('cell', { name: '2', exact: true })
        .count(),
    ).toBe(1);
    await payments.getByRole('checkbox', { name: otherName }).check();
    await page.getByTestId('mark-paid').click();
    await expect.poll(() => statusOf(otherName).textContent()).toBe('已到账');

    // Reconciliation: two approved, two paid, 4,000.00 yuan each way, nothing left over.
    await page.getByRole('button', { name: /返\s*回/ }).click();
    // Both batches are listed from the server, newest first, with what each paid.
    await expect.poll(() => page.locator('.ant-list-item').count()).toBe(2);
    expect(await page.locator('.ant-list-item').first().textContent()).toContain('已到账 1');
    await page.getByRole('tab', { name: '对账' }).click();
    await expect.poll(() => page.getByTestId('recon-paid-fen').textContent()).toBe('¥4,000.00');
    expect(await page.getByTestId('recon-approved-fen').textContent()).toBe('¥4,000.00');
    expect(await page.getByTestId('recon-approved').locator('.ant-statistic-content-value').textContent()).toBe('2');
    expect(await page.getByTestId('recon-paid').locator('.ant-statistic-content-value').textContent()).toBe('2');
    expect(await page.getByTestId('recon-failed').locator('.ant-statistic-content-value').textContent()).toBe('0');
    expect(await page.getByTestId('recon-unbatched').locator('.ant-statistic-content-value').textContent()).toBe('0');
    expect(await page.getByTestId('recon-balance').textContent()).toContain('账目平衡');
    await screenshot(page, 'console-programme-reconciliation');

    // The member's application has reached its end: paid.
    const final = await call<{ status: string }>(
      memberToken,
      'GET',
      `/api/v1/applications/${applied.id}`,
      undefined,
      200,
    );
    expect(final.status).toBe('disbursed');
    await desk.close();
  });
});
