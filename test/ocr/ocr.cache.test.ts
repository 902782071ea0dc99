/** OCR is read once per image content (SHA-256), cached in Postgres; images without text are skipped. */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImageTextCache, type BandReader } from '../../ocr/image-text.cache.js';
import { OcrPool } from '../../ocr/ocr.pool.js';
import { detectTextPresence } from '../../ocr/text-presence.filter.js';
import { recordBlob } from '../../store/evidence.repository.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let t: TestDatabase;
const pool = new OcrPool({ tessdataDir: mkdtempSync(path.join(tmpdir(), 'tessdata-')), size: 1 });
/** The real pool, with a count of the images it was asked to read. */
let reads = 0;
const counting: BandReader = { read: (img, bands) => { reads++; return pool.read(img, bands); } };

const photo = (text: string[]) => sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="480" height="480">
  <rect width="480" height="480" fill="#eef6ec"/><ellipse cx="240" cy="260" rx="150" ry="110" fill="#8e44ad"/>
  <path d="M100 300 Q240 180 380 300" stroke="#fff" stroke-width="6" fill="none"/>
  ${text.map((l, i) => `<text x="240" y="${i ? 450 : 70}" font-family="Noto Sans CJK SC" font-weight="bold" font-size="36" text-anchor="middle" fill="#1a1a1a">${l}</text>`).join('')}
</svg>`)).jpeg({ quality: 85 }).toBuffer();

async function stored(bytes: Buffer): Promise<string> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await recordBlob(t.db, { sha256, mediaType: 'image/jpeg', bytes: bytes.length, path: `x/${sha256}` });
  return sha256;
}

beforeAll(async () => { t = await createTestDatabase(); });
afterAll(async () => { await pool.close(); await t?.drop(); });

describe('text-presence test', () => {
  it('finds the text lines of a product photo, and none in a photo without text', async () => {
    const withText = await detectTextPresence(await photo(['华为 HUAWEI', '地理标志保护产品']));
    expect(withText.hasText).toBe(true);
    expect(withText.bands.length).toBeGreaterThanOrEqual(2);
    expect(withText.bands[0].y).toBeLessThan(90);
    expect((await detectTextPresence(await photo([]))).hasText).toBe(false);
  });
});

describe('OCR cache (real Postgres, real tesseract.js)', () => {
  it('reads an image once: the second request, and a new cache instance, hit Postgres', async () => {
    const bytes = await photo(['安踏 ANTA 运动鞋']);
    const sha = await stored(bytes);
    const cache = new ImageTextCache({ db: t.db, reader: counting });
    const [a, b] = await Promise.all([cache.read(sha, bytes), cache.read(sha, bytes)]);
    expect(reads).toBe(1);
    expect(a.text).toContain('ANTA');
    expect(a.text).toContain('安踏');
    expect(b).toEqual(a);
    const again = await new ImageTextCache({ db: t.db, reader: counting }).read(sha, () => { throw new Error('bytes must not be loaded on a hit'); });
    expect(again).toMatchObject({ text: a.text, cached: true, skipped: null });
    expect(reads).toBe(1);
    const { rows } = await t.db.query('SELECT count(*)::int AS n FROM image_texts WHERE sha256 = $1', [sha]);
    expect(rows[0].n).toBe(1);
  }, 120_000);

  it('skips a photo without text (no OCR) and caches the skip', async () => {
    const bytes = await photo([]);
    const sha = await stored(bytes);
    const before = reads;
    const cache = new ImageTextCache({ db: t.db, reader: counting });
    expect(await cache.read(sha, bytes)).toEqual({ text: '', skipped: 'no-text', cached: false });
    expect(await cache.read(sha, bytes)).toEqual({ text: '', skipped: 'no-text', cached: true });
    expect(reads).toBe(before);
    expect(cache.stats).toMatchObject({ skippedNoText: 1, cacheHits: 1, read: 0 });
  });

  it('records a corrupt image as refused instead of throwing', async () => {
    const bytes = Buffer.from('GIF89a-broken');
    const sha = await stored(bytes);
    const res = await new ImageTextCache({ db: t.db, reader: counting }).read(sha, bytes);
    expect(res.skipped).toMatch(/^refused:/);
  });
});
