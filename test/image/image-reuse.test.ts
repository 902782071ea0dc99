/** A photo seen on a confirmed counterfeit is found again on another listing (pHash near lookup in Postgres). */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../demo/marketplace/prng.util.js';
import { createImageReuseSignal } from '../../image/image-reuse.signal.js';
import { perceptualHashes } from '../../image/perceptual.hash.js';
import { recordBlob } from '../../store/evidence.repository.js';
import { findConfirmedNearImages, saveImageHashes } from '../../store/image.repository.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { photoSvg } from './eval/eval-set.generator.js';

let t: TestDatabase;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
let original: Buffer;

/** A listing with one capture citing `image`, optionally confirmed by an officer. */
async function listingWith(id: string, image: Buffer, confirm: boolean): Promise<void> {
  const db = t.db;
  await db.query(`INSERT INTO platforms (id, name, fetch_mode, base_url) VALUES ('demo-mall','m','http','http://x') ON CONFLICT DO NOTHING`);
  const l = await db.query(`INSERT INTO listings (platform, platform_listing_id, url) VALUES ('demo-mall',$1,$2) RETURNING id`, [id, `http://x/item/${id}`]);
  const c = await db.query(`INSERT INTO captures (listing_id, captured_at, content_sha256, title) VALUES ($1, now(), $2, 't') RETURNING id`, [l.rows[0].id, sha(Buffer.from(id))]);
  const s = sha(image);
  await recordBlob(db, { sha256: s, mediaType: 'image/jpeg', bytes: image.length, path: s });
  await db.query(`INSERT INTO capture_evidence (capture_id, kind, position, sha256, source_url, fetched_at) VALUES ($1,'image',0,$2,'http://x/i.jpg',now())`, [c.rows[0].id, s]);
  const h = await perceptualHashes(image);
  await saveImageHashes(db, [{ sha256: s, ...h }]);
  if (confirm) {
    const a = await db.query(`INSERT INTO accounts (username, role, password_hash) VALUES ($1,'officer','x') RETURNING id`, [`officer${id}`]);
    await db.query(`INSERT INTO review_decisions (listing_id, capture_id, decision, reason, measure, score, asset_type, asset_id, matches, decided_by, decided_at)
      VALUES ($1,$2,'confirm','counterfeit','delete_listing',0.9,'trademark','TM-0001','[]',$3,now())`, [l.rows[0].id, c.rows[0].id, a.rows[0].id]);
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  original = await sharp(Buffer.from(photoSvg(new Rng(3), 640, 640, '<circle cx="500" cy="120" r="50" fill="#c0392b"/>'))).jpeg({ quality: 90 }).toBuffer();
  await listingWith('1001', original, true);
  const other = await sharp(Buffer.from(photoSvg(new Rng(4), 640, 640, ''))).jpeg().toBuffer();
  await listingWith('1002', other, false);
});
afterAll(async () => { await t?.drop(); });

describe('counterfeit image reuse', () => {
  it('finds the confirmed listing from a re-encoded, resized copy of its photo', async () => {
    const copy = await sharp(original).resize(500).jpeg({ quality: 70 }).toBuffer();
    const { phash } = await perceptualHashes(copy);
    const near = await findConfirmedNearImages(t.db, phash, 6, { platform: 'demo-shop', listingId: 'z' });
    expect(near.map((n) => n.listingId)).toEqual(['1001']);
    expect(near[0].distance).toBeLessThanOrEqual(6);
  });

  it('signals the reuse on another listing, with the link to the confirmed one', async () => {
    const signal = createImageReuseSignal((h, d, ex) => findConfirmedNearImages(t.db, h, d, ex));
    const listing = { platform: 'demo-shop', listingId: '77', url: 'u', title: 't', description: '', price: null, shop: { id: '', name: 's', location: '' }, attributes: {}, images: [] };
    const copy = await sharp(original).resize(480).jpeg({ quality: 75 }).toBuffer();
    const matches = await signal.evaluate({ listing, images: [{ ref: 'a.jpg', bytes: copy }] });
    expect(matches).toHaveLength(1);
    expect(matches[0]).toMatchObject({ assetId: 'TM-0001', signal: 'image', imageRef: 'a.jpg', relatedListing: { platform: 'demo-mall', listingId: '1001', url: 'http://x/item/1001' } });
    expect(matches[0].evidence).toContain('demo-mall/1001');
  });

  it('does not signal a photo of an unconfirmed listing, nor an unrelated photo', async () => {
    const signal = createImageReuseSignal((h, d, ex) => findConfirmedNearImages(t.db, h, d, ex));
    const listing = { platform: 'demo-shop', listingId: '78', url: 'u', title: 't', description: '', price: null, shop: { id: '', name: 's', location: '' }, attributes: {}, images: [] };
    const other = await sharp(Buffer.from(photoSvg(new Rng(4), 640, 640, ''))).jpeg().toBuffer();
    const unrelated = await sharp(Buffer.from(photoSvg(new Rng(9), 640, 640, '<rect x="50" y="50" width="90" height="300" fill="#111"/>'))).jpeg().toBuffer();
    expect(await signal.evaluate({ listing, images: [{ ref: 'b.jpg', bytes: other }, { ref: 'c.jpg', bytes: unrelated }] })).toEqual([]);
  });
});
