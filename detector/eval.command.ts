/**
 * Prints precision / recall / F1 of the detector on its two labelled sets and
 * exits 1 when a target fails:
 * - synthetic (test/detector/eval): F1 >= 0.99 overall, every case family's accuracy >= 0.95;
 * - real Taobao titles (test/detector/real): precision >= 0.95 at recall >= 0.90.
 *   npx tsx detector/eval.command.ts [dir] [--verbose]
 * With `dir`, only that set (synthetic targets). A set is registry.json and
 * listings.jsonl whose lines carry `family`, `expected: {suspect, assetIds}`
 * and optionally `ocrText` and `peerPrices`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { ListingInput } from '../domain/listing.schema.js';
import { createDetector } from './detector.js';
import { parseDetectorConfig } from './detector.config.js';
import { evaluate, type EvalReport, type Labelled } from './eval.metrics.js';
import { parseRegistry } from './registry.loader.js';
import type { PeerPrice } from './signal.js';

export const TARGET_F1 = 0.99;
export const TARGET_FAMILY = 0.95;
export const TARGET_REAL_PRECISION = 0.95;
export const TARGET_REAL_RECALL = 0.9;

type Line = ListingInput & Labelled & { ocrText?: Record<string, string>; peerPrices?: PeerPrice[] };

/** Runs the detector on a labelled directory. */
export function runEval(dir: string): { report: EvalReport; lines: Line[]; verdicts: ReturnType<ReturnType<typeof createDetector>['detect']>[] } {
  const registry = parseRegistry(JSON.parse(readFileSync(path.join(dir, 'registry.json'), 'utf8')), path.join(dir, 'registry.json'));
  const lines = readFileSync(path.join(dir, 'listings.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Line);
  const detector = createDetector(registry);
  const verdicts = lines.map((l) => detector.detect({ listing: l, ocrText: l.ocrText, peerPrices: l.peerPrices }));
  return { report: evaluate(lines, verdicts, parseDetectorConfig().suspectThreshold), lines, verdicts };
}

const pct = (x: number) => (x * 100).toFixed(1).padStart(6);

export function printReport(r: EvalReport): boolean {
  const o = r.overall;
  console.log(`overall (per asset): precision ${pct(o.precision)}%  recall ${pct(o.recall)}%  F1 ${pct(o.f1)}%   (${o.n} listings, ${o.correct} fully correct)`);
  console.log(`overall (per listing suspect/not): precision ${pct(r.listing.precision)}%  recall ${pct(r.listing.recall)}%  F1 ${pct(r.listing.f1)}%`);
  console.log(`\n${'family'.padEnd(26)}     n  accuracy  precision  recall      F1  pass`);
  let ok = o.f1 >= TARGET_F1;
  for (const f of r.families) {
    const pass = f.accuracy >= TARGET_FAMILY;
    ok &&= pass;
    const hasPos = f.tp + f.fn > 0;
    console.log(`${f.family.padEnd(26)} ${String(f.n).padStart(5)}  ${pct(f.accuracy)}%   ${hasPos ? pct(f.precision) + '%' : '      -'}  ${hasPos ? pct(f.recall) + '%' : '     -'}  ${hasPos ? pct(f.f1) + '%' : '     -'}  ${pass ? 'yes' : 'NO'}`);
  }
  console.log(`\ntargets: F1 >= ${TARGET_F1 * 100}% and every family >= ${TARGET_FAMILY * 100}%: ${ok ? 'MET' : 'NOT MET'}`);
  return ok;
}

/** The real-title set's target: precision at recall (per asset flagged). */
export function printRealReport(r: EvalReport): boolean {
  const o = r.overall;
  console.log(`overall (per asset): precision ${pct(o.precision)}%  recall ${pct(o.recall)}%  F1 ${pct(o.f1)}%   (${o.n} listings, ${o.correct} fully correct; ${o.tp} true, ${o.fp} false flags, ${o.fn} missed)`);
  console.log(`overall (per listing suspect/not): precision ${pct(r.listing.precision)}%  recall ${pct(r.listing.recall)}%`);
  for (const f of r.families) console.log(`  ${f.family.padEnd(24)} ${String(f.n).padStart(5)} listings, accuracy ${pct(f.accuracy)}%`);
  const ok = o.precision >= TARGET_REAL_PRECISION && o.recall >= TARGET_REAL_RECALL;
  console.log(`targets: precision >= ${TARGET_REAL_PRECISION * 100}% at recall >= ${TARGET_REAL_RECALL * 100}%: ${ok ? 'MET' : 'NOT MET'}`);
  return ok;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const given = args.find((a) => !a.startsWith('--'));
  const sets = given ? [{ dir: given, real: false }] : [
    { dir: fileURLToPath(new URL('../test/detector/eval/', import.meta.url)), real: false },
    { dir: fileURLToPath(new URL('../test/detector/real/', import.meta.url)), real: true },
  ];
  let ok = true;
  for (const set of sets) {
    console.log(`\n== ${set.real ? 'real Taobao titles' : 'synthetic set'}: ${path.relative(process.cwd(), set.dir) || set.dir}`);
    const { report, lines, verdicts } = runEval(set.dir);
    ok = (set.real ? printRealReport(report) : printReport(report)) && ok;
    if (args.includes('--verbose')) printErrors(report, lines, verdicts);
  }
  process.exitCode = ok ? 0 : 1;
}

function printErrors(report: EvalReport, lines: Line[], verdicts: ReturnType<typeof runEval>['verdicts']): void {
  for (const e of report.errors) {
    const l = lines[e.index];
    console.log(`\n[${e.family}] ${l.listingId} expected ${JSON.stringify(e.expected)} got ${JSON.stringify(e.got)} :: ${l.title} | shop ${l.shop?.name}@${l.shop?.location} ${JSON.stringify(l.attributes)}`);
    for (const m of verdicts[e.index].matches) console.log(`   ${m.assetId} ${m.signal} ${m.score} ${m.evidence}`);
  }
}
