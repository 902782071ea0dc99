import { describe, expect, it } from 'vitest';
import { cleanListing, cleanText } from '../../crawler/text.cleaner.js';
import { applyReplacements, evalExpression, parseNumber, parsePriceRange } from '../../crawler/value.transform.js';

describe('price parsing', () => {
  it.each([
    ['€ 97,39', { min: 97.39, max: 97.39 }], ['1,299.00', { min: 1299, max: 1299 }], ['1.299,00 €', { min: 1299, max: 1299 }],
    ['¥149.00 - 159.00', { min: 149, max: 159 }], ['€ 97,39 - 128,72', { min: 97.39, max: 128.72 }], ['5499.00-6799.00', { min: 5499, max: 6799 }],
    ['US $349.99', { min: 349.99, max: 349.99 }], ['1,299', { min: 1299, max: 1299 }], ['￥ 39.9', { min: 39.9, max: 39.9 }],
  ])('%s', (text, range) => expect(parsePriceRange(text)).toEqual(range));
  it('has no price without digits, and a forced decimal mark wins', () => {
    expect(parsePriceRange('面议')).toBeNull();
    expect(parseNumber('1,299', ',')).toBe(1.299);
  });
});

describe('value transforms', () => {
  it('replaces in order', () => {
    expect(applyReplacements('//img/x.jpg_60x60q90.jpg', [{ pattern: '_\\d+x\\d+q\\d+\\.jpg$', with: '' }])).toBe('//img/x.jpg');
  });
  it('evaluates pagination expressions', () => {
    expect(evalExpression('2*page-1', { page: 3 })).toBe(5);
    expect(evalExpression('(page-1)*60+1', { page: 2 })).toBe(61);
    expect(evalExpression('offset/2 % 7', { offset: 30 })).toBe(1);
    expect(() => evalExpression('page+require', { page: 1 })).toThrow(/unknown name require/);
    expect(() => evalExpression('page;1', { page: 1 })).toThrow(/unexpected ;/);
  });
});

describe('text cleaning for Postgres', () => {
  it('removes NUL and other control characters, keeps tabs and newlines', () => {
    expect(cleanText('a\u0000b\u0007c\td\ne\u009f\uFFFF')).toBe('abc\td\ne');
    expect(cleanText('x\uD800y')).toBe('x\uFFFDy');
  });
  it('cleans every text of a listing, attribute names included', () => {
    const l = cleanListing({
      platform: 'p', listingId: '1', url: 'u', title: 'T\u0000', description: '', price: 1, currency: 'CNY',
      shop: { id: '', name: 'S\u0000', location: '' }, attributes: { 'k\u0000': 'v\u0000' }, images: ['i\u0000'], capturedAt: '2026-01-01T00:00:00Z',
    });
    expect(l).toMatchObject({ title: 'T', shop: { name: 'S' }, attributes: { k: 'v' }, images: ['i'] });
  });
});
