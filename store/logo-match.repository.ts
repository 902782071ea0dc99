/** Outcomes of logo matching per image content and logo index (see migration 0011). */
import type { Queryable } from './database.js';

/** The stored outcome of matching one image, or undefined when it was never matched against this index. */
export async function cachedLogoMatch<T>(db: Queryable, sha256: string, indexKey: string): Promise<T | undefined> {
  const { rows } = await db.query<{ result: T }>('SELECT result FROM logo_matches WHERE sha256 = $1 AND index_key = $2', [sha256, indexKey]);
  return rows[0]?.result;
}

/** Stores the outcome (idempotent: a concurrent worker's equal result wins or loses harmlessly). */
export async function saveLogoMatch(db: Queryable, sha256: string, indexKey: string, result: unknown): Promise<void> {
  await db.query('INSERT INTO logo_matches (sha256, index_key, result) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [sha256, indexKey, JSON.stringify(result)]);
}
