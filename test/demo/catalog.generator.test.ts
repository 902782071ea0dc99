/** The generated catalog: determinism, family mix, and that each listing's ground truth matches what it shows. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listingSchema } from '../../domain/listing.schema.js';
import { loadDemoRegistry } from '../../demo/registry.loader.js';
import { familyCounts, generateCatalog, registerSearchNames } from '../../demo/marketplace/catalog.generator.js';
import { type DemoListing, FAMILIES, IMAGE_FAMILIES, SUSPECT_FAMILIES } from '../../demo/marketplace/catalog.types.js';
import { writeCatalogFeed } from '../../demo/marketplace/catalog.feed.js';
import { SPECIAL_MARK_PHRASES } from '../../demo/marketplace/gi.family.js';
import { patentCheckDigit } from '../../demo/marketplace/patent.number.js';
import { lightNormalize, normalizeForSearch } from '../../demo/marketplace/text.normalizer.js';
import { LOOKALIKES } from '../../demo/marketplace/trademark.variants.js';

const registry = loadDemoRegistry();
const catalog42 = generateCatalog(registry, { seed: 42 });
const tmOf = (l: DemoListing) => registry.trademarks.find((t) => t.id === l.truth.assetIds[0])!;
const giOf = (l: DemoListing) => registry.geoIndications.find((g) => g.id === l.truth.assetIds[0])!;
const text = (l: DemoListing) => `${l.title} ${l.description} ${Object.values(l.attributes).join(' ')}`;

/** Patent numbers cited in a text: digits (spaces removed) and check character. */
function citedNumbers(s: string): { digits: string; check: string }[] {
  return [...s.normalize('NFKC').matchAll(/(\d[\d ]{9,16}\d)\s*\.\s*([0-9X])/g)].map((m) => ({ digits: m[1].replace(/ /g, ''), check: m[2] }));
}
function inRegion(location: string, gi: ReturnType<typeof giOf>): boolean {
  return location.startsWith(gi.region.province + (gi.region.city ?? '')) && gi.region.counties.some((c) => location.endsWith(c));
}

describe('generateCatalog', () => {
  // How fast it generates is a figure for bench/, not an assertion here (it would say how busy the machine was).
  it('is deterministic for a seed, different across seeds, and sized as asked', () => {
    expect(generateCatalog(registry, { seed: 42 })).toEqual(catalog42);
    const other = generateCatalog(registry, { seed: 7 });
    expect(other.listings.map((l) => l.title)).not.toEqual(catalog42.listings.map((l) => l.title));
    expect(generateCatalog(registry, { seed: 1234, size: 600 }).listings).toHaveLength(600);
    expect(() => generateCatalog(registry, { seed: 1, size: 10 })).toThrow(RangeError);
  });
});

