/**
 * The bundled demo marketplace: one node:http server with three platform
 * styles (demo-mall server-rendered, demo-shop client-rendered, demo-mobile
 * JSON API) over a generated catalog. See README.md for URLs and selectors.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from '../../domain/registry.schema.js';
import { loadDemoRegistry } from '../registry.loader.js';
import { generateCatalog } from './catalog.generator.js';
import type { Catalog, DemoListing, DemoPlatform } from './catalog.types.js';
import { ImageCache } from './image.renderer.js';
import { mallHomePage, mallItemPage, mallNotFoundPage, mallSearchPage } from './mall.pages.js';
import { MOBILE_MAX_PAGE_SIZE, MOBILE_NOT_FOUND, MOBILE_PAGE_SIZE, mobileItemJson, mobileItemPage, mobileNotFoundPage, mobileSearchJson } from './mobile.pages.js';
import { hash32 } from './prng.util.js';
import { SHOP_BATCH, shopHomeShell, shopItemJson, shopItemShell, shopSearchItem, shopSearchShell } from './shop.pages.js';
import { normalizeForSearch } from './text.normalizer.js';

export { writeCatalogFeed } from './catalog.feed.js';

/** Options of {@link startMarketplace}. */
export interface MarketplaceOptions {
  seed: number;
  /** Catalog size (default 300). */
  size?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (a free port). */
  port?: number;
  /** Delay before every response, ms. */
  latencyMs?: number;
  /** Share of requests answered 503 (0..1); deterministic per URL and attempt, so a retry may succeed. */
  failRate?: number;
  /** Listings added whose only sign is a logo in the photo, with as many clean look-alike shapes (default 0: the base catalog). */
  imageFamilies?: number;
  /** Register to build the catalog from (default demo/registry.json). */
  registry?: Registry;
}

/** Fields {@link MarketplaceServer.update} may change. */
export type ListingPatch = Partial<Pick<DemoListing, 'title' | 'price' | 'description' | 'attributes'>>;

/** A running demo marketplace. */
export interface MarketplaceServer {
  /** Base URL without trailing slash, e.g. http://127.0.0.1:41234. */
  url: string;
  /** The generated catalog with ground truth (as generated; updates do not change it). */
  catalog: Catalog;
  close(): Promise<void>;
  /** Takes a listing down: its pages, API entries and images answer 404 and it leaves search results. False if unknown. */
  delist(platform: DemoPlatform, listingId: string): boolean;
  /** Changes what the platform shows for a listing (re-capture tests); returns the live listing. Throws if unknown. */
  update(platform: DemoPlatform, listingId: string, patch: ListingPatch): DemoListing;
  /** The listing as the platform currently shows it (undefined if unknown or delisted). */
  live(platform: DemoPlatform, listingId: string): DemoListing | undefined;
  /** Requests served so far, and how many were failed on purpose. */
  stats(): { requests: number; injectedFailures: number };
  /** How many results a search for `q` has on `platform` (to size a scan's search depth). */
  resultCount(platform: DemoPlatform, q: string): number;
}

interface LiveEntry {
  listing: DemoListing;
  normTitle: string;
  normSurface: string[];
}

const key = (platform: string, id: string) => `${platform}/${id}`;

