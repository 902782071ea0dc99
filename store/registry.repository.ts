/**
 * The register of rights in Postgres: import (upsert) and read back. The
 * statements are generated from each installed kind's table and columns
 * (kinds/<kind>.kind.ts), so a new kind needs no code here. Table and column
 * names come from the kind modules (checked as SQL names at install), values
 * are always parameters.
 */
import type { Registry } from '../domain/registry.schema.js';
import type { AnyKind, KindColumn, RegisterEntry } from '../kinds/kind.js';
import { fieldOf, setField } from '../kinds/kind.js';
import { entriesOf, kindOf, rightKinds } from '../kinds/kind.registry.js';
import { inTransaction, type Db, type Queryable } from './database.js';

/** Entries imported, per register section (`trademarks: 12`). */
export type ImportCounts = Record<string, number>;

const cast: Record<KindColumn['type'], string> = { text: 'text', 'text[]': 'text[]', 'int[]': 'int[]', date: 'date' };

function upsertSql(k: AnyKind): string {
  const cols = k.table.columns;
  const names = ['id', ...cols.map((c) => c.column)];
  const values = names.map((_, i) => (i === 0 ? '$1' : `$${i + 1}::${cast[cols[i - 1].type]}`));
  const set = cols.map((c) => `${c.column} = EXCLUDED.${c.column}`);
  return `INSERT INTO ${k.table.name} (${names.join(', ')}) VALUES (${values.join(', ')})
          ON CONFLICT (id) DO UPDATE SET ${[...set, 'imported_at = now()'].join(', ')}`;
}

function selectSql(k: AnyKind, where: string): string {
  const cols = k.table.columns.map((c) => (c.type === 'date' ? `to_char(${c.column}, 'YYYY-MM-DD') AS ${c.column}` : c.column));
  return `SELECT ${['id', ...cols].join(', ')} FROM ${k.table.name} ${where} ORDER BY id`;
}

/** A table row back in the register's shape; NULL columns are left out, as an absent optional field. */
function entryOf(k: AnyKind, row: Record<string, unknown>): RegisterEntry {
  const e: RegisterEntry = { id: String(row.id) };
  for (const c of k.table.columns) {
    const v = row[c.column];
    if (v !== null && v !== undefined) setField(e, c.field, v);
  }
  return e;
}

/** Upserts every record of a validated register in one transaction. */
export async function importRegistry(db: Db, reg: Registry): Promise<ImportCounts> {
  return inTransaction(db, async (c) => {
    const counts: ImportCounts = {};
    for (const k of rightKinds()) {
      const entries = entriesOf(reg, k);
      const sql = upsertSql(k);
      for (const e of entries) await c.query(sql, [e.id, ...k.table.columns.map((col) => fieldOf(e, col.field) ?? null)]);
      counts[k.registerKey] = entries.length;
    }
    return counts;
  });
}

/** Reads the whole register back in FORMATS §1 shape (what the detector is built from). */
export async function loadRegistry(db: Queryable): Promise<Registry> {
  const kinds = rightKinds();
  const results = await Promise.all(kinds.map((k) => db.query(selectSql(k, ''))));
  return Object.fromEntries(kinds.map((k, i) => [k.registerKey, results[i].rows.map((r) => entryOf(k, r))])) as unknown as Registry;
}

/** Register entries for these matches' assets, keyed by `<type>:<id>`, each with its `type` (unknown kinds are skipped). */
export async function registerEntries(db: Queryable, assets: Array<{ assetId: string; assetType: string }>): Promise<Map<string, RegisterEntry & { type: string }>> {
  const out = new Map<string, RegisterEntry & { type: string }>();
  for (const k of rightKinds()) {
    const ids = [...new Set(assets.filter((a) => a.assetType === k.type).map((a) => a.assetId))];
    if (!ids.length) continue;
    const { rows } = await db.query(selectSql(k, 'WHERE id = ANY($1::text[])'), [ids]);
    for (const r of rows) out.set(`${k.type}:${r.id}`, { type: k.type, ...entryOf(k, r) });
  }
  return out;
}

/** Counts and the latest import of every kind's table: changes whenever the register does (the detector's rebuild key). */
export async function registerVersionKey(db: Queryable): Promise<string> {
  const kinds = rightKinds();
  const counts = kinds.map((k) => `(SELECT count(*) FROM ${k.table.name})::text`).join(` || '/' || `);
  const latest = kinds.map((k) => `SELECT imported_at FROM ${k.table.name}`).join(' UNION ALL ');
  const { rows } = await db.query<{ key: string }>(
    `SELECT ${counts} || '/' || COALESCE((SELECT max(imported_at) FROM (${latest}) t)::text, '') AS key`);
  return rows[0].key;
}

/** An entry's logo path as imported (relative to the register file), from whichever kind has logos and holds this id. */
export async function logoOfEntry(db: Queryable, id: string): Promise<string | undefined> {
  const withLogos = rightKinds().filter((k) => k.logoOf).map((k) => ({ assetId: id, assetType: k.type }));
  for (const entry of (await registerEntries(db, withLogos)).values()) {
    const logo = kindOf(entry.type)?.logoOf?.(entry);
    if (logo) return logo;
  }
  return undefined;
}
