/**
 * The demo marketplace's image families: listings whose only sign is a logo
 * pasted into the product photo are found by the logo signal with the right
 * trademark; clean photos with logo-like shapes are not. The base catalog is
 * unchanged by the image families.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_REGISTRY_PATH } from '../../demo/registry.loader.js';
import { generateCatalog } from '../../demo/marketplace/catalog.generator.js';
import { renderProductImage } from '../../demo/marketplace/image.renderer.js';
import { loadRegistryFile } from '../../detector/registry.loader.js';
import type { Registry } from '../../domain/registry.schema.js';
import { createLogoSignal, type LogoSignal } from '../../image/logo.signal.js';
import { buildRegistryLogoIndex } from '../../image/registry.logos.js';

let registry: Registry;
let signal: LogoSignal;

beforeAll(async () => {
  registry = await loadRegistryFile(DEMO_REGISTRY_PATH);
  const index = await buildRegistryLogoIndex(registry, path.dirname(DEMO_REGISTRY_PATH), {}, (p) => { throw new Error(`${p.assetId}: ${p.message}`); });
  expect(index.size).toBe(registry.trademarks.filter((t) => t.logo).length);
  signal = createLogoSignal(index, { trademarks: registry.trademarks });
}, 120_000);

describe('demo image families', () => {
  it('leave the base catalog as it was', () => {
    const base = generateCatalog(registry, { seed: 42 });
    const withImages = generateCatalog(registry, { seed: 42, imageFamilies: 30 });
    expect(withImages.listings.slice(0, base.listings.length)).toEqual(base.listings);
    expect(withImages.listings.length).toBe(base.listings.length + 30);
    const ids = new Set(withImages.listings.map((l) => `${l.platform}/${l.listingId}`));
    expect(ids.size).toBe(withImages.listings.length);
  });

  it('flag every logo-only listing with its mark, and no clean look-alike', async () => {
    const base = generateCatalog(registry, { seed: 42 }).listings.length;
    const extra = generateCatalog(registry, { seed: 42, imageFamilies: 30 }).listings.slice(base);
    expect(extra.filter((l) => l.truth.family === 'tm-logo-only').length).toBe(20);
    const missed: string[] = [], falseFlags: string[] = [];
    for (const l of extra) {
      const images = await Promise.all(l.imageSpecs.map(async (s, i) => ({ ref: l.images[i], bytes: await renderProductImage(s) })));
      const matches = await signal.evaluate({ listing: { ...l, url: '', description: l.description }, images });
      if (l.truth.suspect && !matches.some((m) => l.truth.assetIds.includes(m.assetId) && m.score >= 0.6)) missed.push(`${l.listingId} ${l.truth.note}`);
      if (!l.truth.suspect && matches.length) falseFlags.push(`${l.listingId} ${l.truth.note} -> ${matches.map((m) => m.assetId)}`);
      for (const m of matches) {
        expect(m.imageRef).toBe(l.images[0]);
        expect(m.box!.w).toBeGreaterThan(20);
      }
    }
    expect(missed).toEqual([]);
    expect(falseFlags).toEqual([]);
  }, 120_000);
});
