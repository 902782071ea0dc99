/**
 * The direction of dependencies, checked on the source: api/ is a leaf that
 * only api/ and cli/ may import; crawler/ and detector/ know nothing of the
 * store; processors see ports, not the container. A new import that breaks a
 * rule fails here with the file and the import named.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../config/config.loader.js';
import { projectFiles, relativeImports } from '../support/source.files.js';


const sources = (dir: string) => projectFiles(dir, /\.ts$/);

/** Every relative import of every source file, resolved to a project path (`store/database.ts`). */
function imports(): Array<{ file: string; target: string }> {
  const out: Array<{ file: string; target: string }> = [];
  for (const abs of sources(PROJECT_ROOT)) {
    const file = path.relative(PROJECT_ROOT, abs);
    for (const target of relativeImports(abs, PROJECT_ROOT)) out.push({ file, target });
  }
  return out;
}

const top = (p: string) => p.split(path.sep)[0];
const all = imports();

function violations(from: (file: string) => boolean, to: (target: string) => boolean): string[] {
  return all.filter((i) => from(i.file) && to(i.target)).map((i) => `${i.file} imports ${i.target}`);
}

describe('layers', () => {
  it('finds the imports it checks', () => {
    expect(all.length).toBeGreaterThan(200);
    expect(all.some((i) => i.file.startsWith('api') && top(i.target) === 'enforcement')).toBe(true);
  });

  it('nothing outside api/, cli/ and the API tests imports api/', () => {
    // test/security/ holds the API's hostile-request tests (issue 23) beside the others.
    const allowed = (f: string) => ['api', 'cli'].includes(top(f)) || f.startsWith(path.join('test', 'api')) || f.startsWith(path.join('test', 'security')) || f.startsWith('bench');
    expect(violations((f) => !allowed(f), (t) => top(t) === 'api')).toEqual([]);
  });

  it('crawler/, detector/ and image/ import nothing from store/, queue/, app/ or enforcement/', () => {
    expect(violations((f) => ['crawler', 'detector', 'image'].includes(top(f)), (t) => ['store', 'queue', 'app', 'enforcement', 'api'].includes(top(t)))).toEqual([]);
  });

  it('domain/ imports nothing but domain/', () => {
    expect(violations((f) => top(f) === 'domain', (t) => top(t) !== 'domain')).toEqual([]);
  });

  it('queue/ does not reach into app/ or api/ (processors get ports)', () => {
    expect(violations((f) => top(f) === 'queue', (t) => ['app', 'api', 'cli'].includes(top(t)))).toEqual([]);
  });

  it('enforcement/ throws domain errors, never HTTP ones', () => {
    expect(violations((f) => top(f) === 'enforcement', (t) => ['api', 'queue', 'crawler'].includes(top(t)))).toEqual([]);
  });

  it('only config/ reads process.env', () => {
    const readers = sources(PROJECT_ROOT)
      .map((abs) => path.relative(PROJECT_ROOT, abs))
      .filter((f) => !['config', 'test', 'bench'].includes(top(f)))
      // Setting a library's quiet flag before it loads is not reading configuration.
      .filter((f) => /process\.env\b(?!\.\w+\s*\?\?=)/.test(readFileSync(path.join(PROJECT_ROOT, f), 'utf8')));
    expect(readers).toEqual([]);
  });
});
