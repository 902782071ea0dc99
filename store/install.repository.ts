/**
 * The installation's identity (migration 0016): the id made at the first
 * migrate with the database's name, so a clone of the database (a template
 * copy) is another install. Jobs carry it; workers refuse other installs' jobs.
 */
import type { Queryable } from './database.js';

export async function installIdentity(db: Queryable): Promise<string> {
  try {
    const { rows } = await db.query(`SELECT id::text || '/' || current_database() AS identity FROM install_identity`);
    if (rows[0]?.identity) return rows[0].identity as string;
  } catch (err) {
    if ((err as { code?: string }).code !== '42P01') throw err;
  }
  throw new Error('the database has no install identity (table install_identity, migration 0016): run `npm run migrate` first');
}
