/**
 * Text normalisation before matching. Every string is mapped character by
 * character (so offsets survive) to a *light* form — full-width to half-width,
 * lower case, traditional to simplified — and then to a *compact* form with
 * spaces and symbols between characters dropped, and a *folded* compact form
 * where look-alike and near-homophone characters become their canonical
 * character. Matching runs on the folded form; evidence quotes the original.
 */
import * as OpenCC from 'opencc-js';
import { buildInvisibleTable, compatibilityFolds } from './unicode.hygiene.js';

let lightTable: Uint16Array | undefined;
let sepTable: Uint8Array | undefined;
let invisibleTable: Uint8Array | undefined;

/** Char-level traditional -> simplified table, built once from OpenCC (t and tw dictionaries). */
function buildLightTable(): Uint16Array {
  const t = new Uint16Array(65536);
  for (let i = 0; i < 65536; i++) t[i] = i;
  for (const [from, to] of compatibilityFolds()) t[from] = to;
  const chars: string[] = [];
  for (let c = 0x3400; c <= 0x9fff; c++) chars.push(String.fromCharCode(c));
  const joined = chars.join('\n');
  for (const from of ['t', 'tw', 'hk'] as const) {
    const out = OpenCC.Converter({ from, to: 'cn' })(joined).split('\n');
    if (out.length !== chars.length) continue;
    for (let i = 0; i < chars.length; i++) {
      const o = out[i];
      const c = chars[i].charCodeAt(0);
      if (o.length === 1 && o !== chars[i] && t[c] === c) t[c] = o.charCodeAt(0);
    }
  }
  for (let c = 0x80; c < 65536; c++) if (t[c] !== c && t[t[c]] !== t[c]) t[c] = t[t[c]]; // NFKC then simplified
  for (let c = 0xff01; c <= 0xff5e; c++) t[c] = c - 0xfee0;
  t[0x3000] = 0x20;
  for (let c = 0x41; c <= 0x5a; c++) t[c] = c + 32;
  for (let c = 0xff21; c <= 0xff3a; c++) t[c] = c - 0xfee0 + 32;
  for (let c = 0xc0; c <= 0xde; c++) if (c !== 0xd7) t[c] = c + 32;
  // Folds that landed on an upper-case Latin letter, then lower case.
  for (let c = 0x80; c < 65536; c++) if (t[c] >= 0x41 && t[c] <= 0x5a) t[c] += 32;
  return t;
}

function buildSepTable(): Uint8Array {
  const s = new Uint8Array(65536);
  const range = (a: number, b: number) => { for (let c = a; c <= b; c++) s[c] = 1; };
  range(0x00, 0x2f); range(0x3a, 0x40); range(0x5b, 0x60); range(0x7b, 0xbf);
  s[0xd7] = 1; s[0xf7] = 1;
  range(0x2000, 0x2bff); // general punctuation, symbols, arrows, shapes, dingbats
  range(0x3000, 0x303f); // CJK symbols and punctuation
  range(0x30fb, 0x30fb); // katakana middle dot
  s[0x4e28] = 1; s[0x4e36] = 1; // 丨 丶, written as separators in titles
  range(0xd800, 0xdfff); // surrogates (emoji)
  range(0x2e80, 0x2fdf); // radical supplement / Kangxi radicals not folded by NFKC
  range(0xfe10, 0xfe1f); range(0xfe30, 0xfe4f); range(0xfe50, 0xfe6f);
  range(0xff01, 0xff0f); range(0xff1a, 0xff20); range(0xff3b, 0xff40); range(0xff5b, 0xff65);
  range(0xfff0, 0xffff);
  return s;
}

/** The shared light table (built on first use, ~50 ms). */
export function getLightTable(): Uint16Array { return (lightTable ??= buildLightTable()); }
/** 1 for characters treated as separators (spaces, punctuation, symbols, emoji). */
export function getSeparatorTable(): Uint8Array { return (sepTable ??= buildSepTable()); }

/** 1 for invisible characters dropped before matching (zero-width, bidi, variation selectors, combining marks). */
export function getInvisibleTable(): Uint8Array { return (invisibleTable ??= buildInvisibleTable()); }

/** Light form: full-width to half-width, lower case, traditional to simplified; same length as the input. */
export function toLight(text: string): string {
  const t = getLightTable();
  let out = '';
  for (let i = 0; i < text.length; i++) out += String.fromCharCode(t[text.charCodeAt(i)]);
  return out;
}

/** A normalised text, with the maps needed to quote the original. */
export interface NormText {
  original: string;
  /** Light form, same length as `original`. */
  light: string;
  /** Light form without separators. */
  compact: string;
  /** Compact form with look-alikes folded to canonical characters. */
  folded: string;
  /** compact index -> index in light/original. */
  pos: Int32Array;
  /** 1 when separators were dropped just before this compact index. */
  gap: Uint8Array;
}

// One scratch buffer for the three forms; decoded as UTF-16 so every code unit survives as is.
let buf = new Uint16Array(4096);
const decoder = new TextDecoder('utf-16le');
/** Code units to a string: fromCharCode for short runs (titles), the decoder for long ones. */
function str(b: Uint16Array, from: number, to: number): string {
  return to - from <= 2048 ? String.fromCharCode.apply(null, b.subarray(from, to) as unknown as number[]) : decoder.decode(b.subarray(from, to));
}

/** Normalises text with a fold table (see lookalike.table.ts). */
export class TextNormalizer {
  private readonly light = getLightTable();
  private readonly sep = getSeparatorTable();
  private readonly invisible = getInvisibleTable();
  constructor(private readonly fold: Uint16Array) {}

  normalize(original: string): NormText {
    const n = original.length;
    const pos = new Int32Array(n);
    const gap = new Uint8Array(n);
    if (n * 3 > buf.length) buf = new Uint16Array(n * 6);
    let k = 0, pendingGap = 0;
    for (let i = 0; i < n; i++) {
      const oc = original.charCodeAt(i);
      const lc = this.light[oc];
      buf[i] = lc;
      if (this.invisible[oc]) continue;
      if (this.sep[lc]) { if (k > 0) pendingGap = 1; continue; }
      buf[n + k] = lc;
      buf[2 * n + k] = this.fold[lc];
      pos[k] = i;
      gap[k] = pendingGap;
      pendingGap = 0;
      k++;
    }
    const light = str(buf, 0, n), compact = str(buf, n, n + k), folded = str(buf, 2 * n, 2 * n + k);
    return { original, light, compact, folded, pos: pos.subarray(0, k), gap: gap.subarray(0, k) };
  }

  /** Folded compact key of a name, as the index stores it. */
  key(name: string): { compact: string; folded: string } {
    const nt = this.normalize(name);
    return { compact: nt.compact, folded: nt.folded };
  }
}

/** Shop and seller names compared for equality: light form without separators. */
export function sellerKey(name: string): string {
  const t = getLightTable(), s = getSeparatorTable();
  let out = '';
  const inv = getInvisibleTable();
  for (let i = 0; i < name.length; i++) { const o = name.charCodeAt(i); const c = t[o]; if (!s[c] && !inv[o]) out += String.fromCharCode(c); }
  return out;
}

export const isAsciiLetter = (c: number): boolean => (c >= 0x61 && c <= 0x7a);
export const isAsciiDigit = (c: number): boolean => (c >= 0x30 && c <= 0x39);
export const isCjk = (c: number): boolean => (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
