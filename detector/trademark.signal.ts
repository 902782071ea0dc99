/**
 * Trademark rule (FORMATS §4): a registered mark, or a close spelling, used
 * for goods of the mark's kind by a shop that is not an authorized seller.
 * An occurrence inside another word, or a mere reference, is not a use; a
 * mark that is an ordinary word needs positive evidence of brand use; copy
 * words and a price far below peers raise the score.
 */
import type { Registry, Trademark } from '../domain/registry.schema.js';
import type { Match } from '../domain/verdict.js';
import type { DetectorConfig } from './detector.config.js';
import { accessoryReference, referentialWord, swallowingWord } from './inside-word.rule.js';
import { isBrandKey, listingGoods, type ContextTools, type ListingGoods } from './listing.context.js';
import type { FieldHit } from './name.hits.js';
import type { NameHit } from './name.index.js';
import { OrdinaryWordRule } from './ordinary-word.rule.js';
import { priceAnomaly, type PriceAnomaly } from './price.rule.js';
import type { DetectInput, Signal, SignalContext, SignalFactory } from './signal.js';
import { sellerKey } from './text.normalizer.js';
import { sanitizeEvidence } from './unicode.hygiene.js';

export type GoodsFit = { kind: 'match' | 'unknown' | 'mismatch'; note: string };

const PACKAGING_CLASSES = [6, 16, 20, 21];

/** Does the listing sell goods of the mark's kind? `packaging` words (空盒) mean the goods are the container. */
export function goodsFit(g: ListingGoods, classes: number[], goods: string[], goodsKeys: string[], packaging: string[]): GoodsFit {
  const pack = packaging.find((p) => g.compact.includes(p));
  if (pack && classes.length && !classes.some((c) => PACKAGING_CLASSES.includes(c))) {
    return { kind: 'mismatch', note: `商品是包装（“${pack}”），不是注册类别${classes.join('、')}的商品` };
  }
  const word = goods.find((_, i) => goodsKeys[i] && g.compact.includes(goodsKeys[i]));
  if (word) return { kind: 'match', note: `商品含注册商品“${word}”` };
  const hit = classes.filter((c) => g.classes.has(c));
  const named = g.nouns.slice(0, 2).map((n) => `“${n.noun}”`).join('、');
  if (hit.length) return { kind: 'match', note: `商品${named}属第${hit.join('、')}类，在注册类别内` };
  if (g.classes.size === 0 || classes.length === 0) return { kind: 'unknown', note: '商品类别未能判定' };
  return { kind: 'mismatch', note: `商品${named}属第${[...g.classes].join('、')}类，不在注册类别${classes.join('、')}内` };
}

/** Between a name's characters: something that is neither a letter, a digit nor a space (symbols, invisible characters). */
const SYMBOL_SPLIT = /[^\s\p{L}\p{N}]/u;

const FORM_ZH: Record<string, string> = { lookalike: '形近或音近字', sound: '同音字', shape: '偏旁替换的形近字', inserted: '插入字', split: '拆字' };

/**
 * A Latin word whose own letters give the disguise away: a digit among its
 * letters (N1KE) or, in a word otherwise in capitals, lower-case letters that
 * are only the ones that pass for I, L or O (NlKE). A short word reached by a
 * look-alike swap is usually another word (dell is not deli), but no
 * ordinary word is written like that.
 */
export function brokenSpelling(word: string): boolean {
  if (!/^[A-Za-z0-9]+$/.test(word) || !/[A-Za-z]/.test(word)) return false;
  if (/[A-Za-z][0-9]|[0-9][A-Za-z]/.test(word)) return true;
  const lower = word.replace(/[^a-z]/g, '');
  return word.replace(/[^A-Z]/g, '').length >= 2 && lower.length > 0 && /^[lio]+$/.test(lower);
}

export class TrademarkSignal implements Signal {
  readonly name = 'trademark';
  private readonly sellers: Array<Set<string>>;
  private readonly goodsKeys: string[][];
  private readonly packaging: string[];
  private readonly accessories: string[];
  private readonly ordinary: boolean[];
  private readonly rule: OrdinaryWordRule;

