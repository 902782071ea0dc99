/** Logo recognition: the registered logo is found under each transformation, look-alikes are not. */
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../demo/marketplace/prng.util.js';
import { LogoIndex } from '../../image/logo.index.js';
import { logoBytes, logoSvg, lookalikeShapes, photoSvg } from './eval/eval-set.generator.js';

const REGISTERED = ['nike', 'adidas', 'anta', 'huawei', 'lining', 'xiaomi'];
let index: LogoIndex;
const jpeg = (svg: string) => sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
const canvas = (w: number, bg: string, body: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${w}"><rect width="${w}" height="${w}" fill="${bg}"/>${body}</svg>`;

async function found(bytes: Buffer) {
  const res = await index.matchBytes(bytes);
  if (!res.ok) throw new Error(res.reason);
  return res.hits;
}

beforeAll(async () => {
  index = await LogoIndex.build(REGISTERED.map((s) => ({ logoId: s, assetId: `TM-${s}`, bytes: logoBytes(s) })));
}, 120_000);

describe('logo index', () => {
  it('indexes every logo once into one descriptor index', () => {
    expect(index.size).toBe(REGISTERED.length);
    expect(index.descriptors).toBeGreaterThan(REGISTERED.length * 100);
  });

  it.each(['anta', 'huawei', 'lining'])('finds %s resized small and large', async (slug) => {
    for (const s of [110, 380]) {
      const hits = await found(await jpeg(canvas(480, '#fff', logoSvg(slug, 40, 50, s, '#111'))));
      expect(hits.map((h) => h.logoId)).toEqual([slug]);
    }
  });

  it('finds a recoloured logo, light on dark (inverted polarity)', async () => {
    const hits = await found(await jpeg(canvas(480, '#1f4e79', logoSvg('huawei', 100, 100, 260, '#ffffff'))));
    expect(hits[0]?.logoId).toBe('huawei');
  });

  it('finds a logo rotated 15 degrees and reports the rotation', async () => {
    const hits = await found(await jpeg(canvas(500, '#f6f6f6', logoSvg('anta', 110, 110, 280, '#c0392b', 15))));
    expect(hits[0]?.logoId).toBe('anta');
    expect(Math.abs(hits[0].rotationDeg - 15)).toBeLessThan(6);
  });

  it('finds a cropped logo (a quarter cut off)', async () => {
    const full = await sharp(Buffer.from(canvas(600, '#fafafa', logoSvg('huawei', 90, 90, 420, '#222')))).png().toBuffer();
    const hits = await found(await sharp(full).extract({ left: 190, top: 0, width: 410, height: 600 }).jpeg().toBuffer());
    expect(hits[0]?.logoId).toBe('huawei');
  });

  it('finds a logo under a text watermark', async () => {
    const marks = [0, 1, 2, 3].map((k) => `<text x="${30 + k * 20}" y="${100 + k * 110}" font-family="Noto Sans CJK SC" font-size="34" fill="rgba(120,120,120,0.4)">样品 SAMPLE</text>`).join('');
    const hits = await found(await jpeg(canvas(520, '#fff', logoSvg('anta', 110, 110, 300, '#202020') + marks)));
    expect(hits[0]?.logoId).toBe('anta');
  });

  it('finds a small logo in the corner of a product photo, with its box', async () => {
    const rng = new Rng(11);
    const W = 720, s = 120;
    const bytes = await jpeg(photoSvg(rng, W, W, `<rect x="${W - s - 26}" y="14" width="${s + 12}" height="${s + 12}" rx="8" fill="#fff" opacity="0.9"/>${logoSvg('lining', W - s - 20, 20, s, '#c5242c')}`));
    const hits = await found(bytes);
    expect(hits[0]?.logoId).toBe('lining');
    const b = hits[0].box;
    // The logo's box is inside the top-right corner region.
    expect(b.x).toBeGreaterThan(W - s - 60);
    expect(b.y).toBeLessThan(60);
    expect(b.w).toBeLessThan(s + 60);
    expect(hits[0].confidence).toBeGreaterThan(0.6);
  });

  it('does not find anything in clean photos with similar flat shapes', async () => {
    const rng = new Rng(5);
    for (let i = 0; i < 10; i++) {
      const W = 600;
      const bytes = await jpeg(photoSvg(rng, W, W, lookalikeShapes(rng, 120, 140, 220, '#111') + lookalikeShapes(rng, 380, 60, 120, '#fff')));
      expect(await found(bytes)).toEqual([]);
    }
  });

  it('does not match logos that are not registered', async () => {
    for (const slug of ['puma', 'apple', 'samsung', 'starbucks']) {
      const hits = await found(await jpeg(canvas(480, '#fff', logoSvg(slug, 80, 80, 300, '#111'))));
      expect(hits, slug).toEqual([]);
    }
  });

  it('indexes a raster (PNG) logo as well as SVG', async () => {
    const png = await sharp(logoBytes('puma'), { density: 600 }).resize(300).png().toBuffer();
    const idx = await LogoIndex.build([{ logoId: 'puma-png', assetId: 'TM-puma', bytes: png }]);
    const res = await idx.matchBytes(await jpeg(canvas(480, '#eee', logoSvg('puma', 120, 90, 240, '#d35400'))));
    expect(res.ok && res.hits[0]?.logoId).toBe('puma-png');
  });
});
