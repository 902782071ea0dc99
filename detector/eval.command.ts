/**
 * Prints precision / recall / F1 of the detector on a labelled set, overall
 * and per case family; exits 1 when a target fails (F1 >= 0.97 overall, every
 * family's accuracy >= 0.90).
 *   npx tsx detector/eval.command.ts [dir] [--verbose]
 * `dir` holds registry.json and listings.jsonl whose lines carry `family`,
 * `expected: {suspect, assetIds}` and optionally `ocrText` (default:
 * test/detector/eval).
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

export const TARGET_F1 = 0.97;
export const TARGET_FAMILY = 0.9;

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

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--')) ?? fileURLToPath(new URL('../test/detector/eval/', import.meta.url));
  const { report, lines, verdicts } = runEval(dir);
  const ok = printReport(report);
  if (args.includes('--verbose')) {
    for (const e of report.errors) {
      const l = lines[e.index];
      console.log(`\n[${e.family}] ${l.listingId} expected ${JSON.stringify(e.expected)} got ${JSON.stringify(e.got)} :: ${l.title} | shop ${l.shop?.name}@${l.shop?.location} ${JSON.stringify(l.attributes)}`);
      for (const m of verdicts[e.index].matches) console.log(`   ${m.assetId} ${m.signal} ${m.score} ${m.evidence}`);
    }
  }
  process.exitCode = ok ? 0 : 1;
}
