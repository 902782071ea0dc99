/** Writes a catalog as a FORMATS §2 listing feed plus a ground-truth file, for the detector team. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Listing } from '../../domain/listing.schema.js';
import { type Catalog, listingPath } from './catalog.types.js';

/** Options of {@link writeCatalogFeed}. */
export interface FeedOptions {
  /** Prefix of listing and image URLs (default http://demo-marketplace.invalid, a host that never resolves). */
  baseUrl?: string;
  /** capturedAt of every line (default 2026-01-01T00:00:00Z, so the files are deterministic). */
  capturedAt?: string;
}

/** One line of ground-truth.json. */
export interface GroundTruthRow {
  platform: string;
  listingId: string;
  suspect: boolean;
  assetIds: string[];
  family: string;
  note: string;
}

/** The FORMATS §2 listing of a catalog entry. */
export function toFeedListing(l: Catalog['listings'][number], opts: FeedOptions = {}): Listing {
  const base = (opts.baseUrl ?? 'http://demo-marketplace.invalid').replace(/\/$/, '');
  return {
    platform: l.platform,
    listingId: l.listingId,
    url: base + listingPath(l.platform, l.listingId),
    title: l.title,
    description: l.description,
    price: l.price,
    currency: l.currency,
    shop: { ...l.shop },
    attributes: { ...l.attributes },
    images: l.images.map((p) => base + p),
    capturedAt: opts.capturedAt ?? '2026-01-01T00:00:00Z',
  };
}

/** Writes `<dir>/listings.jsonl` (FORMATS §2) and `<dir>/ground-truth.json`; returns their paths. */
export async function writeCatalogFeed(catalog: Catalog, dir: string, opts: FeedOptions = {}): Promise<{ listings: string; groundTruth: string }> {
  await mkdir(dir, { recursive: true });
  const listings = join(dir, 'listings.jsonl');
  const groundTruth = join(dir, 'ground-truth.json');
  await writeFile(listings, catalog.listings.map((l) => JSON.stringify(toFeedListing(l, opts))).join('\n') + '\n', 'utf8');
  const rows: GroundTruthRow[] = catalog.listings.map((l) => ({ platform: l.platform, listingId: l.listingId, ...l.truth }));
  await writeFile(groundTruth, JSON.stringify({ seed: catalog.seed, size: catalog.listings.length, listings: rows }, null, 2) + '\n', 'utf8');
  return { listings, groundTruth };
}
