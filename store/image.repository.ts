/**
 * Listing images beyond their bytes: perceptual hashes (and the near-hash
 * lookup among confirmed counterfeits), refusals with their reason, and the
 * OCR text cache (with the text-presence skip).
 */
import type { AssetType } from '../domain/registry.schema.js';
import type { Queryable } from './database.js';

/** Hashes of one image (64-bit, hex) as computed by image/perceptual.hash.ts. */
export interface ImageHashRow { sha256: string; phash: string; dhash: string }

const int64 = (hex: string) => BigInt.asIntN(64, BigInt('0x' + hex)).toString();
const bands = (hex: string) => [0, 4, 8, 12].map((i) => parseInt(hex.slice(i, i + 4), 16));

/** Stores hashes (idempotent), in one statement. */
export async function saveImageHashes(db: Queryable, rows: ImageHashRow[]): Promise<void> {
  if (!rows.length) return;
  const b = rows.map((r) => bands(r.phash));
  await db.query(
    `INSERT INTO image_hashes (sha256, phash, dhash, b0, b1, b2, b3)
     SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::int[], $5::int[], $6::int[], $7::int[])
     ON CONFLICT (sha256) DO NOTHING`,
    [rows.map((r) => r.sha256), rows.map((r) => int64(r.phash)), rows.map((r) => int64(r.dhash)),
      b.map((x) => x[0]), b.map((x) => x[1]), b.map((x) => x[2]), b.map((x) => x[3])]);
}

/** A stored image near a query hash, on a listing an officer confirmed as infringing. */
export interface ConfirmedImageMatch {
  sha256: string; distance: number; platform: string; listingId: string; url: string;
  assetId: string; assetType: AssetType; decidedAt: Date;
}

/**
 * Images of confirmed listings whose pHash is within `maxDistance` bits of
 * `phash` (Hamming). Candidates come from the band indexes (guaranteed for
 * distances up to 3, found for most larger ones), then are filtered exactly.
 * `exclude` leaves out the asking listing itself.
 */
export async function findConfirmedNearImages(db: Queryable, phash: string, maxDistance = 6,
  exclude?: { platform: string; listingId: string }, limit = 5): Promise<ConfirmedImageMatch[]> {
  const [b0, b1, b2, b3] = bands(phash);
  const { rows } = await db.query(
    `WITH near AS (
       SELECT sha256, bit_count((phash # $1::bigint)::bit(64)) AS distance FROM image_hashes
       WHERE b0 = $2 OR b1 = $3 OR b2 = $4 OR b3 = $5)
     SELECT DISTINCT ON (l.id) n.sha256, n.distance::int AS distance, l.platform, l.platform_listing_id, l.url,
            d.asset_id, d.asset_type, d.decided_at
     FROM near n
     JOIN capture_evidence e ON e.sha256 = n.sha256 AND e.kind = 'image'
     JOIN review_decisions d ON d.capture_id = e.capture_id AND d.decision = 'confirm'
     JOIN listings l ON l.id = d.listing_id
     WHERE n.distance <= $6 AND NOT (l.platform = $7 AND l.platform_listing_id = $8)
     ORDER BY l.id, n.distance, d.decided_at DESC
     LIMIT $9`,
    [int64(phash), b0, b1, b2, b3, maxDistance, exclude?.platform ?? '', exclude?.listingId ?? '', limit]);
  return rows.map((r) => ({ sha256: r.sha256, distance: r.distance, platform: r.platform, listingId: r.platform_listing_id, url: r.url,
    assetId: r.asset_id, assetType: r.asset_type, decidedAt: r.decided_at }));
}

/** Records that an image was refused, and why. */
export async function recordImageRefusal(db: Queryable, r: { captureId?: number; sha256?: string; sourceUrl: string; code: string; reason: string }): Promise<void> {
  await db.query(`INSERT INTO image_refusals (capture_id, sha256, source_url, code, reason) VALUES ($1,$2,$3,$4,$5)`,
    [r.captureId ?? null, r.sha256 ?? null, r.sourceUrl, r.code, r.reason]);
}

/** Refusals recorded for a capture. */
export async function imageRefusalsOfCapture(db: Queryable, captureId: number) {
  const { rows } = await db.query(`SELECT sha256, source_url, code, reason FROM image_refusals WHERE capture_id = $1 ORDER BY id`, [captureId]);
  return rows as Array<{ sha256: string | null; source_url: string; code: string; reason: string }>;
}

/** Cached OCR result of an image: text, or why it was skipped. */
export interface CachedImageText { text: string; skipped: string | null }

/** The cached OCR result for (sha256, engine), if any. */
export async function cachedImageText(db: Queryable, sha256: string, engine: string): Promise<CachedImageText | undefined> {
  const { rows } = await db.query(`SELECT text, skipped FROM image_texts WHERE sha256 = $1 AND engine = $2`, [sha256, engine]);
  return rows[0] as CachedImageText | undefined;
}

/** Stores an OCR result (or a skip with its reason) once per image content and engine. */
export async function saveImageTextResult(db: Queryable, sha256: string, engine: string, text: string, skipped: string | null = null): Promise<void> {
  await db.query(
    `INSERT INTO image_texts (sha256, engine, text, skipped) VALUES ($1,$2,$3,$4)
     ON CONFLICT (sha256, engine) DO UPDATE SET text = $3, skipped = $4, read_at = now()`,
    [sha256, engine, text, skipped]);
}
