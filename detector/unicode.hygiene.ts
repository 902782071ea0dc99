/**
 * Unicode hygiene before matching: what a counterfeiter hides a mark with.
 * Per UTF-16 unit (so offsets into the original survive):
 * - compatibility forms folded by NFKC when they become one character
 *   (① → 1, ｱ, ⼈ Kangxi radical → 人, 﨑 compatibility ideograph);
 * - cross-script confusables folded to Latin (Cyrillic е in nikе, Greek ο),
 *   from the Unicode confusables data shipped in the `confusables` package;
 * - invisible characters dropped without a trace: zero-width and bidi
 *   controls, soft hyphen, variation selectors, combining marks (李\u0301宁).
 * Emoji and other symbols stay separators (see text.normalizer.ts).
 * For display: crawled text loses its bidi controls at capture
 * ({@link stripBidiControls}, via crawler/text.cleaner.ts), evidence sentences
 * every unsafe character ({@link sanitizeEvidence}).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Code units that are removed before matching, as if never typed. */
export function buildInvisibleTable(): Uint8Array {
  const t = new Uint8Array(65536);
  const range = (a: number, b: number) => { for (let c = a; c <= b; c++) t[c] = 1; };
  t[0xad] = 1; t[0x34f] = 1; t[0x61c] = 1; t[0x180e] = 1; t[0x3164] = 1; t[0xffa0] = 1; t[0xfeff] = 1;
  range(0x300, 0x36f); range(0x1ab0, 0x1aff); range(0x1dc0, 0x1dff); range(0x20d0, 0x20ff); range(0xfe20, 0xfe2f); // combining marks
  range(0x200b, 0x200f); range(0x202a, 0x202e); range(0x2060, 0x206f); // zero-width, bidi, invisible operators
  range(0xfe00, 0xfe0f); // variation selectors (❤️ = ❤ + FE0F)
  range(0x1160, 0x11ff); // Hangul jamo fillers
  range(0x3099, 0x309a); // combining kana marks
  return t;
}

/** Single-character foldings: NFKC where it yields one BMP character, then confusables to Latin. */
export function compatibilityFolds(): Map<number, number> {
  const out = new Map<number, number>();
  for (let c = 0xa0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const s = String.fromCharCode(c);
    const n = s.normalize('NFKC');
    if (n !== s && n.length === 1) out.set(c, n.charCodeAt(0));
  }
  const { characters } = require('confusables') as { characters: Map<string, string> };
  for (const [latin, lookalikes] of characters) {
    if (!/^[a-zA-Z0-9]$/.test(latin)) continue;
    for (const ch of lookalikes) {
      const c = ch.charCodeAt(0);
      // BMP non-Latin characters only; CJK ideographs and kana are never folded to Latin letters.
      if (ch.length !== 1 || c < 0x80 || (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff)) continue;
      // Letters and digits of other scripts only: symbols and emoji (❤) stay separators.
      if (!/[\p{L}\p{N}]/u.test(ch)) continue;
      if (!out.has(c)) out.set(c, latin.toLowerCase().charCodeAt(0));
    }
  }
  return out;
}

// Bidi formatting characters: LRM/RLM, the Arabic letter mark, embeddings and overrides (LRE…RLO), isolates (LRI…PDI).
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text shown in the order it is stored: bidi controls removed, so a crawled
 * title cannot display "exe.gpj" as "jpg.exe" (everything else is kept).
 */
export function stripBidiControls(text: string): string {
  return text.replace(BIDI, '');
}

// C0/C1 controls, bidi embeddings/isolates/marks, zero-width characters, BOM.
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

/** Evidence text a reviewer reads as it will display: controls and bidi overrides removed, line breaks made spaces. */
export function sanitizeEvidence(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').replace(UNSAFE, '');
}