  constructor(private readonly registry: Registry, private readonly config: DetectorConfig, private readonly tools: ContextTools) {
    this.sellers = registry.trademarks.map((t) => new Set([...t.authorizedSellers, t.owner].map(sellerKey)));
    this.goodsKeys = registry.trademarks.map((t) => t.goods.map(sellerKey));
    this.packaging = config.packagingWords.map(sellerKey);
    this.accessories = config.accessoryWords.map(sellerKey);
    this.rule = new OrdinaryWordRule(tools, config);
    this.ordinary = registry.trademarks.map((t) => this.rule.isOrdinary(tools.norm.normalize(t.mark).compact));
  }

  /** A close spelling that is itself a common word (标志 for 标致, dell for deli) is that word, not a disguise. */
  private commonWordSpelling(hit: NameHit): string | undefined {
    if (hit.subs === 0) return undefined;
    const w = hit.quote.replace(/\s+/g, '');
    const light = this.tools.norm.normalize(w).compact;
    if (/^[a-z]+$/.test(light)) return light.length < this.config.minLatinLookalikeLength && !brokenSpelling(w) ? light : undefined;
    return this.tools.segmenter.freq(light) >= this.config.ordinaryWordMinFreq ? light : undefined;
  }

  /** Whether the register's mark `idx` is an ordinary word (needs evidence of brand use). */
  isOrdinary(idx: number): boolean { return this.ordinary[idx]; }

  evaluate(input: DetectInput, sc: SignalContext): Match[] {
    const ctx = sc.listing;
    const out: Match[] = [];
    for (const [idx, list] of sc.names.tm) {
      const tm = this.registry.trademarks[idx];
      if (ctx.shopKey && this.sellers[idx].has(ctx.shopKey)) continue;
      if (tm.validUntil && ctx.date && tm.validUntil < ctx.date) continue;
      const goods = listingGoods(ctx, list, this.tools);
      const fit = goodsFit(goods, tm.niceClasses, tm.goods, this.goodsKeys[idx], this.packaging);
      const price = priceAnomaly(input.listing.price, tm, goods.classes, input.peerPrices, this.config.priceAnomalyRatio, this.config.minPeerCount);
      const alias = list.length < 2 ? undefined : list.find((fh) => fh.hit.entry.alias && /[a-z]/.test(fh.hit.entry.compact) && !swallowingWord(fh.field, fh.hit.start, fh.hit.end, this.tools));
      const bySignal = new Map<string, Match>();
      for (const fh of list) {
        if (this.bound(fh, fit, ctx.copyWords.length > 0, !!price) < this.config.reportThreshold) continue;
        const m = this.score(ctx.copyWords, input, tm, idx, fh, fit, price, alias, goods.classes);
        const prev = bySignal.get(m.signal);
        if (!prev || m.score > prev.score) bySignal.set(m.signal, m);
      }
      for (const m of bySignal.values()) if (m.score >= this.config.reportThreshold) out.push(m);
    }
    return out;
  }

  /** The highest score a hit could reach; hits that cannot reach the report threshold are not examined further. */
  private bound({ field, hit }: FieldHit, fit: GoodsFit, copy: boolean, price: boolean): number {
    const w = this.config.weights;
    let s = Math.max(w.brandAttribute, w.exact);
    if (hit.subs > 0) s = Math.min(s, w.lookalike);
    if (field.signal === 'ocr') s *= w.ocrFactor;
    else if (field.signal === 'description') s *= w.descriptionFactor;
    if (fit.kind === 'mismatch') s *= w.goodsMismatch;
    return s + (copy ? w.copyBoost : 0) + (price ? w.priceAnomaly : 0);
  }

