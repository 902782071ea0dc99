/** The pieces under the logo index: grey conversion of the working copy, RANSAC, the LSH collector. */
import { describe, expect, it } from 'vitest';
import { BinaryLsh, hamming, MatchBuffer } from '../../image/binary.lsh.js';
import { toGrey } from '../../image/image.guard.js';
import { stretch } from '../../image/logo.render.js';
import { fitSimilarity } from '../../image/similarity.ransac.js';

describe('toGrey', () => {
  it('takes luma of RGB and flattens alpha onto white', () => {
    expect([...toGrey(Uint8Array.from([255, 0, 0, 0, 0, 255]), 3)]).toEqual([76, 28]);
    // Fully transparent black is white; opaque black stays black; half alpha is mid-grey.
    expect([...toGrey(Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 255, 0, 0, 0, 128]), 4)]).toEqual([255, 0, 127]);
  });

  it('gives RGB the same luma as RGB with an opaque alpha channel (the 3-channel fast path)', () => {
    const rgb = Uint8Array.from({ length: 3 * 997 }, (_, i) => (i * 97 + (i >> 3) * 31) & 255);
    const rgba = new Uint8Array(4 * 997).fill(255);
    for (let i = 0; i < 997; i++) rgba.set(rgb.subarray(3 * i, 3 * i + 3), 4 * i);
    expect([...toGrey(rgb, 3)]).toEqual([...toGrey(rgba, 4)]);
  });
});

describe('stretch', () => {
  it('maps min..max onto 0..255 with rounding, as round((v - min) * 255 / (max - min))', () => {
    const px = Uint8Array.from({ length: 300 }, (_, i) => 40 + ((i * 7) % 151));
    const want = [...px].map((v) => Math.round((v - 40) * (255 / 150)));
    stretch(px);
    expect([...px]).toEqual(want);
  });

  it('stretches a raster of odd length at an odd offset the same way (word-wise passes and their tail)', () => {
    const backing = Uint8Array.from({ length: 305 }, (_, i) => 30 + ((i * 13) % 97));
    const px = backing.subarray(1, 304);
    const lo = Math.min(...px), hi = Math.max(...px);
    const want = [...px].map((v) => Math.round((v - lo) * (255 / (hi - lo))));
    stretch(px);
    expect([...px]).toEqual(want);
    expect(backing[0]).toBe(30);
    const aligned = Uint8Array.from({ length: 103 }, (_, i) => 60 + ((i * 29) % 71));
    const want2 = [...aligned].map((v) => Math.round((v - 60) * (255 / 70)));
    stretch(aligned);
    expect([...aligned]).toEqual(want2);
  });

  it('leaves a flat or already full-range raster alone', () => {
    const flat = new Uint8Array(10).fill(100).map((v, i) => v + (i % 7));
    stretch(flat);
    expect([...flat]).toEqual([100, 101, 102, 103, 104, 105, 106, 100, 101, 102]);
  });
});

describe('fitSimilarity', () => {
  it('recovers scale and rotation among outliers, stopping early when inliers dominate', () => {
    const src: number[] = [], dst: number[] = [];
    const s = 1.5, th = (10 * Math.PI) / 180;
    for (let i = 0; i < 40; i++) {
      const x = (i * 37) % 100, y = (i * 53) % 100;
      src.push(x, y);
      if (i % 5 === 0) dst.push((i * 71) % 300, (i * 29) % 300); // outliers
      else dst.push(s * (x * Math.cos(th) - y * Math.sin(th)) + 20, s * (x * Math.sin(th) + y * Math.cos(th)) + 30);
    }
    const t = fitSimilarity(src, dst, { threshold: 1, iterations: 400 });
    expect(t).not.toBeNull();
    expect(t!.scale).toBeCloseTo(1.5, 2);
    expect(t!.rotationDeg).toBeCloseTo(10, 1);
    expect(t!.inliers.length).toBe(32);
  });

  it('refuses a rotation beyond the limit', () => {
    const src = [0, 0, 10, 0, 0, 10, 10, 10], dst = [0, 0, 0, 10, -10, 0, -10, 10];
    expect(fitSimilarity(src, dst, { maxRotationDeg: 35 })).toBeNull();
  });
});

describe('BinaryLsh.collect', () => {
  it('finds a near-duplicate descriptor and reports its distance, each id once', () => {
    const n = 500, words = new Uint32Array(n * 8);
    let seed = 3;
    for (let i = 0; i < words.length; i++) { seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0; words[i] = seed; }
    const lsh = new BinaryLsh(words, { bits: 8, tables: 6 });
    const q = words.slice(42 * 8, 43 * 8);
    q[0] ^= 0b111; // 3 bits off
    const out = new MatchBuffer();
    const best = lsh.collect(q, 0, 64, out);
    expect(best).toBe(3);
    const ids = [...out.id.subarray(0, out.length)];
    expect(ids).toContain(42);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('reports every row of a descriptor stored once, with its true distance, and skips buckets over the cap', () => {
    const n = 2000, words = new Uint32Array(n * 8);
    let seed = 11;
    for (let i = 0; i < words.length; i++) { seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0; words[i] = seed; }
    // Exact copies far apart in row order (one icon in many logos), plus one near copy.
    for (const r of [150, 900, 1700]) words.set(words.subarray(7 * 8, 8 * 8), r * 8);
    words.set(words.subarray(7 * 8, 8 * 8), 1200 * 8);
    words[1200 * 8 + 3] ^= 0b101;
    const lsh = new BinaryLsh(words, { bits: 6, tables: 4, maxBucketFloor: 1000 });
    expect(lsh.distinct).toBe(n - 3);
    const out = new MatchBuffer();
    expect(lsh.collect(words, 7, 256, out)).toBe(0);
    const ids = [...out.id.subarray(0, out.length)];
    expect(ids).toEqual(expect.arrayContaining([7, 150, 900, 1200, 1700]));
    expect(new Set(ids).size).toBe(ids.length);
    for (let k = 0; k < out.length; k++) expect(out.d[k]).toBe(hamming(words, out.id[k], words, 7));
    expect(out.d[ids.indexOf(1200)]).toBe(2);
    // With a cap of 3 rows, the 4 exact copies' buckets are skipped in every table (they share all keys).
    const capped = new BinaryLsh(words, { bits: 6, tables: 4, maxBucketFloor: 3, maxBucketFactor: 0 });
    const out2 = new MatchBuffer();
    capped.collect(words, 7, 256, out2);
    expect([...out2.id.subarray(0, out2.length)]).not.toContain(150);
  });
});
