import { PNG } from 'pngjs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  desktopContext,
  launch,
  memberSignIn,
  phoneContext,
  screenshot,
  staffSignIn,
} from './browser.js';
import { cityActivityOfficer } from './activities.js';
import { call, confirm } from './programmes.js';

/** Demo member 252 (union 252 mod 13); no other journey uses it. */
const authorPhone = '13900000252';

describe.runIf(browserAvailable)('职工故事', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a member submits a story with a photo, the officer approves it, it shows in the public showcase, the member is told and likes it', async () => {
    // The city's administrator names an activity officer (活动专干) of the city federation, who opens a call for stories.
    const { suffix, admin, officer, officerApi } = await cityActivityOfficer('ao');
    const title = `我的十年 ${suffix}`;
    const body = '2012 年我进厂当学徒，\n如今带了十个徒弟。<b>不是粗体</b>';
    const theme = `我的十年故事 ${suffix}`;
    await call(officerApi.token, 'POST', '/api/v1/story-collections', { orgId: admin.orgId, title: theme }, 201);

    // The member writes a story for that call in the app, with a photo from the phone.
    const phone = await phoneContext(browser);
    const app = await phone.newPage();
    await memberSignIn(app, authorPhone);
    await app.getByTestId('svc-activities').click();
    await app.getByTestId('activity-stories').click();
    await app.getByTestId('story-write').click();
    await app.getByTestId('story-title-input').locator('input').fill(title);
    await app.getByTestId('story-body-input').locator('textarea').fill(body);
    await app.getByTestId('story-collection').getByText(theme).click();
    const picture = new PNG({ width: 40, height: 30 });
    picture.data.fill(200);
    await app
      .getByTestId('story-photos')
      .locator('input[type=file]')
      .setInputFiles({ name: '车间.png', mimeType: 'image/png', buffer: PNG.sync.write(picture) });
    await app.getByTestId('story-photos').locator('img[alt="车间.png"]').waitFor();
    await screenshot(app, 'story-form');
    await app.getByTestId('story-submit').click();
    const mine = app.getByTestId('my-stories').locator('.adm-card', { hasText: title });
    await mine.getByTestId('my-story-status').getByText('审核中').waitFor();
    await screenshot(app, 'my-stories');

    // The officer reads it in the console's queue, with its photo, and approves it.
    const desk = await desktopContext(browser);
    const consolePage = await desk.newPage();
    await staffSignIn(consolePage, officer.username, officer.password);
    await consolePage.goto('/console/activities/stories');
    await consolePage.getByTestId('stories-table').getByText(title).click();
    expect(await consolePage.getByTestId('story-body').textContent()).toBe(body);
    await consolePage.getByTestId('story-photos').locator('img').first().waitFor();
    await screenshot(consolePage, 'story-moderation');
    await consolePage.getByTestId('approve-story').click();
    await confirm(consolePage);
    await consolePage.getByTestId('story-status').getByText('已发布').waitFor();

    // The showcase, without signing in: the story with the name masked, its text as text, its photo.
    const visitor = await phoneContext(browser);
    const showcase = await visitor.newPage();
    await showcase.goto('/p/stories');
    await showcase.getByTestId('story-collections').getByText(theme).click();
    await showcase.getByTestId('story-list').getByText(`#${theme}`).waitFor();
    await showcase.getByTestId('story-list').getByText(title).click();
    await showcase.getByTestId('story-title').getByText(title).waitFor();
    expect(await showcase.getByTestId('story-body').textContent()).toBe(body);
    expect(await showcase.locator('article b').count()).toBe(0);
    await showcase.locator('article img').first().waitFor();
    expect(await showcase.locator('article').textContent()).not.toContain('13900000252');
    await screenshot(showcase, 'story-public');

    // The member reads the notification, opens the story from it and likes it, once.
    await app.goto('/messages');
    await app.getByText('您的职工故事已通过审核').first().click();
    await app.getByTestId('story-title').getByText(title).waitFor();
    await app.getByTestId('story-like').click();
    await app.getByTestId('story-like').getByText('已点赞').waitFor();
    expect(await app.getByTestId('story-like-count').textContent()).toBe('1 人点赞');
    await screenshot(app, 'story-liked');
    await showcase.reload();
    await showcase.getByTestId('story-like-count').getByText('1 人点赞').waitFor();
    await phone.close();
    await visitor.close();
    await desk.close();
  });
});
