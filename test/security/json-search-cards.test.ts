/**
 * Hostile cards in a JSON search result (issue 23): one bad card must cost
 * only itself. A NUL or a lone surrogate in a card's text is cleaned (the
 * listing is still captured and judged: a seller must not escape detection by
 * making a card unstorable); a card whose listing id does not match the
 * platform's `idPattern` (a NUL or a lone surrogate in the id, `..%2f..%2fadmin`,
 * `@127.0.0.1:<port>`, `/127.0.0.1:<port>/admin`) is refused and reported with
 * its card and page, and never fetched. The rest of each page is persisted in
 * the real Postgres and captured, and the next-page flag still followed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformSchema, type PlatformConfig } from '../../config/platform.schema.js';
import { BrowserPool } from '../../crawler/browser.pool.js';
import { HostLimiter } from '../../crawler/host.limiter.js';
import { HttpFetcher } from '../../crawler/http.fetcher.js';
import { randomBytes } from 'node:crypto';
import { listingRecords, runRecords, scanPlanSources } from '../../app/pipeline.wiring.js';
import { loadConfig } from '../../config/config.loader.js';
import { canonicalItemUrl, fillTemplate, type SearchResults } from '../../crawler/page.extractor.js';
import { Pipeline } from '../../queue/pipeline.js';
import { Queues, createRedis } from '../../queue/queues.js';
import { PlatformCrawler } from '../../crawler/platform.crawler.js';
import { storeCapture } from '../../store/capture.recorder.js';
import { createEvidenceStore } from '../../store/evidence.store.js';
import { upsertDiscovered } from '../../store/listing.repository.js';
import { syncPlatforms } from '../../store/platform.repository.js';
import { addSearchPages, createRun } from '../../store/scan-run.repository.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startHostileJsonPlatform, hostilePlatformConfig, type Card, type HostileJsonPlatform, type Item } from './support/hostile-json-platform.server.js';

let t: TestDatabase;
beforeAll(async () => { t = await createTestDatabase(); });
afterAll(async () => { await t?.drop(); });

const good = (id: string | number, extra: Card = {}): Card => ({ id, title: `安踏运动鞋 ${id}`, shop: `店铺${id}`, ...extra });
const item = (id: string): Item => ({ title: `安踏运动鞋 ${id}`, shop: `店铺${id}`, attrs: { 品牌: '安踏' } });

interface Crawled { pagesDone: number[]; pagesLost: Array<{ page: number; error: string }>; refused: string[]; captureFailed: string[]; captured: Map<string, { title: string; shop: string; card: unknown }> }

/**
 * What the pipeline does with a keyword (queue/pipeline.ts searchPageDone):
 * each page's items are stored in one statement, the next page is queued only
 * when the page was stored, then every discovered listing is captured and stored.
 */
async function crawlKeyword(platform: PlatformConfig, crawler: PlatformCrawler, keyword: string): Promise<Crawled> {
  await syncPlatforms(t.db, [platform]);
  const { id: runId } = await createRun(t.db, [platform.id], 'manual');
  const evidence = createEvidenceStore(mkdtempSync(path.join(tmpdir(), 'ev-cards-')));
  const out: Crawled = { pagesDone: [], pagesLost: [], refused: [], captureFailed: [], captured: new Map() };
  const found: Array<{ rowId: number; listingId: string; card?: object }> = [];
  for (let page = 1; page <= 5; page++) {
    let res: SearchResults;
    try {
      res = await crawler.search(platform, keyword, page);
      const { rowIds } = await upsertDiscovered(t.db, platform.id, res.items);
      res.items.forEach((i, n) => found.push({ rowId: rowIds[n], listingId: i.listingId, card: i.card }));
    } catch (err) {
      out.pagesLost.push({ page, error: (err as Error).message });
      break;
    }
    out.pagesDone.push(page);
    out.refused.push(...res.refused.map((r) => r.message));
    if (!res.hasNext) break;
  }
  for (const f of found) {
    try {
      await storeCapture(t.db, evidence, f.rowId, runId, await crawler.capture(platform, f.listingId, { card: f.card }));
    } catch (err) {
      out.captureFailed.push(`${f.listingId}: ${(err as Error).message}`);
    }
  }
  const { rows } = await t.db.query<{ platform_listing_id: string; title: string; shop_name: string; card: unknown }>(
    `SELECT l.platform_listing_id, c.title, c.shop_name, l.card FROM listings l JOIN captures c ON c.listing_id = l.id WHERE l.platform = $1`, [platform.id]);
  for (const r of rows) out.captured.set(r.platform_listing_id, { title: r.title, shop: r.shop_name, card: r.card });
  return out;
}

