/**
 * Is an occurrence a use of the name at all? Not when its characters sit
 * inside another word (匹克 in 奥林匹克, 移动 in 移动电源, 八马 in 八马力,
 * 小迷 in 小迷你), told by the segmenter, nor when the text only refers to it
 * (适用于 X, X专用, X平替).
 */
import type { ContextTools, Field } from './listing.context.js';

/**
 * The word that swallows the occurrence [start, end) (compact offsets), if
 * any: a segmenter token that crosses one of its edges. A token crossing the
 * right edge from inside (安踏板鞋 read 安/踏板/鞋) does not count when a
 * product noun starts right after the name: the counterfeit reading wins.
 */
export function swallowingWord(f: Field, start: number, end: number, tools: ContextTools): string | undefined {
  const t = f.text;
  const a = t.pos[start], b = t.pos[end - 1] + 1;
  const edges = (f.edges ??= tools.segmenter.edges(t.light));
  if (edges[a] && edges[b]) return undefined;
  const token = (at: number) => {
    let s = at, e = at + 1;
    while (s > 0 && !edges[s]) s--;
    while (e < t.light.length && !edges[e]) e++;
    return { s, e, w: t.light.slice(s, e) };
  };
  if (!edges[a]) return token(a).w;
  const right = token(b - 1);
  if (right.s > a && tools.goods.nounAt(t.compact, end, t.gap)?.classes.length) return undefined;
  return right.w;
}

/** The referential word right before (适用于 X) or after (X平替) the occurrence, if any. */
export function referentialWord(f: Field, start: number, end: number, before: string[], after: string[]): string | undefined {
  const pre = f.text.compact.slice(Math.max(0, start - 5), start);
  const post = f.text.compact.slice(end, end + 4);
  return before.find((w) => pre.includes(w)) ?? after.find((w) => post.startsWith(w));
}
