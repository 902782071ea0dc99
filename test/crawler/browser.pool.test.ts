/**
 * The page pool in real Chromium: two contexts that alternate (a worker's
 * listing jobs in a platform context and its evidence jobs in the static one)
 * keep their own pages instead of closing and reopening one per job, and a
 * context that has no page still gets one when the pool is full of another's.
 * Also the renderer's DOM waits that replace Playwright's selector engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserPool } from '../../crawler/browser.pool.js';
import { waitForAttached } from '../../crawler/page.waits.js';
import { until } from '../support/wait.js';

let pool: BrowserPool;

beforeAll(() => {
  pool = new BrowserPool({ executablePath: '/usr/bin/chromium-headless-shell', pages: 2, offlineHostRules: true, viewport: { width: 400, height: 300 } });
});
afterAll(async () => { await pool.close(); });

describe('BrowserPool', () => {
  it('keeps pages per context when two contexts alternate, two jobs at a time', async () => {
    const before = pool.stats.pagesOpened;
    const job = (scripts: boolean) => pool.withPage(async (p) => { await p.setContent('<p>x</p>'); }, scripts ? {} : { scripts: false });
    // Two listing jobs at a time on a pool of two pages, then an evidence job, and again.
    for (let i = 0; i < 6; i++) { await Promise.all([job(true), job(true)]); await job(false); }
    // Closing another context's page for every acquire opened two pages a round (12 or more).
    expect(pool.stats.pagesOpened - before).toBeLessThanOrEqual(4);
  }, 60_000);

  it('gives a context with no page one of the pool when the others are idle', async () => {
    const p = new BrowserPool({ executablePath: '/usr/bin/chromium-headless-shell', pages: 1, offlineHostRules: true, viewport: { width: 400, height: 300 } });
    try {
      await p.withPage(async (page) => { await page.setContent('<p>a</p>'); });
      // No wait for the rebalance delay (the context had no page): the pool's list of acquirers waiting for
      // room stays empty the whole time, watched until the page is handed over.
      const waiting = (p as unknown as { waiting: Map<unknown, unknown> }).waiting;
      let waited = false;
      let done = false;
      const got = p.withPage(async (page) => { await page.setContent('<p>b</p>'); return page.textContent('p'); }, { scripts: false }).finally(() => { done = true; });
      await until(() => { waited ||= waiting.size > 0; return done; }, { what: 'the page', intervalMs: 1 });
      expect(await got).toBe('b');
      expect(waited).toBe(false);
      expect(p.stats.closedForRoom).toBe(1);
    } finally { await p.close(); }
  }, 60_000);

  it('lets a waiter of one context through when a page of another context is released', async () => {
    const p = new BrowserPool({ executablePath: '/usr/bin/chromium-headless-shell', pages: 1, offlineHostRules: true, viewport: { width: 400, height: 300 } });
    try {
      let release!: () => void;
      let holding!: () => void;
      const got = new Promise<void>((r) => { holding = r; });
      const held = p.withPage(async (page) => { await page.setContent('<p>a</p>'); holding(); await new Promise<void>((r) => { release = r; }); });
      await got;
      const other = p.withPage(async (page) => { await page.setContent('<p>b</p>'); return 'done'; }, { scripts: false });
      const same = p.withPage(async () => 'same');
      release();
      await expect(Promise.all([held, other, same])).resolves.toEqual([undefined, 'done', 'same']);
    } finally { await p.close(); }
  }, 60_000);
});

describe('waitForAttached', () => {
  it('resolves when script adds the element later, and times out with the selector named', async () => {
    await pool.withPage(async (page) => {
      await page.setContent('<div id="app"></div><script>setTimeout(() => { document.getElementById("app").innerHTML = "<h1 class=t>x</h1>"; }, 200)</script>');
      await waitForAttached(page, 'h1.t, .missing', 5000);
      expect(await page.evaluate(() => document.querySelector('h1.t')?.textContent)).toBe('x');
      await expect(waitForAttached(page, '.never', 300)).rejects.toThrow(/\.never/);
    });
  }, 30_000);

  it('hands selectors the browser does not know to Playwright\'s engine', async () => {
    await pool.withPage(async (page) => {
      await page.setContent('<p>商品不存在</p>');
      await waitForAttached(page, 'text=商品不存在', 5000);
      await waitForAttached(page, 'p:has-text("商品")', 5000);
    });
  }, 30_000);
});
