/**
 * What every signal needs to know about one listing, computed once: the
 * normalised fields, the goods classes, copy words, the shop key.
 */
import type { ListingInput } from '../domain/listing.schema.js';
import type { Signal } from '../domain/verdict.js';
import type { AhoCorasick } from './aho-corasick.js';
import type { DetectorConfig } from './detector.config.js';
import { sellerKey, toLight, type NormText, type TextNormalizer } from './text.normalizer.js';

/** A normalised listing field. */
export interface Field {
  signal: Signal;
  /** How evidence names it: 标题, 描述, 属性“品牌”, 图片文字. */
  label: string;
  text: NormText;
  /** For attributes: the attribute key. */
  key?: string;
}

export interface ListingContext {
  listing: ListingInput;
  fields: Field[];
  shopKey: string;
  /** Nice classes named by the goods words of the title and attributes (or else the description). */
  classes: Set<number>;
  /** Goods words found (for evidence). */
  goodsWords: string[];
  /** All fields' light compact text joined, for word look-ups. */
  allCompact: string;
  /** Copy words present (as written in config). */
  copyWords: string[];
  /** Capture date YYYY-MM-DD, if known. */
  date?: string;
}

/** Shared, per-detector tools the context builder uses. */
export interface ContextTools {
  norm: TextNormalizer;
  goodsAc: AhoCorasick;
  goodsWords: string[];
  goodsClasses: number[][];
  copy: Array<{ word: string; light: string; compact?: string }>;
  config: DetectorConfig;
}

/** Leftmost-longest goods words in a compact text. */
export function goodsIn(compact: string, tools: ContextTools, gap?: Uint8Array): number[] {
  const hits = tools.goodsAc.search(compact).sort((a, b) => a.start - b.start || b.end - a.end);
  const out: number[] = [];
  let until = 0;
  for (const h of hits) {
    if (h.start < until) continue;
    // A goods word straddling a separator is two words joined by accident (水仙,花香 is not 水仙花).
    if (gap && spansGap(gap, h.start, h.end)) continue;
    out.push(h.pattern);
    until = h.end;
  }
  return out;
}

function spansGap(gap: Uint8Array, start: number, end: number): boolean {
  for (let i = start + 1; i < end; i++) if (gap[i]) return true;
  return false;
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
  const classes = new Set<number>();
  const goodsWords: string[] = [];
  const collect = (f: Field) => {
    for (const p of goodsIn(f.text.compact, tools)) {
      const cls = tools.goodsClasses[p];
      if (cls.length === 0) continue;
      cls.forEach((c) => classes.add(c));
      if (!goodsWords.includes(tools.goodsWords[p])) goodsWords.push(tools.goodsWords[p]);
    }
  };
  fields.filter((f) => f.signal === 'title' || (f.signal === 'attributes' && !isOriginOrBrandKey(f.key, tools.config))).forEach(collect);
  if (classes.size === 0) fields.filter((f) => f.signal === 'description' || f.signal === 'ocr').forEach(collect);
  const allCompact = fields.map((f) => f.text.compact).join('|');
  const allLight = fields.map((f) => f.text.light).join('|');
  const copyWords = tools.copy.filter((c) => allLight.includes(c.light) || (c.compact !== undefined && allCompact.includes(c.compact))).map((c) => c.word);
  if (RATIO.test(allLight)) copyWords.push('1:1');
  const date = (listing.capturedAt ?? '').slice(0, 10) || tools.config.asOf;
  return { listing, fields, shopKey: sellerKey(listing.shop?.name ?? ''), classes, goodsWords, allCompact, copyWords, date };
}

function isOriginOrBrandKey(key: string | undefined, config: DetectorConfig): boolean {
  return !!key && (config.originAttributeKeys.includes(key) || config.brandAttributeKeys.includes(key.toLowerCase()) || config.brandAttributeKeys.includes(key));
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

/** Text of a field around compact span [start, end), light compact form, for context checks. */
export function around(f: Field, start: number, end: number, before: number, after: number): { pre: string; post: string } {
  const c = f.text.compact;
  return { pre: c.slice(Math.max(0, start - before), start), post: c.slice(end, end + after) };
}

/** Goods classes of the listing with some name occurrences masked (a GI name such as 福州茉莉花茶 names goods itself). */
export function listingGoods(ctx: ListingContext, masks: Array<{ field: Field; hit: { start: number; end: number } }>, tools: ContextTools): { classes: Set<number>; words: string[]; compact: string } {
  const classes = new Set<number>();
  const words: string[] = [];
  const texts: string[] = [];
  const scan = (fs: Field[]) => {
    for (const f of fs) {
      let c = f.text.compact;
      for (const m of masks) if (m.field === f) c = c.slice(0, m.hit.start) + '\u0000'.repeat(m.hit.end - m.hit.start) + c.slice(m.hit.end);
      texts.push(c);
      for (const p of goodsIn(c, tools, f.text.gap)) {
        const cls = tools.goodsClasses[p];
        if (!cls.length) continue;
        cls.forEach((x) => classes.add(x));
        if (!words.includes(tools.goodsWords[p])) words.push(tools.goodsWords[p]);
      }
    }
  };
  scan(ctx.fields.filter((f) => f.signal === 'title' || (f.signal === 'attributes' && !isOriginOrBrandKey(f.key, tools.config))));
  if (classes.size === 0) scan(ctx.fields.filter((f) => f.signal === 'description' || f.signal === 'ocr'));
  return { classes, words, compact: texts.join('|') };
}
