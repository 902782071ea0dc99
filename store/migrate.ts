/** Applies the versioned SQL migrations in store/migrations (node-pg-migrate). */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import pg from 'pg';
import type { Queryable } from './database.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

/** Where a set of migrations lives and which table records it (a plug-in kind keeps its own, beside the core's). */
export interface MigrationSet { dir: string; table: string }

export const CORE_MIGRATIONS: MigrationSet = { dir: MIGRATIONS_DIR, table: 'pgmigrations' };

export async function migrate(databaseUrl: string, direction: 'up' | 'down' = 'up', log: (msg: string) => void = () => {}, set: MigrationSet = CORE_MIGRATIONS): Promise<string[]> {
  const applied = await runner({
    databaseUrl,
    dir: set.dir,
    direction,
    migrationsTable: set.table,
    count: direction === 'down' ? Infinity : undefined,
    checkOrder: true,
    log,
    verbose: false,
    // Two `migrate` at once (two hosts starting, compose and a hand run): the second waits for the
    // first's advisory lock, then finds nothing left to apply, instead of failing with a stack trace.
    advisoryLockMode: 'wait',
  });
  return applied.map((m) => m.name);
}

/** Drops database `name` on the server of `adminUrl`, closing its connections (a benchmark's throw-away database). */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`refusing database name ${JSON.stringify(name)}`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Creates database `name` on the server of `adminUrl` if it does not exist (for tests and fresh set-ups). */
export async function ensureDatabase(adminUrl: string, name: string, opts: { recreate?: boolean } = {}): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`refusing database name ${JSON.stringify(name)}`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    if (opts.recreate) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    // Another process may create it between the check and here: that is the outcome wanted, not an error.
    if (!rowCount) {
      await client.query(`CREATE DATABASE ${name}`).catch((err: { code?: string }) => {
        if (err.code !== '42P04' && err.code !== '23505') throw err;
      });
    }
  } finally {
    await client.end();
  }
}

/** The migrations of `set` not applied to this database, and those applied that this code does not have (a newer schema). */
export async function schemaDrift(db: Queryable, set: MigrationSet = CORE_MIGRATIONS): Promise<{ missing: string[]; unknown: string[] }> {
  const files = readdirSync(set.dir).filter((f) => /\.(sql|js|ts)$/.test(f)).map((f) => f.replace(/\.(sql|js|ts)$/, '')).sort();
  const exists = await db.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [set.table]);
  const applied = exists.rows[0].t ? (await db.query<{ name: string }>(`SELECT name FROM ${pgIdent(set.table)}`)).rows.map((r) => r.name) : [];
  const have = new Set(applied);
  return { missing: files.filter((f) => !have.has(f)), unknown: applied.filter((a) => !files.includes(a)) };
}

const pgIdent = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`refusing migrations table name ${JSON.stringify(name)}`);
  return name;
};
