/**
 * Turns a crawl result into stored evidence and a capture row: every file is
 * hashed and stored content-addressed, and an unchanged listing stores nothing new.
 */
import sharp from 'sharp';
import { drawnFromStoredHtml } from '../domain/evidence.provenance.js';
import type { Listing } from '../domain/listing.schema.js';
import type { Db } from './database.js';
import { recordBlobs, recordImages } from './evidence.repository.js';
import { recordCapture, type CaptureEvidenceInput, type RecordedCapture } from './listing.repository.js';
import { sha256Hex, type EvidenceStore } from './evidence.store.js';
import { screenshotMediaType } from './media-type.sniffer.js';
import type { CaptureResult } from '../crawler/platform.crawler.js';

/** The hash that decides whether a re-capture is a change: what the listing says, and its image bytes. */
export function contentHash(listing: Listing, imageHashes: Array<string | null>): string {
  const { title, description, price, currency, shop, attributes, images } = listing;
  const sortedAttrs = Object.fromEntries(Object.entries(attributes).sort(([a], [b]) => a.localeCompare(b)));
  return sha256Hex(JSON.stringify({ title, description, price, currency, shop, attributes: sortedAttrs, images, imageHashes }));
}

export async function storeCapture(db: Db, evidence: EvidenceStore, listingRowId: number, runId: number, result: CaptureResult): Promise<RecordedCapture & { contentSha256: string }> {
  const imageHashes = result.images.map((i) => (i.body ? sha256Hex(i.body) : null));
  const contentSha256 = contentHash(result.listing, imageHashes);

  const existing = await db.query('SELECT id FROM captures WHERE listing_id=$1 AND content_sha256=$2', [listingRowId, contentSha256]);
  const items: CaptureEvidenceInput[] = [];
  if (!existing.rowCount) {
    // Files first, then their rows in one statement each: a crash in between leaves files no row names, never the reverse.
    const blobs: Parameters<typeof recordBlobs>[1] = [];
    const images: Parameters<typeof recordImages>[1] = [];
    const put = async (body: Buffer, mediaType: string) => {
      const blob = await evidence.put(body);
      blobs.push({ sha256: blob.sha256, mediaType, bytes: blob.bytes, path: blob.path });
      return blob.sha256;
    };
    const at = result.fetchedAt;
    items.push({ kind: 'html', position: 0, sha256: await put(result.document.body, result.document.contentType || 'text/html'), sourceUrl: result.document.url, fetchedAt: at });
    const html = items[0].sha256;
    if (result.screenshot) {
      // Says how it was drawn; one drawn from the stored HTML bytes names them. Its type is read from its bytes.
      const { body, url, provenance } = result.screenshot;
      const renderedFrom = drawnFromStoredHtml(provenance) ? html : null;
      items.push({ kind: 'screenshot', position: 0, sha256: await put(body, screenshotMediaType(body)), sourceUrl: url, fetchedAt: at, renderedFrom, provenance });
    }
    items.push({ kind: 'record', position: 0, sha256: await put(Buffer.from(JSON.stringify(result.listing, null, 2)), 'application/json'), sourceUrl: result.listing.url, fetchedAt: at });
    for (const [i, img] of result.images.entries()) {
      if (!img.body) { items.push({ kind: 'image', position: i, sha256: null, sourceUrl: img.url, fetchedAt: at, error: img.error ?? 'not downloaded' }); continue; }
      let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>> | undefined;
      let error: string | undefined;
      try { meta = await sharp(img.body).metadata(); } catch (err) { error = `unreadable image: ${(err as Error).message}`; }
      const sha = await put(img.body, meta?.format ? `image/${meta.format}` : 'application/octet-stream');
      if (meta) images.push({ sha256: sha, width: meta.width, height: meta.height, format: meta.format });
      items.push({ kind: 'image', position: i, sha256: sha, sourceUrl: img.url, fetchedAt: at, error });
    }
    await recordBlobs(db, blobs);
    await recordImages(db, images);
  }
  const rec = await recordCapture(db, listingRowId, runId, result.listing, contentSha256, items);
  return { ...rec, contentSha256 };
}
