/**
 * Issue 23, in Chromium: the officer's desk shows an integrity warning on the
 * listing detail and the notice detail when a cited evidence file was
 * tampered with, and the send button's refusal names the file.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, PLATFORM_A, setupFixture, type Fixture } from './fixtures.js';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let f: Fixture;
let browser: Browser;
let base: string;
const shots: Record<string, string> = {};
let notice: number;

const tamper = async (sha: string) => {
  const file = path.join(f.evidence.root, sha.slice(0, 2), sha.slice(2, 4), sha);
  const bytes = await readFile(file);
  bytes[bytes.length - 1] ^= 0xff;
  await writeFile(file, bytes);
};

beforeAll(async () => {
  f = await setupFixture();
  await f.setNow(new Date().toISOString()); // the browser judges cookie lifetimes by its own clock
  for (const id of ['tb-notice', 'tb-queue']) {
    shots[id] = (await f.addListing({ platform: PLATFORM_A, listingId: id, title: `安踏 ${id}`, capturedAt: new Date().toISOString() })).screenshot;
  }
  const l = (await f.db.query(`SELECT id FROM listings WHERE platform_listing_id = 'tb-notice'`)).rows[0].id;
  await f.inject('officer', 'POST', `/api/review/listings/${l}/decision`, { decision: 'confirm', reason: 'r' });
  notice = (await f.inject('officer', 'POST', '/api/notices', {})).json().notices[0].id;
  await tamper(shots['tb-notice']);
  await tamper(shots['tb-queue']);
  base = await f.app.listen({ host: '127.0.0.1', port: 0 });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
});
afterAll(async () => {
  await browser?.close();
  await f?.close();
});

describe('the desk warns of tampered evidence', () => {
  it('on the listing detail, the notice detail, and when sending', async () => {
    const ctx = await browser.newContext({ locale: 'zh-CN' });
    const page = await ctx.newPage();
    await page.goto(`${base}/`);
    await page.fill('#username', 'officer1');
    await page.fill('#password', PASSWORD);
    await page.click('#login-submit');
    await page.waitForSelector('#app:not([hidden])');

    await page.locator('tr[data-test="queue-row"]', { hasText: 'tb-queue' }).click();
    const onListing = page.locator('#detail [data-test="integrity-warning"]');
    await onListing.waitFor();
    expect(await onListing.textContent()).toContain(shots['tb-queue']);

    await page.click('nav button[data-tab="notices"]');
    const row = page.locator(`tr[data-notice-id="${notice}"]`);
    await row.locator('[data-view]').click();
    const onNotice = page.locator('#notice-detail [data-test="integrity-warning"]');
    await onNotice.waitFor();
    expect(await onNotice.textContent()).toContain(shots['tb-notice']);

    await row.locator('[data-send]').click();
    await expect.poll(async () => (await page.textContent('#notices-msg')) ?? '').toContain(shots['tb-notice']);
    expect((await f.db.query('SELECT state FROM notices WHERE id = $1', [notice])).rows[0].state).toBe('draft');
    await ctx.close();
  }, 60_000);
});