/** Starts the marketplace; resolves once it listens. */
export async function startMarketplace(opts: MarketplaceOptions): Promise<MarketplaceServer> {
  const registry = opts.registry ?? loadDemoRegistry();
  const catalog = generateCatalog(registry, { seed: opts.seed, size: opts.size, imageFamilies: opts.imageFamilies });
  const live = new Map<string, LiveEntry>();
  const index = (l: DemoListing): LiveEntry => ({ listing: l, normTitle: normalizeForSearch(l.title), normSurface: l.surfaceFor.map(normalizeForSearch) });
  for (const l of catalog.listings) live.set(key(l.platform, l.listingId), index(structuredClone(l)));
  const delisted = new Set<string>();
  const attempts = new Map<string, number>();
  const images = new ImageCache();
  let requests = 0;
  let injectedFailures = 0;

  const find = (platform: DemoPlatform, id: string): DemoListing | undefined => {
    const k = key(platform, id);
    return delisted.has(k) ? undefined : live.get(k)?.listing;
  };
  const search = (platform: DemoPlatform, q: string): DemoListing[] => {
    const nq = normalizeForSearch(q);
    if (!nq) return [];
    const out: DemoListing[] = [];
    for (const [k, e] of live) {
      if (e.listing.platform !== platform || delisted.has(k)) continue;
      if (e.normTitle.includes(nq) || e.normSurface.includes(nq)) out.push(e.listing);
    }
    return out;
  };
  const shouldFail = (url: string): boolean => {
    const rate = opts.failRate ?? 0;
    if (rate <= 0) return false;
    const n = attempts.get(url) ?? 0;
    attempts.set(url, n + 1);
    return hash32(`${opts.seed}|${url}|${n}`) / 4294967296 < rate;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    requests++;
    const u = new URL(req.url ?? '/', 'http://localhost');
    const path = u.pathname;
    const send = (status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...extra });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const html = (status: number, body: string) => send(status, 'text/html; charset=utf-8', body);
    const json = (status: number, body: unknown) => send(status, 'application/json; charset=utf-8', JSON.stringify(body));
    const int = (name: string, def: number, min: number, max: number) => {
      const v = Number.parseInt(u.searchParams.get(name) ?? '', 10);
      return Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : def;
    };

    if (opts.latencyMs) await new Promise((r) => setTimeout(r, opts.latencyMs));
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain; charset=utf-8', 'method not allowed', { allow: 'GET, HEAD' });
    if (path === '/robots.txt') return send(200, 'text/plain; charset=utf-8', 'User-agent: *\nAllow: /\n');
    if (shouldFail(req.url ?? '/')) {
      injectedFailures++;
      return path.startsWith('/m/api/') || path.startsWith('/shop/api/')
        ? send(503, 'application/json; charset=utf-8', JSON.stringify({ code: 503, msg: '系统繁忙，请稍后再试' }), { 'retry-after': '1' })
        : send(503, 'text/html; charset=utf-8', '<!DOCTYPE html><html><body><h1>503 服务繁忙</h1></body></html>', { 'retry-after': '1' });
    }

    let m: RegExpExecArray | null;
    if (path === '/') return html(200, '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>ipwatch demo marketplace</title></head><body><ul><li><a href="/mall/">demo-mall</a></li><li><a href="/shop/">demo-shop</a></li><li>demo-mobile: /m/api/search?keyword=…</li></ul></body></html>');
    // demo-mall
    if (path === '/mall/' || path === '/mall') return html(200, mallHomePage());
    if (path === '/mall/search') {
      const q = u.searchParams.get('q') ?? '';
      return html(200, mallSearchPage(q, int('page', 1, 1, 10_000), search('demo-mall', q)));
    }
    if ((m = /^\/mall\/item\/([^/]+)\.html$/.exec(path))) {
      const l = find('demo-mall', decodeURIComponent(m[1]));
      return l ? html(200, mallItemPage(l)) : html(404, mallNotFoundPage());
    }
    // demo-shop
    if (path === '/shop/' || path === '/shop') return html(200, shopHomeShell());
    if (path === '/shop/search') return html(200, shopSearchShell(u.searchParams.get('q') ?? ''));
    if (path === '/shop/api/search') {
      const results = search('demo-shop', u.searchParams.get('q') ?? '');
      const offset = int('offset', 0, 0, 1_000_000);
      const limit = int('limit', SHOP_BATCH, 1, 48);
      const items = results.slice(offset, offset + limit).map(shopSearchItem);
      return json(200, { ok: true, total: results.length, offset, items, nextOffset: offset + items.length, hasMore: offset + items.length < results.length });
    }
    if ((m = /^\/shop\/api\/item\/([^/]+)$/.exec(path))) {
      const l = find('demo-shop', decodeURIComponent(m[1]));
      return l ? json(200, shopItemJson(l)) : json(404, { ok: false, error: 'not_found' });
    }
    if ((m = /^\/shop\/item\/([^/]+)$/.exec(path))) {
      const id = decodeURIComponent(m[1]);
      return html(find('demo-shop', id) ? 200 : 404, shopItemShell(id));
    }
    // demo-mobile
    if (path === '/m/api/search') {
      const size = int('pageSize', MOBILE_PAGE_SIZE, 1, MOBILE_MAX_PAGE_SIZE);
      return json(200, mobileSearchJson(search('demo-mobile', u.searchParams.get('keyword') ?? ''), int('page', 1, 1, 10_000), size));
    }
    if ((m = /^\/m\/api\/item\/([^/]+)$/.exec(path))) {
      const l = find('demo-mobile', decodeURIComponent(m[1]));
      return l ? json(200, mobileItemJson(l)) : json(404, MOBILE_NOT_FOUND);
    }
    if ((m = /^\/m\/item\/([^/]+)$/.exec(path))) {
      const l = find('demo-mobile', decodeURIComponent(m[1]));
      return l ? html(200, mobileItemPage(l)) : html(404, mobileNotFoundPage());
    }
    // images
    if ((m = /^\/img\/(demo-mall|demo-shop|demo-mobile)\/([^/]+)-(\d+)\.jpg$/.exec(path))) {
      const l = find(m[1] as DemoPlatform, decodeURIComponent(m[2]));
      const spec = l?.imageSpecs[Number(m[3]) - 1];
      if (!spec) return send(404, 'text/plain; charset=utf-8', 'not found');
      const buf = await images.get(spec);
      return send(200, 'image/jpeg', buf, { 'cache-control': 'public, max-age=3600', 'content-length': String(buf.length) });
    }
    return send(404, 'text/plain; charset=utf-8', 'not found');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`internal error: ${(err as Error).message}`);
    });
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    catalog,
    close: () => new Promise<void>((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeAllConnections();
    }),
    delist(platform, listingId) {
      const k = key(platform, listingId);
      if (!live.has(k)) return false;
      delisted.add(k);
      return true;
    },
    update(platform, listingId, patch) {
      const k = key(platform, listingId);
      const e = live.get(k);
      if (!e) throw new Error(`unknown listing ${k}`);
      const next = index({ ...e.listing, ...patch });
      live.set(k, next);
      return next.listing;
    },
    live: find,
    stats: () => ({ requests, injectedFailures }),
    resultCount: (platform, q) => search(platform, q).length,
  };
}
