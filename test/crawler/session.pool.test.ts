/**
 * Sessions from config and files, rotation on block (only the blocked
 * session is retired, a throttle retires none), and the cookie jar shared
 * between HTTP mode and the browser.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.loader.js';
import { platformSchema, type PlatformConfig } from '../../config/platform.schema.js';
import { BrowserPool } from '../../crawler/browser.pool.js';
import { BlockedError, RateLimitedError } from '../../crawler/errors.js';
import { HostLimiter } from '../../crawler/host.limiter.js';
import { HttpFetcher } from '../../crawler/http.fetcher.js';
import { PlatformCrawler } from '../../crawler/platform.crawler.js';
import { SessionPool } from '../../crawler/session.pool.js';
import { until } from '../support/wait.js';

let server: Server;
let base: string;
let browser: BrowserPool;
const seen: string[] = [];
const throttled = new Set<string>();
const dir = mkdtempSync(path.join(tmpdir(), 'sessions-'));

beforeAll(async () => {
  server = createServer((req, res) => {
    const cookie = req.headers.cookie ?? '';
    seen.push(`${req.url} ${cookie}`);
    if (req.url === '/robots.txt') return void res.writeHead(404).end();
    if (cookie.includes('acct=banned')) return void res.writeHead(302, { location: '/login?from=item' }).end();
    // `/item/throttle-*` answers 429 once (Retry-After 0: the platform may be asked again at once), then the page.
    if (req.url?.startsWith('/item/throttle-') && !throttled.has(req.url)) { throttled.add(req.url); return void res.writeHead(429, { 'retry-after': '0' }).end(); }
    if (req.url === '/item/ban') return void res.writeHead(403).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': 'visited=1; Path=/' })
      .end(`<html><body><h1 class="t">商品 ${req.url}</h1><p class="who">${cookie}</p></body></html>`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const cfg = loadConfig({ env: {}, overrides: { ocr: { enabled: false } } });
  browser = new BrowserPool({ executablePath: cfg.browser.executablePath, pages: 2, offlineHostRules: true, viewport: cfg.browser.viewport });
  writeFileSync(path.join(dir, 'a2.cookies.json'), JSON.stringify([{ name: 'acct', value: 'a2', domain: '127.0.0.1', path: '/' }]));
  writeFileSync(path.join(dir, 'a3.state.json'), JSON.stringify({
    cookies: [{ name: 'acct', value: 'a3', domain: '127.0.0.1', path: '/', expires: -1, httpOnly: false, secure: false, sameSite: 'Lax' }],
    origins: [],
  }));
}, 30_000);
afterAll(async () => { await browser?.close(); await new Promise<void>((r) => server.close(() => r())); });

function platform(fetchMode: 'http' | 'browser', anonymousFallback = true): PlatformConfig {
  return platformSchema.parse({
    id: 'acct', name: 'acct', fetchMode, baseUrl: base, allowPrivateNetwork: true,
    block: { loginUrls: ['/login\\?'] },
    sessions: {
      anonymousFallback,
      accounts: [
        { name: 'a1', cookies: [{ name: 'acct', value: 'banned', domain: '127.0.0.1' }] },
        { name: 'a2', cookieFile: 'a2.cookies.json' },
        { name: 'a3', storageStateFile: 'a3.state.json', headers: { 'x-team': 'fz' } },
      ],
    },
    search: { url: '/s?q={keyword}', pagination: { type: 'none' }, items: 'li' },
    item: { url: '/item/{id}', idPattern: '/item/([^/?#]+)', fields: { title: { selector: 'h1.t' }, description: { selector: 'p.who' } } },
  });
}

/** One account, no anonymous fallback, a breaker that trips at the first block: a throttle counted as a block would show at once. */
function solo(): PlatformConfig {
  return platformSchema.parse({
    id: 'solo', name: 'solo', fetchMode: 'http', baseUrl: base, allowPrivateNetwork: true,
    block: { breakerThreshold: 1, breakerPauseMs: 60_000 },
    sessions: { anonymousFallback: false, accounts: [{ name: 'solo', cookies: [{ name: 'acct', value: 'solo', domain: '127.0.0.1' }] }] },
    search: { url: '/s?q={keyword}', pagination: { type: 'none' }, items: 'li' },
    item: { url: '/item/{id}', idPattern: '/item/([^/?#]+)', fields: { title: { selector: 'h1.t' }, description: { selector: 'p.who' } } },
    evidence: { screenshot: 'never' },
  });
}

