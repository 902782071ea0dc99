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

/** Images a capture cites, in position order, with any text already read from them by `engine`. */
export async function imagesOfCapture(db: Queryable, captureId: number, engine: string) {
  const { rows } = await db.query(
    `SELECT e.position, e.sha256, e.source_url, t.text
     FROM capture_evidence e LEFT JOIN image_texts t ON t.sha256 = e.sha256 AND t.engine = $2
     WHERE e.capture_id = $1 AND e.kind = 'image' AND e.sha256 IS NOT NULL AND e.error IS NULL ORDER BY e.position`, [captureId, engine]);
  return rows as Array<{ position: number; sha256: string; source_url: string; text: string | null }>;
}

export async function saveImageText(db: Queryable, sha256: string, engine: string, text: string): Promise<void> {
  await db.query(
    `INSERT INTO image_texts (sha256, engine, text) VALUES ($1,$2,$3) ON CONFLICT (sha256, engine) DO UPDATE SET text=$3, read_at=now()`,
    [sha256, engine, text]);
}
