import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { PNG } from 'pngjs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baseUrl,
  browserAvailable,
  desktopContext,
  launch,
  memberApiToken,
  screenshot,
  staffSignIn,
} from './browser.js';
import { call, cityWithStaff, confirm } from './programmes.js';

const day = 86_400_000;
const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const hasError = (item: Locator) => item.getAttribute('class');

/** Opens the create dialog and fills what every programme has: kind, title, a window open since two days ago. */
async function newProgramme(page: Page, kind: string, title: string): Promise<Locator> {
  await page.getByRole('menuitem', { name: '补助项目' }).click();
  await page.getByTestId('programmes-table').waitFor();
  await page.getByTestId('new-programme').click();
  const form = page.locator('.ant-modal-wrap:visible');
  await form.getByTestId('programme-kind').click();
  await page.locator('.ant-select-item-option', { hasText: kind }).click();
  await form.getByTestId('programme-title').fill(title);
  const window = form.locator('.ant-picker-range input');
  await window.nth(0).click();
  await window.nth(0).fill(`${date(Date.now() - 2 * day)} 00:00`);
  await window.nth(0).press('Enter');
  await window.nth(1).fill(`${date(Date.now() + 60 * day)} 00:00`);
  await window.nth(1).press('Enter');
  return form;
}

/** The id of the programme whose page the create dialog led to. */
async function createdProgramme(page: Page, form: Locator): Promise<string> {
  await form.getByRole('button', { name: /确\s*定/ }).click();
  await form.waitFor({ state: 'hidden' });
  await page.getByTestId('programme-title').waitFor();
  return /\/programmes\/([0-9a-f-]{36})/.exec(page.url())![1]!;
}

