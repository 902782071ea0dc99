/**
 * Issue 23: a page that sets a cookie and shows a "please wait / verifying"
 * page without the item's fields (the next request, with the cookie, gets the
 * real page) is an interstitial: retried with the same session and its cookie
 * jar (retry policy `retry`, the session kept), not given up as a broken
 * selector. Against a real server, in HTTP mode and in real Chromium. The same
 * page twice from the same session, or a page that set no cookie, is still
 * the broken selector it looks like.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformSchema, type PlatformConfig } from '../../config/platform.schema.js';
import { BrowserPool } from '../../crawler/browser.pool.js';
import { retryPolicyOf } from '../../crawler/errors.js';
import { HostLimiter } from '../../crawler/host.limiter.js';
import { HttpFetcher } from '../../crawler/http.fetcher.js';
import { PlatformCrawler } from '../../crawler/platform.crawler.js';

let server: Server;
let base: string;
/** Cookie header of every item request, by path. */
const seen: Array<{ path: string; cookie: string }> = [];
const browser = new BrowserPool({ executablePath: '/usr/bin/chromium-headless-shell', pages: 1, offlineHostRules: true, userAgent: 'test', viewport: { width: 1280, height: 800 } });

const WAIT = '<html><head><title>请稍候</title></head><body><p>正在验证您的浏览器，请稍候…</p></body></html>';

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    const cookie = req.headers.cookie ?? '';
    if (path === '/favicon.ico') { res.writeHead(404); res.end(); return; }
    seen.push({ path, cookie });
    const html = (body: string, headers: Record<string, string> = {}) => { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers }); res.end(body); };
    const m = path.match(/^\/(gate|always|nocookie)\/(\d+)\.html$/);
    if (!m) { res.writeHead(404); res.end(); return; }
    const [, kind, id] = m;
    const token = `ok-${id}`;
    if (kind === 'gate' && cookie.includes(`verify=${token}`)) return html(`<html><body><h1>安踏运动鞋 ${id}</h1><p class="shop">某某专营店</p></body></html>`);
    if (kind === 'nocookie') return html(WAIT);
    return html(WAIT, { 'set-cookie': `verify=${token}; Path=/; HttpOnly` });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => { await browser.close(); await new Promise((r) => server.close(r)); });

function platformFor(id: string, fetchMode: 'http' | 'browser', kind: string): PlatformConfig {
  return platformSchema.parse({
    id, name: '验证页平台', fetchMode, baseUrl: base, allowPrivateNetwork: true, robots: 'ignore',
    search: { url: '/search?q={keyword}', pagination: { type: 'none' }, items: 'a.item' },
    item: { url: `/${kind}/{id}.html`, idPattern: `/${kind}/(\\d+)\\.html`, fields: { title: { selector: 'h1' }, shopName: { selector: '.shop' } } },
    limits: { concurrency: 1, requestsPerSecond: 100, timeoutMs: 10_000 },
  });
}

const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (err: unknown) => err);

describe.each(['http', 'browser'] as const)('a cookie-setting interstitial in %s mode', (mode) => {
  const crawler = new PlatformCrawler({ http: new HttpFetcher({ limiter: new HostLimiter(), userAgent: 'test' }), browser, downloadImages: false });

  it('is retried with the same session, whose jar now carries the cookie, and then captured', async () => {
    const platform = platformFor(`gate-${mode}`, mode, 'gate');
    const session = crawler.sessions.current(platform)!;
    const err = await failure(crawler.capture(platform, '501'));
    const decision = retryPolicyOf(err);
    expect(decision.kind).toBe('InterstitialError');
    expect(decision.policy).toBe('retry');
    expect(decision.outcome).toBe('failed');
    // The session was not retired: the retry uses it, cookie and all.
    expect(crawler.sessions.current(platform)).toBe(session);
    expect(session.retired).toBe(false);
    const r = await crawler.capture(platform, '501');
    expect(r.listing.title).toBe('安踏运动鞋 501');
    expect(r.session).toBe(session.name);
    const gate = seen.filter((s) => s.path === '/gate/501.html');
    expect(gate.at(-1)?.cookie).toContain('verify=ok-501');
  });

  it('is the broken selector it looks like when the cookie did not help (same page again)', async () => {
    const platform = platformFor(`always-${mode}`, mode, 'always');
    expect(retryPolicyOf(await failure(crawler.capture(platform, '502'))).kind).toBe('InterstitialError');
    const again = retryPolicyOf(await failure(crawler.capture(platform, '502')));
    expect(again.kind).toBe('SelectorBrokenError');
    expect(again.policy).toBe('never');
  });

  it('is a broken selector at once when the page set no cookie', async () => {
    const platform = platformFor(`nocookie-${mode}`, mode, 'nocookie');
    expect(retryPolicyOf(await failure(crawler.capture(platform, '503'))).kind).toBe('SelectorBrokenError');
  });
});
