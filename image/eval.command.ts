/**
 * Image evaluation: `npx tsx image/eval.command.ts [--seed 2026] [--no-ocr]`.
 * Prints logo precision/recall (per transformation) on the generated set in
 * test/image/eval, the text-presence test's decisions, and OCR character
 * accuracy (tesseract.js pool, text bands cropped and upscaled).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildEvalSet, logoBytes, logoSlugs } from '../test/image/eval/eval-set.generator.js';
import { charAccuracy } from '../ocr/char-accuracy.metric.js';
import { OcrPool } from '../ocr/ocr.pool.js';
import { detectTextPresence } from '../ocr/text-presence.filter.js';
import { LogoIndex } from './logo.index.js';
import { evaluateLogos } from './logo.eval.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const seed = Number(args[args.indexOf('--seed') + 1]) || 2026;
const withOcr = !args.includes('--no-ocr');

const cases = await buildEvalSet(seed);
const { registered } = logoSlugs();
const index = await LogoIndex.build(registered.map((s) => ({ logoId: s, assetId: s, bytes: logoBytes(s) })));
const r = await evaluateLogos(index, cases);
console.log(`logo set: ${registered.length} registered logos, ${cases.filter((c) => c.kind !== 'text').length} images (seed ${seed})`);
console.log('transformation   images  found  recall  false hits');
for (const [kind, k] of Object.entries(r.perKind)) {
  const recall = k.cases && cases.find((c) => c.kind === kind)?.logo ? (k.found / k.cases).toFixed(3) : '  -  ';
  console.log(`${kind.padEnd(16)} ${String(k.cases).padStart(6)} ${String(k.found).padStart(6)}  ${recall.padStart(6)}  ${String(k.falseHits).padStart(10)}`);
}
console.log(`logo precision ${r.precision.toFixed(3)}  recall ${r.recall.toFixed(3)}  (TP ${r.truePositives}, FP ${r.falsePositives}, FN ${r.falseNegatives}; ${r.msPerImage.toFixed(1)} ms/image wall)`);
if (args.includes('--verbose')) console.log(r.errors.join('\n'));

const texts = cases.filter((c) => c.kind === 'text');
const others = cases.filter((c) => c.kind !== 'text');
let textFound = 0, skipped = 0;
const bandsOf = new Map<string, Awaited<ReturnType<typeof detectTextPresence>>>();
for (const c of texts) { const t = await detectTextPresence(c.bytes); bandsOf.set(c.id, t); if (t.hasText) textFound++; }
for (const c of others) if (!(await detectTextPresence(c.bytes)).hasText) skipped++;
console.log(`text presence: ${textFound}/${texts.length} text images kept for OCR, ${skipped}/${others.length} images without text skipped`);

if (withOcr) {
  const pool = new OcrPool({ tessdataDir: path.join(root, 'var/tessdata'), size: 1 });
  try {
    const banded: Array<{ read: string; truth: string }> = [], whole: Array<{ read: string; truth: string }> = [];
    for (const c of texts) {
      const tp = bandsOf.get(c.id)!;
      banded.push({ read: tp.hasText ? await pool.read(c.bytes, tp.bands) : '', truth: c.text! });
      whole.push({ read: await pool.read(c.bytes), truth: c.text! });
    }
    console.log(`OCR character accuracy (${texts.length} images): ${charAccuracy(banded).toFixed(3)} with text bands cropped+upscaled, ${charAccuracy(whole).toFixed(3)} whole image upscaled`);
  } finally {
    await pool.close();
  }
}
