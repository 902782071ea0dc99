/**
 * Marks that are also ordinary words (小米 millet, 苹果 apple, 移动 mobile,
 * 现代 modern, 长城 the Great Wall, 精灵 elf). Which marks these are is read
 * from the segmenter dictionary's word frequencies, not listed by hand. Such
 * a mark is a use of the brand only with positive evidence in the listing;
 * this module finds the evidence carried by the occurrence itself:
 * - form: a model code right after it (华为P30, 小米 9);
 * - a product noun of the mark's classes right after it (小米手机), the mark
 *   opening a phrase (title start, after a separator, a number or a listing
 *   word such as 新款/正品) rather than closing one (东北小米, 王者荣耀);
 * - a brand word beside it (品牌：小米, 小米官方, 苹果原装).
 * Evidence from the rest of the listing (a registered Latin alias, a 品牌
 * attribute, copy words, a price far below peers) is weighed by the trademark signal.
 */
import { resolvePlace } from '../domain/region.resolver.js';
import type { DetectorConfig } from './detector.config.js';
import type { ContextTools, Field } from './listing.context.js';
import { isAsciiDigit, isCjk } from './text.normalizer.js';

/** How far after a mark (compact characters, same phrase) a product noun still names its goods. */
const PHRASE_WINDOW = 24;
/**
 * The shop-brand pair form of Taobao titles, a Latin name and the Chinese one
 * joined by a slash (apollo/太阳神, 索尼/sony): the seller states a brand.
 */