describe('session pool', () => {
  it('rotates through the accounts in order, then falls back to anonymous or stops', () => {
    const pool = new SessionPool(dir);
    const p = platform('http', false);
    const names = [];
    for (let s = pool.current(p); s; s = pool.current(p)) { names.push(s.name); pool.retire(s); }
    expect(names).toEqual(['a1', 'a2', 'a3']);
    const anon = new SessionPool(dir);
    const q = platform('http', true);
    for (let i = 0; i < 3; i++) anon.retire(anon.current(q)!);
    expect(anon.current(q)?.name).toBe('anonymous');
  });

  it('retires the blocked account only, and the next capture uses the next one (HTTP mode)', async () => {
    const c = new PlatformCrawler({ http: new HttpFetcher({ limiter: new HostLimiter() }), browser, downloadImages: false, sessions: new SessionPool(dir) });
    const p = platform('http');
    const err = await c.capture(p, 'x1').catch((e) => e);
    expect(err).toBeInstanceOf(BlockedError);
    expect(err.reason).toBe('login');
    const cap = await c.capture(p, 'x1');
    expect(cap.session).toBe('a2');
    expect(cap.listing.description).toBe('acct=a2');
    // the jar keeps what the site set
    expect((await c.capture(p, 'x2')).listing.description).toBe('acct=a2; visited=1');
  });

  it('a throttle (429) retires no session and does not count toward the circuit breaker; a block does both', async () => {
    const limiter = new HostLimiter();
    const sessions = new SessionPool(dir);
    const paused: string[] = [];
    const c = new PlatformCrawler({ http: new HttpFetcher({ limiter }), browser, downloadImages: false, sessions, limiter, onPlatformPaused: (_p, _ms, reason) => paused.push(reason) });
    const p = solo();
    const err = await c.capture(p, 'throttle-1').catch((e) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect(sessions.current(p)?.name).toBe('solo');
    expect(paused).toEqual([]);
    const cap = await c.capture(p, 'throttle-1');
    expect(cap.session).toBe('solo');
    expect(cap.listing.description).toBe('acct=solo');
    // The same platform's block, for contrast: the only account is retired and the breaker trips.
    expect(await c.capture(p, 'ban').catch((e) => e)).toBeInstanceOf(BlockedError);
    expect(sessions.current(p)).toBeUndefined();
    expect(paused).toEqual(['circuit breaker: 1 blocks in a row (last: status)']);
  });

  it('hands the jar and storageState to the browser, and cookies the browser got back to HTTP mode', async () => {
    const sessions = new SessionPool(dir);
    const p = platform('browser');
    const s1 = sessions.current(p)!; sessions.retire(s1);
    const s2 = sessions.current(p)!; sessions.retire(s2);
    const c = new PlatformCrawler({ http: new HttpFetcher({ limiter: new HostLimiter() }), browser, downloadImages: false, sessions });
    const cap = await c.capture(p, 'b1');
    expect(cap.session).toBe('a3');
    expect(cap.listing.description).toBe('acct=a3');
    expect(await sessions.current(p)!.jar.getCookieString(base)).toBe('acct=a3; visited=1');
  }, 30_000);

  it('retiring a session leaves pages in flight on it working and other sessions untouched', async () => {
    const sessions = new SessionPool(dir);
    const p = platform('browser');
    sessions.retire(sessions.current(p)!); // a1 is banned
    const a = sessions.current(p)!;
    const pool = new BrowserPool({ executablePath: loadConfig({ env: {}, overrides: { ocr: { enabled: false } } }).browser.executablePath, pages: 2, offlineHostRules: true, viewport: { width: 800, height: 600 } });
    try {
      let release!: () => void;
      const gate = new Promise<void>((r) => { release = r; });
      let loaded = false;
      const inFlight = pool.withPage(async (page) => {
        await page.goto(`${base}/item/slow`);
        loaded = true;
        await gate;
        return page.textContent('h1');
      }, { platform: p, session: a });
      // The page is open on session a, its document loaded, when the session is retired.
      await until(() => loaded, { what: 'the in-flight page to load' });
      sessions.retire(a);
      await pool.rotateSession(a.id);
      const b = sessions.current(p)!;
      const other = await pool.withPage(async (page) => { await page.goto(`${base}/item/other`); return page.textContent('p.who'); }, { platform: p, session: b });
      expect(other).toBe('acct=a3');
      release();
      expect(await inFlight).toBe('商品 /item/slow');
    } finally { await pool.close(); }
  }, 30_000);
});
