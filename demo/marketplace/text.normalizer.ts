/**
 * Search normalisation of the demo platforms: full-width → half-width (NFKC),
 * traditional → simplified (opencc-js), lower case, spaces and symbols removed.
 * A query matches a title when the normalised query is inside the normalised title.
 */
import { Converter } from 'opencc-js';

let toSimplified: ((s: string) => string) | undefined;

/** Traditional → simplified Chinese (OpenCC `t` → `cn`); the converter is built on first use. */
export function traditionalToSimplified(s: string): string {
  const convert = (toSimplified ??= Converter({ from: 't', to: 'cn' }));
  return convert(s);
}

/** NFKC, lower case, and only letters/digits kept (CJK included). No script conversion. */
export function lightNormalize(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The platforms' full search normalisation (lightNormalize + traditional → simplified). */
export function normalizeForSearch(s: string): string {
  return lightNormalize(traditionalToSimplified(s.normalize('NFKC')));
}