describe('a JSON search result with hostile cards', () => {
  let market: HostileJsonPlatform;
  let crawler: PlatformCrawler;
  let platform: PlatformConfig;
  let browser: BrowserPool;
  const goodIds = ['101', '102', '103', '201', '202', '301', '302'];

  beforeAll(async () => {
    market = await startHostileJsonPlatform((sink) => ({
      安踏: [
        [good(101), { id: '..%2f..%2fadmin', title: '后台' }, good(102), good(103, { title: '安踏\u0000运动鞋' })],
        [{ id: `@${sink.host}:${sink.port}`, title: 'x' }, good(201), { id: `/${sink.host}:${sink.port}/admin`, title: 'y' }, good(202, { shop: '旗舰\uD800店' })],
        [{ id: '30\u00001', title: 'nul id' }, good(301), { id: '3\uDC0002', title: 'surrogate id' }, good(302)],
      ],
      // Only hostile ids (no text a database refuses): what the crawler fetches for them.
      李宁: [
        [good(101), { id: '..%2f..%2fadmin', title: '后台' }],
        [{ id: `@${sink.host}:${sink.port}`, title: 'x' }, good(201), { id: `/${sink.host}:${sink.port}/admin`, title: 'y' }],
      ],
    }), Object.fromEntries(goodIds.map((id) => [id, item(id)])));
    platform = platformSchema.parse(hostilePlatformConfig(market.url));
    // Never launched: the platform is fetched over HTTP only.
    browser = new BrowserPool({ executablePath: '/usr/bin/chromium-headless-shell', pages: 1, offlineHostRules: true, userAgent: 'test', viewport: { width: 800, height: 600 } });
    crawler = new PlatformCrawler({ http: new HttpFetcher({ limiter: new HostLimiter(), userAgent: 'test' }), browser, downloadImages: false });
  });
  afterAll(async () => { await browser?.close(); await market?.close(); });

  it('captures every good listing of all three pages; each bad card is reported by card and page and skipped', async () => {
    const res = await crawlKeyword(platform, crawler, '安踏');
    expect(res.pagesLost).toEqual([]);
    expect(res.pagesDone).toEqual([1, 2, 3]);
    expect(res.captureFailed).toEqual([]);
    expect([...res.captured.keys()].sort()).toEqual(goodIds);
    // Text is cleaned, not refused: the NUL title and the lone surrogate in a shop name are still captured.
    expect(res.captured.get('103')?.card).toMatchObject({ title: '安踏运动鞋' });
    expect(res.captured.get('202')?.card).toMatchObject({ shop: { name: '旗舰\uFFFD店' } });
    expect(res.refused).toHaveLength(5);
    expect(res.refused[0]).toMatch(/card 2 of page 1\b.*"\.\.%2f\.\.%2fadmin".*idPattern/);
    expect(res.refused[1]).toMatch(new RegExp(`card 1 of page 2\\b.*"@127\\.0\\.0\\.1:${market.sink.port}".*idPattern`));
    expect(res.refused[2]).toMatch(/card 3 of page 2\b.*idPattern/);
    expect(res.refused[3]).toMatch(/card 1 of page 3\b.*"30\\u00001".*idPattern/);
    expect(res.refused[4]).toMatch(/card 3 of page 3\b.*"3\\udc0002".*idPattern/);
  });

  it('never fetches a refused id: nothing reaches the listener, no path but the search API and good item pages', async () => {
    const before = market.requests.length;
    const res = await crawlKeyword({ ...platform, id: 'hostile-json-2' }, crawler, '李宁');
    const seen = market.requests.slice(before);
    expect(res.captureFailed).toEqual([]);
    expect(market.sink.connections).toBe(0);
    expect(seen.filter((r) => !/^\/api\/search\?q=[^&]+&page=[12]$/.test(r) && !/^\/\d+\.html$/.test(r))).toEqual([]);
    expect([...res.captured.keys()].sort()).toEqual(['101', '201']);
    expect(res.refused).toHaveLength(3);
  });

  it('through the pipeline: each page is recorded done with its refused cards, and the next page is still queued', async () => {
    const p3 = { ...platform, id: 'hostile-json-3' };
    await syncPlatforms(t.db, [p3]);
    const redis = createRedis(loadConfig({ env: {}, overrides: {} }).redisUrl);
    const queues = new Queues(redis, { prefix: `t-cards-${randomBytes(4).toString('hex')}`, attempts: 1, backoffMs: 10 });
    try {
      const evidence = createEvidenceStore(mkdtempSync(path.join(tmpdir(), 'ev-cards-')));
      const pipeline = new Pipeline({
        runs: runRecords(t.db), listings: listingRecords(t.db, evidence), plans: scanPlanSources(t.db), queues,
        platforms: { enabled: () => [p3.id], listingOf: () => undefined, firstPage: () => 1, screenshotPolicy: () => 'never' },
        logger: { info() {}, warn() {} }, maxPagesPerKeyword: 5, maxBacklog: 1000,
      });
      const { id: runId, uuid: runKey } = await createRun(t.db, [p3.id], 'manual');
      await addSearchPages(t.db, runId, [{ runId, runKey, platform: p3.id, keyword: '安踏', page: 1 }]);
      for (let page = 1; page <= 3; page++) {
        // What the search processor does with one page (queue/processors/search.processor.ts).
        const res = await crawler.search(p3, '安踏', page);
        await pipeline.searchPageDone({ runId, runKey, platform: p3.id, keyword: '安踏', page }, res.items, res.hasNext, res.refused.map((r) => r.message));
      }
      const { rows } = await t.db.query<{ page: number; status: string; found: number; error: string | null }>(
        'SELECT page, status, found, error FROM search_pages WHERE scan_run_id = $1 ORDER BY page', [runId]);
      expect(rows.map((r) => [r.page, r.status, r.found])).toEqual([[1, 'done', 3], [2, 'done', 2], [3, 'done', 2]]);
      expect(rows[0].error).toMatch(/^card 2 of page 1 .*"\.\.%2f\.\.%2fadmin"/);
      expect(rows[1].error?.split('\n')).toHaveLength(2);
      expect(rows[2].error).toMatch(/card 1 of page 3 .*\n.*card 3 of page 3 /);
      const { rows: listed } = await t.db.query('SELECT count(*)::int AS n FROM scan_run_listings WHERE scan_run_id = $1', [runId]);
      expect(listed[0].n).toBe(goodIds.length);
    } finally {
      await queues.obliterate().catch(() => {});
      await queues.close();
      redis.disconnect();
    }
  });

  it('encodes ids substituted into URL templates and refuses an item URL that leaves the template\'s origin', () => {
    expect(fillTemplate('/item/{id}?from={keyword}', { id: '@127.0.0.1:1/../admin', keyword: '安踏' })).toBe('/item/%40127.0.0.1%3A1%2F..%2Fadmin?from=%E5%AE%89%E8%B8%8F');
    expect(() => canonicalItemUrl(platform, `/127.0.0.1:${market.sink.port}/admin`)).toThrow(/idPattern/);
    const bySubdomain: PlatformConfig = { ...platform, item: { ...platform.item, url: 'http://{id}.shop.example/item', idPattern: '//(\\w+)\\.shop\\.example' } };
    expect(() => canonicalItemUrl(bySubdomain, 'evil')).toThrow(/leaves http:\/\/0\.shop\.example/);
  });
});
