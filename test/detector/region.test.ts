import { describe, expect, it } from 'vitest';
import { resolveRegion as statsRegion } from '../../enforcement/region.js';
import { placeInRegion, provinceAndCity, resolvePlace, resolveRegion } from '../../domain/region.resolver.js';

describe('region gazetteer', () => {
  it('resolves full and short names to province / city / county', () => {
    expect(resolvePlace('浙江省金华市义乌市')).toEqual({ province: '浙江省', city: '金华市', county: '义乌市' });
    expect(resolvePlace('福州')).toEqual({ province: '福建省', city: '福州市', county: undefined });
    expect(resolvePlace('闽侯')).toEqual({ province: '福建省', city: '福州市', county: '闽侯县' });
    expect(resolvePlace('福建福州')).toMatchObject({ province: '福建省', city: '福州市' });
    expect(resolvePlace('福建省长乐市')).toMatchObject({ county: '长乐区' });
    expect(resolvePlace('越南')).toEqual({ foreign: '越南' });
    expect(resolvePlace('火星')).toBeUndefined();
  });
  it('covers every Fujian county', () => {
    for (const c of ['平潭县', '柘荣县', '诏安县', '武夷山市', '漳平市', '沙县区', '金门县']) expect(resolvePlace(c)?.province, c).toBe('福建省');
  });
  it('tells inside, outside and unknown', () => {
    const r = resolveRegion({ province: '福建省', city: '福州市', counties: ['闽侯县', '连江县'] });
    expect(placeInRegion(resolvePlace('福建省福州市闽侯县'), r)).toBe('inside');
    expect(placeInRegion(resolvePlace('福建省福州市鼓楼区'), r)).toBe('outside');
    expect(placeInRegion(resolvePlace('浙江'), r)).toBe('outside');
    expect(placeInRegion(resolvePlace('福建'), r)).toBe('unknown');
    expect(placeInRegion(resolvePlace('福州'), r)).toBe('unknown');
    const wy = resolveRegion({ province: '福建', city: '武夷山市' });
    expect(placeInRegion(resolvePlace('福建省南平市武夷山市'), wy)).toBe('inside');
    expect(placeInRegion(resolvePlace('福建省南平市建阳区'), wy)).toBe('outside');
  });
  it('gives statistics the same reading as the GI origin check (one resolver)', () => {
    expect(provinceAndCity('福州')).toEqual({ province: '福建省', city: '福建省福州市' });
    expect(provinceAndCity('浙江省金华市义乌市')).toEqual({ province: '浙江省', city: '浙江省金华市' });
    expect(provinceAndCity('上海市浦东新区')).toEqual({ province: '上海市', city: '上海市' });
    expect(provinceAndCity('福建')).toEqual({ province: '福建省', city: '福建省未知' });
    expect(provinceAndCity('火星')).toEqual({ province: '未知', city: '未知' });
    expect(statsRegion('闽侯')).toEqual(provinceAndCity('闽侯'));
  });
});
