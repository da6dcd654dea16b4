import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baseUrl,
  browserAvailable,
  latestSmsCode,
  launch,
  memberApiToken,
  memberSignIn,
  phoneContext,
  screenshot,
  staffApiLogin,
} from './browser.js';

// Standing on 莲湖区's first demo rest station (团结西路工会爱心驿站, open all day).
const here = { latitude: 34.2651, longitude: 108.9556 };

/** The antd-mobile toast the member sees, with this text. */
async function seeToast(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('.adm-toast-main', { hasText: text }).waitFor({ timeout: 5000 });
}

async function expectTapTarget(control: Locator, min: number): Promise<void> {
  const box = await control.boundingBox();
  expect(box, 'the control is on screen').not.toBeNull();
  expect(box!.width, `${await control.textContent()} is ${box!.width} px wide`).toBeGreaterThanOrEqual(min);
  expect(box!.height, `${await control.textContent()} is ${box!.height} px high`).toBeGreaterThanOrEqual(min);
}

/** WCAG contrast of an element's text against the first opaque background behind it. */
async function contrastOf(element: Locator): Promise<number> {
  return element.evaluate((el) => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) =>
      [r!, g!, b!]
        .map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4))
        .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0);
    const fg = rgb(getComputedStyle(el).color);
    let node: Element | null = el;
    let bg = [255, 255, 255];
    while (node) {
      const style = getComputedStyle(node);
      const c = rgb(style.backgroundColor);
      if (style.backgroundImage.includes('gradient')) {
        // The lightest stop of a gradient is the worst case for light text.
        const stops = (style.backgroundImage.match(/rgba?\([^)]+\)/g) ?? []).map(rgb);
        bg = stops.sort((a, b) => luminance(b) - luminance(a))[0] ?? bg;
        break;
      }
      if (c.length >= 3 && (c[3] ?? 1) > 0) {
        bg = c;
        break;
      }
      node = node.parentElement;
    }
    const [a, b] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
    return (a! + 0.05) / (b! + 0.05);
  });
}

