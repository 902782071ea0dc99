/**
 * Corrupt and oversized images given to the OCR reader: each is refused with
 * a reason (ImageRefusedError) before any decoding or recognition, and the
 * capture's other images are still read.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ImageRefusedError, checkImage, createImageTextReader } from '../../ocr/image-text.reader.js';

async function png(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#fff' } }).png({ compressionLevel: 9 }).toBuffer();
}

describe('OCR input checks', () => {
  it('refuses each hostile image with a reason', async () => {
    const good = await png(64, 64);
    const jpeg = await sharp({ create: { width: 400, height: 400, channels: 3, background: '#abc' } }).jpeg().toBuffer();
    const cases: Array<[string, Buffer, RegExp]> = [
      ['empty', Buffer.alloc(0), /empty/],
      ['random bytes', Buffer.from('not an image at all, just text'), /not a readable image/],
      ['HTML disguised as an image', Buffer.from('<html><body><img src=x onerror=alert(1)></body></html>'), /not a readable image/],
      ['PNG signature only', good.subarray(0, 8), /not a readable image|no dimensions/],
      ['decompression bomb (12000x12000 PNG, small file)', await png(12_000, 12_000), /pixels; at most/],
      ['SVG claiming 100000x100000', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000"><rect width="10" height="10"/></svg>'), /pixels; at most/],
      ['over the byte limit', Buffer.concat([good, Buffer.alloc(16 * 1024 * 1024)]), /bytes; at most/],
    ];
    for (const [name, buf, reason] of cases) {
      const err = await checkImage(buf).then(() => undefined, (e: unknown) => e);
      expect(err, name).toBeInstanceOf(ImageRefusedError);
      expect((err as Error).message, name).toMatch(reason);
    }
    // A truncated JPEG passes the header check but is refused when decoded, by the reader.
    expect((await checkImage(jpeg.subarray(0, Math.floor(jpeg.length / 2)))).width).toBe(400);
  });

  it('the reader refuses them without starting recognition, then still reads a good image', async () => {
    const reader = createImageTextReader({ tessdataDir: mkdtempSync(path.join(tmpdir(), 'tessdata-')), maxPixels: 1_000_000 });
    try {
      const jpeg = await sharp({ create: { width: 400, height: 400, channels: 3, background: '#abc' } }).jpeg().toBuffer();
      for (const bad of [Buffer.from('garbage'), await png(2000, 2000), jpeg.subarray(0, Math.floor(jpeg.length / 2))]) {
        const err = await reader.read(bad).then(() => undefined, (e: unknown) => e);
        expect(err).toBeInstanceOf(ImageRefusedError);
      }
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="200"><rect width="480" height="200" fill="#fff"/>
        <text x="240" y="120" font-family="DejaVu Sans" font-size="64" text-anchor="middle" fill="#000">ANTA</text></svg>`;
      expect(await reader.read(await sharp(Buffer.from(svg)).png().toBuffer())).toContain('ANTA');
    } finally {
      await reader.close();
    }
  }, 120_000);
});
