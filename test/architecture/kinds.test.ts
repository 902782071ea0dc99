/**
 * Each kind of right is one module (kinds/<kind>.kind.ts): nothing else may
 * list the kinds. The rules: kinds/ builds on domain/ and detector/ only;
 * the lower layers (domain/, detector/, image/, crawler/, ocr/) know nothing
 * of kinds/; and outside the kind modules, their own detector and image
 * signals, migrations, the demo, tests and benchmarks, no code spells a
 * kind's id or register table as a string. A new literal fails here with the
 * file and line named.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../config/config.loader.js';
import { projectFiles, relativeImports } from '../support/source.files.js';
import { BUILTIN_KINDS } from '../../kinds/kind.registry.js';


const files = (dir: string, ext: RegExp) => projectFiles(dir, ext).map((p) => path.relative(PROJECT_ROOT, p));

const top = (p: string) => p.split(path.sep)[0];
const read = (f: string) => readFileSync(path.join(PROJECT_ROOT, f), 'utf8');

const importsOf = (file: string) => relativeImports(path.join(PROJECT_ROOT, file), PROJECT_ROOT);

/** Code without its comments (line, block and HTML), line breaks kept so line numbers hold. */
const uncommented = (s: string) => s
  .replace(/\/\*[\s\S]*?\*\/|<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ' '))
  .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

/** Where kind names may be spelled: the kinds themselves, their signals, SQL migrations, the demo, tests, benchmarks. */
const MAY_NAME_KINDS = new Set(['kinds', 'detector', 'image', 'demo', 'test', 'bench']);
/** The load bench's seed writes rows of each built-in kind on purpose (bench/api-load.seed.ts calls it). */
const EXEMPT = new Set([path.join('store', 'load-history.repository.ts')]);

describe('kinds of right', () => {
  const sources = files(PROJECT_ROOT, /\.ts$/);

  it('kinds/ imports only domain/, detector/ and kinds/', () => {
    const bad = sources.filter((f) => top(f) === 'kinds').flatMap((f) => importsOf(f).filter((t) => !['domain', 'detector', 'kinds'].includes(top(t))).map((t) => `${f} imports ${t}`));
    expect(bad).toEqual([]);
  });

  it('domain/, detector/, image/, crawler/ and ocr/ import nothing from kinds/', () => {
    const bad = sources.filter((f) => ['domain', 'detector', 'image', 'crawler', 'ocr'].includes(top(f)))
      .flatMap((f) => importsOf(f).filter((t) => top(t) === 'kinds').map((t) => `${f} imports ${t}`));
    expect(bad).toEqual([]);
  });

  it('no code outside the kind modules spells a kind id or register table', () => {
    const names = BUILTIN_KINDS.flatMap((k) => [k.type, k.table.name]);
    const literal = new RegExp(`['"\`](${names.join('|')})['"\`]`);
    const checked = files(PROJECT_ROOT, /\.(ts|js|html)$/).filter((f) => !MAY_NAME_KINDS.has(top(f)) && !EXEMPT.has(f));
    expect(checked.length).toBeGreaterThan(100);
    const bad: string[] = [];
    for (const f of checked) {
      uncommented(read(f)).split('\n').forEach((line, i) => { if (literal.test(line)) bad.push(`${f}:${i + 1}: ${line.trim().slice(0, 120)}`); });
    }
    expect(bad).toEqual([]);
  });

  it('the literal check sees what it looks for', () => {
    const literal = /['"`](trademark|gi|patent)['"`]/;
    expect(literal.test(uncommented("if (m.assetType === 'patent') x();"))).toBe(true);
    expect(literal.test(uncommented("// m.assetType === 'patent'"))).toBe(false);
    expect(literal.test(uncommented('<option value="gi">'))).toBe(true);
  });
});
