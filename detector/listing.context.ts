/**
 * What every signal needs to know about one listing, computed once: the
 * normalised fields, copy words, the shop key, the capture date, and on
 * demand a field's word edges and goods nouns.
 */
import type { ListingInput } from '../domain/listing.schema.js';
import type { SignalName } from '../domain/verdict.js';
import type { DetectorConfig } from './detector.config.js';
import type { GoodsHit, GoodsTaxonomy } from './goods.taxonomy.js';
import { sellerKey, toLight, type NormText, type TextNormalizer } from './text.normalizer.js';
import type { WordSegmenter } from './word.segmenter.js';

/** A normalised listing field. */
export interface Field {
  signal: SignalName;
  /** How evidence names it: 标题, 描述, 属性“品牌”, 图片文字. */
  label: string;
  text: NormText;
  /** For attributes: the attribute key. */
  key?: string;
  /** Word edges over `text.light` (segmenter), filled block by block on first use. */
  edges?: Uint8Array;
  /** Block starts already cut. */
  cut?: Uint8Array;
  /** Product nouns of the unmasked compact text, computed on first use. */
  goods?: GoodsHit[];
}

export interface ListingContext {
  listing: ListingInput;
  fields: Field[];
  /** Fields that name the goods: title and goods attributes (not origin or brand). */
  goodsFields: Field[];
  /** Fields read for goods when those name none: description, image text. */
  moreGoodsFields: Field[];
  shopKey: string;
  /** All fields' light compact text joined, for word look-ups. */
  allCompact: string;
  /** Copy words present (as written in config). */
  copyWords: string[];
  /** Capture date YYYY-MM-DD, if known. */
  date?: string;
  /**
   * What the rules read from fallbacks that text in the images could change,
   * filled as they run: `goods` when the title and goods attributes name no
   * goods (description and image text are read instead), `origin` when the
   * origin is the shop's location (an origin phrase in an image comes first).
   * Empty after the text rules: whether the listing is suspect does not depend
   * on its images' text (see Detector.textDecides).
   */
  imageFallbacks: Set<'goods' | 'origin'>;
}

/** Shared, per-detector tools the context builder and the rules use. */
export interface ContextTools {
  norm: TextNormalizer;
  goods: GoodsTaxonomy;
  segmenter: WordSegmenter;
  copy: Array<{ word: string; light: string; compact?: string }>;
  config: DetectorConfig;
}

export function buildContext(listing: ListingInput, ocrText: Record<string, string> | undefined, tools: ContextTools): ListingContext {
  const { norm } = tools;
  const fields: Field[] = [{ signal: 'title', label: '标题', text: norm.normalize(listing.title ?? '') }];
  if (listing.description) fields.push({ signal: 'description', label: '描述', text: norm.normalize(listing.description) });
  for (const [k, v] of Object.entries(listing.attributes ?? {})) {
    if (typeof v === 'string' && v) fields.push({ signal: 'attributes', label: `属性“${k}”`, text: norm.normalize(v), key: k });
  }
  for (const [ref, text] of Object.entries(ocrText ?? {})) {
    if (text) fields.push({ signal: 'ocr', label: `图片文字（${ref}）`, text: norm.normalize(text) });
  }
  const allCompact = fields.map((f) => f.text.compact).join('|');
  const allLight = fields.map((f) => f.text.light).join('|');
  const copyWords = tools.copy.filter((c) => allLight.includes(c.light) || (c.compact !== undefined && allCompact.includes(c.compact))).map((c) => c.word);
  if (RATIO.test(allLight)) copyWords.push('1:1');
  const date = (listing.capturedAt ?? '').slice(0, 10) || tools.config.asOf;
  const goodsFields = fields.filter((f) => f.signal === 'title' || (f.signal === 'attributes' && !isOriginOrBrandKey(f.key, tools.config)));
  const moreGoodsFields = fields.filter((f) => f.signal === 'description' || f.signal === 'ocr');
  return { listing, fields, goodsFields, moreGoodsFields, shopKey: sellerKey(listing.shop?.name ?? ''), allCompact, copyWords, date, imageFallbacks: new Set() };
}