describe.runIf(browserAvailable)("the member's experience: feedback, failures, reach, large text", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a wrong SMS code, a coming-soon tile and an empty legal form each tell the member what is wrong', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    const phone = '13900000007';
    await page.goto('/login');
    await page.getByTestId('phone').locator('input').fill(phone);
    await expectTapTarget(page.getByTestId('send-code'), 44);
    await page.getByTestId('send-code').click();
    await seeToast(page, '验证码已发送');
    const code = await latestSmsCode(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    await page.getByTestId('code').locator('input').fill(wrong);
    await page.getByTestId('login').click();
    await seeToast(page, '验证码错误或已过期');
    await page.getByTestId('code').locator('input').fill(code);
    await page.getByTestId('login').click();
    await page.getByTestId('greeting').waitFor();

    await expectTapTarget(page.getByTestId('messages'), 44);
    await expectTapTarget(page.getByTestId('logout'), 44);
    await page.getByTestId('svc-jobs').click();
    await seeToast(page, '该服务即将开放');

    await page.getByTestId('svc-legal').click();
    await page.getByTestId('new-case').click();
    await page.getByTestId('file-case').click();
    await seeToast(page, '提交的内容有误，请检查标出的字段');
    // Each field says what is wrong with it, under its own label; no API path or code reaches the page.
    expect(await page.getByTestId('error-category').textContent()).toBe('必填');
    await page.getByTestId('error-description').waitFor();
    await page.getByTestId('error-employer.name').waitFor();
    await page.getByTestId('error-employer.regionCode').waitFor();
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(/employer\.|regionCode|description:|category:/);
    await screenshot(page, 'member-legal-empty');
    // Correcting a field takes its message away.
    await page.getByTestId('category').getByText('加班费').click();
    await page.getByTestId('error-category').waitFor({ state: 'detached' });
    await context.close();
  });

  it('a member who taps a campaign another member just emptied is told it is sold out', async () => {
    const staff = (await staffApiLogin('d04_perks')).token;
    // For one union's members only (demo members 18 and 31), so the other journeys never see it.
    const unions = (await (
      await fetch(`${baseUrl()}/api/v1/union-directory?q=${encodeURIComponent('莲湖区快递物流行业工会')}`)
    ).json()) as {
      items: { id: string; name: string }[];
    };
    const union = unions.items.find((u) => u.name === '莲湖区快递物流行业工会')!;
    const title = `最后一张体验券 ${Date.now() % 100000}`;
    const created = await fetch(`${baseUrl()}/api/v1/voucher-campaigns`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        orgId: union.id,
        title,
        quantity: 1,
        perMemberLimit: 1,
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    const context = await phoneContext(browser);
    const page = await context.newPage();
    await memberSignIn(page, '13900000018');
    await page.goto('/perks');
    const card = page.locator('.adm-card', { hasText: title });
    await card.getByTestId('claim').waitFor();
    expect(await card.getByTestId('claim').textContent()).toBe('立即抢');

    const other = await memberApiToken('13900000031');
    const taken = await fetch(`${baseUrl()}/api/v1/voucher-campaigns/${id}/claims`, {
      method: 'POST',
      headers: { authorization: `Bearer ${other}`, 'idempotency-key': crypto.randomUUID() },
    });
    expect(taken.status).toBe(201);

    await card.getByTestId('claim').click();
    await seeToast(page, '已抢完');
    await expect.poll(() => card.getByTestId('claim').textContent()).toBe('已抢完');
    await context.close();
  });

  it('a worker who is not a member opening perks is sent to the join page with the reason', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await memberSignIn(page, `136${String(Date.now()).slice(-8)}`);
    await page.goto('/perks');
    await page.getByTestId('members-only').waitFor();
    expect(new URL(page.url()).pathname).toBe('/join');
    expect(await page.getByTestId('members-only').textContent()).toContain('仅限工会会员');
    await page.getByTestId('union-search').waitFor();
    // The card tile goes the same way.
    await page.goto('/');
    await page.getByTestId('svc-card').click();
    await page.getByTestId('members-only').waitFor();
    await context.close();
  });

  it('a failed load says so and offers a retry that works; an unknown station says it does not exist', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await memberSignIn(page, '13900000019');
    const failing = '**/api/v1/voucher-campaigns?*';
    await page.route(failing, (route) =>
      route.fulfill({ status: 500, contentType: 'text/plain', body: 'upstream error' }),
    );
    await page.goto('/perks');
    await page.getByTestId('error-state').waitFor();
    expect(await page.getByTestId('error-state').textContent()).toContain('服务暂时不可用');
    await expectTapTarget(page.getByTestId('retry'), 44);
    await page.unroute(failing);
    await page.getByTestId('retry').click();
    await page.getByText('夏日游泳体验券').waitFor();
    expect(await page.getByTestId('error-state').count()).toBe(0);

    // The network itself gone: the same state, in words.
    await page.route('**/api/v1/me/vouchers', (route) => route.abort('internetdisconnected'));
    await page.goto('/vouchers');
    await page.getByTestId('error-state').waitFor();
    expect(await page.getByTestId('error-state').textContent()).toContain('网络连接失败');

    for (const code of ['not-a-code!', '610104RS9999']) {
      await page.goto(`/s/${encodeURIComponent(code)}`);
      await page.getByTestId('not-found').waitFor();
      const shown = await page.getByTestId('not-found').innerText();
      expect(shown).toContain('该站点不存在');
      expect(shown).not.toMatch(/code|格式不正确|未找到/);
    }
    await page.getByTestId('back-to-map').click();
    await page.getByTestId('station-list').waitFor();
    expect(new URL(page.url()).pathname).toBe('/map');
    await context.close();
  });

  it('the map asks for the position only when the member taps 定位最近', async () => {
    const context = await phoneContext(browser);
    // Count every request for the position; answer as the phone standing at `here` would.
    await context.addInitScript(
      ({ lat, lng }) => {
        const calls: string[] = [];
        (window as unknown as { geoCalls: string[] }).geoCalls = calls;
        const answer = (ok: PositionCallback) =>
          setTimeout(
            () =>
              ok({
                coords: { latitude: lat, longitude: lng, accuracy: 10 },
                timestamp: Date.now(),
              } as unknown as GeolocationPosition),
            10,
          );
        Object.defineProperty(navigator, 'geolocation', {
          configurable: true,
          value: {
            getCurrentPosition: (ok: PositionCallback) => {
              calls.push('getCurrentPosition');
              answer(ok);
            },
            watchPosition: (ok: PositionCallback) => {
              calls.push('watchPosition');
              answer(ok);
              return 1;
            },
            clearWatch: () => undefined,
          },
        });
      },
      { lat: here.latitude, lng: here.longitude },
    );
    const page = await context.newPage();
    await page.goto('/map');
    await page.getByTestId('station-list').waitFor();
    await page.getByTestId('map-default-centre').waitFor();
    const calls = () => page.evaluate(() => (window as unknown as { geoCalls: string[] }).geoCalls.length);
    expect(await calls()).toBe(0);
    await expectTapTarget(page.getByTestId('find-nearest'), 44);
    await expectTapTarget(page.getByTestId('navigate').first(), 44);

    await page.getByTestId('find-nearest').click();
    await expect.poll(() => page.getByTestId('station-name').first().textContent()).toBe('团结西路工会爱心驿站');
    expect(await calls()).toBe(1);
    expect(await page.getByTestId('map-default-centre').count()).toBe(0);
    await context.close();
  });

  it('labels, tags, addresses and hints are legible and every small control is a finger wide', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await memberSignIn(page, '13900000020');
    await page.getByTestId('svc-card').click();
    await page.getByTestId('card-name').waitFor();
    const card = page.getByTestId('member-card');
    for (const label of ['会员证号', '手机号', '入会时间']) {
      expect(await contrastOf(card.getByText(label)), label).toBeGreaterThanOrEqual(4.5);
    }
    expect(await contrastOf(card.locator('.adm-list-item-content-extra').first())).toBeGreaterThanOrEqual(4.5);

    await page.goto('/map');
    await page.getByTestId('station-list').waitFor();
    const list = page.getByTestId('station-list');
    expect(await contrastOf(list.locator('.adm-tag').first()), 'the open/closed tag').toBeGreaterThanOrEqual(4.5);
    expect(await contrastOf(list.locator('.adm-list-item-description').first()), 'an address').toBeGreaterThanOrEqual(
      4.5,
    );
    expect(await contrastOf(list.locator('.su-hint').first()), 'a distance').toBeGreaterThanOrEqual(4.5);
    expect(await contrastOf(page.getByTestId('map-default-centre')), 'the hint above the map').toBeGreaterThanOrEqual(
      4.5,
    );

    await page.getByTestId('station-name').first().click();
    await page.getByTestId('station-title').waitFor();
    await expectTapTarget(page.getByTestId('navigate'), 44);
    const stars = page.getByTestId('rate').getByRole('radio');
    expect(await stars.count()).toBe(5);
    for (let i = 0; i < 5; i++) await expectTapTarget(stars.nth(i), 44);
    expect(await contrastOf(page.locator('.adm-tag').first()), 'the 开放中 tag').toBeGreaterThanOrEqual(4.5);
    await context.close();
  });

  it('large-text mode: 18 px text and 48 px targets that follow the phone’s text size, a simpler home, kept across visits', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await memberSignIn(page, '13900000021');
    await page.getByTestId('elder-toggle').click();
    await page.getByTestId('elder-home').waitFor();

    const fontSize = (locator: Locator) => locator.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const checkElderHome = async (minText: number) => {
      expect(await fontSize(page.locator('body'))).toBeGreaterThanOrEqual(minText);
      expect(await fontSize(page.getByTestId('greeting'))).toBeGreaterThanOrEqual(minText);
      const tiles = page.getByTestId('elder-home').getByRole('button');
      // The most used services, in this order, and nothing else; this demo member is a representative of the city's
      // congress (demo-participation.ts), so 代表履职 comes last once their terms are known; 消息 may carry the
      // unread count (the demo told the representatives of the open motion) on a line of its own.
      await expect
        .poll(async () => (await tiles.allInnerTexts()).map((text) => text.split('\n')[0]))
        .toEqual(['爱心地图', '法律援助', '电子会员证', '会员福利', '消息', '代表履职']);
      for (let i = 0; i < 6; i++) {
        await expectTapTarget(tiles.nth(i), 48);
        expect(await fontSize(tiles.nth(i))).toBeGreaterThanOrEqual(minText);
      }
      await expectTapTarget(page.getByTestId('elder-toggle'), 48);
      await expectTapTarget(page.getByTestId('logout'), 48);
    };
    await checkElderHome(18);
    // Stronger contrast than the standard theme's 4.5:1.
    expect(await contrastOf(page.getByTestId('greeting'))).toBeGreaterThanOrEqual(7);
    await screenshot(page, 'elder-home');

    await page.reload();
    await page.getByTestId('elder-home').waitFor();
    await checkElderHome(18);

    // The phone's own text size (Chromium's default font size) scales the app further.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 24 } });
    await expect.poll(() => fontSize(page.locator('body'))).toBeGreaterThanOrEqual(27);
    await checkElderHome(27);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 16 } });

    // Other pages keep the large text and targets.
    await page.getByTestId('svc-map').click();
    await page.getByTestId('station-list').waitFor();
    expect(await fontSize(page.locator('.adm-list-item-description').first())).toBeGreaterThanOrEqual(18);
    await expectTapTarget(page.getByTestId('find-nearest'), 48);
    await screenshot(page, 'elder-map');

    await page.goto('/');
    await page.getByTestId('elder-toggle').click();
    await page.getByTestId('svc-hardship').waitFor();
    expect(await fontSize(page.locator('body'))).toBeLessThan(18);
    await context.close();
  });
});
