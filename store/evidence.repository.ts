/** Which evidence bytes exist (content-addressed) and image facts. */
import type { ScreenshotProvenance } from '../domain/evidence.provenance.js';
import type { Queryable } from './database.js';

export async function recordBlob(db: Queryable, blob: { sha256: string; mediaType: string; bytes: number; path: string }): Promise<void> {
  await db.query(
    `INSERT INTO evidence_blobs (sha256, media_type, bytes, path) VALUES ($1,$2,$3,$4) ON CONFLICT (sha256) DO NOTHING`,
    [blob.sha256, blob.mediaType, blob.bytes, blob.path]);
}

/** Records several blobs in one statement (a capture's HTML, record and images). */
export async function recordBlobs(db: Queryable, blobs: Array<{ sha256: string; mediaType: string; bytes: number; path: string }>): Promise<void> {
  if (!blobs.length) return;
  await db.query(
    `INSERT INTO evidence_blobs (sha256, media_type, bytes, path)
     SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[]) ON CONFLICT (sha256) DO NOTHING`,
    [blobs.map((b) => b.sha256), blobs.map((b) => b.mediaType), blobs.map((b) => b.bytes), blobs.map((b) => b.path)]);
}

/** Records the dimensions and format of images, in one statement. */
export async function recordImages(db: Queryable, imgs: Array<{ sha256: string; width?: number; height?: number; format?: string }>): Promise<void> {
  if (!imgs.length) return;
  await db.query(
    `INSERT INTO images (sha256, width, height, format)
     SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::text[]) ON CONFLICT (sha256) DO NOTHING`,
    [imgs.map((i) => i.sha256), imgs.map((i) => i.width ?? null), imgs.map((i) => i.height ?? null), imgs.map((i) => i.format ?? null)]);
}

export async function evidenceOfCapture(db: Queryable, captureId: number) {
  const { rows } = await db.query(
    `SELECT e.kind, e.position, e.sha256, e.source_url, e.fetched_at, e.error, e.rendered_from, e.provenance, b.media_type, b.bytes
     FROM capture_evidence e LEFT JOIN evidence_blobs b ON b.sha256 = e.sha256
     WHERE e.capture_id = $1 ORDER BY e.kind, e.position`, [captureId]);
  return rows;
}

/** One image a capture cites, with the text `engine` read from it (null: not read yet). */
export interface CaptureImageRow { position: number; sha256: string; source_url: string; text: string | null }

/** Images a capture cites, in position order, with any text already read from them by `engine`. */
export async function imagesOfCapture(db: Queryable, captureId: number, engine: string): Promise<CaptureImageRow[]> {
  const { rows } = await db.query(
    `SELECT e.position, e.sha256, e.source_url, t.text
     FROM capture_evidence e LEFT JOIN image_texts t ON t.sha256 = e.sha256 AND t.engine = $2
     WHERE e.capture_id = $1 AND e.kind = 'image' AND e.sha256 IS NOT NULL AND e.error IS NULL ORDER BY e.position`, [captureId, engine]);
  return rows as CaptureImageRow[];
}

export async function saveImageText(db: Queryable, sha256: string, engine: string, text: string): Promise<void> {
  await db.query(
    `INSERT INTO image_texts (sha256, engine, text) VALUES ($1,$2,$3) ON CONFLICT (sha256, engine) DO UPDATE SET text=$3, read_at=now()`,
    [sha256, engine, text]);
}

/** What a capture's screenshot would be drawn from: its platform, its stored HTML and images, and whether it has one already. */
export async function storedPageOfCapture(db: Queryable, captureId: number): Promise<{
  platform: string; hasScreenshot: boolean; html?: { sha256: string; url: string; mediaType: string };
  images: Array<{ sha256: string; url: string; mediaType: string }>;
} | undefined> {
  const { rows } = await db.query<{ platform: string; kind: string; sha256: string | null; source_url: string; media_type: string | null; error: string | null }>(
    `SELECT l.platform, e.kind, e.sha256, e.source_url, b.media_type, e.error
     FROM captures c JOIN listings l ON l.id = c.listing_id
     LEFT JOIN capture_evidence e ON e.capture_id = c.id
     LEFT JOIN evidence_blobs b ON b.sha256 = e.sha256
     WHERE c.id = $1 ORDER BY e.kind, e.position`, [captureId]);
  if (!rows.length) return undefined;
  const html = rows.find((r) => r.kind === 'html' && r.sha256);
  return {
    platform: rows[0].platform,
    hasScreenshot: rows.some((r) => r.kind === 'screenshot' && r.sha256),
    html: html ? { sha256: html.sha256!, url: html.source_url, mediaType: html.media_type ?? 'text/html' } : undefined,
    images: rows.filter((r) => r.kind === 'image' && r.sha256 && !r.error).map((r) => ({ sha256: r.sha256!, url: r.source_url, mediaType: r.media_type ?? 'application/octet-stream' })),
  };
}

/**
 * Records a screenshot the evidence worker drew from the capture's stored HTML
 * and images only (provenance `stored-page`), or the reason it could not be drawn.
 */
export async function recordRenderedScreenshot(db: Queryable, captureId: number, shot: { sha256: string | null; sourceUrl: string; renderedFrom: string; error?: string }): Promise<void> {
  const provenance: ScreenshotProvenance = 'stored-page';
  await db.query(
    `INSERT INTO capture_evidence (capture_id, kind, position, sha256, source_url, fetched_at, error, rendered_from, provenance)
     VALUES ($1, 'screenshot', 0, $2, $3, now(), $4, $5, $6)
     ON CONFLICT (capture_id, kind, position) DO UPDATE SET sha256 = EXCLUDED.sha256, error = EXCLUDED.error, rendered_from = EXCLUDED.rendered_from,
       fetched_at = EXCLUDED.fetched_at, provenance = EXCLUDED.provenance
     WHERE capture_evidence.sha256 IS NULL`,
    [captureId, shot.sha256, shot.sourceUrl, shot.error ?? null, shot.renderedFrom, provenance]);
}
