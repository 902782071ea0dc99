/**
 * Each procedure that draws a screenshot records itself: a real Chromium
 * capture of each, stored as the pipeline stores it, carries its own
 * provenance code and the media type its bytes really have (read here by
 * sharp, independently of the recorder's own test of the signature), and the
 * evidence route serves it as that type.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidenceService } from '../../app/evidence.service.js';
import { loadConfig } from '../../config/config.loader.js';
import type { PlatformConfig } from '../../config/platform.schema.js';
import { BrowserPool } from '../../crawler/browser.pool.js';
import { HostLimiter } from '../../crawler/host.limiter.js';
import { HttpFetcher } from '../../crawler/http.fetcher.js';
import { PlatformCrawler } from '../../crawler/platform.crawler.js';
import { startMarketplace, type MarketplaceServer } from '../../demo/marketplace/marketplace.server.js';
import { SCREENSHOT_PROVENANCES, type ScreenshotProvenance } from '../../domain/evidence.provenance.js';
import { storeCapture } from '../../store/capture.recorder.js';
import { upsertDiscovered } from '../../store/listing.repository.js';
import { syncPlatforms } from '../../store/platform.repository.js';
import { createRun } from '../../store/scan-run.repository.js';
import { setupFixture, type Fixture } from '../api/fixtures.js';

let market: MarketplaceServer;
let browser: BrowserPool;
let crawler: PlatformCrawler;
let platforms: Map<string, PlatformConfig>;
let f: Fixture;
let runId: number;

beforeAll(async () => {
  market = await startMarketplace({ seed: 7, size: 60, host: '127.0.0.1', port: 0 });
  const cfg = loadConfig({ env: {}, overrides: { platformBaseUrls: { 'demo-mall': market.url, 'demo-shop': market.url, 'demo-mobile': market.url }, browser: { offlineHostRules: true } } });
  platforms = new Map(cfg.platforms.map((p) => [p.id, p]));
  browser = new BrowserPool({ executablePath: cfg.browser.executablePath, pages: 1, offlineHostRules: true, viewport: cfg.browser.viewport });
  crawler = new PlatformCrawler({ http: new HttpFetcher({ limiter: new HostLimiter() }), browser, downloadImages: true });
  f = await setupFixture();
  await syncPlatforms(f.db, cfg.platforms);
  runId = (await createRun(f.db, cfg.platforms.map((p) => p.id), 'manual')).id;
}, 60_000);
afterAll(async () => { await browser?.close(); await market?.close(); await f?.close(); });

/** The platform with its evidence policy changed. */
const withEvidence = (id: string, e: Partial<PlatformConfig['evidence']>): PlatformConfig => ({ ...platforms.get(id)!, evidence: { ...platforms.get(id)!.evidence, ...e } });

/** Captures one listing of the platform and stores it as the listing worker does; returns the capture id. */
async function captureOne(platform: PlatformConfig, nth: number): Promise<number> {
  const l = market.catalog.listings.filter((x) => x.platform === platform.id)[nth];
  const { rowIds: [rowId] } = await upsertDiscovered(f.db, platform.id, [{ listingId: l.listingId, url: `${market.url}/${platform.id}/${l.listingId}` }]);
  const cap = await crawler.capture(platform, l.listingId);
  return (await storeCapture(f.db, f.evidence, rowId, runId, cap)).captureId;
}

/** The capture's screenshot row, its HTML's hash, and the format sharp reads from the stored bytes. */
async function screenshotOf(captureId: number) {
  const { rows } = await f.db.query<{ kind: string; sha256: string; provenance: ScreenshotProvenance | null; rendered_from: string | null; media_type: string }>(
    `SELECT e.kind, e.sha256, e.provenance, e.rendered_from, b.media_type FROM capture_evidence e JOIN evidence_blobs b ON b.sha256 = e.sha256
     WHERE e.capture_id = $1 AND e.kind IN ('screenshot', 'html')`, [captureId]);
  const shot = rows.find((r) => r.kind === 'screenshot');
  const html = rows.find((r) => r.kind === 'html')!;
  if (!shot) return undefined;
  const format = (await sharp(await f.evidence.read(shot.sha256)).metadata()).format;
  const served = await f.inject('officer', 'GET', `/api/evidence/${shot.sha256}`);
  return {
    provenance: shot.provenance, renderedFrom: shot.rendered_from, mediaType: shot.media_type, bytesAre: `image/${format}`, html: html.sha256,
    servedAs: served.headers['content-type'],
  };
}

describe('screenshot provenance', () => {
  it('allows in the database exactly the codes domain/evidence.provenance.ts defines, on screenshots only', async () => {
    const { rows: [c] } = await f.db.query(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'capture_evidence_provenance'`);
    const inSql = [...(c.def as string).matchAll(/'([a-z-]+)'::text/g)].map((m) => m[1]).filter((v) => v !== 'screenshot');
    expect(inSql.sort()).toEqual([...SCREENSHOT_PROVENANCES].sort());
    const captureId = await captureOne(withEvidence('demo-mall', { screenshot: 'never' }), 5);
    await expect(f.db.query(`UPDATE capture_evidence SET provenance = 'drawn-somehow' WHERE capture_id = $1 AND kind = 'html'`, [captureId])).rejects.toThrow(/capture_evidence_provenance/);
    await expect(f.db.query(`INSERT INTO capture_evidence (capture_id, kind, position, sha256, source_url, fetched_at) VALUES ($1, 'screenshot', 0, NULL, 'u', now())`, [captureId]))
      .rejects.toThrow(/capture_evidence_provenance/);
  }, 60_000);

  it.each([
    ['demo-shop', 'browser: one live navigation', 'live-page'],
    ['demo-mall', 'HTTP: the HTML as served, its images loaded live', 'stored-html-live-assets'],
    ['demo-mobile', 'JSON API: a separate live load of the item page', 'live-page'],
  ] as const)('a screenshot taken during the capture (%s, %s) records %s and its real type', async (id, _how, expected) => {
    const s = await screenshotOf(await captureOne(withEvidence(id, { screenshot: 'always' }), 0));
    expect(s).toBeDefined();
    expect(s!.provenance).toBe(expected);
    expect(s!.mediaType).toBe(s!.bytesAre);
    expect(s!.mediaType).toBe('image/png');
    expect(s!.servedAs).toBe('image/png');
    // One drawn from the stored HTML names it; one of a live load does not.
    expect(s!.renderedFrom).toBe(expected === 'live-page' ? null : s!.html);
  }, 60_000);

  it.each([['jpeg', 'image/jpeg'], ['png', 'image/png']] as const)(
    'a flagged listing\'s screenshot drawn later from the stored files (format %s) records stored-page and %s', async (format, type) => {
      const platform = withEvidence('demo-mall', { screenshot: 'suspect', format });
      const captureId = await captureOne(platform, format === 'jpeg' ? 1 : 2);
      expect(await screenshotOf(captureId)).toBeUndefined(); // `suspect`: none during the capture
      const service = evidenceService({ db: f.db, evidence: f.evidence, browser, platform: () => platform });
      await service.renderScreenshot(captureId);
      const s = await screenshotOf(captureId);
      expect(s).toMatchObject({ provenance: 'stored-page', renderedFrom: s!.html, mediaType: type, bytesAre: type, servedAs: type });
    }, 60_000);
});
