/**
 * Listings (one row per platform + listing id) and their capture history.
 * Writes are idempotent so a re-delivered job never duplicates a row.
 *
 * Two ids, one name each. The platform's own id of a listing (text, the
 * `listingId` of the FORMATS §2 listing and §3 verdict) is the column
 * `listings.platform_listing_id`, `platformListingId` in a row shape that also
 * carries the row id. The row's own id (`listings.id`, bigint) is `listing_id`
 * in every table that refers to it (captures, verdicts, decisions, notice
 * items, the review queue) and `listingRowId` where a store/ function takes
 * it. Where a shape is already public — the HTTP API's JSON
 * (api/README.md), the desk's row shapes it is made of, the queue's job
 * payloads (queue/jobs.ts) — the row id keeps its older name `listingId`,
 * always as a number and beside `platformListingId` when both are needed.
 */
import type { ScreenshotProvenance } from '../domain/evidence.provenance.js';
import type { Listing } from '../domain/listing.schema.js';
import { inTransaction, type Db, type Queryable } from './database.js';

export interface ListingRow {
  id: number; platform: string; platform_listing_id: string; url: string; status: string;
  current_capture_id: number | null; first_seen_at: Date; last_seen_at: Date | null; gone_at: Date | null;
  /** What the search card showed (merged into the capture where the item page lacks a field). */
  card: Record<string, unknown> | null;
}

/** Upserts discovered listings; returns their row ids in input order, and which of them are new. */
export async function upsertDiscovered(db: Queryable, platform: string, items: Array<{ listingId: string; url: string; card?: object }>): Promise<{ rowIds: number[]; created: Set<number> }> {
  if (!items.length) return { rowIds: [], created: new Set() };
  const { rows } = await db.query<{ id: number; platform_listing_id: string; inserted: boolean }>(
    `INSERT INTO listings (platform, platform_listing_id, url, card)
     SELECT $1, l, u, c FROM unnest($2::text[], $3::text[], $4::jsonb[]) AS t(l, u, c)
     ON CONFLICT (platform, platform_listing_id) DO UPDATE SET url = EXCLUDED.url, card = COALESCE(EXCLUDED.card, listings.card)
     RETURNING id, platform_listing_id, (xmax = 0) AS inserted`,
    [platform, items.map((i) => i.listingId), items.map((i) => i.url), items.map((i) => (i.card ? JSON.stringify(i.card) : null))]);
  const byId = new Map(rows.map((r) => [r.platform_listing_id, r.id]));
  return { rowIds: items.map((i) => byId.get(i.listingId)!), created: new Set(rows.filter((r) => r.inserted).map((r) => r.id)) };
}

export async function getListing(db: Queryable, id: number): Promise<ListingRow | undefined> {
  const { rows } = await db.query<ListingRow>('SELECT * FROM listings WHERE id = $1', [id]);
  return rows[0];
}

/** Listings seen before on these platforms and not gone, by platform: each run re-captures them. */
export async function knownListingsByPlatform(db: Queryable, platforms: string[]): Promise<Map<string, number[]>> {
  const { rows } = await db.query<{ id: number; platform: string }>(
    `SELECT id, platform FROM listings WHERE platform = ANY($1) AND status IN ('active','pending','failed') ORDER BY id`, [platforms]);
  const out = new Map<string, number[]>();
  for (const r of rows) {
    const list = out.get(r.platform);
    if (list) list.push(r.id); else out.set(r.platform, [r.id]);
  }
  return out;
}

export interface CaptureEvidenceInput {
  kind: 'screenshot' | 'html' | 'image' | 'record';
  position: number;
  sha256: string | null;
  sourceUrl: string;
  fetchedAt: Date;
  error?: string;
  /** A screenshot drawn from stored bytes: the SHA-256 of the HTML it was drawn from. */
  renderedFrom?: string | null;
  /** A screenshot: the procedure that drew it (every screenshot has one; nothing else does). */
  provenance?: ScreenshotProvenance;
}

export interface RecordedCapture { captureId: number; changed: boolean }

/**
 * Records a capture. An unchanged listing (same content hash as a capture it
 * already has) adds no capture row: only last_seen moves.
 */
