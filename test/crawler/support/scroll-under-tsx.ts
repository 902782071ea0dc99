/**
 * Run by test/crawler/renderer.tsx.test.ts under tsx (as the workers run):
 * scrolls demo-shop searches to their end and prints what was found against
 * the marketplace's own totals, as one JSON line.
 */
import { loadConfig } from '../../../config/config.loader.js';
import { BrowserPool } from '../../../crawler/browser.pool.js';
import { HostLimiter } from '../../../crawler/host.limiter.js';
import { HttpFetcher } from '../../../crawler/http.fetcher.js';
import { PlatformCrawler } from '../../../crawler/platform.crawler.js';
import { startMarketplace } from '../../../demo/marketplace/marketplace.server.js';

const market = await startMarketplace({ seed: 42, size: 1000, host: '127.0.0.1', port: 0 });
const cfg = loadConfig({ env: {}, overrides: { platformBaseUrls: { 'demo-mall': market.url, 'demo-shop': market.url, 'demo-mobile': market.url }, browser: { offlineHostRules: true } } });
const shop = cfg.platforms.find((p) => p.id === 'demo-shop')!;
const browser = new BrowserPool({ executablePath: cfg.browser.executablePath, pages: 2, offlineHostRules: true, viewport: cfg.browser.viewport });
const crawler = new PlatformCrawler({ http: new HttpFetcher({ limiter: new HostLimiter() }), browser, downloadImages: false });
const out: Array<{ keyword: string; found: number; total: number }> = [];
try {
  for (const keyword of ['福州茉莉花茶', '安溪铁观音']) {
    const r = await crawler.search(shop, keyword, 1);
    const api = await (await fetch(`${market.url}/shop/api/search?q=${encodeURIComponent(keyword)}&offset=0`)).json() as { total: number };
    out.push({ keyword, found: new Set(r.items.map((i) => i.listingId)).size, total: api.total });
  }
  console.log(JSON.stringify(out));
} finally {
  await browser.close();
  await market.close();
}
