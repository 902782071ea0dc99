import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { createImageTextReader } from '../../ocr/image-text.reader.js';

const reader = createImageTextReader({ tessdataDir: mkdtempSync(path.join(tmpdir(), 'tessdata-')) });
afterAll(() => reader.close());

function productImage(line1: string, line2: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="480">
    <rect width="480" height="480" fill="#f4efe6"/><rect x="130" y="160" width="220" height="190" rx="18" fill="#2d6a4f"/>
    <text x="240" y="110" font-family="Noto Sans CJK SC" font-size="46" text-anchor="middle" fill="#111">${line1}</text>
    <text x="240" y="425" font-family="Noto Sans CJK SC" font-size="30" text-anchor="middle" fill="#222">${line2}</text></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

describe('image text reader (tesseract.js, local language data)', () => {
  it('reads a Latin mark and a Chinese phrase printed on a product image', async () => {
    const text = await reader.read(await productImage('HUAWEI 华为', '地理标志保护产品'));
    expect(text).toContain('HUAWEI');
    expect(text).toContain('地理标志保护产品');
  }, 120_000);

  it('rejects a corrupt image with an error instead of crashing the worker', async () => {
    await expect(reader.read(Buffer.from('not an image at all'))).rejects.toThrow();
    // and keeps working afterwards
    expect(await reader.read(await productImage('ANTA', ''))).toContain('ANTA');
  }, 120_000);
});

describe('regionScale', () => {
  const region = { x: 0, y: 0, w: 400, h: 100 };
  it('scales small text up to the line height, large text not at all, and never past the cap', async () => {
    const { regionScale } = await import('../../ocr/ocr.pool.js');
    expect(regionScale(region, [{ x: 0, y: 10, w: 300, h: 16 }], 2, 40)).toBe(2);
    expect(regionScale(region, [{ x: 0, y: 10, w: 300, h: 25 }], 2, 40)).toBeCloseTo(1.6);
    expect(regionScale(region, [{ x: 0, y: 10, w: 300, h: 44 }], 2, 40)).toBe(1);
    expect(regionScale(region, [{ x: 0, y: 10, w: 300, h: 20 }, { x: 0, y: 40, w: 300, h: 40 }, { x: 0, y: 80, w: 300, h: 10 }], 3, 40)).toBe(2);
    expect(regionScale(region, [], 2, 40)).toBe(2);
    expect(regionScale(region, [{ x: 0, y: 150, w: 300, h: 10 }], 2, 40)).toBe(2); // bands outside the region do not count
  });
});
