/**
 * Detector.textDecides: a scan skips OCR and logo matching for a listing whose
 * text already flags it in a way no image can undo. Checked on the rules that
 * do read image text (the goods fallback, the origin phrase), on the demo
 * catalogue with the text drawn into its images, and on real Taobao titles
 * with image text chosen to undo a flag if anything can.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateCatalog } from '../../demo/marketplace/catalog.generator.js';
import { DEMO_REGISTRY_PATH } from '../../demo/registry.loader.js';
import { createDetector } from '../../detector/detector.js';
import { loadRegistryFile } from '../../detector/registry.loader.js';
import type { DetectInput, Signal } from '../../detector/signal.js';
import type { ListingInput } from '../../domain/listing.schema.js';
import { listing, registry } from './fixtures.js';

/** Image texts that could take a flag away if the rules let them: an origin inside the GI regions, packaging, other goods, authorisation words. */
const UNDOING_TEXTS = ['产地：福州市仓山区', '原产地 泉州市安溪县', '产于福建省南平市武夷山市', '空盒 包装盒 礼盒', '手机壳 数据线', '茶叶 茶杯',
  '运动鞋 服装', '官方授权 正品保证', '授权经销商', '地理标志保护产品', '仅供参考 图片仅供参考'];

function counting(costly: boolean) {
  const calls: string[] = [];
  const signal: Signal = { name: costly ? 'logo' : 'reuse', async: true, costly, async evaluate(input: DetectInput) { calls.push(input.listing.listingId); return []; } };
  return { signal, calls };
}

describe('textDecides', () => {
  it('is true for a mark on its goods in the title, and judge({ costly: false }) then skips only the costly signals', async () => {
    const logo = counting(true), reuse = counting(false);
    const d = createDetector(registry, {}, { signals: [logo.signal, reuse.signal] });
    const input = { listing: listing({ title: '安踏运动鞋 男款 透气' }) };
    expect(d.textDecides(input)).toBe(true);
    const v = await d.judge(input, { costly: false });
    expect(v.suspect).toBe(true);
    expect(reuse.calls).toEqual([input.listing.listingId]);
    expect(logo.calls).toEqual([]);
    await d.judge(input);
    expect(logo.calls).toEqual([input.listing.listingId]);
  });

  it('is false for a clean listing and for one flagged only through a fallback that image text changes', () => {
    const d = createDetector(registry);
    expect(d.textDecides({ listing: listing({ title: '运动鞋 男款 透气' }) })).toBe(false);
    // The origin is the shop's location (浙江): a 产地 phrase in a photo would come first and could put it inside the region.
    const gi = { listing: listing({ title: '福州茉莉花茶 茶叶 特级 250g' }) };
    expect(d.detect(gi).suspect).toBe(true);
    expect(d.detect({ ...gi, ocrText: { 'a.jpg': '产地：福州市仓山区' } }).suspect).toBe(false);
    expect(d.textDecides(gi)).toBe(false);
    // An origin stated in the text itself is not overridden by a photo.
    const stated = { listing: listing({ title: '福州茉莉花茶 茶叶 特级 产地浙江金华' }) };
    expect(d.detect(stated).suspect).toBe(true);
    expect(d.textDecides(stated)).toBe(true);
    // The title names no goods, so the goods are read from the description and image text (空盒 would make them packaging).
    const noGoods = { listing: listing({ title: '安踏 新款 特价', description: '运动鞋' }) };
    expect(d.textDecides(noGoods)).toBe(false);
  });

  it('never holds for a listing that image text makes clean: the demo catalogue with the text drawn into its photos', async () => {
    const reg = await loadRegistryFile(DEMO_REGISTRY_PATH);
    const d = createDetector(reg);
    const catalog = generateCatalog(reg, { seed: 7, size: 600 });
    let decided = 0;
    for (const l of catalog.listings) {
      const input: ListingInput = { platform: l.platform, listingId: l.listingId, url: `http://demo/${l.listingId}`, title: l.title, description: l.description,
        price: l.price, images: l.images, attributes: l.attributes, shop: l.shop };
      if (!d.textDecides({ listing: input })) continue;
      decided++;
      expect(l.truth.suspect, `${l.listingId} (${l.truth.family}) decided by its text but not suspect`).toBe(true);
      const drawn = Object.fromEntries(l.images.map((ref, i) => [ref, (l.imageSpecs[i]?.text ?? []).join('\n')]));
      for (const extra of [drawn, ...UNDOING_TEXTS.map((t) => ({ 'x.jpg': t }))]) {
        expect(d.detect({ listing: input, ocrText: extra }).suspect, `${l.listingId} with image text ${JSON.stringify(extra)}`).toBe(true);
      }
    }
    // Most suspect families are flagged on their text (all but image-only ones and the GI listings judged by shop location).
    expect(decided).toBeGreaterThan(catalog.listings.filter((l) => l.truth.suspect).length * 0.5);
  });

  it('never holds for a real Taobao title that some image text makes clean', async () => {
    const dir = new URL('./real/', import.meta.url);
    const reg = await loadRegistryFile(fileURLToPath(new URL('registry.json', dir)));
    const d = createDetector(reg);
    const lines = readFileSync(new URL('listings.jsonl', dir), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as ListingInput);
    let decided = 0;
    for (const input of lines) {
      if (!d.textDecides({ listing: input })) continue;
      decided++;
      for (const t of UNDOING_TEXTS) expect(d.detect({ listing: input, ocrText: { 'x.jpg': t } }).suspect, `${input.listingId} with image text ${t}`).toBe(true);
    }
    expect(decided).toBeGreaterThan(50);
  });
});
