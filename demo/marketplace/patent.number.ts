/** CN patent numbers (FORMATS §4): check digit and the ways listings write them. */

const WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];

/** Check character of a 12-digit (or old 8-digit) application number: weighted sum mod 11, 10 → X. */
export function patentCheckDigit(digits: string): string {
  if (!/^\d{8}$|^\d{12}$/.test(digits)) throw new Error(`expected 8 or 12 digits, got ${digits}`);
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[i]) * WEIGHTS[i];
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

/** Splits `ZL201620161392.4` into its digits and check character. */
export function splitPatentNumber(number: string): { digits: string; check: string } {
  const m = /^ZL(\d+)\.([0-9X])$/.exec(number);
  if (!m) throw new Error(`not a ZL number: ${number}`);
  return { digits: m[1], check: m[2] };
}

/** A different, wrong check character for the same digits. */
export function wrongCheckDigit(digits: string, shift: number): string {
  const chars = '0123456789X';
  const right = chars.indexOf(patentCheckDigit(digits));
  return chars[(right + 1 + (shift % 10)) % 11];
}

/** How a listing writes a patent number. */
export type PatentStyle = 'compact' | 'spaced' | 'fullwidth' | 'bare';

/** Writes `digits.check` in one of the styles sellers use: ZL201620161392.4, ZL 2016 2 0161392.4, full-width, or without ZL. */
export function formatPatentNumber(digits: string, check: string, style: PatentStyle): string {
  if (style === 'spaced' && digits.length === 12) {
    return `ZL ${digits.slice(0, 4)} ${digits[4]} ${digits.slice(5)}.${check}`;
  }
  if (style === 'fullwidth') {
    const s = `ZL${digits}.${check}`;
    return s.replace(/[0-9A-Z.]/g, (c) => (c === '.' ? '．' : String.fromCharCode(c.charCodeAt(0) + 0xfee0)));
  }
  if (style === 'bare') return `${digits}.${check}`;
  return `ZL${digits}.${check}`;
}
