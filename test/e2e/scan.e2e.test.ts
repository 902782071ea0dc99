/**
 * The whole pipeline on the demo marketplace: real Chromium, Postgres, Redis
 * and workers. The flagged set must equal the generated ground truth.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidenceOfCapture } from '../../store/evidence.repository.js';
import { verdictsOfRun } from '../../store/verdict.repository.js';
import { getRun } from '../../store/scan-run.repository.js';
import { startHarness, type Harness } from '../support/scan.harness.js';

let h: Harness;
let runId: number;

beforeAll(async () => {
  h = await startHarness({ size: 60, seed: 7, imageFamilies: 8 });
  runId = await h.session.scan();
}, 600_000);
afterAll(async () => { await h?.close(); });

const key = (platform: string, id: string) => `${platform}/${id}`;

describe('end-to-end scan of the demo marketplace', () => {
  it('finishes the run and captures every listing of the marketplace on all three platforms', async () => {
    const run = await getRun(h.database.db, runId);
    expect(run?.status).toBe('finished');
    const rows = await verdictsOfRun(h.database.db, runId);
    const crawled = new Set(rows.map((r) => key(r.platform, r.platform_listing_id)));
    const expected = new Set(h.market.catalog.listings.map((l) => key(l.platform, l.listingId)));
    expect([...expected].filter((k) => !crawled.has(k))).toEqual([]);
    expect(new Set(rows.map((r) => r.platform))).toEqual(new Set(['demo-mall', 'demo-shop', 'demo-mobile']));
    expect(rows.every((r) => r.status === 'active' && r.suspect !== null)).toBe(true);
  });

  it('deduplicates: a listing found by several searches is one row, captured once per run', async () => {
    const { rows: [c] } = await h.database.db.query(`SELECT
      (SELECT sum(found) FROM search_pages WHERE scan_run_id = $1)::int AS found,
      (SELECT count(*) FROM listings)::int AS listings,
      (SELECT count(*) FROM captures)::int AS captures,
      (SELECT count(*) FROM scan_run_listings WHERE scan_run_id = $1)::int AS in_run`, [runId]);
    expect(c.found).toBeGreaterThan(c.listings); // the same listings came up for several names
    expect(c.listings).toBe(h.market.catalog.listings.length);
    expect(c.in_run).toBe(c.listings);
    expect(c.captures).toBe(c.listings);
  });

  it('flags exactly the listings the ground truth calls suspect, marks shown only in images included (OCR)', async () => {
    const rows = await verdictsOfRun(h.database.db, runId);
    const byKey = new Map(rows.map((r) => [key(r.platform, r.platform_listing_id), r]));
    const missed: string[] = [];
    const falseFlags: string[] = [];
    const wrongAsset: string[] = [];
    for (const l of h.market.catalog.listings) {
      const v = byKey.get(key(l.platform, l.listingId))!;
      if (l.truth.suspect && !v.suspect) missed.push(`${l.truth.family} ${l.title}`);
      if (!l.truth.suspect && v.suspect) falseFlags.push(`${l.truth.family} ${l.title} -> ${v.assets.join(',')}`);
      if (l.truth.suspect && v.suspect && l.truth.assetIds.length && !l.truth.assetIds.some((a) => v.assets.includes(a))) {
        wrongAsset.push(`${l.truth.family} ${l.title}: expected ${l.truth.assetIds} got ${v.assets}`);
      }
    }
    expect({ missed, falseFlags, wrongAsset }).toEqual({ missed: [], falseFlags: [], wrongAsset: [] });
    expect(h.market.catalog.listings.some((l) => l.truth.family === 'tm-image-only')).toBe(true);
    // A logo pasted into a product photo is the only sign of these: found by the image signal, with where it is.
    const logoOnly = h.market.catalog.listings.filter((l) => l.truth.family === 'tm-logo-only');
    expect(logoOnly.length).toBeGreaterThan(0);
    expect(h.market.catalog.listings.some((l) => l.truth.family === 'logo-lookalike')).toBe(true);
    const { rows: imageMatches } = await h.database.db.query(
      `SELECT l.platform_listing_id, m.image_ref, m.box FROM verdict_matches m JOIN verdicts v ON v.id = m.verdict_id JOIN listings l ON l.id = v.listing_id
       WHERE m.signal = 'image'`);
    for (const l of logoOnly) {
      const m = imageMatches.find((r) => r.platform_listing_id === l.listingId);
      expect(m, l.title).toBeDefined();
      expect(m.image_ref).toMatch(/^http/);
      expect(m.box).toMatchObject({ w: expect.any(Number), h: expect.any(Number) });
    }
  });

  it('reads images only of listings their text does not decide (images.analyse "undecided"), and hashes every photo', async () => {
    const { rows } = await h.database.db.query<{ platform_listing_id: string; text_flagged: boolean; read: number; matched: number; hashed: number; images: number }>(
      `SELECT l.platform_listing_id,
              bool_or(m.signal IN ('title', 'attributes', 'description', 'patent-number')) AS text_flagged,
              (SELECT count(*) FROM capture_evidence ce JOIN image_texts t ON t.sha256 = ce.sha256 WHERE ce.capture_id = v.capture_id AND ce.kind = 'image')::int AS read,
              (SELECT count(*) FROM capture_evidence ce JOIN logo_matches g ON g.sha256 = ce.sha256 WHERE ce.capture_id = v.capture_id AND ce.kind = 'image')::int AS matched,
              (SELECT count(*) FROM capture_evidence ce JOIN image_hashes x ON x.sha256 = ce.sha256 WHERE ce.capture_id = v.capture_id AND ce.kind = 'image')::int AS hashed,
              (SELECT count(*) FROM capture_evidence ce WHERE ce.capture_id = v.capture_id AND ce.kind = 'image' AND ce.sha256 IS NOT NULL)::int AS images
       FROM verdicts v JOIN listings l ON l.id = v.listing_id LEFT JOIN verdict_matches m ON m.verdict_id = v.id
       GROUP BY l.platform_listing_id, v.capture_id`);
    const truth = new Map(h.market.catalog.listings.map((l) => [l.listingId, l.truth]));
    const imageOnly = rows.filter((r) => ['tm-image-only', 'tm-logo-only', 'clean'].includes(truth.get(r.platform_listing_id)!.family));
    expect(imageOnly.filter((r) => r.images > 0 && r.matched === 0)).toEqual([]);
    const skipped = rows.filter((r) => r.text_flagged && r.images > 0 && r.read === 0 && r.matched === 0);
    expect(skipped.length).toBeGreaterThan(5);
    expect(rows.filter((r) => r.hashed < r.images)).toEqual([]);
  });

  it('keeps evidence for every capture (HTML as served, the record, images, each hashed) and a screenshot for each flagged one, drawn from the stored page', async () => {
    const { rows } = await h.database.db.query(
      `SELECT l.current_capture_id AS id, l.platform, v.suspect FROM listings l JOIN verdicts v ON v.capture_id = l.current_capture_id ORDER BY l.id`);
    const flagged = rows.filter((r) => r.suspect);
    const clean = rows.filter((r) => !r.suspect);
    expect(flagged.length).toBeGreaterThan(3);
    expect(clean.length).toBeGreaterThan(3);
    for (const r of [...flagged.slice(0, 8), ...clean.slice(0, 4)]) {
      const ev = await evidenceOfCapture(h.database.db, r.id);
      const kinds = new Set(ev.map((e: { kind: string }) => e.kind));
      expect(kinds).toEqual(new Set(['html', 'record', 'image', ...(r.suspect ? ['screenshot'] : [])]));
      for (const e of ev) {
        expect(e.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(await h.session.c.evidence.verify(e.sha256)).toBe(true);
      }
      const shot = ev.find((e: { kind: string }) => e.kind === 'screenshot');
      if (shot) {
        // Drawn by the evidence worker from this capture's stored files only, as a JPEG, and recorded as such.
        expect(shot.provenance).toBe('stored-page');
        expect(shot.rendered_from).toBe(ev.find((e: { kind: string }) => e.kind === 'html').sha256);
        expect(shot.media_type).toBe('image/jpeg');
        const head = (await h.session.c.evidence.read(shot.sha256)).subarray(0, 3);
        expect([...head]).toEqual([0xff, 0xd8, 0xff]);
      }
    }
  });

  it('re-scans incrementally: unchanged listings add no capture, a change adds one, a delisted listing is marked gone', async () => {
    const [a, b] = h.market.catalog.listings.filter((l) => l.platform === 'demo-mall');
    const c = h.market.catalog.listings.find((l) => l.platform === 'demo-mobile')!;
    const capturesBefore = Number((await h.database.db.query('SELECT count(*) FROM captures')).rows[0].count);
    const blobsBefore = Number((await h.database.db.query('SELECT count(*) FROM evidence_blobs')).rows[0].count);
    h.market.delist(a.platform, a.listingId);
    h.market.delist(c.platform, c.listingId);
    h.market.update(b.platform, b.listingId, { price: b.price + 10 });
    const run2 = await h.session.scan();
    const { rows } = await h.database.db.query(
      `SELECT l.platform, l.platform_listing_id, l.status, count(c.id)::int AS captures
       FROM listings l LEFT JOIN captures c ON c.listing_id = l.id GROUP BY l.id`);
    const by = new Map(rows.map((r) => [key(r.platform, r.platform_listing_id), r]));
    expect(by.get(key(a.platform, a.listingId))?.status).toBe('gone');
    expect(by.get(key(c.platform, c.listingId))?.status).toBe('gone');
    expect(by.get(key(b.platform, b.listingId))?.captures).toBe(2);
    const capturesAfter = Number((await h.database.db.query('SELECT count(*) FROM captures')).rows[0].count);
    expect(capturesAfter).toBe(capturesBefore + 1);
    const newBlobs = Number((await h.database.db.query('SELECT count(*) FROM evidence_blobs')).rows[0].count) - blobsBefore;
    expect(newBlobs).toBeLessThanOrEqual(3); // the changed listing's page, record and screenshot; nothing for unchanged ones
    const run = await getRun(h.database.db, run2);
    expect(run?.status).toBe('finished');
    expect((run?.stats as { gone?: number } | undefined)?.gone).toBe(2);
  }, 180_000);
});