/** Whether an attribute key states the origin or the brand (such attributes name no goods). */
export function isOriginOrBrandKey(key: string | undefined, config: DetectorConfig): boolean {
  return !!key && (config.originAttributeKeys.includes(key) || isBrandKey(key, config));
}

export function isBrandKey(key: string | undefined, config: DetectorConfig): boolean {
  return !!key && config.brandAttributeKeys.some((k) => k.toLowerCase() === key.toLowerCase());
}

/** 1:1, 1比1 as a copy claim (not inside 11:15 or 1:10). */
const RATIO = /(^|[^\d.:])1\s*[:比]\s*1(?![\d.:])/;
const RATIO_WORD = /^1\s*[:比]\s*1$/;

/** Prepares the copy-word list: matched on the light text, and on the compact text when that form is distinctive. */
export function prepareCopyWords(words: string[], norm: TextNormalizer): ContextTools['copy'] {
  return words.filter((w) => !RATIO_WORD.test(toLight(w))).map((word) => {
    const light = toLight(word);
    const compact = norm.normalize(word).compact;
    return { word, light, compact: compact.length >= 2 && /\D/.test(compact) ? compact : undefined };
  });
}

/** The listing's goods as one rule sees them. */
export interface ListingGoods { classes: Set<number>; nouns: GoodsHit[]; compact: string }

/**
 * Goods the listing sells, with some name occurrences masked (the mark is
 * not the goods: 小米 grain, 福州茉莉花茶 names tea itself): product nouns of
 * the title and goods attributes, else of the description and image text.
 */
/**
 * A one-character product noun that begins a longer dictionary word is that
 * word's modifier, not the goods: Chinese compounds put the head last, so 肉桂
 * (a Wuyi rock tea, or cinnamon) is no meat and 茶几 no tea, while 花茶 keeps
 * its 茶. A longer product noun in the table would have been found instead.
 */
function modifierOnly(h: GoodsHit, compact: string, segmenter: WordSegmenter): boolean {
  if (h.end - h.start !== 1) return false;
  for (let len = 2; len <= 4 && h.start + len <= compact.length; len++) {
    if (segmenter.freq(compact.slice(h.start, h.start + len)) >= MODIFIED_WORD_FREQ) return true;
  }
  return false;
}

/** Dictionary frequency from which a word starting with a one-character noun is taken as a word of its own. */
const MODIFIED_WORD_FREQ = 20;

export function listingGoods(ctx: ListingContext, masks: Array<{ field: Field; hit: { start: number; end: number } }>, tools: ContextTools): ListingGoods {
  const classes = new Set<number>();
  const nouns: GoodsHit[] = [];
  const texts: string[] = [];
  const scan = (fs: Field[]) => {
    for (const f of fs) {
      let c = f.text.compact;
      let masked = false;
      for (const m of masks) if (m.field === f) { masked = true; c = c.slice(0, m.hit.start) + '\u0000'.repeat(m.hit.end - m.hit.start) + c.slice(m.hit.end); }
      texts.push(c);
      // The unmasked nouns serve unless the mask cuts one (then the masked text is read again).
      const plain = (f.goods ??= tools.goods.find(f.text.compact, f.text.gap));
      let cut = false;
      if (masked) for (const h of plain) for (const m of masks) if (m.field === f && h.start < m.hit.end && m.hit.start < h.end) cut = true;
      for (const h of cut ? tools.goods.find(c, f.text.gap) : plain) {
        if (!h.classes.length || modifierOnly(h, c, tools.segmenter)) continue;
        h.classes.forEach((x) => classes.add(x));
        if (!nouns.some((n) => n.noun === h.noun)) nouns.push(h);
      }
    }
  };
  scan(ctx.goodsFields);
  if (classes.size === 0) { ctx.imageFallbacks.add('goods'); scan(ctx.moreGoodsFields); }
  return { classes, nouns, compact: texts.join('|') };
}