export async function recordCapture(db: Db, listingRowId: number, runId: number, listing: Listing, contentSha256: string, evidence: CaptureEvidenceInput[]): Promise<RecordedCapture> {
  return inTransaction(db, async (c) => {
    const ins = await c.query(
      `INSERT INTO captures (listing_id, scan_run_id, captured_at, content_sha256, title, description, price, currency,
         shop_id, shop_name, shop_location, attributes, image_urls)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)
       ON CONFLICT (listing_id, content_sha256) DO NOTHING RETURNING id`,
      [listingRowId, runId, listing.capturedAt, contentSha256, listing.title, listing.description, listing.price, listing.currency,
        listing.shop.id, listing.shop.name, listing.shop.location, JSON.stringify(listing.attributes), listing.images]);
    let captureId: number;
    let changed = true;
    if (ins.rowCount === 1) {
      captureId = ins.rows[0].id;
      if (evidence.length) {
        await c.query(
          `INSERT INTO capture_evidence (capture_id, kind, position, sha256, source_url, fetched_at, error, rendered_from, provenance)
           SELECT $1, * FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::text[], $9::text[]) ON CONFLICT DO NOTHING`,
          [captureId, evidence.map((e) => e.kind), evidence.map((e) => e.position), evidence.map((e) => e.sha256), evidence.map((e) => e.sourceUrl),
            evidence.map((e) => e.fetchedAt), evidence.map((e) => e.error ?? null), evidence.map((e) => e.renderedFrom ?? null),
            evidence.map((e) => e.provenance ?? null)]);
      }
    } else {
      const prev = await c.query('SELECT id FROM captures WHERE listing_id=$1 AND content_sha256=$2', [listingRowId, contentSha256]);
      captureId = prev.rows[0].id;
      const cur = await c.query('SELECT current_capture_id FROM listings WHERE id=$1', [listingRowId]);
      changed = cur.rows[0]?.current_capture_id !== captureId;
    }
    await c.query(
      `UPDATE listings SET status='active', last_seen_at=$2, current_capture_id=$3, last_scan_run_id=$4, gone_at=NULL, last_error=NULL WHERE id=$1`,
      [listingRowId, listing.capturedAt, captureId, runId]);
    return { captureId, changed };
  });
}

export async function markGone(db: Queryable, listingRowId: number, runId: number, at: Date): Promise<void> {
  await db.query(
    `UPDATE listings SET status='gone', gone_at=COALESCE(gone_at, $2), last_scan_run_id=$3 WHERE id=$1`,
    [listingRowId, at, runId]);
}

export async function markFailed(db: Queryable, listingRowId: number, error: string): Promise<void> {
  await db.query(`UPDATE listings SET last_error=$2, status=CASE WHEN status='pending' THEN 'failed' ELSE status END WHERE id=$1`, [listingRowId, error]);
}

/** A capture in FORMATS §2 shape, for the detector. */
export async function getCaptureAsListing(db: Queryable, captureId: number): Promise<{ listing: Listing; listingRowId: number } | undefined> {
  const { rows } = await db.query(
    `SELECT c.*, l.platform, l.platform_listing_id, l.url FROM captures c JOIN listings l ON l.id = c.listing_id WHERE c.id = $1`, [captureId]);
  const r = rows[0];
  if (!r) return undefined;
  return {
    listingRowId: r.listing_id,
    listing: {
      platform: r.platform, listingId: r.platform_listing_id, url: r.url, title: r.title, description: r.description,
      price: r.price, currency: r.currency, shop: { id: r.shop_id, name: r.shop_name, location: r.shop_location },
      attributes: r.attributes, images: r.image_urls, capturedAt: new Date(r.captured_at).toISOString(),
    },
  };
}

/**
 * Locks a listing row for the rest of the transaction (decisions on one
 * listing are serialised by it); returns its current capture, or undefined
 * when there is no such listing.
 */
export async function lockListing(c: Queryable, listingRowId: number): Promise<{ id: number; currentCaptureId: number | null } | undefined> {
  const { rows } = await c.query<{ id: number; current_capture_id: number | null }>(
    'SELECT id, current_capture_id FROM listings WHERE id = $1 FOR UPDATE', [listingRowId]);
  return rows[0] ? { id: rows[0].id, currentCaptureId: rows[0].current_capture_id } : undefined;
}
