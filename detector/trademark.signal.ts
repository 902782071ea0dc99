/**
 * Trademark rule (FORMATS §4): a registered mark, or a close spelling, used
 * for goods of the mark's kind by a shop that is not an authorized seller.
 */
import type { Registry, Trademark } from '../domain/registry.schema.js';
import type { Match } from '../domain/verdict.js';
import type { DetectorConfig } from './detector.config.js';
import type { Field, ListingContext } from './listing.context.js';
import type { NameHit } from './name.index.js';
import { sellerKey } from './text.normalizer.js';
import { referentialWord, swallowingWord, type WordTools } from './word.context.js';

export interface FieldHit { field: Field; hit: NameHit }

export type GoodsFit = { kind: 'match' | 'unknown' | 'mismatch'; note: string };

/** The listing's goods as seen by one rule (GI rules mask the GI name, which names goods itself). */
export interface ListingGoods { classes: Set<number>; words: string[]; compact: string }

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
  const named = g.words.slice(0, 2).map((w) => `“${w}”`).join('、');
  if (hit.length) return { kind: 'match', note: `商品${named}属第${hit.join('、')}类，在注册类别内` };
  if (g.classes.size === 0 || classes.length === 0) return { kind: 'unknown', note: '商品类别未能判定' };
  return { kind: 'mismatch', note: `商品${named}属第${[...g.classes].join('、')}类，不在注册类别${classes.join('、')}内` };
}

export class TrademarkSignal {
  private readonly sellers: Array<Set<string>>;
  private readonly goodsKeys: string[][];

  constructor(private readonly registry: Registry, private readonly config: DetectorConfig, private readonly words: WordTools) {
    this.sellers = registry.trademarks.map((t) => new Set([...t.authorizedSellers, t.owner].map(sellerKey)));
    this.goodsKeys = registry.trademarks.map((t) => t.goods.map(sellerKey));
    this.packaging = config.packagingWords.map(sellerKey);
  }
  private readonly packaging: string[];

  /** Matches for every mark hit in the listing (hits grouped by mark index). */
  evaluate(ctx: ListingContext, hits: Map<number, FieldHit[]>): Match[] {
    const out: Match[] = [];
    for (const [idx, list] of hits) {
      const tm = this.registry.trademarks[idx];
      if (ctx.shopKey && this.sellers[idx].has(ctx.shopKey)) continue;
      if (tm.validUntil && ctx.date && tm.validUntil < ctx.date) continue;
      const fit = goodsFit({ classes: ctx.classes, words: ctx.goodsWords, compact: ctx.allCompact }, tm.niceClasses, tm.goods, this.goodsKeys[idx], this.packaging);
      const bySignal = new Map<string, Match>();
      for (const fh of list) {
        const m = this.score(ctx, tm, fh, fit);
        const prev = bySignal.get(m.signal);
        if (!prev || m.score > prev.score) bySignal.set(m.signal, m);
      }
      for (const m of bySignal.values()) if (m.score >= this.config.reportThreshold) out.push(m);
    }
    return out;
  }

  private score(ctx: ListingContext, tm: Trademark, { field, hit }: FieldHit, fit: GoodsFit): Match {
    const w = this.config.weights;
    const brandAttr = field.signal === 'attributes' && !!field.key && this.config.brandAttributeKeys.some((k) => k.toLowerCase() === field.key!.toLowerCase());
    let s = brandAttr ? w.brandAttribute : hit.subs > 0 ? w.lookalike : hit.entry.alias ? w.alias : w.exact;
    if (field.signal === 'ocr') s *= w.ocrFactor;
    else if (field.signal === 'description' || (field.signal === 'attributes' && !brandAttr)) s *= w.descriptionFactor;
    const notes: string[] = [];
    const swallow = brandAttr ? undefined : swallowingWord(field, hit.start, hit.end, hit.entry.compact, this.words, tm.goods);
    if (swallow) { s *= w.insideWord; notes.push(`“${hit.entry.compact}”在词语“${swallow}”之中，不是商标使用`); }
    const ref = swallow || brandAttr ? undefined : referentialWord(field, hit.start, hit.end, this.words);
    if (ref) { s *= w.referential; notes.push(`“${ref}”表明是指示性提及`); }
    if (fit.kind === 'unknown') s *= w.goodsUnknown;
    if (fit.kind === 'mismatch') s *= w.goodsMismatch;
    if (ctx.copyWords.length) { s += w.copyBoost; notes.push(`含仿冒用语“${ctx.copyWords.slice(0, 2).join('”“')}”`); }
    s = Math.min(0.99, s);
    const form = [
      hit.split ? '以空格或符号拆开' : '', hit.traditional ? '繁体写法' : '', hit.fullwidth ? '全角写法' : '',
      hit.subs > 0 ? `与“${hit.entry.name}”差${hit.subs}个形近或音近字` : '', hit.entry.alias ? `注册拼写“${hit.entry.name}”` : '',
    ].filter(Boolean).join('、');
    const shop = ctx.listing.shop?.name ? `店铺“${ctx.listing.shop.name}”不是授权销售方` : '店铺未署名，不是授权销售方';
    const evidence = `${field.label}含“${hit.quote.trim()}”${form ? `（${form}）` : ''}，对应注册商标“${tm.mark}”（第${tm.regNo}号）；${fit.note}；${[...notes, shop].join('；')}`;
    return { assetId: tm.id, assetType: 'trademark', signal: field.signal, score: round(s), evidence };
  }
}

export const round = (x: number): number => Math.round(x * 1000) / 1000;
