import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TARGET_F1, TARGET_FAMILY, runEval } from '../../detector/eval.command.js';

describe('detector evaluation set', () => {
  const { report } = runEval(fileURLToPath(new URL('./eval/', import.meta.url)));
  it('has several hundred labelled listings', () => { expect(report.overall.n).toBeGreaterThanOrEqual(300); });
  it(`meets F1 >= ${TARGET_F1} overall`, () => { expect(report.overall.f1).toBeGreaterThanOrEqual(TARGET_F1); });
  it.each(report.families.map((f) => [f.family, f] as const))(`family %s reaches ${TARGET_FAMILY}`, (_, f) => {
    expect(f.accuracy).toBeGreaterThanOrEqual(TARGET_FAMILY);
  });
});
