import { PNG } from 'pngjs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withIdCheckChar } from '../server/src/kernel/pii.js';
import { baseUrl, browserAvailable, launch, phoneContext, screenshot, staffApiLogin } from './browser.js';
import { e2eAdminPassword } from './global-setup.js';
import { call } from './programmes.js';

/** A head of household's ID number no other run uses (birth date 1975-2004, random sequence). */
function freshIdNumber(): string {
  const year = 1975 + Math.floor(Math.random() * 30);
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0');
  const seq = String(Math.floor(Math.random() * 1000)).padStart(3, '0');
  return withIdCheckChar(`640381${year}03${day}${seq}`);
}

interface Lead {
  id: string;
  status: string;
  household: { headName: string; idNumberMasked: string };
  filedBy: { username: string };
}

/**
 * 帮扶调查 offline: a volunteer (assistance_worker, a staff account) signs in on the member app's field page, loses
 * the signal, fills in and submits a household survey (it waits on the phone), gets the signal back, and the lead
 * arrives exactly once — a reload and another `online` event send nothing more; a lead whose answer was lost on the
 * way is sent again with the same Idempotency-Key and still filed once; the same household surveyed again is
 * "already on file", with a visit to add.
 */
describe.runIf(browserAvailable)('hardship field survey offline', () => {
  let browser: Browser;
  let admin: { token: string; orgId: string };
  const volunteer = { username: `vol_${Date.now().toString(36)}`, password: 'volunteer-pass-1' };

  beforeAll(async () => {
    browser = await launch();
    admin = await staffApiLogin('admin', e2eAdminPassword);
    await call(
      admin.token,
      'POST',
      '/api/v1/staff',
      { ...volunteer, orgId: admin.orgId, displayName: '志愿者小马', roles: ['assistance_worker'] },
      201,
    );
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** The household files with this head's full ID number (the list's `q`), as the union's staff see them. */
  const filesOf = async (idNumber: string) =>
    (await call<{ items: Lead[] }>(admin.token, 'GET', `/api/v1/hardship/leads?q=${idNumber}`, undefined, 200)).items;

  async function signInInField(page: Page): Promise<void> {
    await page.goto('/login');
    await page.getByTestId('field-login-link').click();
    await page.getByTestId('field-username').locator('input').fill(volunteer.username);
    await page.getByTestId('field-password').locator('input').fill(volunteer.password);
    await screenshot(page, 'field-login');
    await page.getByTestId('field-login').click();
    await page.getByTestId('field-worker').getByText(volunteer.username).waitFor();
  }

  async function fillSurvey(page: Page, idNumber: string, headName: string): Promise<void> {
    await page.getByTestId('field-new').click();
    await page.getByTestId('survey-headName').locator('input').fill(headName);
    await page.getByTestId('survey-idNumber').locator('input').fill(idNumber);
    await page.getByTestId('survey-phone').locator('input').fill('13995120001');
    await page.getByTestId('survey-regionCode').locator('input').fill('640381');
    await page.getByTestId('survey-address').locator('input').fill('青铜峡市裕民街道幸福巷12号');
    await page.getByTestId('survey-size').locator('input').fill('4');
    await page.getByTestId('survey-incomeYuan').locator('input').fill('450.50');
    await page.getByTestId('survey-cause-illness').click();
    await page.getByTestId('survey-cause-schooling').click();
    // The channel last used is picked already (a tap on it would unpick it).
    const volunteerChannel = page.getByTestId('survey-channel').locator('.adm-selector-item', { hasText: '志愿者' });
    if (!(await volunteerChannel.getAttribute('class'))?.includes('adm-selector-item-active'))
      await volunteerChannel.click();
    await page.getByTestId('survey-note').locator('textarea').fill('户主患尿毒症，每周透析三次；两个孩子在读。');
  }

  const outboxState = (page: Page, headName: string) =>
    page.getByTestId('outbox-item').filter({ hasText: headName }).getAttribute('data-state');

  it('a survey submitted offline waits on the phone and arrives once the signal returns, exactly once', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await signInInField(page);
    // The service worker keeps the app shell and the pages' files for the trip without signal.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });

    await context.setOffline(true);
    const idNumber = freshIdNumber();
    const headName = '马桂兰';
    await fillSurvey(page, idNumber, headName);
    // A photo of the house, taken without signal: kept on the phone, uploaded before the lead.
    const photo = new PNG({ width: 40, height: 30 });
    photo.data.fill(180);
    await page
      .getByTestId('survey-photos')
      .locator('input[type=file]')
      .setInputFiles({ name: '住房.png', mimeType: 'image/png', buffer: PNG.sync.write(photo) });
    await page.getByTestId('survey-photos').locator('img[alt="住房.png"]').waitFor();
    // The consent must be ticked: without it the form says so on the field and keeps everything.
    await page.getByTestId('survey-submit').click();
    await page.getByTestId('error-consent').waitFor();
    // Typed so far and the photo are kept on the phone: a reload (offline: the worker's shell) shows it again.
    await page.reload();
    await expect.poll(() => page.getByTestId('survey-idNumber').locator('input').inputValue()).toBe(idNumber);
    await page.getByTestId('survey-photos').locator('img[alt="住房.png"]').waitFor();
    await page.getByTestId('survey-consent').click();
    await screenshot(page, 'field-survey-offline');
    await page.getByTestId('survey-submit').click();

    // Queued: on the home page, waiting for signal.
    await page.getByTestId('field-offline').waitFor();
    await expect.poll(() => outboxState(page, headName)).toBe('waiting');
    await screenshot(page, 'field-outbox-waiting');
    // Still queued after a reload without signal, and nothing reached the server.
    await page.reload();
    await expect.poll(() => outboxState(page, headName)).toBe('waiting');
    expect(await filesOf(idNumber)).toHaveLength(0);

    // The signal returns: sent by itself.
    await context.setOffline(false);
    await expect.poll(() => outboxState(page, headName), { timeout: 30_000 }).toBe('sent');
    await page.getByTestId('my-lead').filter({ hasText: headName }).waitFor();
    await screenshot(page, 'field-outbox-sent');
    const files = await filesOf(idNumber);
    expect(files).toHaveLength(1);
    expect(files[0]!.status).toBe('submitted');
    expect(files[0]!.filedBy.username).toBe(volunteer.username);
    const file = await call<{ photos: { fileName: string; mediaType: string }[]; consentRecorded: boolean }>(
      admin.token,
      'GET',
      `/api/v1/hardship/leads/${files[0]!.id}`,
      undefined,
      200,
    );
    expect(file.photos.map((p) => [p.fileName, p.mediaType])).toEqual([['住房.png', 'image/png']]);
    expect(file.consentRecorded).toBe(true);

    // Another online event, and the app started again: nothing is sent twice.
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.reload();
    await page.getByTestId('outbox-item').filter({ hasText: headName }).waitFor();
    expect(await outboxState(page, headName)).toBe('sent');
    expect(await filesOf(idNumber)).toHaveLength(1);
    await context.close();
  });

  it('a lead whose answer was lost is sent again with the same key and filed once; surveyed again it is on file', async () => {
    // No service worker here: the page's own requests are routed, one answer cut off after the server had it.
    const context: BrowserContext = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      baseURL: baseUrl(),
      serviceWorkers: 'block',
    });
    const page = await context.newPage();
    const keys: string[] = [];
    let cutOff = 0;
    await page.route('**/api/v1/hardship/leads', async (route) => {
      const request = route.request();
      if (request.method() !== 'POST') return route.continue();
      keys.push((await request.allHeaders())['idempotency-key'] ?? '');
      if (cutOff === 0) {
        cutOff++;
        // The server files it; the phone never hears back.
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    await signInInField(page);
    const idNumber = freshIdNumber();
    const headName = '杨秀英';
    await fillSurvey(page, idNumber, headName);
    await page.getByTestId('survey-consent').click();
    await page.getByTestId('survey-submit').click();
    await expect.poll(() => outboxState(page, headName)).toBe('waiting');
    expect(await filesOf(idNumber)).toHaveLength(1);

    await page.getByTestId('outbox-item').filter({ hasText: headName }).getByText('立即发送').click();
    await expect.poll(() => outboxState(page, headName), { timeout: 30_000 }).toBe('sent');
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(await filesOf(idNumber)).toHaveLength(1);

    // The same household surveyed again (another worker would do the same): already on file, and a visit to add.
    await fillSurvey(page, idNumber, '杨秀英（复查）');
    await page.getByTestId('survey-consent').click();
    await page.getByTestId('survey-submit').click();
    const again = page.getByTestId('outbox-item').filter({ hasText: '杨秀英（复查）' });
    await again.waitFor();
    await expect.poll(() => again.getAttribute('data-state')).toBe('exists');
    expect(await again.getByTestId('outbox-existing').textContent()).toContain('待核实');
    await screenshot(page, 'field-outbox-exists');
    expect(await filesOf(idNumber)).toHaveLength(1);
    await again.getByTestId('outbox-add-visit').click();
    const findings = '户主透析后在家休养，孩子开学缺学费，已联系街道工会。';
    await page.getByTestId('visit-findings').locator('textarea').fill(findings);
    await screenshot(page, 'field-visit');
    await page.getByTestId('visit-submit').click();
    await page.getByTestId('field-new').waitFor();
    const [file] = await filesOf(idNumber);
    const visits = await call<{ items: { findings: string; visitors: string[] }[] }>(
      admin.token,
      'GET',
      `/api/v1/hardship/visits?householdId=${file!.id}`,
      undefined,
      200,
    );
    expect(visits.items.map((v) => [v.findings, v.visitors])).toEqual([[findings, [volunteer.username]]]);
    await context.close();
  });
  it('a queued lead the server refuses for a field comes back to the form with the server’s words on that field', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      baseURL: baseUrl(),
      serviceWorkers: 'block',
    });
    const page = await context.newPage();
    await signInInField(page);
    await context.setOffline(true);
    const idNumber = freshIdNumber();
    const headName = '王建国';
    await fillSurvey(page, idNumber, headName);
    await page.getByTestId('survey-consent').click();
    await page.getByTestId('survey-submit').click();
    await expect.poll(() => outboxState(page, headName)).toBe('waiting');
    // What an older version of the app could have queued: a phone number the server does not take.
    await page.evaluate(
      (name) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('su-field');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const store = open.result.transaction('outbox', 'readwrite').objectStore('outbox');
            const all = store.getAll();
            all.onsuccess = () => {
              const item = (all.result as { body: { household: { headName: string; phone: string } } }[]).find(
                (i) => i.body.household.headName === name,
              )!;
              item.body.household.phone = '12345';
              store.put(item).onsuccess = () => resolve();
            };
          };
        }),
      headName,
    );

    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(() => outboxState(page, headName), { timeout: 30_000 }).toBe('invalid');
    expect(await filesOf(idNumber)).toHaveLength(0);
    await page.getByTestId('outbox-item').filter({ hasText: headName }).getByTestId('outbox-fix').click();
    const phoneError = page.getByTestId('error-household.phone');
    await phoneError.waitFor();
    // In the worker's language (the issue code's words, not the schema's English).
    expect(await phoneError.textContent()).toBe('手机号应为11位中国大陆手机号');
    expect(await page.getByTestId('survey-phone').locator('input').inputValue()).toBe('12345');
    await screenshot(page, 'field-survey-server-error');
    await page.getByTestId('survey-phone').locator('input').fill('13995120002');
    expect(await phoneError.count()).toBe(0);
    await page.getByTestId('survey-submit').click();
    await expect.poll(() => outboxState(page, headName), { timeout: 30_000 }).toBe('sent');
    expect(await filesOf(idNumber)).toHaveLength(1);
    await context.close();
  });
});
