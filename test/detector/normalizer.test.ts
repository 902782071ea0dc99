import { describe, expect, it } from 'vitest';
import { compileFoldTable, lookalikeTables } from '../../detector/lookalike.table.js';
import { TextNormalizer, sellerKey, toLight } from '../../detector/text.normalizer.js';
import { parseDetectorConfig } from '../../detector/detector.config.js';
import { existsSync, readFileSync } from 'node:fs';

const norm = new TextNormalizer(compileFoldTable(lookalikeTables(parseDetectorConfig())));

describe('text normaliser', () => {
  it('maps full-width, case and traditional characters one to one', () => {
    expect(toLight('ＡＮＴＡ運動鞋')).toBe('anta运动鞋');
    expect(toLight('李寧 鴻星爾克 華為')).toBe('李宁 鸿星尔克 华为');
    expect(toLight('ZL２０２０１１４７２８８０．４')).toBe('zl202011472880.4');
  });
  it('drops separators between characters and keeps a map back to the original', () => {
    const nt = norm.normalize('高仿 安·踏-跑鞋');
    expect(nt.compact).toBe('高仿安踏跑鞋');
    const s = nt.compact.indexOf('安踏');
    expect(nt.original.slice(nt.pos[s], nt.pos[s + 1] + 1)).toBe('安·踏');
    expect(nt.gap[s + 1]).toBe(1);
    expect(norm.normalize('大丨白丨兔').compact).toBe('大白兔');
  });
  it('folds look-alike and near-homophone characters to the canonical one', () => {
    expect(norm.normalize('安蹋').folded).toBe(norm.normalize('安踏').folded);
    expect(norm.normalize('耐客').folded).toBe(norm.normalize('耐克').folded);
    expect(norm.normalize('NlKE').folded).toBe(norm.normalize('nike').folded);
  });
  it('compares shop names without case, width or spaces', () => {
    expect(sellerKey('安踏 官方旗舰店')).toBe(sellerKey('安踏官方旗艦店'));
  });
  it('accepts an inline table that extends the bundled one', () => {
    const n2 = new TextNormalizer(compileFoldTable(lookalikeTables(parseDetectorConfig({ lookalikes: { groups: [['猫', '喵']], map: {} } }))));
    expect(n2.normalize('喵').folded).toBe('猫');
    expect(n2.normalize('安蹋').folded).toBe(n2.normalize('安踏').folded);
  });
  const demo = new URL('../../demo/marketplace/lookalikes.used.json', import.meta.url);
  it.runIf(existsSync(demo))('covers the demo catalog\'s look-alike spellings', () => {
    const used = JSON.parse(readFileSync(demo, 'utf8')) as { substitutions: Array<{ mark: string; variant: string }> };
    for (const s of used.substitutions) expect(norm.normalize(s.variant).folded, `${s.variant} ~ ${s.mark}`).toBe(norm.normalize(s.mark).folded);
  });
});
