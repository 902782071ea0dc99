/**
 * The config-driven crawler against the demo marketplace's three platform
 * styles, in real Chromium where the platform needs script.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.loader.js';
import type { PlatformConfig } from '../../config/platform.schema.js';
import { BrowserPool } from '../../crawler/browser.pool.js';
import { storeCapture } from '../../store/capture.recorder.js';
import { ExtractionError, ListingGoneError, UnknownPlatformError } from '../../crawler/errors.js';
import { createEvidenceStore } from '../../store/evidence.store.js';
import { HostLimiter } from '../../crawler/host.limiter.js';
import { HttpFetcher } from '../../crawler/http.fetcher.js';
import { extractItem } from '../../crawler/page.extractor.js';
import { PlatformCrawler } from '../../crawler/platform.crawler.js';
import { createContainer } from '../../app/container.js';
import { startMarketplace, type MarketplaceServer } from '../../demo/marketplace/marketplace.server.js';
import { syncPlatforms } from '../../store/platform.repository.js';
import { upsertDiscovered } from '../../store/listing.repository.js';
import { createRun } from '../../store/scan-run.repository.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let market: MarketplaceServer;
let browser: BrowserPool;
let crawler: PlatformCrawler;
let platforms: Map<string, PlatformConfig>;

beforeAll(async () => {
  market = await startMarketplace({ seed: 42, size: 300, host: '127.0.0.1', port: 0 });
  const cfg = loadConfig({ env: {}, overrides: { platformBaseUrls: { 'demo-mall': market.url, 'demo-shop': market.url, 'demo-mobile': market.url }, browser: { offlineHostRules: true } } });
  platforms = new Map(cfg.platforms.map((p) => [p.id, p]));
  browser = new BrowserPool({ executablePath: cfg.browser.executablePath, pages: 2, offlineHostRules: true, userAgent: 'test', viewport: cfg.browser.viewport });
  crawler = new PlatformCrawler({ http: new HttpFetcher({ limiter: new HostLimiter(), userAgent: 'test' }), browser, downloadImages: true });
}, 60_000);
afterAll(async () => { await browser?.close(); await market?.close(); });

const p = (id: string) => platforms.get(id)!;
/** The platform with a screenshot taken during every capture. */
const always = (id: string): PlatformConfig => ({ ...p(id), evidence: { ...p(id).evidence, screenshot: 'always' } });