describe.each([42, 7, 2024, 31337])('catalog of seed %i', (seed) => {
  const catalog = generateCatalog(registry, { seed });
  const of = (family: string) => catalog.listings.filter((l) => l.truth.family === family);

  it('has ~300 listings over three platforms with unique ids and 1-3 images each', () => {
    expect(catalog.listings).toHaveLength(300);
    const keys = new Set(catalog.listings.map((l) => `${l.platform}/${l.listingId}`));
    expect(keys.size).toBe(300);
    for (const p of ['demo-mall', 'demo-shop', 'demo-mobile']) expect(catalog.listings.filter((l) => l.platform === p).length).toBe(100);
    for (const l of catalog.listings) {
      expect(l.images.length).toBeGreaterThanOrEqual(1);
      expect(l.images.length).toBeLessThanOrEqual(3);
      expect(l.images.length).toBe(l.imageSpecs.length);
      l.images.forEach((src, i) => expect(src).toBe(`/img/${l.platform}/${l.listingId}-${i + 1}.jpg`));
      expect(l.price).toBeGreaterThan(0);
    }
  });

  it('has every family, 40-50% suspects, and suspect flags that follow the family', () => {
    const counts = familyCounts(300);
    for (const f of FAMILIES) expect(of(f).length, f).toBe(counts[f]);
    // Image families are generated only on request (imageFamilies), see test/image/demo-logos.test.ts.
    for (const f of FAMILIES) if (!IMAGE_FAMILIES.has(f)) expect(of(f).length, f).toBeGreaterThan(0);
    const share = catalog.listings.filter((l) => l.truth.suspect).length / catalog.listings.length;
    expect(share).toBeGreaterThanOrEqual(0.4);
    expect(share).toBeLessThanOrEqual(0.5);
    const ids = new Set([...registry.trademarks, ...registry.geoIndications, ...registry.patents].map((a) => a.id));
    for (const l of catalog.listings) {
      expect(l.truth.suspect, l.truth.family).toBe(SUSPECT_FAMILIES.has(l.truth.family));
      for (const a of l.truth.assetIds) expect(ids.has(a), a).toBe(true);
      expect(l.truth.note.length).toBeGreaterThan(10);
    }
  });

  it('mentions no register name other than the assets its ground truth names', () => {
    const all = [
      ...registry.trademarks.flatMap((t) => [t.mark, ...t.aliases].map((n) => ({ id: t.id, n: normalizeForSearch(n) }))),
      ...registry.geoIndications.flatMap((g) => [g.name, ...g.aliases].map((n) => ({ id: g.id, n: normalizeForSearch(n) }))),
    ];
    for (const l of catalog.listings) {
      const norm = normalizeForSearch(`${l.title}|${l.description}`);
      const hits = all.filter((x) => norm.includes(x.n)).map((x) => x.id);
      for (const h of hits) expect(l.truth.assetIds, `${l.truth.family}: ${l.title}`).toContain(h);
      if (l.truth.family === 'clean') expect(hits, l.title).toEqual([]);
    }
  });

  it('trademark families show the mark the way their slug says', () => {
    const names = (l: DemoListing) => [tmOf(l).mark, ...tmOf(l).aliases];
    for (const l of of('tm-exact')) expect(names(l).some((n) => l.title.includes(n)), l.title).toBe(true);
    for (const l of of('tm-split')) {
      expect(names(l).some((n) => l.title.toLowerCase().includes(n.toLowerCase())), l.title).toBe(false);
      expect(names(l).some((n) => lightNormalize(l.title).includes(lightNormalize(n))), l.title).toBe(true);
    }
    for (const l of of('tm-traditional')) {
      expect(l.title.includes(tmOf(l).mark), l.title).toBe(false);
      expect(normalizeForSearch(l.title).includes(tmOf(l).mark), l.title).toBe(true);
    }
    for (const l of of('tm-fullwidth')) {
      expect(/[\uff21-\uff5a]/.test(l.title), l.title).toBe(true);
      expect(tmOf(l).aliases.some((a) => l.title.normalize('NFKC').includes(a)), l.title).toBe(true);
    }
    for (const l of of('tm-case')) {
      expect(tmOf(l).aliases.some((a) => l.title.includes(a)), l.title).toBe(false);
      expect(tmOf(l).aliases.some((a) => l.title.toLowerCase().includes(a.toLowerCase())), l.title).toBe(true);
    }
    for (const l of of('tm-lookalike')) {
      const variants = LOOKALIKES.filter((x) => x.assetId === tmOf(l).id).map((x) => x.variant);
      expect(variants.some((v) => l.title.includes(v)), l.title).toBe(true);
    }
    for (const l of of('tm-image-only')) {
      expect(names(l).some((n) => lightNormalize(text(l)).includes(lightNormalize(n))), l.title).toBe(false);
      expect(l.imageSpecs[0].text.some((t) => names(l).includes(t)), l.title).toBe(true);
    }
    for (const f of ['tm-exact', 'tm-split', 'tm-traditional', 'tm-fullwidth', 'tm-case', 'tm-lookalike', 'tm-image-only']) {
      for (const l of of(f)) expect(tmOf(l).authorizedSellers, l.shop.name).not.toContain(l.shop.name);
    }
    for (const l of of('tm-authorized')) expect(tmOf(l).authorizedSellers).toContain(l.shop.name);
    const inside = of('tm-inside-word').map((l) => l.title).join('|');
    for (const w of ['奥林匹克', '八马力', '平安踏青']) expect(inside).toContain(w);
  });

  it('GI families place the origin and special-mark claims as their slug says', () => {
    const claims = (l: DemoListing) => SPECIAL_MARK_PHRASES.some((p) => text(l).includes(p));
    for (const l of of('gi-outside')) {
      const origin = l.attributes['产地'] ?? '';
      const phrase = /产地：(\S+?)。/.exec(l.description)?.[1];
      const outside = !inRegion(l.shop.location, giOf(l)) || (origin !== '' && !origin.startsWith('福建')) || (phrase !== undefined && !phrase.startsWith('福建'));
      expect(outside, `${l.title} ${l.shop.location} ${origin}`).toBe(true);
      expect(claims(l)).toBe(false);
    }
    for (const l of of('gi-inside')) {
      expect(inRegion(l.shop.location, giOf(l)), l.shop.location).toBe(true);
      expect(claims(l), l.title).toBe(false);
      expect(giOf(l).authorizedUsers).not.toContain(l.shop.name);
    }
    for (const l of of('gi-special-mark')) {
      expect(claims(l), l.title).toBe(true);
      expect(giOf(l).authorizedUsers).not.toContain(l.shop.name);
    }
    for (const l of of('gi-authorized')) {
      expect(claims(l), l.title).toBe(true);
      expect(giOf(l).authorizedUsers).toContain(l.shop.name);
      expect(inRegion(l.shop.location, giOf(l))).toBe(true);
    }
  });

  it('patent families cite numbers that fail or pass the checks as their slug says', () => {
    const registered = new Map(registry.patents.map((p) => [p.number.slice(2, 14), p]));
    for (const l of catalog.listings) {
      const cited = citedNumbers(`${l.title} ${l.description}`);
      if (!l.truth.family.startsWith('pt-')) {
        expect(cited, l.title).toEqual([]);
        continue;
      }
      expect(cited.length, l.title).toBeGreaterThan(0);
      const { digits, check } = cited[0];
      const valid = digits.length === 12 && patentCheckDigit(digits) === check;
      const p = registered.get(digits);
      const all = `${l.title}${l.description}`;
      switch (l.truth.family) {
        case 'pt-bad-check': expect(valid, all).toBe(false); break;
        case 'pt-unregistered': expect(valid && !p, all).toBe(true); break;
        case 'pt-expired': expect(p?.status, all).toBe('expired'); break;
        case 'pt-invalid': expect(p?.status, all).toBe('invalid'); break;
        case 'pt-type-mismatch':
          expect(p && p.type !== 'invention' && p.status === 'valid', all).toBe(true);
          expect(all).toMatch(p!.type === 'design' ? /发明专利|实用新型专利/ : /发明专利/);
          break;
        case 'pt-licensee':
          expect(valid && p?.status === 'valid', all).toBe(true);
          expect([...p!.licensees, p!.owner]).toContain(l.shop.name);
          expect(all).not.toMatch(p!.type === 'invention' ? /实用新型|外观设计/ : /发明/);
          break;
      }
      if (['pt-expired', 'pt-invalid', 'pt-type-mismatch', 'pt-licensee'].includes(l.truth.family)) expect(l.truth.assetIds).toEqual([p!.id]);
    }
  });

  it('every listing is findable by some register name (title match or surfaceFor)', () => {
    const names = registerSearchNames(registry).map(normalizeForSearch);
    for (const l of catalog.listings) {
      const t = normalizeForSearch(l.title);
      const byTitle = names.some((n) => t.includes(n));
      const bySurface = l.surfaceFor.some((s) => names.includes(normalizeForSearch(s)));
      expect(byTitle || bySurface, l.title).toBe(true);
    }
    for (const f of ['tm-exact', 'tm-split', 'tm-traditional', 'tm-fullwidth', 'tm-case', 'gi-outside']) {
      for (const l of of(f)) expect(l.surfaceFor, `${f}: ${l.title}`).toEqual([]);
    }
  });

  it('writes a FORMATS §2 feed and a ground-truth file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ipwatch-demo-feed-'));
    try {
      const out = await writeCatalogFeed(catalog, dir, { baseUrl: 'http://127.0.0.1:9999/' });
      const lines = (await readFile(out.listings, 'utf8')).trim().split('\n');
      expect(lines).toHaveLength(300);
      for (const line of lines) listingSchema.parse(JSON.parse(line));
      const first = JSON.parse(lines[0]);
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:9999\/(mall|shop|m)\/item\//);
      const gt = JSON.parse(await readFile(out.groundTruth, 'utf8'));
      expect(gt.listings).toHaveLength(300);
      expect(gt.listings[0]).toEqual({ platform: first.platform, listingId: first.listingId, ...catalog.listings[0].truth });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
