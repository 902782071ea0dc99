/**
 * The project's own files, walked from a folder, for the tests that read the
 * source (test/architecture/, the config-readers test): tools' output and
 * dependencies are never the project's; `skip` adds folder names left out at
 * any depth (test/, bench/ where a rule is about the shipped code).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Folders that are not the project's source at any depth. */
export const NOT_SOURCE = ['node_modules', '.git', 'test-results', 'var', 'dist'];

/** Absolute paths of the files under `dir` whose path matches `match`, leaving out NOT_SOURCE and `skip` folders. */
export function projectFiles(dir: string, match: RegExp, skip: readonly string[] = []): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (NOT_SOURCE.includes(name) || skip.includes(name)) continue;
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (match.test(p)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** The relative imports (static, re-exports and dynamic) of the file at `abs`, each resolved to a path relative to `root`. */
export function relativeImports(abs: string, root: string): string[] {
  const out: string[] = [];
  for (const m of readFileSync(abs, 'utf8').matchAll(/(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g)) {
    out.push(path.relative(root, path.resolve(path.dirname(abs), m[1] ?? m[2])));
  }
  return out;
}
