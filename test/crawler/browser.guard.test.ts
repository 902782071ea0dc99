/**
 * The browser's request guard and time budget, in real Chromium against a
 * local server: redirects, subresources and fetch() into a private address
 * never leave, third-party hosts are refused, and a page that runs script
 * forever fails its capture within the budget.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.loader.js';
import { platformSchema, type PlatformConfig } from '../../config/platform.schema.js';
import { BrowserPool } from '../../crawler/browser.pool.js';
import { AddressRefusedError, CaptureTimeoutError, retryPolicyOf } from '../../crawler/errors.js';
import { HostLimiter } from '../../crawler/host.limiter.js';
import { HttpFetcher } from '../../crawler/http.fetcher.js';
import { PlatformCrawler } from '../../crawler/platform.crawler.js';

let server: Server;
let port: number;
const hits: string[] = [];
let browser: BrowserPool;
let crawler: PlatformCrawler;

const page = (body: string) => `<!doctype html><html><head><meta charset="utf-8"></head><body>${body}</body></html>`;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? '/';
    hits.push(`${req.headers.host?.split(':')[0]}${url}`);
    const html = (b: string) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(b));
    if (url === '/robots.txt') return void res.writeHead(404).end();
    if (url === '/item/redirect-private') return void res.writeHead(302, { location: `http://127.0.0.1:${port}/internal` }).end();
    if (url === '/item/subresources') {
      return void html(`<h1 class="t">外链</h1><img src="http://127.0.0.1:${port}/internal-img.png"><img src="http://tracker.test:${port}/pixel.gif">
        <script>fetch('http://127.0.0.1:${port}/internal-fetch').catch(() => {});</script>`);
    }
    // An image that never answers (a stalled CDN): its request is left open.
    if (url === '/stalled.png') return;
    if (url === '/item/stalled-image') return void html(`<h1 class="t">慢图</h1><img src="/stalled.png">`);
    if (url === '/item/hop') return void res.writeHead(302, { location: '/item/landed' }).end();
    if (url === '/item/loop') return void res.writeHead(302, { location: '/item/loop' }).end();
    if (url === '/item/hang') return void html(`<h1 class="t">忙</h1><script>setTimeout(() => { for (;;) {} }, 50);</script>`);
    if (url === '/item/pictures') return void html(`<h1 class="t">图</h1><img class="pic" src="/pic/1.png"><img class="pic" data-src="/pic/2.png">
        <script>document.querySelectorAll('img[data-src]').forEach((i) => { i.src = i.dataset.src; });</script>`);
    if (url.startsWith('/item/')) return void html(`<h1 class="t">商品 ${url.slice(6)}</h1>`);
    res.writeHead(200, { 'content-type': 'text/plain' }).end('internal');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  const cfg = loadConfig({ env: {}, overrides: { ocr: { enabled: false } } });
  // Both test hosts live on loopback; the platform may reach only shop.test there (privateHosts).
  const resolver = async (host: string) => (host.endsWith('.test') ? ['127.0.0.1'] : Promise.reject(new Error(`ENOTFOUND ${host}`)));
  browser = new BrowserPool({ executablePath: cfg.browser.executablePath, pages: 2, offlineHostRules: true, viewport: cfg.browser.viewport, resolver });
  crawler = new PlatformCrawler({ http: new HttpFetcher({ limiter: new HostLimiter(), resolver }), browser, downloadImages: false, resolver });
}, 60_000);
afterAll(async () => { await browser?.close(); await new Promise<void>((r) => server.close(() => r())); });

function platform(extra: Record<string, unknown> = {}): PlatformConfig {
  return platformSchema.parse({
    id: 'guarded', name: 'guarded', fetchMode: 'browser', baseUrl: `http://shop.test:${port}`, allowPrivateNetwork: false, privateHosts: ['shop.test'], robots: 'ignore',
    search: { url: '/s?q={keyword}', pagination: { type: 'none' }, items: 'li' },
    item: { url: '/item/{id}', idPattern: '/item/([^/?#]+)', fields: { title: { selector: 'h1.t' } } },
    evidence: { screenshot: 'always' },
    limits: { timeoutMs: 5000, captureBudgetMs: 15_000 },
    ...extra,
  });
}

describe('browser request guard', () => {
  it('loads no pictures for a page kept for its text, and loads them for a screenshot in the same load', async () => {
    const picked = (screenshot: boolean) => platform({
      item: { url: '/item/{id}', idPattern: '/item/([^/?#]+)', fields: { title: { selector: 'h1.t' }, images: { selector: 'img.pic', attrs: ['src'] } } },
      evidence: { screenshot: screenshot ? 'always' : 'suspect' },
    });
    const before = hits.length;
    const cap = await crawler.capture(picked(false), 'pictures');
    expect(cap.listing.images).toEqual([`http://shop.test:${port}/pic/1.png`, `http://shop.test:${port}/pic/2.png`]); // lazy src still set by the page
    expect(cap.screenshot).toBeUndefined();
    expect(hits.slice(before).filter((h) => h.includes('/pic/'))).toEqual([]);
    const shotFrom = hits.length;
    const shot = await crawler.capture(picked(true), 'pictures');
    expect(shot.screenshot).toBeDefined();
    expect(hits.slice(shotFrom).filter((h) => h.includes('/pic/')).sort()).toEqual(['shop.test/pic/1.png', 'shop.test/pic/2.png']);
  }, 30_000);

  it('refuses a listing page that redirects into a private address', async () => {
    const err = await crawler.capture(platform(), 'redirect-private').catch((e) => e);
    expect(err).toBeInstanceOf(AddressRefusedError);
    expect(err.message).toMatch(/refused address 127\.0\.0\.1/);
    expect(retryPolicyOf(err).policy).toBe('never');
    expect(hits).not.toContain('127.0.0.1/internal');
  }, 30_000);

  it('keeps subresources and fetch() away from private addresses and blocks third parties', async () => {
    const cap = await crawler.capture(platform(), 'subresources');
    expect(cap.listing.title).toBe('外链');
    expect(cap.screenshot?.provenance).toBe('live-page');
    expect(cap.screenshot?.body.subarray(1, 4).toString()).toBe('PNG');
    expect(hits).toContain('shop.test/item/subresources');
    expect(hits.filter((h) => h.startsWith('127.0.0.1/internal'))).toEqual([]);
    expect(hits.filter((h) => h.startsWith('tracker.test'))).toEqual([]);
  }, 30_000);

  it('refuses third-party hosts when the platform says so, even public ones', async () => {
    const publicResolver = async (host: string) => (host === 'shop.test' ? ['127.0.0.1'] : ['93.184.216.34']);
    const cfg = loadConfig({ env: {}, overrides: { ocr: { enabled: false } } });
    const pool = new BrowserPool({ executablePath: cfg.browser.executablePath, pages: 1, offlineHostRules: true, viewport: cfg.browser.viewport, resolver: publicResolver });
    try {
      const c = new PlatformCrawler({ http: new HttpFetcher({ limiter: new HostLimiter(), resolver: publicResolver }), browser: pool, downloadImages: false });
      const before = hits.length;
      const cap = await c.capture(platform({ browser: { blockThirdParty: true } }), 'subresources');
      expect(cap.listing.title).toBe('外链');
      expect(hits.slice(before).filter((h) => !h.startsWith('shop.test'))).toEqual([]);
    } finally { await pool.close(); }
  }, 30_000);

  it('a subresource that never answers costs that picture, not the listing', async () => {
    // The navigation may take 5 s; the screenshot's own wait is the same 5 s, so a picture held as long fails it.
    const p = platform({ limits: { timeoutMs: 5000, subresourceTimeoutMs: 1000, captureBudgetMs: 15_000 } });
    const cap = await crawler.capture(p, 'stalled-image');
    expect(cap.listing.title).toBe('慢图');
    expect(cap.screenshot).toBeDefined();
  });

  it('follows an allowed redirect hop by hop, and stops a redirect loop', async () => {
    const cap = await crawler.capture(platform(), 'hop');
    expect(cap.listing.title).toBe('商品 landed');
    expect(cap.document.url).toBe(`http://shop.test:${port}/item/landed`);
    const err = await crawler.capture(platform(), 'loop').catch((e) => e);
    expect(err.name).toBe('LimitExceededError');
    // Stopped by the hop limit: the loop was fetched a few times, not until some timeout.
    expect(hits.filter((h) => h === 'shop.test/item/loop').length).toBeLessThanOrEqual(6);
  }, 30_000);

  it('fails a page that runs script forever within the capture budget, with a clear error', async () => {
    const err = await crawler.capture(platform({ limits: { timeoutMs: 5000, captureBudgetMs: 4000 } }), 'hang').catch((e) => e);
    // The capture budget ended it (its own error and message), not the test's timeout or a hung page.
    expect(err).toBeInstanceOf(CaptureTimeoutError);
    expect(err.message).toMatch(/capture exceeded its 4000 ms budget during (page\.content\(\)|screenshot|browser steps)/);
    expect(retryPolicyOf(err).policy).toBe('retry');
    // the pool still serves pages afterwards
    expect((await crawler.capture(platform(), 'ok-1')).listing.title).toBe('商品 ok-1');
  }, 30_000);
});
