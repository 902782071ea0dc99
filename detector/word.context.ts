/**
 * Context checks around a name occurrence: is it inside another word
 * (奥林匹克, 平安踏青, 八马力), is it a reference (适用于 X, 媲美 X), does a
 * goods word follow it (安踏板鞋: 板鞋, not 踏板).
 */
import type { AhoCorasick } from './aho-corasick.js';
import type { Field } from './listing.context.js';

export interface WordTools {
  lexicon: Set<string>;
  maxWordLen: number;
  referential: string[];
  /** Words right after a name that make it a reference (X专用, X平替). */
  referentialAfter: string[];
  goodsAc: AhoCorasick;
  goodsClasses: number[][];
}

/** Whether a goods word (with classes) begins at compact offset `at`. */
export function goodsWordAt(compact: string, at: number, tools: WordTools, extra: string[] = []): boolean {
  const slice = compact.slice(at, at + 8);
  if (extra.some((g) => g && slice.startsWith(g))) return true;
  return tools.goodsAc.search(slice).some((h) => h.start === 0 && tools.goodsClasses[h.pattern].length > 0);
}

/**
 * The ordinary word that swallows the occurrence [start, end) of `name`, if
 * any: a lexicon word written without separators that contains the occurrence
 * or straddles one of its edges. A word straddling the right edge does not
 * count when a goods word starts right after the name.
 */
export function swallowingWord(f: Field, start: number, end: number, name: string, tools: WordTools, goods: string[] = []): string | undefined {
  const c = f.text.compact, gap = f.text.gap;
  let rightChecked: boolean | undefined;
  for (let len = 2; len <= tools.maxWordLen; len++) {
    for (let ws = Math.max(0, start - len + 1); ws < end && ws + len <= c.length; ws++) {
      const we = ws + len;
      if (we <= start) continue;
      if (ws >= start && we <= end) continue;
      const w = c.slice(ws, we);
      if (w === name || !tools.lexicon.has(w)) continue;
      let contiguous = true;
      for (let i = ws + 1; i < we; i++) if (gap[i]) { contiguous = false; break; }
      if (!contiguous) continue;
      if (ws > start && we > end) {
        rightChecked ??= goodsWordAt(c, end, tools, goods);
        if (rightChecked) continue;
      }
      return w;
    }
  }
  return undefined;
}

/** The referential word right before (适用于 X) or after (X平替) the occurrence, if any. */
export function referentialWord(f: Field, start: number, end: number, tools: WordTools): string | undefined {
  const pre = f.text.compact.slice(Math.max(0, start - 5), start);
  const post = f.text.compact.slice(end, end + 4);
  return tools.referential.find((w) => pre.includes(w)) ?? tools.referentialAfter.find((w) => post.startsWith(w));
}
