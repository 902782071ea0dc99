/**
 * One name, one meaning (issue 21), checked on the source so that code moved
 * or merged later cannot bring a second meaning back: `listing_id` is only the
 * foreign key to listings.id (the platform's own id is
 * listings.platform_listing_id, migration 0014); `Signal` is only the
 * detector's plug-in interface (a signal's name is `SignalName`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../config/config.loader.js';
import { projectFiles } from '../support/source.files.js';



const rel = (abs: string) => path.relative(PROJECT_ROOT, abs);
/** Migrations before 0014 are history: they created the old name. */
const history = (file: string) => /^store\/migrations\/00(0\d|1[0-3])_/.test(file);
const code = projectFiles(PROJECT_ROOT, /\.(ts|js|sql)$/).map((abs) => ({ file: rel(abs), text: readFileSync(abs, 'utf8') })).filter((f) => !history(f.file));

describe('names with one meaning', () => {
  it('reads the platform\'s id of a listing only as platform_listing_id, never as listings.listing_id', () => {
    const oldName = [
      /\b(?:l|listings)\.listing_id\b/, // alias l is listings everywhere in store/ and tests
      /INSERT INTO listings\s*\([^)]*\blisting_id\b/i,
      /FROM listings\s+WHERE\s+listing_id\b/i,
      /ON CONFLICT\s*\(\s*platform\s*,\s*listing_id\s*\)/i,
      /DISTINCT\s*\(\s*platform\s*,\s*listing_id\s*\)/i,
    ];
    const hits = code.flatMap(({ file, text }) => text.split('\n').flatMap((line, i) =>
      oldName.some((r) => r.test(line)) && file !== 'test/architecture/names.test.ts' ? [`${file}:${i + 1}: ${line.trim()}`] : []));
    expect(hits).toEqual([]);
  });

  it('keeps Signal for the plug-in interface: the union of signal names is SignalName, exported from domain/verdict.ts only', () => {
    const declaresSignal = code.filter(({ text }) => /export\s+(?:type|interface)\s+Signal\b/.test(text)).map((f) => f.file);
    expect(declaresSignal).toEqual(['detector/signal.ts']);
    const declaresName = code.filter(({ text }) => /export\s+type\s+SignalName\b/.test(text)).map((f) => f.file);
    expect(declaresName).toEqual(['domain/verdict.ts']);
  });

});