  private score(copyWords: string[], input: DetectInput, tm: Trademark, idx: number, { field, hit }: FieldHit, fit: GoodsFit, price: PriceAnomaly | undefined, alias: FieldHit | undefined, goodsClasses: ReadonlySet<number>): Match {
    const w = this.config.weights;
    const brandAttr = field.signal === 'attributes' && isBrandKey(field.key, this.config);
    let s = brandAttr ? w.brandAttribute : hit.subs > 0 ? w.lookalike : hit.entry.alias ? w.alias : w.exact;
    if (field.signal === 'ocr') s *= w.ocrFactor;
    else if (field.signal === 'description' || (field.signal === 'attributes' && !brandAttr)) s *= w.descriptionFactor;
    const notes: string[] = [];
    const swallow = brandAttr ? undefined : swallowingWord(field, hit.start, hit.end, this.tools) ?? this.commonWordSpelling(hit);
    if (swallow) { s *= w.insideWord; notes.push(`“${hit.quote.trim()}”在词语“${swallow}”之中，不是商标使用`); }
    const ref = swallow || brandAttr ? undefined : referentialWord(field, hit.start, hit.end, this.tools.config.referentialWords, this.tools.config.referentialSuffixes, this.tools.config.specialMarkPhrases);
    const fits = swallow || brandAttr || ref ? undefined : accessoryReference(field, hit.end, this.accessories);
    if (ref) { s *= w.referential; notes.push(`“${ref}”表明是指示性提及`); }
    else if (fits) { s *= w.referential; notes.push(`商品是适配该型号的“${fits}”，商标只指明所适配的机型`); }
    // Positive evidence of brand use: required for a mark that is an ordinary word; for any mark it stands in for unknown goods.
    const needed = (this.ordinary[idx] && !brandAttr && !swallow && !hit.entry.alias) || fit.kind === 'unknown';
    const ev = !needed ? undefined : brandAttr ? '属性“品牌”' : hit.entry.alias && /[a-z]/.test(hit.entry.compact) ? '注册拼写' : swallow ? undefined
      // A word written apart with symbols between its characters (李*宁, 华/为, 小.米) is disguised, as no one writes an ordinary word.
      : hit.split && fit.kind === 'match' && SYMBOL_SPLIT.test(hit.quote) ? `以符号拆开书写“${hit.quote.trim()}”，是规避写法`
      : this.rule.evidence(field, hit.start, hit.end, tm.niceClasses, hit.split, fit.kind === 'match', [...goodsClasses]) ?? (alias && alias.hit !== hit ? `另有注册拼写“${alias.hit.quote.trim()}”` : undefined);
    if (this.ordinary[idx] && !brandAttr && !swallow && !hit.entry.alias) {
      const any = ev ?? (copyWords.length ? '有仿冒用语' : undefined) ?? (price ? '价格异常低' : undefined);
      if (any) notes.push(`“${tm.mark}”也是常用词，此处作品牌使用：${any}`);
      else { s *= w.ordinaryNoEvidence; notes.push(`“${tm.mark}”是常用词，无品牌使用的迹象`); }
    }
    if (fit.kind === 'unknown' && !ev) s *= w.goodsUnknown;
    if (fit.kind === 'mismatch') s *= w.goodsMismatch;
    if (copyWords.length) { s += w.copyBoost; notes.push(`含仿冒用语“${copyWords.slice(0, 2).join('”“')}”`); }
    if (price) { s += w.priceAnomaly; notes.push(`售价${price.price}元，低于${price.source}${price.reference}元的${Math.round(this.config.priceAnomalyRatio * 100)}%`); }
    s = Math.min(0.99, s);
    const shop = input.listing.shop?.name ? `店铺“${input.listing.shop.name}”不是授权销售方` : '店铺未署名，不是授权销售方';
    const evidence = `${field.label}含“${hit.quote.trim()}”${describeForm(hit)}，对应注册商标“${tm.mark}”（第${tm.regNo}号）；${fit.note}；${[...notes, shop].join('；')}`;
    return { assetId: tm.id, assetType: 'trademark', signal: field.signal, score: round(s), evidence: sanitizeEvidence(evidence) };
  }
}

/** （以空格或符号拆开、繁体写法 …） for the evidence sentence. */
export function describeForm(hit: NameHit): string {
  const form = [
    hit.split ? '以空格、符号或不可见字符拆开' : '', hit.traditional ? '繁体写法' : '', hit.fullwidth ? '全角写法' : '',
    hit.subs > 0 ? `与“${hit.entry.name}”差${hit.subs}个${FORM_ZH[hit.form] ?? '字'}` : '', hit.entry.alias ? `注册拼写“${hit.entry.name}”` : '',
  ].filter(Boolean).join('、');
  return form ? `（${form}）` : '';
}

export const round = (x: number): number => Math.round(x * 1000) / 1000;

/** The trademark kind's text signals (kinds/trademark.kind.ts). */
export const trademarkSignals: SignalFactory = ({ registry, config, tools }) => [new TrademarkSignal(registry, config, tools)];
