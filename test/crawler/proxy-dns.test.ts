/**
 * Issue 23: with a platform proxy, the target's name is resolved by the proxy,
 * never here: a capture through a local CONNECT proxy, with a resolver that
 * records every lookup, looks nothing up (browser mode, whose requests Node
 * fetches for Chromium, and HTTP mode alike), while the proxy is asked for the
 * target by name. What can be judged without DNS still is: a private address
 * literal the page asks for is refused and never reaches its listener. And the
 * bundled config sets no `offlineHostRules` (it has no effect on the crawler's
 * Chromium, whose own network is closed).
 */
import { createServer, type Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { startConnectProxy, type ConnectProxy } from './support/connect.proxy.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.loader.js';
import { platformSchema, type PlatformConfig } from '../../config/platform.schema.js';
import { BrowserPool } from '../../crawler/browser.pool.js';
import { HostLimiter } from '../../crawler/host.limiter.js';
import { HttpFetcher } from '../../crawler/http.fetcher.js';
import { PlatformCrawler } from '../../crawler/platform.crawler.js';

const HOST = 'shop.proxied-platform.test';
let site: Server;
let proxy: ConnectProxy;
let sink: net.Server;
let sitePort = 0;
let sinkPort = 0;
let proxyUrl = '';
/** Names the crawler looked up itself. */
const lookups: string[] = [];
let sinkConnections = 0;
const resolver = async (host: string) => { lookups.push(host); return ['93.184.216.34']; };
const browser = new BrowserPool({ executablePath: '/usr/bin/chromium-headless-shell', pages: 1, offlineHostRules: false, userAgent: 'test', viewport: { width: 1280, height: 800 }, resolver });
const crawler = new PlatformCrawler({ http: new HttpFetcher({ limiter: new HostLimiter(), userAgent: 'test', resolver }), browser, downloadImages: false, resolver });

beforeAll(async () => {
  sink = net.createServer((s) => { sinkConnections++; s.destroy(); });
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
  sinkPort = (sink.address() as AddressInfo).port;
  site = createServer((req, res) => {
    if (req.url === '/favicon.ico') { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<html><body><h1>安踏运动鞋 ${req.url}</h1><p class="shop">代理店</p><script>fetch('http://127.0.0.1:${sinkPort}/x').catch(() => {})</script></body></html>`);
  });
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  sitePort = (site.address() as AddressInfo).port;
  // The proxy resolves the platform's name itself (here: to the local site).
  proxy = await startConnectProxy((host) => (host === HOST ? '127.0.0.1' : host));
  proxyUrl = proxy.url;
});
afterAll(async () => {
  await browser.close();
  await Promise.all([proxy.close(), ...[site, sink].map((s) => new Promise((r) => s.close(r)))]);
});

function platformFor(fetchMode: 'http' | 'browser'): PlatformConfig {
  return platformSchema.parse({
    id: `proxied-${fetchMode}`, name: '代理平台', fetchMode, baseUrl: `http://${HOST}:${sitePort}`, proxy: proxyUrl, robots: 'ignore',
    search: { url: '/search?q={keyword}', pagination: { type: 'none' }, items: 'a.item' },
    item: { url: '/item/{id}.html', idPattern: '/item/(\\d+)\\.html', fields: { title: { selector: 'h1' }, shopName: { selector: '.shop' } } },
    limits: { concurrency: 1, requestsPerSecond: 100, timeoutMs: 10_000 },
  });
}

describe.each(['browser', 'http'] as const)('a capture through the platform proxy in %s mode', (mode) => {
  it('leaves the target name to the proxy: no local lookup', async () => {
    lookups.length = 0;
    const r = await crawler.capture(platformFor(mode), '42');
    expect(r.listing.title).toBe('安踏运动鞋 /item/42.html');
    expect(lookups).toEqual([]);
    // The proxy was asked for the name (its tunnel is kept alive and reused across modes).
    expect(proxy.connects).toContain(`${HOST}:${sitePort}`);
    // The page's fetch of a private address literal was refused, not tunnelled.
    expect(proxy.connects.every((c) => c === `${HOST}:${sitePort}`)).toBe(true);
    expect(sinkConnections).toBe(0);
  });
});

it('the bundled config sets no offlineHostRules', () => {
  expect(loadConfig({ env: {} }).browser.offlineHostRules).toBe(false);
});

it('judges a proxied target without DNS: private literals and localhost names refused, names left to the proxy', async () => {
  const { assertAllowedProxiedUrl } = await import('../../crawler/address.guard.js');
  for (const url of ['http://127.0.0.1:9/x', 'http://[::1]/x', 'http://[::ffff:10.0.0.1]/', 'http://localhost/x', 'http://a.localhost./x', 'file:///etc/passwd']) {
    expect(() => assertAllowedProxiedUrl(url, 'p', false), url).toThrow(/refused address/);
  }
  expect(() => assertAllowedProxiedUrl('http://127.0.0.1:9/x', 'p', true)).not.toThrow();
  lookups.length = 0;
  expect(() => assertAllowedProxiedUrl(`https://${HOST}/item/1.html`, 'p', false)).not.toThrow();
  expect(lookups).toEqual([]);
});
