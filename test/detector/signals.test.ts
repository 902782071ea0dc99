import { describe, expect, it } from 'vitest';
import { createDetector } from '../../detector/detector.js';
import type { ListingInput } from '../../domain/listing.schema.js';
import type { DetectInput } from '../../detector/signal.js';
import { listing, registry } from './fixtures.js';

const d = createDetector(registry);
const assets = (l: ListingInput, extra?: Omit<DetectInput, 'listing'>) => {
  const v = d.detect({ listing: l, ...extra });
  return v.suspect ? [...new Set(v.matches.filter((m) => m.score >= 0.6).map((m) => m.assetId))] : [];
};

describe('trademark signal', () => {
  it('flags the mark and its close spellings for goods of its kind', () => {
    for (const title of ['安踏运动鞋 男', '安 踏 跑步鞋', 'ＡＮＴＡ 篮球鞋', 'anta 跑鞋', '安蹋运动鞋', '安踏板鞋 男']) expect(assets(listing({ title })), title).toEqual(['TM-ANTA']);
  });
  it('does not flag the characters inside another word', () => {
    for (const title of ['平安踏青 春游 帐篷', '平安 踏青 户外', '奥林匹克纪念章 运动鞋', '八马力 抽水泵', '匹克球拍 碳纤维']) expect(assets(listing({ title })), title).toEqual([]);
  });
  it('checks goods, authorized sellers, referential use and copy words', () => {
    expect(assets(listing({ title: '东北 小米 5斤 杂粮' }))).toEqual([]);
    expect(assets(listing({ title: '安踏运动鞋', shop: { id: '', name: '安踏官方旗舰店', location: '' } }))).toEqual([]);
    expect(assets(listing({ title: '手机壳 适用于小米14' }))).toEqual([]);
    expect(d.detect({ listing: listing({ title: '安蹋 爆款' }) }).suspect).toBe(false);
    expect(assets(listing({ title: '安蹋 爆款 1:1 原单' }))).toEqual(['TM-ANTA']);
  });
  it('does not read a goods word across a separator', () => {
    // 水仙,花香 is a tea variety and a flavour, not 水仙花 (flowers): the tea goods still fit the GI.
    const claim = (title: string) => d.detect({ listing: listing({ title, shop: { id: '', name: '茶小铺', location: '福建省福州市闽侯县' } }) }).suspect;
    expect(claim('国家地理标志产品,福州茉莉花茶,水仙,花香,浓香型')).toBe(true);
  });
  it('reads brand attributes and image text', () => {
    expect(d.detect({ listing: listing({ title: '运动鞋 男', attributes: { 品牌: '匹克' } }) }).matches[0]).toMatchObject({ assetId: 'TM-PEAK', signal: 'attributes' });
    expect(d.detect({ listing: listing({ title: '运动鞋 男' }), ocrText: { 'a.jpg': '安踏 正品' } }).matches[0]).toMatchObject({ assetId: 'TM-ANTA', signal: 'ocr' });
  });
  it('writes one checkable sentence of evidence', () => {
    const m = d.detect({ listing: listing({ title: '安 踏 跑步鞋' }) }).matches[0];
    expect(m.evidence).toContain('“安 踏”');
    expect(m.evidence).toContain('1234567');
    expect(m.evidence).not.toContain('\n');
  });
});

describe('GI signal', () => {
  const tea = (location: string, extra: Partial<Parameters<typeof listing>[0]> = {}) => listing({ title: '福州茉莉花茶 浓香型 2024新茶', shop: { id: '', name: '茶小铺', location }, ...extra });
  it('flags a GI product from outside the region, not from inside', () => {
    const v = d.detect({ listing: tea('浙江省金华市义乌市') });
    expect(v.matches[0]).toMatchObject({ assetId: 'GI-FZMLHC', signal: 'origin' });
    expect(v.matches[0].evidence).toContain('浙江省金华市义乌市');
    expect(assets(tea('福建省福州市闽侯县'))).toEqual([]);
    expect(assets(tea('闽侯'))).toEqual([]);
  });
  it('reads the origin from a 产地 attribute or phrase first', () => {
    expect(assets(tea('福建省福州市闽侯县', { attributes: { 产地: '云南' } }))).toEqual(['GI-FZMLHC']);
    expect(assets(tea('', { description: '本品产自广西横县' }))).toEqual(['GI-FZMLHC']);
  });
  it('flags special-mark claims by shops that are not authorized users', () => {
    expect(assets(tea('福建省福州市闽侯县', { description: '地理标志保护产品' }))).toEqual(['GI-FZMLHC']);
    expect(assets(listing({ title: '福州茉莉花茶 地理标志保护产品', shop: { id: '', name: '福州春伦茶业有限公司', location: '福建福州' } }))).toEqual([]);
  });
});

describe('patent signal', () => {
  const p = (title: string, shop = '某某小店') => assets(listing({ title, shop: { id: '', name: shop, location: '' } }));
  it('flags bad check digits, malformed, unknown, expired and mistyped numbers', () => {
    expect(p('烘焙机 专利号ZL202011472880.5')).toEqual(['PT-1']);
    expect(p('专利号ZL20221955451.7')).toEqual(['ZL20221955451.7']);
    expect(p('专利号ZL202320567812.' + '0')).toHaveLength(1);
    expect(p('鞋底 专利号 ZL201210442457.9', '晋江鞋业有限公司')).toEqual(['PT-3']);
    expect(p('保温杯 发明专利 ZL 2016 2 0161392.4', '厦门杯业有限公司')).toEqual(['PT-2']);
  });
  it('does not flag owners and licensees citing a valid patent correctly', () => {
    expect(p('烘焙机 发明专利 ZL202011472880.4', '茶机官方旗舰店')).toEqual([]);
    expect(p('保温杯 实用新型专利 ZL201620161392.4', '厦门杯业有限公司')).toEqual([]);
    expect(p('烘焙机 发明专利 ZL202011472880.4')).toEqual(['PT-1']);
  });
});
