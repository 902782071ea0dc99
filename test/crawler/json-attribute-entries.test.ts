/**
 * Issue 23: JSON attributes given as a list of single-key objects
 * (`[{"品牌":"安踏"},{"产地":"福建"}]`) are read by config (`attributes:
 * { entries: <path> }`), through the real crawler against a real server; the
 * `rows` form keeps working beside it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { platformSchema } from '../../config/platform.schema.js';
import { BrowserPool } from '../../crawler/browser.pool.js';
import { HostLimiter } from '../../crawler/host.limiter.js';
import { HttpFetcher } from '../../crawler/http.fetcher.js';
import { PlatformCrawler } from '../../crawler/platform.crawler.js';

let server: Server;
let base: string;
const browser = new BrowserPool({ executablePath: '/usr/bin/chromium-headless-shell', pages: 1, offlineHostRules: true, userAgent: 'test', viewport: { width: 1280, height: 800 } });
const crawler = new PlatformCrawler({ http: new HttpFetcher({ limiter: new HostLimiter(), userAgent: 'test' }), browser, downloadImages: false });

beforeAll(async () => {
  server = createServer((req, res) => {
    const m = req.url?.match(/^\/api\/item\?id=(\d+)$/);
    if (!m) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ data: {
      title: `安踏运动鞋 ${m[1]}`, shop: '某某专营店',
      props: [{ 品牌: '安踏' }, { 产地: '福建 晋江' }, { 货号: 112233 }],
      specs: [{ k: '颜色', v: '黑色' }],
      more: { 尺码: '42' },
    } }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => { await browser.close(); await new Promise((r) => server.close(r)); });

it('reads a list of single-key objects (and one object) as name → value attributes, beside rows', async () => {
  const platform = platformSchema.parse({
    id: 'json-entries', name: 'JSON 属性列表', fetchMode: 'http', baseUrl: base, allowPrivateNetwork: true, robots: 'ignore',
    search: { url: '/api/search?q={keyword}', format: 'json', pagination: { type: 'none' }, items: 'data.items', id: { path: 'id' } },
    item: {
      url: '/item/{id}.html', apiUrl: '/api/item?id={id}', format: 'json', idPattern: '/item/(\\d+)\\.html',
      fields: {
        title: { path: 'data.title' }, shopName: { path: 'data.shop' },
        attributes: [{ entries: 'data.props' }, { rows: 'data.specs', name: 'k', value: 'v' }, { entries: 'data.more' }],
      },
    },
    limits: { concurrency: 1, requestsPerSecond: 100, timeoutMs: 5000 },
  });
  const r = await crawler.capture(platform, '7001');
  expect(r.listing.title).toBe('安踏运动鞋 7001');
  expect(r.listing.attributes).toEqual({ 品牌: '安踏', 产地: '福建 晋江', 货号: '112233', 颜色: '黑色', 尺码: '42' });
});