describe.runIf(browserAvailable)('医疗互助 and 勤工俭学 in the console', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('an officer runs a mutual-aid programme (tiers, enrolment, a capped claim) and a work-study one (a day at the cap)', async () => {
    // A programme officer (补助专干) of the city, made by the city's administrator, and a member of one of its unions.
    const { admin, suffix, union } = await cityWithStaff((suffix, _union, cityOrgId) => [
      {
        username: `prog_kinds_${suffix}`,
        orgId: cityOrgId,
        displayName: '市总补助专干',
        roles: ['programme_officer'],
      },
    ]);
    const officer = `prog_kinds_${suffix}`;
    const memberName = `孙卫东${suffix.slice(-2)}`;
    const phone = `137${suffix}${suffix.slice(0, 2)}`;
    const member = await call<{ id: string }>(
      admin.token,
      'POST',
      '/api/v1/members',
      { name: memberName, phone, orgId: union.id },
      201,
    );

    // A colleague enrolled from the unit's Excel list (参保名单), next to a row naming no member.
    const colleagueName = `周桂芳${suffix.slice(-2)}`;
    const colleaguePhone = `138${suffix}${suffix.slice(0, 2)}`;
    await call(
      admin.token,
      'POST',
      '/api/v1/members',
      { name: colleagueName, phone: colleaguePhone, orgId: union.id },
      201,
    );
    const list = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'su-enrol-')), '参保名单.xlsx');
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('参保名单');
    sheet.addRow(['姓名', '身份证号', '手机号']);
    sheet.addRow([colleagueName, '', colleaguePhone]);
    sheet.addRow(['查无此人', '', `139${suffix}00`]);
    await wb.xlsx.writeFile(list);

    const desk = await desktopContext(browser);
    const page = await desk.newPage();
    await staffSignIn(page, officer, 'officer-pass-1');

    // 医疗互助: two bands of each bill's self-paid part — up to 10,000 yuan at 50 %, above it at 80 % — and at most
    // 6,000 yuan per member. A band ending at 0 yuan is refused by the server, on that band's own field.
    const form = await newProgramme(page, '医疗互助', `职工医疗互助 ${suffix}`);
    await form.getByTestId('tier-upto-1').fill('0');
    await form.getByTestId('tier-percent-2').fill('80');
    await form.getByTestId('rules-member-cap').fill('6000');
    await form.getByTestId('rules-member-cap').press('Tab');
    await form.getByRole('button', { name: /确\s*定/ }).click();
    const firstBand = form.locator('.ant-form-item', { has: page.getByTestId('tier-upto-1') });
    await expect.poll(() => hasError(firstBand)).toContain('ant-form-item-has-error');
    await screenshot(page, 'console-mutual-aid-form-error');
    await form.getByTestId('tier-upto-1').fill('10000');
    await form.getByTestId('tier-upto-1').press('Tab');
    const mutualAidId = await createdProgramme(page, form);
    const programme = await call<{ rules: { mutualAid: unknown } }>(
      admin.token,
      'GET',
      `/api/v1/programmes/${mutualAidId}`,
      undefined,
      200,
    );
    expect(programme.rules.mutualAid).toEqual({
      tiers: [{ uptoFen: 1_000_000, percent: 50 }, { percent: 80 }],
      perMemberCapFen: 600_000,
    });
    expect(await page.getByTestId('programme-tiers').innerText()).toMatch(
      /¥0\.00 – ¥10,000\.00 50%\s*¥10,000\.00 以上 80%/,
    );

    // The member is enrolled (参保), found by name with the member picker.
    await page.getByRole('tab', { name: '参保与理赔' }).click();
    await page.getByTestId('enrol-member').click();
    const enrolForm = page.locator('.ant-modal-wrap:visible');
    await enrolForm.getByTestId('enrol-member-picker').click();
    await page.keyboard.type(memberName);
    await page.locator('.ant-select-item-option', { hasText: `${memberName} · ` }).click();
    await confirm(page);
    await page.getByText(`${memberName} 已参保`).waitFor();
    await page.getByTestId('enrolments-table').getByRole('cell', { name: memberName, exact: true }).waitFor();

    await page.getByTestId('import-enrolments').click();
    const importer = page.getByRole('dialog');
    await importer.locator('input[type=file]').setInputFiles(list);
    await page.getByText(/导入完成/).waitFor({ timeout: 60_000 });
    const status = await page.getByTestId('import-status').textContent();
    expect(status).toContain('成功 1 行');
    expect(status).toContain('失败 1 行');
    expect(await page.getByTestId('import-errors').locator('tbody tr').count()).toBe(1);
    await screenshot(page, 'console-mutual-aid-import');
    await importer.getByRole('button', { name: /取\s*消/ }).click();
    await page.getByTestId('enrolments-table').getByRole('cell', { name: colleagueName, exact: true }).waitFor();

    // A claim for the member: a 30,000 yuan stay, 12,000 paid by basic insurance and 3,000 by major-illness insurance,
    // leaves 15,000 self-paid: 10,000 × 50 % + 5,000 × 80 % = 9,000 yuan by the tiers, capped at the 6,000 left.
    await page.getByTestId(`claim-for-${member.id}`).click();
    const claim = page.locator('.ant-modal-wrap:visible');
    await claim.getByTestId('bill-total-1').fill('30000');
    await claim.getByTestId('bill-basic-1').fill('12000');
    await claim.getByTestId('bill-major-1').fill('3000');
    await claim.getByLabel('入院日期').fill(date(Date.now()));
    await claim.getByLabel('入院日期').press('Enter');
    await claim.getByTestId('bill-hospital-1').fill('西安交通大学第一附属医院');
    await claim.getByTestId('submit-claim').click();
    await claim.getByTestId('claim-result').waitFor();
    expect(await claim.getByTestId('claim-computed').textContent()).toBe('¥9,000.00');
    expect(await claim.getByTestId('claim-cap-used').textContent()).toBe('¥0.00');
    expect(await claim.getByTestId('claim-cap-left').textContent()).toBe('¥6,000.00');
    expect(await claim.getByTestId('claim-amount').textContent()).toBe('¥6,000.00');
    expect(await claim.getByTestId('claim-capped').textContent()).toBe('已按剩余额度封顶');
    const bands = claim.getByTestId('claim-bill-1-tiers');
    // Each band: its range, percent, the part of the bill in it, what it pays.
    const bandRows = bands.locator('tbody tr');
    expect(await bandRows.nth(0).innerText()).toMatch(/¥0\.00 – ¥10,000\.00\s+50%\s+¥10,000\.00\s+¥5,000\.00/);
    expect(await bandRows.nth(1).innerText()).toMatch(/¥10,000\.00 以上\s+80%\s+¥5,000\.00\s+¥4,000\.00/);
    await screenshot(page, 'console-mutual-aid-claim');
    await claim.getByTestId('submit-claim').click();
    await claim.waitFor({ state: 'hidden' });

    // The claim is an application of the programme: the drawer shows its bill and computation.
    await page.getByRole('tab', { name: '申请' }).click();
    await page.getByRole('row', { name: new RegExp(memberName) }).click();
    const drawer = page.locator('.ant-drawer');
    expect(await drawer.getByTestId('application-amount').textContent()).toBe('¥6,000.00');
    expect(await drawer.getByTestId('claim-computed').textContent()).toBe('¥9,000.00');
    await drawer.getByText('西安交通大学第一附属医院').waitFor();
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });

    // 劳模三金: the fund, who may apply, the year's standard per honour level; 金秋助学: the groups it serves.
    const fund = await newProgramme(page, '劳模专项资金', `劳模生活困难补助金 ${suffix}`);
    await fund.getByTestId('rules-fund').click();
    await page.locator('.ant-select-item-option', { hasText: '劳模生活困难补助金' }).click();
    await fund.getByTestId('standard-amount').fill('3000');
    await fund.getByLabel('全国级标准（元）').fill('6000');
    await fund.getByTestId('review-levels').fill('3');
    await fund.getByTestId('review-levels').press('Tab');
    for (const [i, name] of ['基层工会初审', '主席办公会', '党组会'].entries())
      await fund.getByTestId(`step-name-${i + 1}`).fill(name);
    await fund.getByText('基层工会初审后，其余各级均由主办组织审核').click();
    await screenshot(page, 'console-model-worker-fund-form');
    const fundId = await createdProgramme(page, fund);
    expect(await page.getByTestId('programme-steps').textContent()).toBe('基层工会初审 → 主席办公会 → 党组会');
    await screenshot(page, 'console-model-worker-fund-programme');
    const fundRules = await call<{ rules: Record<string, unknown> }>(
      admin.token,
      'GET',
      `/api/v1/programmes/${fundId}`,
      undefined,
      200,
    );
    expect(fundRules.rules).toMatchObject({
      reviewLevels: 3,
      reviewStepNames: ['基层工会初审', '主席办公会', '党组会'],
      reviewChainShape: 'union_then_programme',
      standardAmountFen: 300_000,
      modelWorkerFund: {
        fund: 'living_hardship',
        standardFenByHonourLevel: { national: 600_000 },
        requireYearlyCheck: true,
      },
    });
    const aid = await newProgramme(page, '金秋助学', `金秋助学 ${suffix}`);
    await aid.getByLabel('劳模子女').check();
    await aid.getByLabel('新就业形态劳动者子女').check();
    await screenshot(page, 'console-student-aid-form');
    const aidId = await createdProgramme(page, aid);
    const aidRules = await call<{ rules: Record<string, unknown> }>(
      admin.token,
      'GET',
      `/api/v1/programmes/${aidId}`,
      undefined,
      200,
    );
    expect(aidRules.rules.studentAid).toEqual({ groups: ['model_worker_child', 'platform_worker_child'] });

    // 勤工俭学: one review step named 市总工会审核, no public notice, the seed's caps (150 yuan a day, 3,000 a month).
    const ws = await newProgramme(page, '勤工俭学', `暑期勤工俭学 ${suffix}`);
    await ws.getByTestId('publicity-days').fill('0');
    await ws.getByTestId('step-name-1').fill('市总工会审核');
    expect(await ws.getByTestId('rules-per-day').inputValue()).toBe('150.00');
    const workStudyId = await createdProgramme(page, ws);
    expect(await page.getByTestId('programme-steps').textContent()).toBe('市总工会审核');

    // The member's child has a placement at the union (the member app's form, through the API here).
    const memberToken = await memberApiToken(phone);
    // With the student's card as a document, uploaded from the app before applying.
    const card = new PNG({ width: 40, height: 30 });
    card.data.fill(200);
    const upload = new FormData();
    upload.append('file', new Blob([PNG.sync.write(card)], { type: 'image/png' }), '学生证.png');
    const uploaded = await fetch(`${baseUrl()}/api/v1/programmes/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${memberToken}` },
      body: upload,
    });
    expect(uploaded.status).toBe(201);
    const document = (await uploaded.json()) as { id: string };
    const student = `孙小雨${suffix.slice(-2)}`;
    await call(
      memberToken,
      'POST',
      `/api/v1/programmes/${workStudyId}/applications`,
      {
        details: {
          jobType: 'social_practice',
          employerOrgId: union.id,
          post: '档案整理助理',
          student: { name: student, school: '西北大学' },
        },
        attachmentIds: [document.id],
      },
      201,
    );

    // The officer reviews and approves it: the drawer names the step and says the placement in words.
    await page.reload();
    await page.getByRole('row', { name: new RegExp(memberName) }).click();
    await expect.poll(() => drawer.getByTestId('application-step').textContent()).toBe('市总工会审核');
    await drawer.getByText('社会实践岗').waitFor();
    await drawer.getByText(union.name, { exact: true }).first().waitFor();
    await drawer.getByText(`${student} · 西北大学`).waitFor();
    // The document opens from the drawer (read behind the officer's token), and saves as a file.
    const attachments = drawer.getByTestId('application-attachments');
    await attachments.getByText('附件 1').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      attachments.getByRole('button', { name: /下\s*载/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('附件 1.png');
    const saved = fs.readFileSync((await download.path())!);
    expect(saved.subarray(1, 4).toString()).toBe('PNG');
    const [tab] = await Promise.all([
      desk.waitForEvent('page'),
      attachments.getByRole('button', { name: /查\s*看/ }).click(),
    ]);
    await expect.poll(() => tab.url()).toMatch(/^blob:/);
    await tab.close();
    await screenshot(page, 'console-work-study-placement-review');
    await drawer.getByTestId('action-review_pass').click();
    await confirm(page);
    await expect.poll(() => drawer.getByTestId('application-status').textContent()).toBe('待公示');
    await drawer.getByTestId('action-approve').click();
    await confirm(page);
    await expect.poll(() => drawer.getByTestId('application-status').textContent()).toBe('已审批');
    // From the approved placement to its work days.
    await drawer.getByTestId('placement-work-days').click();
    await page.getByTestId('placement').waitFor();
    expect(new URL(page.url()).searchParams.get('tab')).toBe('placements');

    // The officer places the colleague's son at the same union from the console (she has no app).
    await page.getByTestId('placement-for-member').click();
    const placing = page.locator('.ant-modal-wrap:visible');
    await placing.getByTestId('placement-member').click();
    await page.keyboard.type(colleagueName);
    await page.locator('.ant-select-item-option', { hasText: `${colleagueName} · ` }).click();
    const son = `周子航${suffix.slice(-2)}`;
    await placing.getByLabel('学生', { exact: true }).fill(son);
    await placing.getByLabel('学校').fill('长安大学');
    await placing.getByLabel('岗位类型').click();
    await page.locator('.ant-select-item-option', { hasText: '过渡性工作岗' }).click();
    await placing.getByLabel('用工单位').click();
    await page.keyboard.type(union.name);
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${union.name}"]`).click();
    await placing.getByLabel('岗位', { exact: true }).fill('文书助理');
    await screenshot(page, 'console-work-study-placement-form');
    await confirm(page);
    const sonRow = page.getByTestId('placements-table').getByRole('row', { name: new RegExp(son) });
    await expect
      .poll(() => sonRow.innerText())
      .toMatch(/长安大学\s+过渡性工作岗\s+.*文书助理\s+周桂芳\d\d\s+¥0\.00\s+待初审/);

    // A day of 150 yuan is recorded; one more yuan that day is refused, with what is left.
    await page.getByTestId('placements-table').getByRole('link', { name: student }).click();
    const placement = page.getByTestId('placement');
    await placement.getByTestId('work-day-pay').fill('150');
    await placement.getByTestId('record-work-day').click();
    await expect.poll(() => placement.getByTestId('work-day-recorded').textContent()).toContain('当日还可登记 ¥0.00');
    await expect.poll(() => placement.getByTestId('placement-amount').textContent()).toBe('¥150.00');
    await placement.getByTestId('work-days').getByRole('cell', { name: '¥150.00' }).waitFor();
    const month = date(Date.now()).slice(0, 7);
    await expect.poll(() => placement.getByTestId(`month-left-${month}`).textContent()).toBe('¥2,850.00');
    await placement.getByTestId('work-day-pay').fill('1');
    await placement.getByTestId('record-work-day').click();
    await expect
      .poll(() => placement.getByTestId('cap-exceeded').textContent())
      .toContain('上限 ¥150.00，还可登记 ¥0.00');
    await screenshot(page, 'console-work-study-day-cap');
    expect(await placement.getByTestId('placement-amount').textContent()).toBe('¥150.00');
    await desk.close();
  });
});
