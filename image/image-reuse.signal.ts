/**
 * Counterfeit image reuse (signal `image`): a listing photo whose perceptual
 * hash is within a few bits of a photo on a listing an officer confirmed as
 * counterfeit. The match links that listing. The lookup is a port; the
 * Postgres implementation is store/image.repository.ts findConfirmedNearImages.
 */
import type { AssetType } from '../domain/registry.schema.js';
import type { Match } from '../domain/verdict.js';
import type { ImageLimits } from './image.guard.js';
import { loadListingImage } from './listing-images.loader.js';
import { perceptualHashes, type Hash64 } from './perceptual.hash.js';
import type { DetectInput, ListingImage, Signal } from '../detector/signal.js';

/** A confirmed listing's image near the query. */
export interface ReusedImage { sha256: string; distance: number; platform: string; listingId: string; url: string; assetId: string; assetType: AssetType }

/** Finds near images among confirmed listings (Hamming distance on pHash). */
export type ReuseLookup = (phash: Hash64, maxDistance: number, exclude: { platform: string; listingId: string }) => Promise<ReusedImage[]>;

/** Options of {@link createImageReuseSignal}. */
export interface ImageReuseOptions {
  /** Largest pHash distance counted as the same photo. Default 6. */
  maxDistance?: number;
  /** Images looked at per listing. Default 6. */
  maxImages?: number;
  limits?: Partial<ImageLimits>;
  /** Told the hashes of every accepted image of a listing, all at once (to store them). */
  onHashed?: (rows: Array<{ sha256: string; phash: Hash64; dhash: Hash64 }>) => void | Promise<void>;
}

/** Score of a photo reused from a confirmed counterfeit (distance 0), kept below the detector's default threshold (0.6). */
export const REUSE_SCORE = 0.55;

export class ImageReuseSignal implements Signal {
  readonly name = 'image-reuse';
  readonly async = true;

  constructor(private readonly lookup: ReuseLookup, private readonly opts: ImageReuseOptions = {}) {}

  async evaluate(input: DetectInput): Promise<Match[]> {
    const maxDistance = this.opts.maxDistance ?? 6;
    const out = new Map<string, Match>();
    const hashed: Array<{ img: ListingImage; sha256: string; width: number; height: number; phash: Hash64; dhash: Hash64 }> = [];
    for (const img of (input.images ?? []).slice(0, this.opts.maxImages ?? 6)) {
      const loaded = await loadListingImage(img, this.opts.limits);
      if (!loaded.ok) continue;
      try { hashed.push({ img, sha256: loaded.sha256, width: loaded.width, height: loaded.height, ...await perceptualHashes(loaded.bytes) }); } catch { /* not decodable: no hash, no lookup */ }
    }
    if (hashed.length) await this.opts.onHashed?.(hashed.map(({ sha256, phash, dhash }) => ({ sha256, phash, dhash })));
    for (const { img, phash, width, height } of hashed) {
      const near = await this.lookup(phash, maxDistance, { platform: input.listing.platform, listingId: input.listing.listingId });
      for (const r of near) {
        // Supporting evidence, below the suspect threshold on its own: shops share supplier photos, and generated
        // catalogues share templates, so a reused photo alone ranks and explains a listing; with any other sign of
        // the same right it makes the case (the scorer boosts agreeing signals).
        const score = Math.round((REUSE_SCORE - 0.02 * r.distance) * 1000) / 1000;
        const prev = out.get(r.assetId);
        if (prev && prev.score >= score) continue;
        out.set(r.assetId, {
          assetId: r.assetId, assetType: r.assetType, signal: 'image', score,
          evidence: `image ${img.ref} is the same photo (pHash distance ${r.distance} of 64) as one on confirmed counterfeit listing ${r.platform}/${r.listingId} (${r.url})`,
          imageRef: img.ref, box: { x: 0, y: 0, w: width, h: height },
          relatedListing: { platform: r.platform, listingId: r.listingId, url: r.url },
        });
      }
    }
    return [...out.values()];
  }
}

/** The reuse signal over a lookup (e.g. `(h, d, ex) => findConfirmedNearImages(db, h, d, ex)`). */
export function createImageReuseSignal(lookup: ReuseLookup, opts: ImageReuseOptions = {}): ImageReuseSignal {
  return new ImageReuseSignal(lookup, opts);
}
