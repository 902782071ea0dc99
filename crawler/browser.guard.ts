/**
 * Every request a browser page makes (navigations, each redirect hop,
 * subresources, fetch/XHR) is sent by Node, not by Chromium: its address is
 * checked by the guard and the connection pinned to that address (with a
 * platform proxy: sent through it, the name resolved by the proxy), redirects
 * are handed back to the browser one hop at a time (Chromium follows a
 * redirect without asking a route handler again, so letting it fetch would
 * let a redirect reach an internal address). Third-party hosts and resource
 * types can be refused per platform; WebSockets are refused. What Chromium
 * fetches without asking a route handler (speculation-rules prefetch and
 * prerender, WebRTC's TURN and STUN) meets a closed network instead
 * (CLOSED_NETWORK_ARGS, domain/chromium.network.ts).
 */
import type { BrowserContext, Page, Request, Route } from 'playwright-core';
import { type Dispatcher, request as undiciRequest } from 'undici';
import type { PlatformConfig } from '../config/platform.schema.js';
import { allowsPrivate, assertAllowedProxiedUrl, resolveAllowedAddress, type Resolver } from './address.guard.js';
import { blockedByStatus, blockedByUrl } from './block.detector.js';
import { AddressRefusedError } from './errors.js';
import { pinnedAgent, proxyAgent } from './pinned.agents.js';
import { outcomeOfRefusal, outcomeOfStatus, type RequestCounter } from './request.counter.js';

const refused = new WeakMap<Page, AddressRefusedError[]>();
const textOnly = new WeakSet<Page>();

/** Resource types a page loaded only for its text never asks for (see {@link loadForText}). */
export const PICTURE_TYPES: ReadonlySet<string> = new Set(['image', 'media', 'font']);

/**
 * Marks `page` as loaded for its text (DOM, fields, links) or for a picture.
 * A page loaded for its text refuses images, media and fonts: the crawler
 * downloads a listing's images itself from the URLs in the page, so letting
 * Chromium fetch (through the guard, over the protocol) and decode them too
 * would pay for each image twice. Image URLs set by lazy-loading scripts are
 * still in the DOM.
 */
export function loadForText(page: Page, text: boolean): void {
  if (text) textOnly.add(page);
  else textOnly.delete(page);
}

/** Address refusals seen on `page` since the last call (and forgets them). */
export function takeRefused(page: Page): AddressRefusedError[] {
  const list = refused.get(page) ?? [];
  refused.delete(page);
  return list;
}

/** The platform's own hosts: its base host's domain (last two labels) and the configured suffixes. */
export function isOwnHost(platform: PlatformConfig, host: string): boolean {
  const base = new URL(platform.baseUrl).hostname;
  const domain = /^[\d.]+$|:/.test(base) ? base : base.split('.').slice(-2).join('.');
  const suffixes = [domain, ...platform.browser.allowHosts];
  return suffixes.some((s) => host === s || host.endsWith(`.${s}`));
}

function pageOf(request: Request): Page | undefined {
  try { return request.frame().page(); } catch { return undefined; }
}

function noteRefusal(request: Request, err: unknown): void {
  const page = pageOf(request);
  if (page && err instanceof AddressRefusedError) refused.set(page, [...(refused.get(page) ?? []), err]);
}

// Hop-by-hop and framing headers are the fetching side's business, not the page's.
const DROP_REQUEST = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'upgrade', 'proxy-connection']);
const DROP_RESPONSE = new Set(['connection', 'content-length', 'transfer-encoding', 'keep-alive', 'content-encoding']);

const redirects = new WeakMap<Page, string>();

/** A redirect the page's main document asked for (the navigation was stopped so the caller can follow it). */
export function takeRedirect(page: Page): string | undefined {
  const next = redirects.get(page);
  redirects.delete(page);
  return next;
}

interface Fetched { status: number; headers: Record<string, string>; body: Buffer; location?: string }

/**
 * The connection pool `url` may be fetched with, after the guard's check.
 * Direct: pinned to the address the guard resolved and checked. Through the
 * platform's proxy: the proxy resolves the name, so nothing is looked up here
 * (the target is checked without DNS, as in HTTP mode).
 */
async function guardedAgent(url: string, platform: PlatformConfig, resolver: Resolver | undefined): Promise<Dispatcher> {
  if (platform.proxy) {
    assertAllowedProxiedUrl(url, platform.id, allowsPrivate(platform, url));
    return proxyAgent(platform.proxy);
  }
  return pinnedAgent(new URL(url).host, await resolveAllowedAddress(url, platform.id, allowsPrivate(platform, url), resolver));
}

