/** Which evidence bytes exist (content-addressed) and image facts. */
import type { Queryable } from './database.js';

export async function recordBlob(db: Queryable, blob: { sha256: string; mediaType: string; bytes: number; path: string }): Promise<void> {
  await db.query(
    `INSERT INTO evidence_blobs (sha256, media_type, bytes, path) VALUES ($1,$2,$3,$4) ON CONFLICT (sha256) DO NOTHING`,
    [blob.sha256, blob.mediaType, blob.bytes, blob.path]);
}

export async function recordImage(db: Queryable, img: { sha256: string; width?: number; height?: number; format?: string }): Promise<void> {
  await db.query(
    `INSERT INTO images (sha256, width, height, format) VALUES ($1,$2,$3,$4) ON CONFLICT (sha256) DO NOTHING`,
    [img.sha256, img.width ?? null, img.height ?? null, img.format ?? null]);
}

export async function evidenceOfCapture(db: Queryable, captureId: number) {
  const { rows } = await db.query(
    `SELECT e.kind, e.position, e.sha256, e.source_url, e.fetched_at, e.error, b.media_type, b.bytes
     FROM capture_evidence e LEFT JOIN evidence_blobs b ON b.sha256 = e.sha256
     WHERE e.capture_id = $1 ORDER BY e.kind, e.position`, [captureId]);
  return rows;
}
