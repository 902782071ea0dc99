/** demo-shop in a real Chromium: infinite scroll to the end marker, lazy item images. Skipped without /usr/bin/chromium. */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MarketplaceServer, startMarketplace } from '../../demo/marketplace/marketplace.server.js';

const CHROMIUM = '/usr/bin/chromium';
let server: MarketplaceServer;
let browser: Browser;

describe.skipIf(!existsSync(CHROMIUM))('demo-shop in Chromium', () => {
  beforeAll(async () => {
    server = await startMarketplace({ seed: 42, failRate: 0.1 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
        '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('appends results only on scroll, until the end marker', async () => {
    const q = '茶'; // a broad query, so there are several batches to scroll through
    const total = (await (await fetch(`${server.url}/shop/api/search?q=${encodeURIComponent(q)}&limit=1`)).json()).total as number;
    expect(total).toBeGreaterThan(12);
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const searches: string[] = [];
    page.on('request', (r) => { if (r.url().includes('/shop/api/search')) searches.push(r.url()); });
    await page.goto(`${server.url}/shop/search?q=${encodeURIComponent(q)}`);
    await page.waitForSelector('.goods-card');
    // Settled (no request for Playwright's idle window): one batch asked for and shown, nothing more without a scroll.
    await page.waitForLoadState('networkidle');
    expect(searches).toHaveLength(1);
    expect(await page.locator('.goods-card').count()).toBe(12);
    expect(await page.locator('.end-of-results').count()).toBe(0);
    for (let i = 0; i < 20 && (await page.locator('.end-of-results').count()) === 0; i++) {
      await page.mouse.wheel(0, 5000);
      await page.waitForTimeout(200);
    }
    expect(await page.locator('.end-of-results').textContent()).toBe('没有更多了');
    expect(await page.locator('.goods-card').count()).toBe(total);
    await page.close();
  });

  it('renders an item and swaps data-src to src when images scroll into view', async () => {
    const l = server.catalog.listings.find((x) => x.platform === 'demo-shop' && x.images.length >= 2)!;
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${server.url}/shop/item/${l.listingId}`);
    await page.waitForSelector('body[data-state="ready"]');
    expect(await page.locator('h1.item-title').textContent()).toBe(l.title);
    expect(await page.locator('.shop-location').textContent()).toBe(l.shop.location);
    expect(await page.locator('img.item-image[src]').count()).toBe(0);
    await page.locator('img.item-image').last().scrollIntoViewIfNeeded();
    await page.waitForFunction((n) => document.querySelectorAll('img.item-image[src]').length === n, l.images.length);
    const srcs = await page.locator('img.item-image').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).getAttribute('src')));
    expect(srcs).toEqual(l.images);
    server.delist('demo-shop', l.listingId);
    const r = await page.goto(`${server.url}/shop/item/${l.listingId}`);
    expect(r?.status()).toBe(404);
    await page.waitForSelector('.item-missing');
    await page.close();
  });
});
