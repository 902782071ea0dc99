/**
 * Generates the demo marketplace catalog: a few hundred listings over three
 * platforms, each tagged with ground truth. Deterministic from the seed.
 */
import type { Registry } from '../../domain/registry.schema.js';
import { type Catalog, DEMO_PLATFORMS, type DemoListing, type DemoPlatform, type Family, FAMILIES, IMAGE_FAMILIES } from './catalog.types.js';
import { buildLogoListing } from './logo.family.js';
import { buildGiListing } from './gi.family.js';
import type { FamilyContext, ListingDraft } from './listing.draft.js';
import { buildNegativeListing } from './negative.family.js';
import { buildPatentListing } from './patent.family.js';
import { hash32, Rng } from './prng.util.js';
import { normalizeForSearch } from './text.normalizer.js';
import { buildTrademarkListing } from './trademark.family.js';

export type { Catalog, DemoListing, GroundTruth, DemoPlatform, Family, ImageSpec } from './catalog.types.js';

/** Options of {@link generateCatalog}. */
export interface CatalogOptions {
  seed: number;
  /** Number of listings (default 300, at least 60). */
  size?: number;
  /**
   * Listings of the image families (logo only in a product photo, clean
   * look-alike shapes), appended after the base catalog with their own random
   * stream, so the base catalog is the same with or without them. Default 0.
   */
  imageFamilies?: number;
}

/** Relative weight of each family; suspect families make up ~46% of the total. */
const WEIGHTS: Record<Family, number> = {
  'tm-logo-only': 0, 'logo-lookalike': 0,
  'clean': 80,
  'tm-exact': 28, 'tm-split': 9, 'tm-traditional': 8, 'tm-fullwidth': 7, 'tm-case': 6, 'tm-lookalike': 12, 'tm-image-only': 4,
  'tm-authorized': 20, 'tm-inside-word': 12, 'tm-other-goods': 6,
  'gi-outside': 20, 'gi-special-mark': 10, 'gi-inside': 18, 'gi-authorized': 8,
  'pt-bad-check': 8, 'pt-unregistered': 8, 'pt-expired': 6, 'pt-invalid': 4, 'pt-type-mismatch': 6, 'pt-licensee': 12,
};

/** How many listings of each family a catalog of `size` has (every family at least once; clean takes the rest). */
export function familyCounts(size: number): Record<Family, number> {
  const total = Object.values(WEIGHTS).reduce((a, b) => a + b, 0);
  const counts = {} as Record<Family, number>;
  let used = 0;
  for (const f of FAMILIES) {
    if (f === 'clean') continue;
    if (IMAGE_FAMILIES.has(f)) { counts[f] = 0; continue; }
    counts[f] = Math.max(1, Math.round((WEIGHTS[f] * size) / total));
    used += counts[f];
  }
  counts.clean = size - used;
  return counts;
}

function build(ctx: FamilyContext, family: Family): ListingDraft {
  switch (family) {
    case 'clean':
    case 'tm-inside-word':
    case 'tm-other-goods':
      return buildNegativeListing(ctx, family);
    case 'gi-outside':
    case 'gi-special-mark':
    case 'gi-inside':
    case 'gi-authorized':
      return buildGiListing(ctx, family);
    case 'pt-bad-check':
    case 'pt-unregistered':
    case 'pt-expired':
    case 'pt-invalid':
    case 'pt-type-mismatch':
    case 'pt-licensee':
      return buildPatentListing(ctx, family);
    case 'tm-logo-only':
    case 'logo-lookalike':
      return buildLogoListing(ctx, family);
    default:
      return buildTrademarkListing(ctx, family);
  }
}

/** Listing ids look different per platform: 6-digit (mall), 12-digit (shop), 7-digit (mobile). */
function idAllocator(rng: Rng): (p: DemoPlatform) => string {
  const next: Record<DemoPlatform, number> = { 'demo-mall': 100100, 'demo-shop': 560000000000 + rng.int(0, 999999), 'demo-mobile': 7000000 + rng.int(0, 99999) };
  const step: Record<DemoPlatform, [number, number]> = { 'demo-mall': [1, 40], 'demo-shop': [1000, 999999], 'demo-mobile': [1, 500] };
  return (p) => {
    next[p] += rng.int(...step[p]);
    return String(next[p]);
  };
}

/** Every register name and alias, normalised as the platforms' search does. */
export function registerSearchNames(registry: Registry): string[] {
  const names = [
    ...registry.trademarks.flatMap((t) => [t.mark, ...t.aliases]),
    ...registry.geoIndications.flatMap((g) => [g.name, ...g.aliases]),
  ];
  return [...new Set(names)];
}

/** Generates the catalog: same registry + seed + size → the same listings, in the same order. */
export function generateCatalog(registry: Registry, opts: CatalogOptions): Catalog {
  const size = opts.size ?? 300;
  if (!Number.isInteger(size) || size < 60) throw new RangeError(`catalog size must be an integer >= 60, got ${size}`);
  const rng = new Rng(hash32(`ipwatch-demo:${opts.seed}`));
  const ctx: FamilyContext = { rng, registry, counters: new Map() };
  const counts = familyCounts(size);
  const drafts: ListingDraft[] = [];
  for (const f of FAMILIES) for (let i = 0; i < counts[f]; i++) drafts.push(build(ctx, f));

  const names = registerSearchNames(registry).map(normalizeForSearch);
  const nextId = idAllocator(rng);
  const ordered = rng.shuffle(drafts);
  // Image families: own random stream and id range, appended, so the base catalog does not change.
  const extra = opts.imageFamilies ?? 0;
  const irng = new Rng(hash32(`ipwatch-demo-images:${opts.seed}`));
  const ictx: FamilyContext = { rng: irng, registry, counters: new Map() };
  for (let i = 0; i < extra; i++) ordered.push(build(ictx, i % 3 === 2 ? 'logo-lookalike' : 'tm-logo-only'));
  const imageIds: Record<DemoPlatform, number> = { 'demo-mall': 900000, 'demo-shop': 590000000000, 'demo-mobile': 7900000 };
  const listings: DemoListing[] = ordered.map((d, i) => {
    const platform = DEMO_PLATFORMS[i % DEMO_PLATFORMS.length];
    const listingId = i < drafts.length ? nextId(platform) : String(imageIds[platform] += irng.int(1, 40));
    const title = normalizeForSearch(d.title);
    const found = names.some((n) => title.includes(n));
    return {
      platform,
      listingId,
      title: d.title,
      description: d.description,
      price: d.price,
      currency: 'CNY',
      shop: { id: `s${hash32(`${platform}/${d.shop.name}`) % 1_000_000}`, name: d.shop.name, location: d.shop.location },
      attributes: d.attributes,
      images: d.imageSpecs.map((_, n) => `/img/${platform}/${listingId}-${n + 1}.jpg`),
      imageSpecs: d.imageSpecs,
      surfaceFor: found ? [] : [d.topic, ...(d.extraTopics ?? [])],
      truth: d.truth,
    };
  });
  return { seed: opts.seed, listings };
}
