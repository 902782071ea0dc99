/**
 * What a listing sells: product nouns → Nice classes. The table
 * (detector/data/goods.nouns.tsv, about 2,400 nouns) is built by
 * goods.build.ts from the hand seed in goods.classes.ts, the e-commerce
 * category taxonomy, the DSNER product dictionary and the product spans of
 * real Taobao titles; config `goodsKeywords` adds to it. Nouns are found
 * leftmost-longest on the compact text with the registered name masked, so
 * the mark itself (小米 the grain, 苹果 the fruit) never counts as the goods.
 */
import { readFileSync } from 'node:fs';
import { AhoCorasick } from './aho-corasick.js';
import { bundledGoodsKeywords } from './goods.classes.js';
import { sellerKey } from './text.normalizer.js';

/** The bundled table's location. */
export const GOODS_TABLE = new URL('./data/goods.nouns.tsv', import.meta.url);

/** One product noun found in a text. */
export interface GoodsHit { start: number; end: number; noun: string; classes: number[] }

let bundled: Map<string, number[]> | undefined;
let derivedNouns: Set<string> = new Set();

/** Reads the bundled noun table (word → classes); words with no class absorb a match (米色, 包邮). */
export function bundledGoodsTable(): Map<string, number[]> {
  if (bundled) return bundled;
  const m = new Map<string, number[]>();
  derivedNouns = new Set();
  for (const line of readFileSync(GOODS_TABLE, 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [w, cls, source] = line.split('\t');
    m.set(w, cls.split(',').map(Number).filter((n) => n > 0));
    if (source === 'jieba') derivedNouns.add(w);
  }
  for (const [w, cls] of bundledGoodsKeywords()) if (cls.length === 0) m.set(w, []);
  return (bundled = m);
}

export class GoodsTaxonomy {
  private readonly ac: AhoCorasick;
  private readonly nouns: string[];
  private readonly classes: number[][];

  constructor(extra: Record<string, number[]> = {}) {
    const table = new Map(bundledGoodsTable());
    for (const [w, cls] of Object.entries(extra)) table.set(sellerKey(w), cls);
    this.nouns = [...table.keys()].map(sellerKey);
    this.classes = [...table.values()];
    this.ac = new AhoCorasick(this.nouns);
  }

  /**
   * Nouns for the segmenter's dictionary. A dictionary noun classed by its head
   * that begins with a registered name is left out: jieba's 雀巢咖啡 must not
   * hide the mark 雀巢, while product nouns from listings (马丁靴) and curated
   * ones (移动电源) still hide the mark's characters.
   */
  words(names: string[] = []): string[] {
    return this.nouns.filter((w) => !derivedNouns.has(w) || !names.some((n) => n.length < w.length && w.startsWith(n)));
  }

  /** Leftmost-longest product nouns of a compact text; `gap` marks separators (a noun may not straddle one). */
  find(compact: string, gap?: Uint8Array): GoodsHit[] {
    const hits = this.ac.search(compact).sort((a, b) => a.start - b.start || b.end - a.end);
    const out: GoodsHit[] = [];
    let until = 0;
    for (const h of hits) {
      if (h.start < until) continue;
      if (gap && spansGap(gap, h.start, h.end)) continue;
      out.push({ start: h.start, end: h.end, noun: this.nouns[h.pattern], classes: this.classes[h.pattern] });
      until = h.end;
    }
    return out;
  }

  /** The classed noun starting exactly at `at`, longest first. */
  nounAt(compact: string, at: number, gap?: Uint8Array): GoodsHit | undefined {
    const slice = compact.slice(at, at + 10);
    let best: GoodsHit | undefined;
    for (const h of this.ac.search(slice)) {
      if (h.start !== 0 || (gap && spansGap(gap, at, at + h.end))) continue;
      if (!best || h.end > best.end - at) best = { start: at, end: at + h.end, noun: this.nouns[h.pattern], classes: this.classes[h.pattern] };
    }
    return best;
  }

  /** Nice classes of a GI category or goods word (茶叶 → 30): the word itself, else its head noun. */
  classesOf(word: string): number[] {
    const k = sellerKey(word);
    for (let i = 0; i < k.length; i++) {
      const hit = this.find(k.slice(i)).find((h) => h.start === 0 && h.end === k.length - i && h.classes.length);
      if (hit) return hit.classes;
    }
    return [];
  }
}

function spansGap(gap: Uint8Array, start: number, end: number): boolean {
  for (let i = start + 1; i < end; i++) if (gap[i]) return true;
  return false;
}
