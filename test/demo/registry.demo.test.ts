/** demo/registry.json: schema, patent numbers, logos, look-alikes and the traditional-character table. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registrySchema } from '../../domain/registry.schema.js';
import { DEMO_REGISTRY_PATH, loadDemoRegistry } from '../../demo/registry.loader.js';
import { patentCheckDigit, splitPatentNumber } from '../../demo/marketplace/patent.number.js';
import { normalizeForSearch, traditionalToSimplified } from '../../demo/marketplace/text.normalizer.js';
import { TRADITIONAL_PAIRS } from '../../demo/marketplace/traditional.chars.js';
import { LOOKALIKES } from '../../demo/marketplace/trademark.variants.js';

const registry = loadDemoRegistry();

describe('demo registry', () => {
  it('is a valid FORMATS §1 register with 12-20 trademarks, GIs and patents', () => {
    const raw = JSON.parse(readFileSync(DEMO_REGISTRY_PATH, 'utf8'));
    expect(registrySchema.safeParse(raw).success).toBe(true);
    expect(registry.trademarks.length).toBeGreaterThanOrEqual(12);
    expect(registry.trademarks.length).toBeLessThanOrEqual(20);
    expect(registry.geoIndications.length).toBeGreaterThanOrEqual(8);
    expect(registry.patents.length).toBeGreaterThanOrEqual(8);
    const ids = [...registry.trademarks, ...registry.geoIndications, ...registry.patents].map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has the GIs the mission names, each with a county-level region and authorized users', () => {
    const names = registry.geoIndications.map((g) => g.name);
    for (const n of ['福州茉莉花茶', '福州鱼丸', '福州橄榄', '安溪铁观音', '福鼎白茶', '连江鲍鱼', '平和琯溪蜜柚', '武夷岩茶']) expect(names).toContain(n);
    const jasmine = registry.geoIndications.find((g) => g.name === '福州茉莉花茶')!;
    expect(jasmine.region.counties).toEqual(expect.arrayContaining(['仓山区', '晋安区', '马尾区', '福清市', '闽侯县', '连江县', '闽清县', '罗源县', '永泰县']));
    expect(jasmine.region.counties).not.toContain('鼓楼区');
    for (const g of registry.geoIndications) {
      expect(g.region.counties.length).toBeGreaterThan(0);
      expect(g.authorizedUsers.length).toBeGreaterThan(0);
    }
  });

  it('patent numbers have valid check digits and types that match the type digit', () => {
    const byDigit: Record<string, string> = { '1': 'invention', '2': 'utility_model', '3': 'design' };
    for (const p of registry.patents) {
      const { digits, check } = splitPatentNumber(p.number);
      expect(patentCheckDigit(digits), p.number).toBe(check);
      expect(byDigit[digits[4]], p.number).toBe(p.type);
    }
    const statuses = new Set(registry.patents.map((p) => p.status));
    const types = new Set(registry.patents.map((p) => p.type));
    expect([...statuses].sort()).toEqual(['expired', 'invalid', 'valid']);
    expect([...types].sort()).toEqual(['design', 'invention', 'utility_model']);
  });

  it('check digit follows FORMATS §4 on the worked examples', () => {
    expect(patentCheckDigit('202011472880')).toBe('4');
    expect(patentCheckDigit('202110377287')).toBe('X');
    expect(patentCheckDigit('201620161392')).toBe('4');
  });

  it('logo files exist next to the register', () => {
    for (const t of registry.trademarks.filter((x) => x.logo)) {
      expect(existsSync(join(dirname(DEMO_REGISTRY_PATH), t.logo!)), t.logo).toBe(true);
    }
  });

  it('look-alikes name a registered spelling and do not normalise into it', () => {
    expect(LOOKALIKES.length).toBeGreaterThanOrEqual(8);
    for (const l of LOOKALIKES) {
      const tm = registry.trademarks.find((t) => t.id === l.assetId);
      expect(tm, l.assetId).toBeDefined();
      expect([tm!.mark, ...tm!.aliases]).toContain(l.mark);
      expect([...l.variant].length).toBe([...l.mark].length);
      const differing = [...l.variant].filter((c, i) => c !== [...l.mark][i]).length;
      expect(differing, l.variant).toBe(1);
      expect(normalizeForSearch(l.variant)).not.toBe(normalizeForSearch(l.mark));
    }
  });

  it('the traditional-character table maps back to simplified with OpenCC', () => {
    const chars = [...TRADITIONAL_PAIRS];
    expect(chars.length % 2).toBe(0);
    for (let i = 0; i < chars.length; i += 2) expect(traditionalToSimplified(chars[i + 1]), chars[i + 1]).toBe(chars[i]);
  });
});
