/**
 * The look-alike / near-homophone table (config/lookalikes.json, extendable),
 * compiled to a fold table: char code -> canonical char code, applied after
 * the light normalisation (so table entries may be written traditional or
 * full-width too).
 */
import { readFileSync } from 'node:fs';
import { InputError, fieldPath } from '../domain/errors.js';
import { lookalikeTableSchema, type DetectorConfig, type LookalikeTable } from './detector.config.js';
import { getLightTable } from './text.normalizer.js';

/** The bundled table's location. */
export const BUNDLED_LOOKALIKES = new URL('../config/lookalikes.json', import.meta.url);

let bundled: LookalikeTable | undefined;

/** Reads and validates a look-alike table file. */
export function readLookalikeFile(path: string | URL): LookalikeTable {
  const file = typeof path === 'string' ? path : path.pathname;
  let raw: unknown;
  try { raw = JSON.parse(readFileSync(path, 'utf8')); } catch (e) {
    throw new InputError(file, [{ field: '', message: `cannot read look-alike table: ${(e as Error).message}` }]);
  }
  const r = lookalikeTableSchema.safeParse(raw);
  if (!r.success) throw new InputError(file, r.error.issues.map((i) => ({ field: fieldPath(i.path), message: i.message })));
  return r.data;
}

/** The tables the config asks for, bundled first. */
export function lookalikeTables(config: Pick<DetectorConfig, 'lookalikes' | 'mergeBundledLookalikes'>): LookalikeTable[] {
  const tables: LookalikeTable[] = [];
  if (!config.lookalikes || config.mergeBundledLookalikes) tables.push(bundled ??= readLookalikeFile(BUNDLED_LOOKALIKES));
  if (typeof config.lookalikes === 'string') tables.push(readLookalikeFile(config.lookalikes));
  else if (config.lookalikes) tables.push(config.lookalikes);
  return tables;
}

/** Compiles tables to a fold table; groups sharing a character are merged (union-find). */
export function compileFoldTable(tables: LookalikeTable[]): Uint16Array {
  const light = getLightTable();
  const parent = new Map<number, number>();
  const find = (c: number): number => {
    let r = c;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    return r;
  };
  const union = (canon: number, other: number) => {
    const a = find(canon), b = find(other);
    if (!parent.has(a)) parent.set(a, a);
    if (a !== b) parent.set(b, a);
  };
  const code = (s: string): number | undefined => (s.length === 1 ? light[s.charCodeAt(0)] : undefined);
  for (const t of tables) {
    for (const g of t.groups) {
      const canon = code(g[0]);
      if (canon === undefined) continue;
      if (!parent.has(canon)) parent.set(canon, canon);
      for (const m of g.slice(1)) { const c = code(m); if (c !== undefined) union(canon, c); }
    }
    for (const [v, c] of Object.entries(t.map)) {
      const vc = code(v), cc = code(c);
      if (vc !== undefined && cc !== undefined) union(cc, vc);
    }
  }
  const fold = new Uint16Array(65536);
  for (let i = 0; i < 65536; i++) fold[i] = i;
  for (const c of parent.keys()) fold[c] = find(c);
  return fold;
}
