/**
 * End to end in Debian's Chromium: an officer logs in, confirms a listing,
 * sends a notice; the platform logs in and answers (delisted); the officer
 * sees the statistics change.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, PLATFORM_A, setupFixture, type Fixture } from './fixtures.js';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1'];

let f: Fixture;
let browser: Browser;
let base: string;

beforeAll(async () => {
  f = await setupFixture();
  await f.setNow(new Date().toISOString()); // real time: the browser judges cookie lifetimes by its own clock
  await f.addListing({ platform: PLATFORM_A, listingId: 'e1', title: '安踏 高仿 跑鞋 e2e', score: 0.97, capturedAt: new Date().toISOString() });
  await f.addListing({ platform: PLATFORM_A, listingId: 'e2', title: '福州茉莉花茶 e2e', score: 0.6, capturedAt: new Date().toISOString(),
    matches: [{ assetId: 'GI-0001', assetType: 'gi', signal: 'origin', evidence: 'shop in 广东省' }] });
  base = await f.app.listen({ host: '127.0.0.1', port: 0 });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
});
afterAll(async () => {
  await browser?.close();
  await f?.close();
});

async function login(page: Page, path: string, username: string) {
  await page.goto(`${base}${path}`);
  await page.fill('#username', username);
  await page.fill('#password', PASSWORD);
  await page.click('#login-submit');
  await page.waitForSelector('#app:not([hidden])');
  expect(await page.isHidden('#login')).toBe(true);
}

/** The statistics total of one figure, as the page shows it after a fresh load. */
async function totalOf(page: Page, metric: string): Promise<string> {
  await page.click('nav button[data-tab="stats"]');
  await page.click('#s-apply');
  const cell = page.locator(`#stats-table tr[data-group="total"] td[data-metric="${metric}"]`);
  await cell.waitFor();
  return (await cell.textContent())!.trim();
}

/** Polls until the page shows the expected total (each poll reloads the table). */
const expectTotal = (page: Page, metric: string, value: string) => expect.poll(() => totalOf(page, metric), { timeout: 10_000 }).toBe(value);

describe('review page and platform page in Chromium', () => {
  it('log in, confirm, send, answer as the platform, see the statistics change', async () => {
    const officer = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    const errors: string[] = [];
    officer.on('pageerror', (e) => errors.push(e.message));
    await login(officer, '/', 'officer1');

    // The queue, highest score first; the listing beside its register entry.
    const rows = officer.locator('tr[data-test="queue-row"]');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain('安踏 高仿 跑鞋 e2e');
    await expectTotal(officer, 'listingsDeleted', '0');
    await expectTotal(officer, 'confirmed', '0');

    await officer.click('nav button[data-tab="queue"]');
    await officer.locator('tr[data-test="queue-row"]', { hasText: '安踏 高仿 跑鞋 e2e' }).click();
    await officer.waitForSelector('#register-side');
    expect(await officer.textContent('#register-side')).toContain('1234567');
    expect(await officer.textContent('#register-side')).toContain('安踏（中国）有限公司');
    const shot = officer.locator('img[data-test="screenshot"]');
    await expect.poll(() => shot.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);

    await officer.selectOption('#r-measure', 'delete_listing');
    await officer.selectOption('#r-confirm', 'tm_replica');
    await officer.click('#d-confirm');
    await officer.waitForSelector('#queue-msg [data-test="message"]');
    await expect.poll(() => rows.count()).toBe(1);
    await expectTotal(officer, 'confirmed', '1');

    // Notices: create from the confirmed listing, send.
    await officer.click('nav button[data-tab="notices"]');
    await officer.click('#create-notices');
    const noticeRow = officer.locator('tr[data-test="notice-row"]').first();
    await noticeRow.locator('[data-send]').click();
    await expect.poll(async () => noticeRow.locator('[data-test="notice-state"]').getAttribute('data-state')).toBe('sent');
    await expectTotal(officer, 'noticesSent', '1');

    // The platform answers.
    const platform = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    platform.on('pageerror', (e) => errors.push(e.message));
    await login(platform, '/platform', 'mall-ops');
    await platform.locator('[data-view]').first().click();
    await platform.waitForSelector('[data-test="item"]');
    expect(await platform.textContent('[data-test="item"]')).toContain('安踏 高仿 跑鞋 e2e');
    await platform.check('.p-sel');
    await platform.click('#p-delisted');
    await platform.waitForSelector('#nd-msg [data-test="message"]');
    expect(await platform.textContent('#nd-msg')).toContain('answered');

    // A platform account cannot use the officer page.
    const other = await (await browser.newContext()).newPage();
    await other.goto(`${base}/`);
    await other.fill('#username', 'mall-ops');
    await other.fill('#password', PASSWORD);
    await other.click('#login-submit');
    await other.waitForSelector('#login-msg [data-test="message"]');
    expect(await other.isHidden('#app')).toBe(true);

    // The officer sees the figures move.
    await expectTotal(officer, 'listingsDeleted', '1');
    await expectTotal(officer, 'noticesAnswered', '1');
    expect(errors).toEqual([]);
  });
});
