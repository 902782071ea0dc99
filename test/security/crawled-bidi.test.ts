/**
 * Bidi overrides in crawled text (issue 23): a title "photo\u202Egpj.exe"
 * displays as "photoexe.jpg" on the desk. Crawled titles, shop names,
 * attributes and search cards lose their bidi controls (U+202A–U+202E,
 * U+2066–U+2069, U+200E/F, U+061C) at capture; the stored HTML evidence stays
 * byte-exact, overrides included.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformSchema } from '../../config/platform.schema.js';
import { BrowserPool } from '../../crawler/browser.pool.js';
import { HostLimiter } from '../../crawler/host.limiter.js';
import { HttpFetcher } from '../../crawler/http.fetcher.js';
import { PlatformCrawler } from '../../crawler/platform.crawler.js';
import { storeCapture } from '../../store/capture.recorder.js';
import { createEvidenceStore } from '../../store/evidence.store.js';
import { upsertDiscovered } from '../../store/listing.repository.js';
import { syncPlatforms } from '../../store/platform.repository.js';
import { createRun } from '../../store/scan-run.repository.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startHostileJsonPlatform, hostilePlatformConfig, type HostileJsonPlatform } from './support/hostile-json-platform.server.js';

const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const RLO = '\u202E';

let t: TestDatabase;
let market: HostileJsonPlatform;
let browser: BrowserPool;
beforeAll(async () => {
  t = await createTestDatabase();
  market = await startHostileJsonPlatform(() => ({ 安踏: [[{ id: '501', title: `安踏 photo${RLO}gpj.exe`, shop: '\u2067安踏\u2069\u200f专卖' }]] }),
    { 501: { title: `安踏运动鞋 photo${RLO}gpj.exe`, shop: `\u202B安踏\u202C旗舰店\u200E`, location: '\u061C浙江 杭州', attrs: { [`品\u2066牌`]: `安${RLO}踏` } } });
  browser = new BrowserPool({ executablePath: '/usr/bin/chromium-headless-shell', pages: 1, offlineHostRules: true, userAgent: 'test', viewport: { width: 800, height: 600 } });
});
afterAll(async () => { await browser?.close(); await market?.close(); await t?.drop(); });

describe('bidi controls in crawled text', () => {
  it('are removed from the stored listing and search card; the HTML evidence keeps the bytes as served', async () => {
    const platform = platformSchema.parse(hostilePlatformConfig(market.url, 'bidi-json'));
    const crawler = new PlatformCrawler({ http: new HttpFetcher({ limiter: new HostLimiter(), userAgent: 'test' }), browser, downloadImages: false });
    const page = await crawler.search(platform, '安踏', 1);
    expect(page.items[0].card).toMatchObject({ title: '安踏 photogpj.exe', shop: { name: '安踏专卖' } });

    await syncPlatforms(t.db, [platform]);
    const { id: runId } = await createRun(t.db, [platform.id], 'manual');
    const { rowIds: [rowId] } = await upsertDiscovered(t.db, platform.id, page.items);
    const cap = await crawler.capture(platform, '501', { card: page.items[0].card });
    expect(cap.listing).toMatchObject({ title: '安踏运动鞋 photogpj.exe', shop: { name: '安踏旗舰店', location: '浙江 杭州' }, attributes: { 品牌: '安踏' } });

    const dir = mkdtempSync(path.join(tmpdir(), 'ev-bidi-'));
    const rec = await storeCapture(t.db, createEvidenceStore(dir), rowId, runId, cap);
    const { rows: [row] } = await t.db.query('SELECT title, shop_name, shop_location, attributes::text AS attributes FROM captures WHERE id = $1', [rec.captureId]);
    for (const v of Object.values(row)) expect(v).not.toMatch(BIDI);
    const { rows: [card] } = await t.db.query('SELECT card::text AS card FROM listings WHERE id = $1', [rowId]);
    expect(card.card).not.toMatch(BIDI);

    const served = Buffer.from(await (await fetch(`${market.url}/501.html`)).arrayBuffer());
    expect(served.toString('utf8')).toContain(RLO);
    expect(cap.document.body.equals(served)).toBe(true);
    const { rows: [html] } = await t.db.query(`SELECT e.sha256 FROM capture_evidence e WHERE e.capture_id = $1 AND e.kind = 'html'`, [rec.captureId]);
    expect(html.sha256).toBe(createHash('sha256').update(served).digest('hex'));
  });
});
