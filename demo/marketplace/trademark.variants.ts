/** Ways counterfeit titles bend a mark (FORMATS §4 "close spellings"). */
import { readFileSync } from 'node:fs';
import { toTraditionalChars } from './traditional.chars.js';
import type { Rng } from './prng.util.js';

/** One look-alike / near-homophone substitution (lookalikes.used.json). */
export interface Lookalike {
  assetId: string;
  mark: string;
  variant: string;
  kind: 'look-alike' | 'homophone';
  detail: string;
}

/** The substitutions the catalog uses, read from lookalikes.used.json (the file the detector team reads). */
export const LOOKALIKES: Lookalike[] = (JSON.parse(
  readFileSync(new URL('./lookalikes.used.json', import.meta.url), 'utf8'),
) as { substitutions: Lookalike[] }).substitutions;

/** Simplified → traditional (Hong Kong forms), as a HK/TW seller would write the title. */
export function toTraditionalTitle(s: string): string {
  return toTraditionalChars(s);
}

/** ASCII → full-width forms (ＡＮＴＡ, ＬＩ－ＮＩＮＧ). */
export function toFullWidth(s: string): string {
  return s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

const SPLITTERS = [' ', '-', '·', '_', '*', '/', '.'];

/** Splits a mark with spaces or symbols between its characters (安 踏, 安-踏, N.I.K.E). */
export function splitMark(mark: string, rng: Rng): string {
  const sep = rng.pick(SPLITTERS);
  const chars = [...mark];
  if (chars.length <= 2 || rng.chance(0.5)) return chars.join(sep);
  const cut = rng.int(1, chars.length - 1);
  return chars.slice(0, cut).join('') + sep + chars.slice(cut).join('');
}

/** A different letter case of a Latin alias: ANTA → Anta / anta, adidas → ADIDAS / Adidas. */
export function changeCase(alias: string, rng: Rng): string {
  const title = alias[0].toUpperCase() + alias.slice(1).toLowerCase();
  const options = [alias.toLowerCase(), alias.toUpperCase(), title].filter((v) => v !== alias);
  return rng.pick(options);
}

/** True when the string has Latin letters (an alias that can be full-width or re-cased). */
export function isLatin(s: string): boolean {
  return /^[A-Za-z][A-Za-z-]*$/.test(s);
}
