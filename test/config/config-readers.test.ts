/**
 * Every config key has a reader: a key that nothing reads is a promise the
 * code does not keep (an operator sets it and nothing changes). The keys are
 * not listed by hand: they are every key of every object in the zod schemas
 * of ipwatch.json (config/config.schema.ts, with the detector's section) and
 * of the platform files (config/platform.schema.ts), found by walking the
 * schemas (through defaults, optionals, unions, arrays and records).
 *
 * Matching rule. A key `…parent.key` has a reader when one source file
 * (`.ts` outside config/, test/ and bench/, and not a schema module)
 *   1. reads the property `key`: `.key` or `?.key` not followed by `(`
 *      (a method of the same name is not a read), or a destructuring
 *      `{ …, key, … } =` / `{ key: alias } =`; and
 *   2. names the parent key (`parent` as a word), so that a common name
 *      (`enabled`, `format`, `url`) read off an unrelated object in a file that
 *      has nothing to do with that section does not count. A top-level key
 *      needs only (1).
 * The rule reads text, not the syntax tree: a read in a comment counts too,
 * which only errs towards passing, never towards a false failure.
 * Readers are looked for through aliases (`const b = platform.block; b.markers`)
 * by rule 2 rather than by following the alias: the parent's name is in the
 * file that takes it apart. A key read only by a benchmark, a test or the
 * config loader has no reader. A key reached through several paths (a field
 * source used by every item field) is one key, with all its parents.
 *
 * EXEMPT lists the keys that are read generically (handed whole to a library,
 * or used by the loader to build the config itself), each with why. It stays
 * tiny; a stale entry (a key the schemas no longer have) fails too.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../config/config.loader.js';
import { projectFiles } from '../support/source.files.js';
import { configSchema } from '../../config/config.schema.js';
import { platformSchema } from '../../config/platform.schema.js';

/** Keys read generically, by their path as `<schema>:<path>` (`*` for an array or record element). */
const EXEMPT: Record<string, string> = {
  // The loader itself reads these to build `config.platforms` (the platform files, their base URL overrides).
  'ipwatch:platformsDir': 'read by config/config.loader.ts to load the platform files',
  'ipwatch:platformBaseUrls': 'read by config/config.loader.ts, applied to each platform file',
  // `browser.viewport` is handed whole to Playwright's context options (crawler/browser.pool.ts).
  'ipwatch:browser.viewport.width': 'passed whole to Playwright as `viewport`',
  'ipwatch:browser.viewport.height': 'passed whole to Playwright as `viewport`',
};

/** Source files that may read config: not the schemas, the loader, tests or benchmarks. */
const NOT_READERS = new Set(['node_modules', '.git', 'test-results', 'var', 'dist', 'config', 'test', 'bench']);
const SCHEMA_MODULES = new Set([path.join('detector', 'detector.config.ts')]);

interface ConfigKey {
  key: string;
  /** Every path the key is reached by (`search.link.selector`, `item.fields.title.selector`, …). */
  paths: string[];
  /** The keys of the objects that hold it (`link`, `title`, …); empty at the top level. */
  parents: Set<string>;
}

type Schema = { _zod: { def: Record<string, unknown> & { type: string } } };
const WRAPPERS = new Set(['default', 'prefault', 'optional', 'nullable', 'readonly', 'catch', 'nonoptional']);

function unwrap(s: Schema): Schema {
  for (;;) {
    const d = s._zod.def;
    if (WRAPPERS.has(d.type)) s = d.innerType as Schema;
    else if (d.type === 'pipe') s = d.in as Schema;
    else return s;
  }
}

/** Every key of every object schema under `root`, each object counted once however many paths reach it. */
function configKeys(root: unknown): ConfigKey[] {
  const objects = new Map<Schema, Map<string, ConfigKey>>();
  const visit = (schema: Schema, at: string[], parent: string | undefined) => {
    const s = unwrap(schema);
    const d = s._zod.def;
    if (d.type === 'object') {
      let keys = objects.get(s);
      if (!keys) objects.set(s, (keys = new Map()));
      for (const [key, sub] of Object.entries(d.shape as Record<string, Schema>)) {
        let k = keys.get(key);
        if (!k) keys.set(key, (k = { key, paths: [], parents: new Set() }));
        k.paths.push([...at, key].join('.'));
        if (parent) k.parents.add(parent);
        visit(sub, [...at, key], key);
      }
    } else if (d.type === 'union') for (const o of d.options as Schema[]) visit(o, at, parent);
    else if (d.type === 'array') visit(d.element as Schema, [...at, '*'], parent);
    else if (d.type === 'record') visit(d.valueType as Schema, [...at, '*'], parent);
  };
  visit(root as Schema, [], undefined);
  return [...objects.values()].flatMap((m) => [...m.values()]);
}

const sources = (dir: string) => projectFiles(dir, /\.ts$/, [...NOT_READERS]).filter((p) => !SCHEMA_MODULES.has(path.relative(PROJECT_ROOT, p)));

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const files = sources(PROJECT_ROOT).map((f) => ({ file: path.relative(PROJECT_ROOT, f), text: readFileSync(f, 'utf8') }));

/** The files that read `k` by the rule in the header. */
function readersOf(k: ConfigKey): string[] {
  const key = esc(k.key);
  const reads = new RegExp(`\\??\\.${key}\\b(?!\\s*\\()|\\{[^{}]*[{,\\s]${key}\\s*(?=[,:}])[^{}]*\\}\\s*=[^=>]`);
  const parents = [...k.parents].map((p) => new RegExp(`\\b${esc(p)}\\b`));
  return files.filter(({ text }) => reads.test(text) && (!parents.length || parents.some((p) => p.test(text)))).map((f) => f.file);
}

const SCHEMAS = { ipwatch: configSchema, platform: platformSchema };
const all = Object.entries(SCHEMAS).flatMap(([name, schema]) => configKeys(schema).map((k) => ({ name, k })));
const exemptOf = (name: string, k: ConfigKey) => k.paths.map((p) => `${name}:${p}`).find((id) => id in EXEMPT);

describe('config keys', () => {
  it('are found in both schemas, nested ones included', () => {
    const paths = new Set(all.flatMap(({ name, k }) => k.paths.map((p) => `${name}:${p}`)));
    for (const p of ['ipwatch:workers.attempts', 'ipwatch:detector.weights.exact', 'ipwatch:schedules.*.cron', 'platform:block.breakerThreshold', 'platform:item.sources.*.when', 'platform:item.fields.title.selector']) {
      expect(paths).toContain(p);
    }
    expect(all.length).toBeGreaterThan(200);
  });

  it('each have a reader outside config/, test/ and bench/', () => {
    const unread = all.filter(({ name, k }) => !exemptOf(name, k) && readersOf(k).length === 0).map(({ name, k }) => `${name}:${k.paths[0]}`);
    expect(unread, 'config keys nothing reads: wire them where they should act, or delete them (and their docs)').toEqual([]);
  });

  it('exempt only keys that exist and are really read generically', () => {
    const paths = new Set(all.flatMap(({ name, k }) => k.paths.map((p) => `${name}:${p}`)));
    expect(Object.keys(EXEMPT).filter((id) => !paths.has(id)), 'stale exemptions').toEqual([]);
    expect(Object.keys(EXEMPT).length).toBeLessThanOrEqual(6);
  });
});
