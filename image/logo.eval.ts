/**
 * Logo evaluation over the generated set (test/image/eval): recall per
 * transformation, precision overall, false hits on look-alikes and
 * unregistered logos.
 */
import type { EvalCase } from '../test/image/eval/eval-set.generator.js';
import type { LogoIndex } from './logo.index.js';

/** Figures of one run. */
export interface LogoEvalReport {
  perKind: Record<string, { cases: number; found: number; falseHits: number }>;
  truePositives: number; falsePositives: number; falseNegatives: number;
  precision: number; recall: number;
  msPerImage: number;
  errors: string[];
}

/** Runs every non-text case through the index. */
export async function evaluateLogos(index: LogoIndex, cases: EvalCase[]): Promise<LogoEvalReport> {
  const perKind: LogoEvalReport['perKind'] = {};
  let tp = 0, fp = 0, fn = 0, n = 0, ms = 0;
  const errors: string[] = [];
  for (const c of cases) {
    if (c.kind === 'text') continue;
    const k = (perKind[c.kind] ??= { cases: 0, found: 0, falseHits: 0 });
    k.cases++;
    const t0 = performance.now();
    const res = await index.matchBytes(c.bytes);
    ms += performance.now() - t0; n++;
    if (!res.ok) { errors.push(`${c.id}: ${res.reason}`); if (c.logo) fn++; continue; }
    const hitIds = new Set(res.hits.map((h) => h.logoId));
    if (c.logo) {
      if (hitIds.has(c.logo)) { tp++; k.found++; } else { fn++; errors.push(`missed ${c.id}`); }
      hitIds.delete(c.logo);
    }
    if (hitIds.size) { fp += hitIds.size; k.falseHits += hitIds.size; errors.push(`false ${res.hits.filter((h) => hitIds.has(h.logoId)).map((h) => `${h.logoId} (${h.inliers} inliers, correlation ${h.correlation})`).join(',')} on ${c.id}`); }
  }
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  return { perKind, truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, msPerImage: n ? ms / n : 0, errors };
}
