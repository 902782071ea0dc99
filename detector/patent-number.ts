/**
 * Chinese patent numbers as cited in listings: parsing (ZL/CN prefixes,
 * spaces, full-width digits, a missing or present check character) and the
 * CNIPA check digit (shared/data/patents/CN_PATENT_CHECK_DIGIT.md).
 */
import { toLight } from './text.normalizer.js';

export type PatentKind = 'invention' | 'utility_model' | 'design';

/** One patent number cited in a text. */
export interface PatentCitation {
  /** The citation as written. */
  raw: string;
  /** Offset of `raw` in the text. */
  index: number;
  /** The digits before the check character. */
  digits: string;
  /** The check character as written (digit or X), if any. */
  check?: string;
  /** 'new': 12 digits (since 2003); 'old': 8 digits; 'malformed': anything else. */
  format: 'new' | 'old' | 'malformed';
  /** Why it is malformed. */
  problem?: string;
  /** Kind implied by the type digit, when well-formed. */
  kind?: PatentKind;
  /** Canonical form: ZL + digits + '.' + check (check as written, or computed when absent). */
  canonical: string;
}

const WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];

/** Check character of 12 (or 8, old format) digits: weights 2..9,2..5, sum mod 11, 10 written X. */
export function checkDigit(digits: string): string {
  if (!/^\d+$/.test(digits) || (digits.length !== 12 && digits.length !== 8)) throw new Error(`expected 8 or 12 digits, got "${digits}"`);
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += (digits.charCodeAt(i) - 48) * WEIGHTS[i];
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

/** Kind from the type digit (1/8 invention, 2/9 utility model, 3 design). */
export function kindOfTypeDigit(d: string): PatentKind | undefined {
  return d === '1' || d === '8' ? 'invention' : d === '2' || d === '9' ? 'utility_model' : d === '3' ? 'design' : undefined;
}

// An anchor (ZL/CN prefix, or a patent keyword shortly before), then digits
// with optional single spaces, then an optional check character.
const ANCHORED = /(?:(zl|cn)\s*[:.]?\s*|(?:专利号|专利证书号|专利编号|专利申请号|申请号|专利|patent\s*(?:no\.?|number)?)\s*[:#]?\s*(?:为|是)?\s*(?:zl|cn)?\s*)(\d(?:[\s-]?\d){5,15})(?:\s*[.·]\s*([0-9x])(?![0-9a-z]))?(?:\s*([abus])(?![a-z]))?/gi;

/** Every patent number cited in `text`. Publication numbers (CN112330675B) are not application numbers and are left out. */
export function parsePatentNumbers(text: string): PatentCitation[] {
  const light = toLight(text);
  const out: PatentCitation[] = [];
  for (const m of light.matchAll(ANCHORED)) {
    const prefix = (m[1] ?? '').toLowerCase();
    let digits = m[2].replace(/[\s-]/g, '');
    let check = m[3]?.toUpperCase();
    if (m[4] && !check && prefix === 'cn') continue; // publication number, e.g. CN112330675B
    if (!check && digits.length === 13) { check = digits[12]; digits = digits.slice(0, 12); }
    if (!check && digits.length === 9) { check = digits[8]; digits = digits.slice(0, 8); }
    const digitsAt = m.index! + m[0].indexOf(m[2]);
    const lead = m[1] ? undefined : /(?:zl|cn)\s*[:.]?\s*$/i.exec(light.slice(Math.max(0, digitsAt - 5), digitsAt));
    const start = m[1] ? m.index! : digitsAt - (lead?.[0].length ?? 0);
    const raw = text.slice(start, m.index! + m[0].length - (m[4]?.length ?? 0)).trim();
    const c: PatentCitation = { raw, index: start, digits, check, format: 'malformed', canonical: '' };
    if (digits.length === 12) {
      const year = Number(digits.slice(0, 4));
      c.kind = kindOfTypeDigit(digits[4]);
      if (year < 2003 || year > 2099) c.problem = `年份${year}不可能`;
      else if (!c.kind) c.problem = `类型位“${digits[4]}”无效（应为1、2、3、8、9）`;
      else c.format = 'new';
    } else if (digits.length === 8) {
      const yy = Number(digits.slice(0, 2));
      c.kind = kindOfTypeDigit(digits[2]);
      if (!(yy >= 85 || yy <= 3)) c.problem = `年份${digits.slice(0, 2)}不可能`;
      else if (!c.kind) c.problem = `类型位“${digits[2]}”无效`;
      else c.format = 'old';
    } else {
      c.problem = `${digits.length}位数字（应为12位，2003年前为8位）`;
    }
    if (c.format === 'malformed') c.kind = undefined;
    c.canonical = `ZL${digits}${check ? `.${check}` : c.format !== 'malformed' ? `.${checkDigit(digits)}` : ''}`;
    out.push(c);
  }
  return out;
}
