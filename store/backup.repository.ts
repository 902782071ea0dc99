/** What a backup records of the database it dumps, and what a restore checks of its target. */
import type { Queryable } from './database.js';

/** The newest core migration applied (the schema version a backup was taken at); undefined before the first migrate. */
export async function schemaVersion(db: Queryable): Promise<string | undefined> {
  const exists = await db.query<{ t: string | null }>(`SELECT to_regclass('pgmigrations')::text AS t`);
  if (!exists.rows[0]?.t) return undefined;
  const { rows } = await db.query<{ name: string | null }>('SELECT max(name) AS name FROM pgmigrations');
  return rows[0]?.name ?? undefined;
}

/** How many tables the public schema holds (a restore goes only into an empty database). */
export async function tableCount(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`);
  return rows[0]?.n ?? 0;
}
