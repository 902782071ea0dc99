/**
 * Image signals for a listing feed (FORMATS §2 `images`: paths relative to
 * the feed file, or URLs). The `detect` command calls
 * {@link createFeedImageJudge} once per feed and `judge(listing)` per line;
 * the matches are merged into the text detector's verdict by the caller.
 */
import path from 'node:path';
import type { ListingInput } from '../domain/listing.schema.js';
import type { Registry } from '../domain/registry.schema.js';
import type { Match } from '../domain/verdict.js';
import type { ImageLimits } from './image.guard.js';
import { createLogoSignal } from './logo.signal.js';
import { buildRegistryLogoIndex } from './registry.logos.js';
import type { ContextFreeSignal, ListingImage } from '../detector/signal.js';

/** A problem with one image of a listing (refused, missing, remote). */
export interface FeedImageProblem { listingId: string; image: string; code: string; message: string }

/** Judges a feed listing's images. */
export interface FeedImageJudge {
  judge(listing: ListingInput): Promise<Match[]>;
  /** Logos indexed. */
  readonly logos: number;
}

/** The listing's local images as ListingImage (URLs are skipped and reported: the command runs offline). */
export function feedListingImages(listing: ListingInput, feedDir: string, onProblem?: (p: FeedImageProblem) => void): ListingImage[] {
  const out: ListingImage[] = [];
  for (const ref of listing.images ?? []) {
    if (/^[a-z]+:\/\//i.test(ref)) { onProblem?.({ listingId: listing.listingId, image: ref, code: 'remote', message: 'image URLs are not fetched by detect; ship the file with the feed' }); continue; }
    out.push({ ref, path: path.resolve(feedDir, ref) });
  }
  return out;
}

/** Builds the logo index from the register (logo paths relative to `registryDir`) and returns the per-listing judge. */
export async function createFeedImageJudge(opts: {
  registry: Registry; registryDir: string; feedDir: string; limits?: Partial<ImageLimits>;
  extraSignals?: ContextFreeSignal[]; onProblem?: (p: FeedImageProblem) => void;
}): Promise<FeedImageJudge> {
  const index = await buildRegistryLogoIndex(opts.registry, opts.registryDir, {},
    (p) => opts.onProblem?.({ listingId: '', image: p.logo, code: 'logo', message: `register logo of ${p.assetId}: ${p.message}` }));
  let current = '';
  const logo = createLogoSignal(index, {
    trademarks: opts.registry.trademarks, limits: opts.limits,
    onRefused: (ref, r) => opts.onProblem?.({ listingId: current, image: ref, code: r.code, message: r.reason }),
  });
  const signals: ContextFreeSignal[] = [logo, ...(opts.extraSignals ?? [])];
  return {
    logos: index.size,
    async judge(listing) {
      current = listing.listingId;
      const images = feedListingImages(listing, opts.feedDir, opts.onProblem);
      if (!images.length || (index.size === 0 && signals.length === 1)) return [];
      const out: Match[] = [];
      for (const s of signals) out.push(...await s.evaluate({ listing, images }));
      return out;
    },
  };
}
