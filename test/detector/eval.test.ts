import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TARGET_F1, TARGET_FAMILY, TARGET_REAL_PRECISION, TARGET_REAL_RECALL, runEval } from '../../detector/eval.command.js';

describe('detector evaluation set (synthetic)', () => {
  const { report } = runEval(fileURLToPath(new URL('./eval/', import.meta.url)));
  it('has several hundred labelled listings', () => { expect(report.overall.n).toBeGreaterThanOrEqual(300); });
  it(`meets F1 >= ${TARGET_F1} overall`, () => { expect(report.overall.f1).toBeGreaterThanOrEqual(TARGET_F1); });
  it.each(report.families.map((f) => [f.family, f] as const))(`family %s reaches ${TARGET_FAMILY}`, (_, f) => {
    expect(f.accuracy).toBeGreaterThanOrEqual(TARGET_FAMILY);
  });
});

describe('detector evaluation set (real Taobao titles)', () => {
  const { report } = runEval(fileURLToPath(new URL('./real/', import.meta.url)));
  it('has real titles with brand uses and mark characters used as ordinary words', () => {
    const n = (f: string) => report.families.find((x) => x.family === f)?.n ?? 0;
    expect(n('brand-use')).toBeGreaterThanOrEqual(150);
    expect(n('mark-chars-not-brand')).toBeGreaterThanOrEqual(150);
  });
  it(`reaches precision >= ${TARGET_REAL_PRECISION} at recall >= ${TARGET_REAL_RECALL}`, () => {
    expect(report.overall.recall).toBeGreaterThanOrEqual(TARGET_REAL_RECALL);
    expect(report.overall.precision).toBeGreaterThanOrEqual(TARGET_REAL_PRECISION);
  });
});
