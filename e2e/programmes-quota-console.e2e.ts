import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './axe.js';
import { browserAvailable, desktopContext, launch, moveServerClock, screenshot, staffSignIn } from './browser.js';
import { call, cityWithStaff, confirm } from './programmes.js';

/** Picks a member in the open dialog's member search by name. */
async function pickMember(page: Page, name: string): Promise<void> {
  const dialog = page.locator('.ant-modal-wrap:visible');
  await dialog.getByTestId('apply-member').click();
  await page.keyboard.type(name);
  // The search settles a moment after typing: pick from its answer, not from the list before it.
  const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  await expect
    .poll(async () => {
      const texts = await options.allTextContents();
      return texts.length > 0 && texts.every((text) => text.startsWith(`${name} · `));
    })
    .toBe(true);
  await options.first().click();
  await expect.poll(() => dialog.locator('.ant-select-selection-item').first().textContent()).toContain(name);
}

const day = 86_400_000;
const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe.runIf(browserAvailable)('the model-worker register and a quota programme 劳模疗休养 in the console', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    // Whatever happened, the journeys after this one run on the real time.
    await moveServerClock(0);
    await browser?.close();
  });

  it('an officer registers and checks a model worker, then allocates two places of a recuperation trip by priority, gives one back, marks attendance and exports the list', async () => {
    // A programme officer (补助专干) of the city, made by its administrator, and three members of one of its unions.
    const { admin, suffix, union } = await cityWithStaff((suffix, _union, cityOrgId) => [
      {
        username: `quota_city_${suffix}`,
        orgId: cityOrgId,
        displayName: '市总补助专干',
        roles: ['programme_officer'],
      },
    ]);
    const officer = `quota_city_${suffix}`;
    // Arrival order: 王 first, then 李, then the model worker 张 last — the priority list puts 张 first all the same.
    const names = [`王春花${suffix.slice(-2)}`, `李振华${suffix.slice(-2)}`, `张德明${suffix.slice(-2)}`] as const;
    const [first, second, modelWorker] = names;
    const phones = names.map((_, i) => `137${suffix}${i}${suffix.slice(0, 1)}`);
    for (const [i, name] of names.entries())
      await call(
        admin.token,
        'POST',
        '/api/v1/members',
        { name, phone: phones[i], orgId: union.id, employer: '西安重型机械厂' },
        201,
      );

    const desk = await desktopContext(browser);
    const page = await desk.newPage();
    await staffSignIn(page, officer, 'officer-pass-1');

    // 劳模名册: 张 goes on the register as a provincial model worker; the year's check (年度核查) is recorded.
    await page.getByRole('menuitem', { name: '劳模名册' }).click();
    await page.getByTestId('model-workers-table').waitFor();
    await page.getByTestId('add-model-worker').click();
    const addForm = page.locator('.ant-modal-wrap:visible');
    await pickMember(page, modelWorker);
    await addForm.getByTestId('honour-level').click();
    await page.locator('.ant-select-item-option', { hasText: '省部级' }).click();
    await addForm.getByTestId('honour-title').fill('陕西省劳动模范');
    await addForm.getByTestId('awarded-year').fill('2018');
    await screenshot(page, 'console-model-worker-add');
    await confirm(page);
    const drawer = page.locator('.ant-drawer');
    await drawer.getByTestId('entry-status-tag').waitFor();
    expect(await drawer.getByTestId('entry-status-tag').textContent()).toBe('在册');
    expect(await drawer.getByText('西安重型机械厂').count()).toBe(1); // the workplace defaults to the employer
    await drawer.getByText('尚无核查记录').waitFor();
    // Not checked this year: the "yearly check to do" filter lists 张.
    const year = Number(new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' }).slice(0, 4));
    await drawer.getByTestId('check-entry').click();
    const checkForm = page.locator('.ant-modal-wrap:visible');
    expect(await checkForm.getByTestId('check-year').inputValue()).toBe(String(year));
    await checkForm.getByTestId('check-note').fill('本人在岗，荣誉信息与档案一致');
    await confirm(page);
    await drawer.getByTestId('entry-check').waitFor();
    expect(await drawer.getByTestId('entry-check').textContent()).toContain(`${year} · 核实无变化`);
    expect(await drawer.getByTestId('entry-check').textContent()).toContain('本人在岗，荣誉信息与档案一致');
    await screenshot(page, 'console-model-worker-checked');
    await expectAccessible(page, 'console model-worker entry with its check');
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });
    await page.getByTestId('model-worker-search').fill(modelWorker);
    await page.getByTestId('model-worker-search').press('Enter');
    const registerRow = page.getByTestId('model-workers-table').getByRole('row', { name: new RegExp(modelWorker) });
    await expect.poll(() => registerRow.getByTestId('row-checked').textContent()).toBe(String(year));
    // Checked for this year: the "still to do" filter leaves 张 out.
    await page.getByTestId('unchecked-filter').click();
    await page.locator('.ant-select-item-option', { hasText: `${year} 年未核查` }).click();
    await expect.poll(() => registerRow.count()).toBe(0);
    await expectAccessible(page, 'console model-worker register');

    // The register in Excel: the template, a unit's list with one good row and one naming no member of the city.
    await page.getByTestId('open-import').click();
    const importDialog = page.getByRole('dialog');
    const [template] = await Promise.all([
      page.waitForEvent('download'),
      importDialog.getByRole('button', { name: '下载模板' }).click(),
    ]);
    const templateBook = new ExcelJS.Workbook();
    await templateBook.xlsx.load(fs.readFileSync((await template.path())!) as unknown as ArrayBuffer);
    const templateHeadings = (templateBook.worksheets[0]!.getRow(1).values as unknown[]).slice(1);
    expect(templateHeadings).toEqual(expect.arrayContaining(['姓名', '手机号', '荣誉级别', '荣誉称号', '获得年份']));
    const list = new ExcelJS.Workbook();
    const listSheet = list.addWorksheet('劳模名册');
    listSheet.addRow(['姓名', '手机号', '荣誉级别', '荣誉称号', '获得年份']);
    listSheet.addRow([first, phones[0], '市级', '西安市劳动模范', 2021]);
    listSheet.addRow(['查无此人', '13700000001', '省部级', '陕西省劳动模范', 2020]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'su-model-workers-')), '劳模名册.xlsx');
    await list.xlsx.writeFile(file);
    await importDialog.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('import-progress').waitFor();
    await page.getByText(/导入完成/).waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-status').textContent()).toBe('导入完成：成功 1 行，失败 1 行');
    const importErrors = page.getByTestId('import-errors');
    expect(await importErrors.locator('tbody td:nth-child(1)').allTextContents()).toEqual(['3']);
    await page.mouse.move(0, 0); // off the template link, whose hover colour is a passing state
    await screenshot(page, 'console-model-worker-import');
    const [report] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载错误报告' }).click(),
    ]);
    const reportBook = new ExcelJS.Workbook();
    await reportBook.xlsx.load(fs.readFileSync((await report.path())!) as unknown as ArrayBuffer);
    expect(reportBook.worksheets[0]!.rowCount).toBeGreaterThanOrEqual(2);
    await page.getByRole('button', { name: /取\s*消/ }).click();
    await page.getByTestId('model-worker-search').fill(first);
    await page.getByTestId('model-worker-search').press('Enter');
    await page
      .getByTestId('model-workers-table')
      .getByRole('row', { name: new RegExp(first) })
      .waitFor();
    expect(
      await page
        .getByTestId('model-workers-table')
        .getByRole('row', { name: new RegExp(first) })
        .textContent(),
    ).toContain('市级');

    // A recuperation trip (劳模疗休养) with 2 places: model workers of provincial level first, then first come.
    await page.getByRole('menuitem', { name: '补助项目' }).click();
    await page.getByTestId('new-programme').click();
    const form = page.locator('.ant-modal-wrap:visible');
    await form.getByTestId('programme-kind').click();
    await page.locator('.ant-select-item-option', { hasText: '劳模疗休养' }).click();
    const title = `劳模疗休养（延安）${suffix}`;
    await form.getByTestId('programme-title').fill(title);
    const window = form.locator('.ant-picker-range input');
    await window.nth(0).click();
    await window.nth(0).fill(`${date(Date.now() - day)} 00:00`);
    await window.nth(0).press('Enter');
    await window.nth(1).fill(`${date(Date.now() + 2 * day)} 00:00`);
    await window.nth(1).press('Enter');
    await form.getByTestId('quota-places').fill('2');
    // An event day before signups close is refused, and the server's answer marks the field itself.
    const eventInput = form.getByTestId('quota-event-date');
    await eventInput.click();
    await eventInput.fill(date(Date.now()));
    await eventInput.press('Enter');
    await form.getByRole('button', { name: /确\s*定/ }).click();
    const eventItem = form.locator('.ant-form-item', { has: page.getByTestId('quota-event-date') });
    await expect.poll(() => eventItem.getAttribute('class')).toContain('ant-form-item-has-error');
    const eventDate = date(Date.now() + 5 * day);
    await eventInput.click();
    await eventInput.fill(eventDate);
    await eventInput.press('Enter');
    await form.getByTestId('quota-priority').click();
    await page.locator('.ant-select-item-option', { hasText: '劳模荣誉等级' }).click();
    await form.getByTestId('quota-levels').click();
    await page.locator('.ant-select-item-option', { hasText: '省部级' }).click();
    await form.getByTestId('quota-places').click(); // closes the open list
    await screenshot(page, 'console-quota-programme-form');
    await confirm(page);
    await page.getByTestId('programme-title').waitFor();
    const programmeId = /\/programmes\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    expect(await page.getByTestId('quota-places').textContent()).toBe('2 个名额');
    // Places, not money: the signups tab alone.
    expect(await page.getByRole('tab').allTextContents()).toEqual(['报名与名额']);

    // The officer signs the three members up, in arrival order.
    for (const name of names) {
      await page.getByTestId('sign-up-member').click();
      await pickMember(page, name);
      await confirm(page);
      await page.getByText(`已为 ${name} 报名`).waitFor();
    }
    const table = page.getByTestId('signups-table');
    const row = (name: string) => table.getByRole('row', { name: new RegExp(name) });
    await expect.poll(() => table.getByTestId('signup-status').count()).toBe(3);
    // The register decided 张's honour level.
    expect(await row(modelWorker).textContent()).toContain('省部级');
    const figure = (key: string) =>
      page.getByTestId(`allocation-${key}`).locator('.ant-statistic-content-value').textContent();
    await expect.poll(() => figure('applied')).toBe('3');

    // Before the ranking the officer corrects what was declared: 李 works on the front line (the employer's letter).
    await row(second).getByTestId('action-correct').click();
    const correctForm = page.locator('.ant-modal-wrap:visible');
    await correctForm.getByTestId('correct-front-line').click();
    await correctForm.getByTestId('correct-note').fill('单位出具证明：一线操作岗位');
    await confirm(page);
    // Its front-line cell says so (first time is decided by the allocation: not yet).
    await expect.poll(() => row(second).getByRole('cell', { name: '是', exact: true }).count()).toBe(1);

    // Signups are still open: the allocation is refused, and the page says why.
    await page.getByTestId('allocate').click();
    await expect.poll(() => page.getByTestId('quota-conflict').getAttribute('data-code')).toBe('PROGRAMME_STILL_OPEN');
    expect(await page.getByTestId('quota-conflict').textContent()).toContain('报名尚未截止');
    await screenshot(page, 'console-quota-still-open');

    // Three days later signups have closed (the event is two days off): the officer allocates.
    await moveServerClock(3 * day);
    await staffSignIn(page, officer, 'officer-pass-1');
    await page.goto(`/console/programmes/${programmeId}?tab=signups`);
    await page.getByTestId('allocate').click();
    await page.getByText('新分配名额 2 个，新进入候补 1 人').waitFor();
    await expect.poll(() => row(modelWorker).getByTestId('signup-place').textContent()).toBe('1');
    expect(await row(first).getByTestId('signup-place').textContent()).toBe('2');
    expect(await row(second).getByTestId('signup-status').textContent()).toBe('候补中');
    expect(await row(second).getByTestId('signup-waiting').textContent()).toBe('1');
    await expect.poll(() => figure('free')).toBe('0');
    expect(await figure('waitlisted')).toBe('1');
    await screenshot(page, 'console-quota-allocated');
    await expectAccessible(page, 'console quota signups after the allocation');

    // 王 cannot go: the officer cancels the place with the reason; 李, first on the waiting list, takes place 2.
    await row(first).getByTestId('action-cancel').click();
    await page.getByTestId('signup-action-text').fill('本人因工作安排无法参加');
    await confirm(page);
    await page.getByTestId('promotion').waitFor();
    expect(await page.getByTestId('promotion').textContent()).toBe(
      `第 2 号名额由 ${first} 让出，已由候补 ${second} 递补`,
    );
    await expect.poll(() => row(second).getByTestId('signup-status').textContent()).toBe('已获名额');
    expect(await row(second).getByTestId('signup-place').textContent()).toBe('2');
    expect(await row(first).getByTestId('signup-status').textContent()).toBe('已取消');
    // 李's timeline: signed up, put on the waiting list, promoted by the system.
    await row(second).getByTestId('open-signup').click();
    const signupDrawer = page.locator('.ant-drawer');
    await expect
      .poll(() => signupDrawer.getByTestId('signup-timeline').locator('.ant-timeline-item').allTextContents())
      .toEqual([
        expect.stringContaining('报名'),
        expect.stringContaining('进入候补'),
        expect.stringMatching(/候补递补.*已获名额 · 系统自动/),
      ]);
    await screenshot(page, 'console-quota-signup-promoted');
    await signupDrawer.locator('.ant-drawer-close').click();
    await signupDrawer.waitFor({ state: 'hidden' });

    // Before the event day attendance is refused.
    await row(modelWorker).getByRole('checkbox').check();
    await page.getByTestId('mark-attended').click();
    await expect.poll(() => page.getByTestId('quota-conflict').getAttribute('data-code')).toBe('EVENT_NOT_HELD');
    await page.getByTestId('quota-conflict').locator('.ant-alert-close-icon').click();

    // After the event day: 张 came (marked from the list), 李 did not (marked on the row).
    await moveServerClock(6 * day);
    await staffSignIn(page, officer, 'officer-pass-1');
    await page.goto(`/console/programmes/${programmeId}?tab=signups`);
    await row(modelWorker).getByRole('checkbox').check();
    await page.getByTestId('mark-attended').click();
    await page.getByText('已登记：参加 1 人，缺席 0 人').waitFor();
    await row(second).getByTestId('action-absent').click();
    await confirm(page);
    await expect.poll(() => row(second).getByTestId('signup-status').textContent()).toBe('缺席');
    await expect.poll(() => row(modelWorker).getByTestId('signup-status').textContent()).toBe('已参加');
    await expect.poll(() => figure('attended')).toBe('1');
    expect(await figure('absent')).toBe('1');
    await screenshot(page, 'console-quota-attendance');

    // The allocation list in Excel, in rank order, with what happened to each place.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-signups').click()]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const headings = (sheet.getRow(1).values as unknown[]).slice(1);
    const rows = Array.from({ length: sheet.rowCount - 1 }, (_, i) => sheet.getRow(i + 2));
    const cell = (r: ExcelJS.Row, heading: string) => r.getCell(headings.indexOf(heading) + 1).value ?? null;
    expect(rows.map((r) => [cell(r, '排序'), cell(r, '姓名'), cell(r, '状态'), cell(r, '名额号')])).toEqual([
      [1, modelWorker, '已参加', 1],
      [2, first, '已取消', null],
      [3, second, '缺席', 2],
    ]);
    expect(cell(rows[0]!, '劳模荣誉')).toBe('省部级');

    // Back on the register: 张 has died; the entry takes the status with its date.
    await page.getByRole('menuitem', { name: '劳模名册' }).click();
    await page.getByTestId('model-worker-search').fill(modelWorker);
    await page.getByTestId('model-worker-search').press('Enter');
    await page
      .getByTestId('model-workers-table')
      .getByRole('row', { name: new RegExp(modelWorker) })
      .click();
    await drawer.getByTestId('edit-entry').click();
    const editForm = page.locator('.ant-modal-wrap:visible');
    await editForm.getByText('已故', { exact: true }).click();
    await editForm.getByTestId('status-date').click();
    await editForm.getByTestId('status-date').fill(date(Date.now()));
    await editForm.getByTestId('status-date').press('Enter');
    await confirm(page);
    await expect.poll(() => drawer.getByTestId('entry-status-tag').textContent()).toBe('已故');
    expect(await drawer.getByTestId('entry-status-date').textContent()).toBe(date(Date.now()));
    await desk.close();
  });
});
