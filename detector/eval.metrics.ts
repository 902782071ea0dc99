/**
 * Precision, recall and F1 of the detector on a labelled set, overall (per
 * asset flagged) and per case family (a family passes at accuracy >= 0.90).
 */
import type { Verdict } from '../domain/verdict.js';

export interface Labelled { family: string; expected: { suspect: boolean; assetIds: string[] } }

export interface FamilyStats { family: string; n: number; correct: number; tp: number; fp: number; fn: number; accuracy: number; precision: number; recall: number; f1: number }

export interface EvalReport { overall: FamilyStats; listing: { precision: number; recall: number; f1: number }; families: FamilyStats[]; errors: Array<{ index: number; family: string; expected: string[]; got: string[] }> }

const prf = (tp: number, fp: number, fn: number) => {
  const precision = tp + fp ? tp / (tp + fp) : 1, recall = tp + fn ? tp / (tp + fn) : 1;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
};

/** Assets the verdict flags: matches at or above the suspect threshold. */
export function flaggedAssets(v: Verdict, threshold: number): string[] {
  return v.suspect ? [...new Set(v.matches.filter((m) => m.score >= threshold).map((m) => m.assetId))].sort() : [];
}

export function evaluate(labels: Labelled[], verdicts: Verdict[], threshold: number): EvalReport {
  const fam = new Map<string, FamilyStats>();
  const all: FamilyStats = { family: 'overall', n: 0, correct: 0, tp: 0, fp: 0, fn: 0, accuracy: 0, precision: 0, recall: 0, f1: 0 };
  const errors: EvalReport['errors'] = [];
  let ltp = 0, lfp = 0, lfn = 0;
  labels.forEach((l, i) => {
    const got = flaggedAssets(verdicts[i], threshold);
    const exp = [...l.expected.assetIds].sort();
    const f = fam.get(l.family) ?? { family: l.family, n: 0, correct: 0, tp: 0, fp: 0, fn: 0, accuracy: 0, precision: 0, recall: 0, f1: 0 };
    fam.set(l.family, f);
    const tp = got.filter((a) => exp.includes(a)).length;
    const ok = verdicts[i].suspect === l.expected.suspect && tp === exp.length && got.length === exp.length;
    for (const s of [f, all]) { s.n++; s.tp += tp; s.fp += got.length - tp; s.fn += exp.length - tp; if (ok) s.correct++; }
    if (verdicts[i].suspect && l.expected.suspect) ltp++; else if (verdicts[i].suspect) lfp++; else if (l.expected.suspect) lfn++;
    if (!ok) errors.push({ index: i, family: l.family, expected: exp, got });
  });
  const finish = (s: FamilyStats) => Object.assign(s, { accuracy: s.n ? s.correct / s.n : 1 }, prf(s.tp, s.fp, s.fn));
  return { overall: finish(all), listing: prf(ltp, lfp, lfn), families: [...fam.values()].map(finish).sort((a, b) => a.family.localeCompare(b.family)), errors };
}
