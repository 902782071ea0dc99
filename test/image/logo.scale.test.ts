/**
 * Logo recognition at scale: with hundreds of synthetic logos in the index
 * that share parts with the registered ones (icon + wordmark lockups, icon
 * pairs, mirrored icons), the registered logos are still found small in a
 * corner and resized, and look-alike photos still match nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { LogoIndex } from '../../image/logo.index.js';
import { buildEvalSet, type EvalCase, logoBytes, logoSlugs } from './eval/eval-set.generator.js';
import { syntheticLogos } from './eval/synthetic-logos.generator.js';

const LOGOS = 400;
let small: LogoIndex;
let large: LogoIndex;
let cases: EvalCase[];

async function recall(index: LogoIndex, set: EvalCase[]): Promise<{ found: number; falseHits: string[] }> {
  let found = 0;
  const falseHits: string[] = [];
  for (const c of set) {
    const r = await index.matchBytes(c.bytes);
    if (!r.ok) throw new Error(r.reason);
    if (r.hits.some((h) => h.logoId === c.logo)) found++;
    for (const h of r.hits) if (h.logoId !== c.logo) falseHits.push(`${h.logoId} on ${c.id}`);
  }
  return { found, falseHits };
}

beforeAll(async () => {
  const { registered, distractors } = logoSlugs();
  const ten = registered.slice(0, 10).map((s) => ({ logoId: s, assetId: s, bytes: logoBytes(s) }));
  small = await LogoIndex.build(ten);
  large = await LogoIndex.build([...ten, ...syntheticLogos(LOGOS - ten.length, [...registered, ...distractors])]);
  const set = await buildEvalSet(77, { perTransform: 10, negatives: 10, texts: 0 });
  cases = set.filter((c) => c.kind === 'corner' || c.kind === 'resize' || c.kind === 'lookalike');
}, 240_000);

describe(`logo index with ${LOGOS} logos`, () => {
  it('indexes every synthetic logo', () => {
    expect(large.size).toBe(LOGOS);
    expect(large.descriptors).toBeGreaterThan(100 * LOGOS);
  });

  it('finds the registered logos about as often as with 10 logos, and nothing in look-alikes', async () => {
    const positives = cases.filter((c) => c.logo);
    const a = await recall(small, cases);
    const b = await recall(large, cases);
    expect(a.found / positives.length).toBeGreaterThanOrEqual(0.9);
    expect(b.found / positives.length).toBeGreaterThanOrEqual(0.8);
    expect(b.found).toBeGreaterThanOrEqual(a.found - 4);
    expect(a.falseHits).toEqual([]);
    expect(b.falseHits.filter((h) => h.includes('lookalike'))).toEqual([]);
  }, 240_000);
});
