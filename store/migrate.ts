/** Applies the versioned SQL migrations in store/migrations (node-pg-migrate). */
import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import pg from 'pg';

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
    if (!rowCount) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}