export function latinPair(f: Field, start: number, end: number): string | undefined {
  const t = f.text;
  const a = t.pos[start], b = t.pos[end - 1] + 1;
  // The Chinese half must be the mark itself, not the start of a longer name (helpson/惠普森).
  const pre = /([a-z][a-z0-9&'.-]*) ?\/ ?$/.exec(t.light.slice(Math.max(0, a - 24), a));
  if (pre) return b >= t.light.length || /[\s,，/|、;；()（）【】[\]]/.test(t.light[b]) ? `${pre[1]}/${t.original.slice(a, b)}` : undefined;
  const post = /^ ?\/ ?([a-z][a-z0-9&'.-]*)/.exec(t.light.slice(b, b + 24));
  return post ? `${t.original.slice(a, b)}/${post[1]}` : undefined;
}

/**
 * The model code right after compact offset `end` (华为P30, 小米 9, 东芝e-2500c,
 * 三星series 7), read on the light text so hyphens and slashes inside it
 * stay; not a year, a quantity or a size (2018年, 5斤, 500g).
 */
export function modelCode(f: Field, end: number): string | undefined {
  const t = f.text;
  if (end === 0 || end > t.pos.length) return undefined;
  const from = t.pos[end - 1] + 1;
  const m = /^ ?([a-z0-9][a-z0-9\-+./ ]{0,19})/.exec(t.light.slice(from, from + 22));
  if (!m) return undefined;
  const code = m[1].replace(/[\s\-+./]+$/, '').replace(/ .*$/, (rest) => (/\d/.test(m[1].split(' ')[0]) ? '' : rest));
  if (!/\d/.test(code)) return undefined;
  const next = t.light.charAt(from + m[0].length);
  if (/^\d+$/.test(code) && UNIT.test(next)) return undefined;
  if (/^\d+(\.\d+)?(g|kg|ml|l|cm|mm|m|w|v|mah|gb|tb|t)$/.test(code)) return undefined;
  return code;
}

/** Characters after a number that make it a quantity, date or size rather than a model. */
const UNIT = /[年月日号元块斤克两个只件片包盒瓶袋支条张套岁寸码米升毫厘天]/;
/** A separator removed between two digits (5.3, 2.0) is a decimal point or version, not a phrase boundary. */
const decimalPoint = (c: string, at: number) => at > 0 && isAsciiDigit(c.charCodeAt(at - 1)) && isAsciiDigit(c.charCodeAt(at));
const isAlnum = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a);

export class OrdinaryWordRule {
  private readonly lead: string[];
  private readonly brand: string[];

  constructor(private readonly tools: ContextTools, config: DetectorConfig) {
    this.lead = config.leadWords.map((w) => tools.norm.normalize(w).compact);
    this.brand = config.brandWords.map((w) => tools.norm.normalize(w).compact);
  }

  /** Whether a name (light compact) is an ordinary word: all CJK and frequent in the segmenter dictionary. */
  isOrdinary(compact: string): boolean {
    if (![...compact].every((ch) => isCjk(ch.charCodeAt(0)))) return false;
    return this.tools.segmenter.freq(compact) >= this.tools.config.ordinaryWordMinFreq;
  }

  /** Evidence of brand use carried by the occurrence [start, end) of a field, or undefined. */
  evidence(f: Field, start: number, end: number, classes: number[], split = false, goodsKnown = true, goodsClasses: number[] = []): string | undefined {
    const c = f.text.compact, gap = f.text.gap;
    const before = c.slice(Math.max(0, start - 4), start);
    const beside = this.brand.find((w) => before.endsWith(w) || c.startsWith(w, end));
    if (beside) return `旁有品牌用语“${beside}”`;
    const pair = latinPair(f, start, end);
    if (pair) return `写作品牌对“${pair}”`;
    if (!this.opensPhrase(c, gap, start)) return undefined;
    // The mark as a phrase of its own (联想, 扬天t4900c …; 美能达, 佳能, 东芝 …): a name, not a word in a phrase.
    const code = modelCode(f, end);
    if (code) return `后接型号“${code}”`;
    // Not when the mark is itself a product noun (红豆, 小米 alone name the grain) or is spelt out character by character.
    // Nor when the goods are unknown: a word standing alone may then be the product itself (红豆, 500g).
    if ((end === c.length || gap[end]) && !split && goodsKnown) {
      const own = this.tools.goods.nounAt(c, start)?.classes ?? [];
      if (!own.length) return '单独成词组';
      // The mark is also a product noun, of another kind than the listing's goods (小米 the grain, on a charger that fits
      // 小米's classes): standing alone it cannot be naming those goods.
      if (!own.some((k) => classes.includes(k)) && goodsClasses.length && !goodsClasses.some((k) => own.includes(k))) return '单独成词组，且不是所售商品的名称';
    }
    // A product noun of the mark's classes later in the same phrase (伊利孕妇奶粉, 长城哈弗h6雨刮臂); a decimal point
    // (蓝牙5.3) does not end the phrase.
    let stop = end;
    while (stop < c.length && stop - end < PHRASE_WINDOW && (stop === end || !gap[stop] || decimalPoint(c, stop))) stop++;
    const noun = this.tools.goods.find(c.slice(end, stop)).find((h) => h.classes.some((k) => classes.includes(k)));
    if (noun) return `同一词组中有本类商品“${noun.noun}”`;
    return undefined;
  }

  /** The occurrence opens a phrase: field start, after a separator, a Latin letter or digit, or a listing word. */
  private opensPhrase(c: string, gap: Uint8Array, start: number): boolean {
    if (start === 0 || gap[start]) return true;
    if (isAlnum(c.charCodeAt(start - 1))) return true;
    const before = c.slice(Math.max(0, start - 4), start);
    if (this.lead.some((w) => before.endsWith(w))) return true;
    // After a product noun (手机壳苹果6s) or a place (福建移动, 广东电信): a new name starts.
    for (let k = 2; k <= 4 && k <= start; k++) {
      const w = c.slice(start - k, start);
      if (this.tools.goods.nounAt(c, start - k)?.end === start && this.tools.segmenter.freq(w) > 0) return true;
      if (resolvePlace(w) && /(省|市|区|县)?$/.test(w) && this.tools.segmenter.freq(w) > 0) return true;
    }
    return false;
  }
}
