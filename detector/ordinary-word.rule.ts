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
import type { DetectorConfig } from './detector.config.js';
import type { ContextTools, Field } from './listing.context.js';
import { isCjk } from './text.normalizer.js';

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
  evidence(f: Field, start: number, end: number, classes: number[]): string | undefined {
    const c = f.text.compact, gap = f.text.gap;
    const before = c.slice(Math.max(0, start - 4), start);
    const beside = this.brand.find((w) => before.endsWith(w) || c.startsWith(w, end));
    if (beside) return `旁有品牌用语“${beside}”`;
    if (!this.opensPhrase(c, gap, start)) return undefined;
    let j = end;
    while (j < c.length && isAlnum(c.charCodeAt(j)) && (j === end || !gap[j])) j++;
    const code = c.slice(end, j);
    const model = /\d/.test(code) && code.length <= 12;
    const noun = this.tools.goods.nounAt(c, model ? j : end, gap);
    if (noun && noun.classes.some((k) => classes.includes(k))) return `后接${model ? `型号“${code}”和` : ''}本类商品“${noun.noun}”`;
    if (model) return `后接型号“${code}”`;
    return undefined;
  }

  /** The occurrence opens a phrase: field start, after a separator, a Latin letter or digit, or a listing word. */
  private opensPhrase(c: string, gap: Uint8Array, start: number): boolean {
    if (start === 0 || gap[start]) return true;
    if (isAlnum(c.charCodeAt(start - 1))) return true;
    const before = c.slice(Math.max(0, start - 4), start);
    return this.lead.some((w) => before.endsWith(w));
  }
}
