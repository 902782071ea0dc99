/**
 * Writes made in one statement per kind (a verdict's matches, a capture's
 * evidence rows and blobs) keep every field and the order they were given in,
 * and a replaced verdict keeps no match of the old one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordBlobs, recordImages } from '../../store/evidence.repository.js';
import { saveVerdict } from '../../store/verdict.repository.js';
import { PLATFORM_A, setupFixture, type Fixture } from '../api/fixtures.js';

let f: Fixture;
beforeAll(async () => { f = await setupFixture(); });
afterAll(async () => f?.close());

const matchesOf = async (verdictId: number) =>
  (await f.db.query('SELECT asset_id, asset_type, signal, score, evidence, image_ref, box, related_listing FROM verdict_matches WHERE verdict_id = $1 ORDER BY id', [verdictId])).rows;

describe('batched writes', () => {
  it('store all of a verdict’s matches with their fields, in order, and replace them all on a new verdict', async () => {
    const l = await f.addListing({ platform: PLATFORM_A, listingId: 'bw-1', title: '安踏' });
    const id = await saveVerdict(f.db, l.captureId, l.listingId, {
      platform: PLATFORM_A, listingId: 'bw-1', suspect: true, score: 0.95, matches: [
        { assetId: 'TM-0001', assetType: 'trademark', signal: 'title', score: 0.9, evidence: '标题含“安踏”' },
        { assetId: 'TM-0001', assetType: 'trademark', signal: 'image', score: 0.8, evidence: 'logo', imageRef: 'http://x/1.jpg', box: { x: 1, y: 2, w: 3, h: 4 } },
        { assetId: 'GI-0001', assetType: 'gi', signal: 'image', score: 0.55, evidence: 'reused', imageRef: 'http://x/2.jpg', relatedListing: { platform: 'p', listingId: '9', url: 'http://x/9' } },
      ],
    }, 'test');
    expect(await matchesOf(id)).toEqual([
      { asset_id: 'TM-0001', asset_type: 'trademark', signal: 'title', score: 0.9, evidence: '标题含“安踏”', image_ref: null, box: null, related_listing: null },
      { asset_id: 'TM-0001', asset_type: 'trademark', signal: 'image', score: 0.8, evidence: 'logo', image_ref: 'http://x/1.jpg', box: { x: 1, y: 2, w: 3, h: 4 }, related_listing: null },
      { asset_id: 'GI-0001', asset_type: 'gi', signal: 'image', score: 0.55, evidence: 'reused', image_ref: 'http://x/2.jpg', box: null, related_listing: { platform: 'p', listingId: '9', url: 'http://x/9' } },
    ]);
    const again = await saveVerdict(f.db, l.captureId, l.listingId, { platform: PLATFORM_A, listingId: 'bw-1', suspect: true, score: 0.7, matches: [
      { assetId: 'PT-0001', assetType: 'patent', signal: 'patent-number', score: 0.7, evidence: 'ZL' }] }, 'test');
    expect(again).toBe(id);
    expect((await matchesOf(id)).map((m) => m.asset_id)).toEqual(['PT-0001']);
    await saveVerdict(f.db, l.captureId, l.listingId, { platform: PLATFORM_A, listingId: 'bw-1', suspect: false, score: 0, matches: [] }, 'test');
    expect(await matchesOf(id)).toEqual([]);
  });

  it('record several blobs and image sizes at once, a blob seen before left as it was', async () => {
    const sha = (n: number) => String(n).repeat(64).slice(0, 64);
    await recordBlobs(f.db, [{ sha256: sha(1), mediaType: 'text/html', bytes: 10, path: 'a' }, { sha256: sha(2), mediaType: 'image/jpeg', bytes: 20, path: 'b' }]);
    await recordBlobs(f.db, [{ sha256: sha(2), mediaType: 'image/png', bytes: 99, path: 'c' }, { sha256: sha(3), mediaType: 'image/webp', bytes: 30, path: 'd' }]);
    await recordBlobs(f.db, []);
    await recordImages(f.db, [{ sha256: sha(2), width: 480, height: 360, format: 'jpeg' }, { sha256: sha(3) }]);
    const { rows } = await f.db.query(`SELECT b.sha256, b.media_type, b.bytes::int AS bytes, b.path, i.width, i.height, i.format
      FROM evidence_blobs b LEFT JOIN images i ON i.sha256 = b.sha256 WHERE b.sha256 = ANY($1) ORDER BY b.sha256`, [[sha(1), sha(2), sha(3)]]);
    expect(rows).toEqual([
      { sha256: sha(1), media_type: 'text/html', bytes: 10, path: 'a', width: null, height: null, format: null },
      { sha256: sha(2), media_type: 'image/jpeg', bytes: 20, path: 'b', width: 480, height: 360, format: 'jpeg' },
      { sha256: sha(3), media_type: 'image/webp', bytes: 30, path: 'd', width: null, height: null, format: null },
    ]);
  });
});
