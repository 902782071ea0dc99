/**
 * Is an occurrence a use of the name at all? Not when its characters sit
 * inside another word (匹克 in 奥林匹克, 移动 in 移动电源, 八马 in 八马力,
 * 小迷 in 小迷你), told by the segmenter, nor when the text only refers to it
 * (适用于 X, X专用, X平替).
 */
import type { ContextTools, Field } from './listing.context.js';
import { isAsciiDigit, isAsciiLetter } from './text.normalizer.js';

/**
 * The word that swallows the occurrence [start, end) (compact offsets), if
 * any: a segmenter token that crosses one of its edges. A token crossing the
 * right edge from inside (安踏板鞋 read 安/踏板/鞋) does not count when a
 * product noun starts right after the name: the counterfeit reading wins.
 */
export function swallowingWord(f: Field, start: number, end: number, tools: ContextTools): string | undefined {
  const t = f.text;
  const a = t.pos[start], b = t.pos[end - 1] + 1;
  const edges = blockEdges(f, a, b, tools);
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

/**
 * The referential word that makes the occurrence a reference, if any: one of
 * `before` earlier in the same phrase (适用于 X, 兼容X), or one of `after`
 * later in it (X专用, X平替, 三星苹果通用): the mark names the device the goods
 * fit or compare with. A phrase is the text between separators; `terms`
 * (the special-mark claims) are not searched for referential words.
 */
export function referentialWord(f: Field, start: number, end: number, before: string[], after: string[], terms: readonly string[] = []): string | undefined {
  const t = f.text;
  const a = t.pos[start], b = t.pos[end - 1] + 1;
  let s = a, e = b;
  while (s > 0 && !PHRASE_SEP.test(t.light[s - 1])) s--;
  while (e < t.light.length && !PHRASE_SEP.test(t.light[e])) e++;
  // Terms that hold a referential word without being a reference (地理标志专用标志 holds 专用) are blanked first.
  const blank = (x: string) => terms.reduce((acc, w) => (w && acc.includes(w) ? acc.split(w).join(' '.repeat(w.length)) : acc), x);
  const pre = blank(t.light.slice(s, a).replace(/\s+/g, '')), post = blank(t.light.slice(b, e));
  // A flavour or style word names the kind only right after the name (茅台香型 is "Maotai-style"); further on it grades
  // the product itself (安溪铁观音浓香型 is that tea, strong-aroma grade).
  return before.find((w) => pre.includes(w)) ?? after.find((w) => (STYLE_WORDS.has(w) ? post.replace(/^\s+/, '').startsWith(w) : post.includes(w)));
}

const STYLE_WORDS = new Set(['香型', '味道', '风味', '口味', '味']);

/** What ends a phrase in a title ('/' joins spellings of one name, samsung/三星, and does not). */
const PHRASE_SEP = /[,，|、;；\s【】[\]()（）!！。？?]/;

/**
 * An accessory for a named device (苹果6s手机壳, 长城哈弗h6雨刮臂): the mark is
 * followed by a device model and the listing sells a case, film, holder, band
 * or part; the mark names what the accessory fits, as in 适用于 X with the word
 * left out. Returns the accessory word.
 */
export function accessoryReference(f: Field, end: number, accessories: string[]): string | undefined {
  const rest = f.text.compact.slice(end);
  // The device: a model code, possibly after a series name (长城哈弗h6, 东风标致508).
  if (!/^[\u4e00-\u9fff]{0,2}[a-z]{0,8}\d/.test(rest)) return undefined;
  return accessories.find((w) => rest.includes(w));
}

/**
 * Word edges around [a, b): jieba cuts each run of Han characters, letters,
 * digits and +#&._%- on its own, so only the run holding the occurrence is
 * cut (the same result as cutting the whole field, at a fraction of the cost).
 */
function blockEdges(f: Field, a: number, b: number, tools: ContextTools): Uint8Array {
  const light = f.text.light;
  let s = a, e = b;
  while (s > 0 && BLOCK.test(light[s - 1])) s--;
  while (e < light.length && BLOCK.test(light[e])) e++;
  const edges = (f.edges ??= new Uint8Array(light.length + 1));
  const done = (f.cut ??= new Uint8Array(light.length + 1));
  if (!done[s]) {
    let at = s;
    for (const tok of tools.segmenter.cut(light.slice(s, e))) { edges[at] = 1; at += tok.length; }
    edges[e] = 1;
    // jieba keeps letters and digits in one token (1nike, nike2024); a number beside a Latin name is a count, year or
    // model, not part of the word (a Latin name inside letters, nikesun, stays swallowed).
    for (let i = s + 1; i < e; i++) if (letterDigit(light.charCodeAt(i - 1), light.charCodeAt(i))) edges[i] = 1;
    done[s] = 1;
  }
  return edges;
}

/** A Latin letter (either case) beside a digit, in either order. */
const letterDigit = (a: number, b: number) => (isAsciiDigit(a) && isAsciiLetter(b | 0x20)) || (isAsciiLetter(a | 0x20) && isAsciiDigit(b));

/** What jieba keeps together in one block (jieba-rs RE_HAN_DEFAULT). */
const BLOCK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffa-zA-Z0-9+#&._%-]/;
