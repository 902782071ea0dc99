/**
 * Image benchmark, on one core (sharp concurrency 1, one OCR worker, CPU time
 * of this process measured with process.cpuUsage):
 *   1. logo matching images/s against 1,000 logos, and the ratio to 10 logos
 *      (1,000 = the real CC0 Simple Icons plus synthetic variants derived from
 *      them: icon + brand-name lockups, wordmarks in several fonts, mirrored
 *      icons, icon pairs);
 *   2. OCR seconds per image, tesseract.js vs the native `tesseract` CLI on
 *      the same preprocessed images (bench/image.setup.sh installs it);
 *   3. the share of demo marketplace images the text-presence test skips.
 *   npx tsx bench/image.bench.ts [--logos 1000] [--images 40] [--ocr 12] [--demo 300] [--rounds 1]
 * (--rounds N: a warm-up pass over every image, then N timed passes: steadier
 * figures on a shared machine; 1 = three warm-up images and one pass)
 */
process.env.UV_THREADPOOL_SIZE = '1';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { generateCatalog } from '../demo/marketplace/catalog.generator.js';
import { renderProductImage } from '../demo/marketplace/image.renderer.js';
import { loadRegistryFile } from '../detector/registry.loader.js';
import { LogoIndex } from '../image/logo.index.js';
import { OcrPool } from '../ocr/ocr.pool.js';
import { detectTextPresence } from '../ocr/text-presence.filter.js';
import { buildEvalSet, type EvalCase, logoBytes, logoSlugs } from '../test/image/eval/eval-set.generator.js';
import { syntheticLogos } from '../test/image/eval/synthetic-logos.generator.js';

sharp.concurrency(1);
sharp.cache(false); // as the workers run it (app/container.ts)
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name: string, dflt: number) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
const N_LOGOS = arg('logos', 1000), N_IMAGES = arg('images', 40), N_OCR = arg('ocr', 12), N_DEMO = arg('demo', 300), ROUNDS = arg('rounds', 1);
const OPTS = process.argv.includes('--opts') ? JSON.parse(process.argv[process.argv.indexOf('--opts') + 1]) : {};
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };

/** CPU-timed matching of every image (after a warm-up); recall counts images whose own logo is among the hits, false hits any other logo. */
async function timeMatching(index: LogoIndex, cases: EvalCase[]): Promise<{ perSec: number; wallPerSec: number; found: number; positives: number; falseHits: number }> {
  for (const c of ROUNDS > 1 ? cases : cases.slice(0, 3)) await index.matchBytes(c.bytes); // warm-up
  const c0 = cpu(), w0 = performance.now();
  let results = [];
  for (let r = 0; r < ROUNDS; r++) { results = []; for (const c of cases) results.push(await index.matchBytes(c.bytes)); }
  const c = (cpu() - c0) / ROUNDS, w = (performance.now() - w0) / 1000 / ROUNDS;
  let found = 0, falseHits = 0;
  results.forEach((r, i) => {
    const hits = r.ok ? r.hits : [];
    if (hits.some((h) => h.logoId === cases[i].logo)) found++;
    falseHits += hits.filter((h) => h.logoId !== cases[i].logo).length;
  });
  return { perSec: cases.length / c, wallPerSec: cases.length / w, found, positives: cases.filter((x) => x.logo).length, falseHits };
}