/** One request from Node, connected only to the address the guard checked for it (or to the platform's proxy). */
async function fetchGuarded(url: string, request: Request, platform: PlatformConfig, resolver: Resolver | undefined, headers: Record<string, string>, withBody: boolean): Promise<Fetched | 'too-large'> {
  const agent = await guardedAgent(url, platform, resolver);
  // A subresource gets less time than the page waits for it, so one that hangs is dropped before the
  // screenshot's or the load's own wait runs out: the listing is captured without that picture.
  const ms = request.resourceType() === 'document' ? platform.limits.timeoutMs : platform.limits.subresourceTimeoutMs ?? Math.floor(platform.limits.timeoutMs / 2);
  const res = await undiciRequest(url, {
    method: (withBody ? request.method() : 'GET') as 'GET', headers, body: withBody ? request.postDataBuffer() ?? undefined : undefined, dispatcher: agent,
    headersTimeout: ms, bodyTimeout: ms, signal: AbortSignal.timeout(ms),
  });
  const cap = request.resourceType() === 'document' ? platform.limits.maxPageBytes : platform.limits.maxImageBytes;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += chunk.length;
    if (size > cap) { res.body.destroy(); return 'too-large'; }
    chunks.push(chunk as Buffer);
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) {
    if (v === undefined || DROP_RESPONSE.has(k)) continue;
    out[k] = Array.isArray(v) ? v.join(k === 'set-cookie' ? '\n' : ', ') : String(v);
  }
  const location = res.statusCode >= 300 && res.statusCode < 400 && res.headers.location ? new URL(String(res.headers.location), url).toString() : undefined;
  return { status: res.statusCode, headers: out, body: Buffer.concat(chunks), location };
}

/**
 * Routes every request of `context` through the guard for `platform`.
 * Chromium follows a redirect without asking the route handler again (also
 * one handed back by route.fulfill), so redirects never go back to it: a
 * subresource's hops are followed here, each one guarded; the main
 * document's next hop is left to the caller ({@link takeRedirect}), which
 * navigates to it so the page keeps its real URL. `requests` is told of
 * each response Node received for the page (and of each that failed).
 */
export async function guardContext(context: BrowserContext, platform: PlatformConfig, resolver?: Resolver, requests?: RequestCounter): Promise<void> {
  const policy = platform.browser;
  const count = (res: Fetched | 'too-large') => {
    if (!requests) return;
    if (res === 'too-large') { requests.request(platform.id, 'error'); return; }
    const refusal = res.location ? blockedByUrl(platform, res.location) : blockedByStatus(platform, '', res.status, res.headers['retry-after']);
    requests.request(platform.id, refusal ? outcomeOfRefusal(refusal) : outcomeOfStatus(res.status));
  };
  await context.routeWebSocket(/.*/, (ws) => ws.close({ code: 1008, reason: 'refused by the crawler' })).catch(() => {});
  await context.route('**/*', async (route: Route, request: Request) => {
    const url = request.url();
    if (!/^https?:/i.test(url)) return route.continue().catch(() => {});
    if (policy.blockResourceTypes.includes(request.resourceType())) return route.abort('blockedbyclient').catch(() => {});
    const page = pageOf(request);
    if (page && textOnly.has(page) && PICTURE_TYPES.has(request.resourceType())) return route.abort('blockedbyclient').catch(() => {});
    if (policy.blockThirdParty && !request.isNavigationRequest() && !isOwnHost(platform, new URL(url).hostname)) {
      return route.abort('blockedbyclient').catch(() => {});
    }
    const mainDocument = request.isNavigationRequest() && page !== undefined && request.frame() === page.mainFrame();
    try {
      const headers = Object.fromEntries(Object.entries(await request.allHeaders()).filter(([k]) => !DROP_REQUEST.has(k) && !k.startsWith(':')));
      let target = url;
      let res = await fetchGuarded(target, request, platform, resolver, headers, true);
      count(res);
      for (let hop = 0; res !== 'too-large' && res.location; hop++) {
        if (hop >= platform.limits.maxRedirects) return route.abort('failed').catch(() => {});
        await guardedAgent(res.location, platform, resolver);
        if (mainDocument) {
          redirects.set(page, res.location);
          return route.abort('aborted').catch(() => {});
        }
        target = res.location;
        res = await fetchGuarded(target, request, platform, resolver, headers, false);
        count(res);
      }
      if (res === 'too-large') return route.abort('failed').catch(() => {});
      return await route.fulfill({ status: res.status, headers: res.headers, body: res.body }).catch(() => {});
    } catch (err) {
      // An address the guard refused was never asked; anything else is a request that got no answer.
      if (requests && !(err instanceof AddressRefusedError)) requests.request(platform.id, 'error');
      noteRefusal(request, err);
      return route.abort(err instanceof AddressRefusedError ? 'addressunreachable' : 'failed').catch(() => {});
    }
  });
}
