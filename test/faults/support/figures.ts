/** Each fault test's figures, printed and kept in test-results/faults.json (docs/reliability-faults.md quotes them). */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../../config/config.loader.js';

const FILE = path.join(PROJECT_ROOT, 'test-results', 'faults.json');

export function recordFigures(test: string, figures: Record<string, unknown>): void {
  let all: Record<string, unknown> = {};
  try { all = JSON.parse(readFileSync(FILE, 'utf8')); } catch { /* first test */ }
  all[test] = { ...figures, at: new Date().toISOString() };
  mkdirSync(path.dirname(FILE), { recursive: true });
  writeFileSync(FILE, `${JSON.stringify(all, null, 2)}\n`);
  console.log(`[faults] ${test}: ${JSON.stringify(figures)}`);
}