// 1. Logo matching.
if (!process.argv.includes('--ocr-only')) {
const { registered, distractors } = logoSlugs();
const icons = [...registered, ...distractors];
const ten = registered.slice(0, 10).map((s) => ({ logoId: s, assetId: s, bytes: logoBytes(s) }));
const set = await buildEvalSet(77, { perTransform: 10, negatives: 10, texts: 0 });
const queries = [...set.filter((c) => c.kind === 'corner' || c.kind === 'resize'), ...set.filter((c) => c.kind === 'lookalike')].slice(0, N_IMAGES);
let t0 = cpu();
const idx10 = await LogoIndex.build(ten, OPTS);
const build10 = cpu() - t0;
t0 = cpu();
const idxN = await LogoIndex.build([...ten, ...syntheticLogos(N_LOGOS - ten.length, icons)], OPTS);
const buildN = cpu() - t0;
const r10 = await timeMatching(idx10, queries);
const rN = await timeMatching(idxN, queries);
console.log(`logo index: 10 logos ${idx10.descriptors} descriptors (build ${build10.toFixed(1)} s CPU); ${idxN.size} logos ${idxN.descriptors} descriptors (build ${buildN.toFixed(1)} s CPU, ${(buildN / idxN.size * 1000).toFixed(0)} ms per logo)`);
console.log(`logo matching, ${queries.length} images (decode + ORB + index + verify), one core: ${r10.perSec.toFixed(1)} images/s vs 10 logos, ${rN.perSec.toFixed(1)} images/s vs ${idxN.size} logos (CPU time; wall ${r10.wallPerSec.toFixed(1)} / ${rN.wallPerSec.toFixed(1)})`);
console.log(`cost ratio ${idxN.size} vs 10 logos: ${(r10.perSec / rN.perSec).toFixed(2)}x time for ${(idxN.size / 10).toFixed(0)}x logos (sublinear)`);
console.log(`recall of the true logo: ${r10.found}/${r10.positives} vs 10 logos, ${rN.found}/${rN.positives} vs ${idxN.size} logos; false hits ${r10.falseHits} / ${rN.falseHits} (${queries.length - r10.positives} look-alike photos among the images)`);

}
// 2. OCR: tesseract.js vs native tesseract on the same preprocessed images.
if (!process.argv.includes('--logos-only')) {
const texts = (await buildEvalSet(78, { perTransform: 0, negatives: 0, texts: N_OCR })).filter((c) => c.kind === 'text');
const dir = mkdtempSync(path.join(tmpdir(), 'ocr-bench-'));
const files: string[] = [];
for (const [i, c] of texts.entries()) {
  const meta = await sharp(c.bytes).metadata();
  const f = path.join(dir, `t${i}.png`);
  writeFileSync(f, await sharp(c.bytes).resize({ width: (meta.width ?? 640) * 2 }).greyscale().png().toBuffer());
  files.push(f);
}
const pool = new OcrPool({ tessdataDir: path.join(root, 'var/tessdata'), size: 1, upscale: 1 });
await pool.read(readFileSync(files[0]));
let w = performance.now();
for (const f of files) await pool.read(readFileSync(f));
const jsPer = (performance.now() - w) / 1000 / files.length;
const bands = await Promise.all(texts.map((c) => detectTextPresence(c.bytes)));
const pool2 = new OcrPool({ tessdataDir: path.join(root, 'var/tessdata'), size: 1 });
await pool2.read(texts[0].bytes, bands[0].bands);
w = performance.now();
for (const [i, c] of texts.entries()) await pool2.read(c.bytes, bands[i].bands);
const jsBandsPer = (performance.now() - w) / 1000 / texts.length;
await pool.close(); await pool2.close();
const setup = spawnSync('bash', [path.join(root, 'bench/image.setup.sh')], { stdio: ['ignore', 'pipe', 'inherit'] });
if (setup.status === 0) {
  const lang = 'chi_sim+eng', common = ['-l', lang, '--psm', '11', '-c', 'thresholding_method=2'];
  execFileSync('tesseract', [files[0], 'stdout', ...common], { stdio: 'ignore' });
  w = performance.now();
  for (const f of files) execFileSync('tesseract', [f, 'stdout', ...common], { stdio: 'ignore' });
  const cliPer = (performance.now() - w) / 1000 / files.length;
  const list = path.join(dir, 'list.txt');
  writeFileSync(list, files.join('\n') + '\n');
  w = performance.now();
  execFileSync('tesseract', [list, 'stdout', ...common], { stdio: 'ignore', env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
  const cliWarm = (performance.now() - w) / 1000 / files.length;
  console.log(`OCR, ${files.length} images (640 px upscaled 2x, psm 11, Sauvola): tesseract.js ${jsPer.toFixed(3)} s/image; native tesseract ${cliPer.toFixed(3)} s/image one call each (${cliWarm.toFixed(3)} warm, one call for all); tesseract.js / native = ${(jsPer / cliPer).toFixed(2)}x (${(jsPer / cliWarm).toFixed(2)}x vs warm)`);
} else console.log(`OCR: tesseract.js ${jsPer.toFixed(3)} s/image; native tesseract not available (bench/image.setup.sh failed)`);
console.log(`OCR with text bands only (text-presence crops, 2x): tesseract.js ${jsBandsPer.toFixed(3)} s/image`);

// 3. Text-presence skip share on the demo marketplace's images.
const registry = await loadRegistryFile(path.join(root, 'demo/registry.json'));
const specs = generateCatalog(registry, { seed: 42 }).listings.flatMap((l) => l.imageSpecs).slice(0, N_DEMO);
let skipped = 0;
const c0 = cpu();
for (const s of specs) if (!(await detectTextPresence(await renderProductImage(s))).hasText) skipped++;
const withText = specs.filter((s) => s.text.length > 0).length;
console.log(`text presence on ${specs.length} demo images: ${skipped} skipped (${(100 * skipped / specs.length).toFixed(1)}%); ${withText} carry text (${specs.length - withText} do not); ${((cpu() - c0) / specs.length * 1000).toFixed(1)} ms CPU per image incl. rendering`);
}