describe('platform crawler on the demo marketplace', () => {
  it('pages through server-rendered results by the next-page link', async () => {
    const p1 = await crawler.search(p('demo-mall'), '福州茉莉花茶', 1);
    const p2 = await crawler.search(p('demo-mall'), '福州茉莉花茶', 2);
    expect(p1.items).toHaveLength(10);
    expect(p1.hasNext).toBe(true);
    expect(p2.items.length).toBeGreaterThan(0);
    expect(p1.items.some((i) => p2.items.some((j) => j.listingId === i.listingId))).toBe(false);
    expect(p1.items[0].url).toBe(`${market.url}/mall/item/${p1.items[0].listingId}.html`);
  });

  it('scrolls a client-rendered infinite list to its end in Chromium', async () => {
    const res = await crawler.search(p('demo-shop'), '茶', 1);
    const api = await (await fetch(`${market.url}/shop/api/search?q=${encodeURIComponent('茶')}&offset=0&limit=1`)).json();
    expect(api.total).toBeGreaterThan(12); // more than one batch: needs scrolling
    expect(res.items).toHaveLength(api.total);
    expect(res.hasNext).toBe(false);
  }, 60_000);

  it('pages a JSON API by its hasMore flag', async () => {
    const res = await crawler.search(p('demo-mobile'), '茶', 1);
    expect(res.items).toHaveLength(20);
    expect(res.hasNext).toBe(true);
    expect(res.items[0].url).toMatch(new RegExp(`^${market.url}/m/item/`));
  });

  it('captures the same listing record in every mode, with screenshot, document and images', async () => {
    for (const platform of ['demo-mall', 'demo-shop', 'demo-mobile']) {
      const l = market.catalog.listings.find((x) => x.platform === platform && x.images.length >= 2)!;
      const cap = await crawler.capture(always(platform), l.listingId);
      expect(cap.listing).toMatchObject({
        platform, listingId: l.listingId, title: l.title, price: l.price, currency: 'CNY',
        shop: { id: l.shop.id, name: l.shop.name, location: l.shop.location }, attributes: l.attributes,
      });
      expect(cap.listing.images).toEqual(l.images.map((i) => new URL(i, market.url).toString()));
      expect(cap.images.every((i) => i.body && i.body.length > 1000)).toBe(true);
      expect(cap.screenshot?.body.subarray(1, 4).toString()).toBe('PNG');
      expect(cap.document.body.length).toBeGreaterThan(100);
    }
  }, 90_000);

  it('reports a delisted listing as gone in every mode', async () => {
    for (const platform of ['demo-mall', 'demo-shop', 'demo-mobile'] as const) {
      const l = market.catalog.listings.filter((x) => x.platform === platform).at(-1)!;
      market.delist(platform, l.listingId);
      await expect(crawler.capture(p(platform), l.listingId)).rejects.toBeInstanceOf(ListingGoneError);
    }
  }, 60_000);

  it('names platform, url and field when a page lacks what the config says', () => {
    const err = (() => { try { extractItem(p('demo-mall'), '<html><body><p>维护中</p></body></html>', 'http://x/mall/item/1.html'); } catch (e) { return e; } })() as ExtractionError;
    expect(err).toBeInstanceOf(ExtractionError);
    expect(err.retry).toBe('never');
    expect(err.message).toMatch(/item\.fields\.title: no title found.*platform=demo-mall url=http:\/\/x\/mall\/item\/1\.html/);
    expect(() => extractItem(p('demo-mobile'), '{"code":0,', 'http://x/m/api/item/1')).toThrow(/malformed JSON/);
  });
});

describe('capture storage', () => {
  let t: TestDatabase;
  beforeAll(async () => { t = await createTestDatabase(); });
  afterAll(async () => { await t?.drop(); });

  it('keeps a capture whose image is corrupt, recording the error against that image', async () => {
    const evidence = createEvidenceStore(mkdtempSync(path.join(tmpdir(), 'ev-')));
    await syncPlatforms(t.db, [p('demo-mall')]);
    const { id: runId } = await createRun(t.db, ['demo-mall'], 'manual');
    const l = market.catalog.listings.find((x) => x.platform === 'demo-mall')!;
    const { rowIds: [rowId] } = await upsertDiscovered(t.db, 'demo-mall', [{ listingId: l.listingId, url: 'u' }]);
    const cap = await crawler.capture(always('demo-mall'), l.listingId);
    cap.images[0] = { url: cap.images[0].url, body: Buffer.from('GIF89a this is not really an image') };
    const rec = await storeCapture(t.db, evidence, rowId, runId, cap);
    const { rows } = await t.db.query(`SELECT kind, position, error FROM capture_evidence WHERE capture_id=$1 ORDER BY kind, position`, [rec.captureId]);
    expect(rows.find((r) => r.kind === 'image' && r.position === 0)?.error).toMatch(/unreadable image/);
    expect(rows.filter((r) => r.kind === 'image' && !r.error).length).toBe(cap.images.length - 1);
    expect(rows.map((r) => r.kind)).toEqual(expect.arrayContaining(['html', 'record', 'screenshot']));
    // the same content again stores nothing new
    const again = await storeCapture(t.db, evidence, rowId, runId, cap);
    expect(again.captureId).toBe(rec.captureId);
    expect(again.changed).toBe(false);
  }, 60_000);
});

describe('container', () => {
  it('refuses an unknown platform with a typed, non-retryable error', async () => {
    const c = createContainer(loadConfig({ env: {}, overrides: { ocr: { enabled: false } } }));
    try {
      expect(() => c.platform('no-such-shop')).toThrow(UnknownPlatformError);
      expect(() => c.platform('no-such-shop')).toThrow(/unknown or disabled platform "no-such-shop"/);
    } finally { await c.close(); }
  });
});
