/**
 * The version of the review data (migration 0006): advanced by every
 * statement that writes listings, captures, verdicts, decisions, cases or
 * notices. Equal versions mean nothing the review queue or the statistics
 * read has changed (or a write is still uncommitted: callers also bound
 * how long they reuse a result).
 */
import type { Queryable } from './database.js';

export async function reviewDataVersion(db: Queryable): Promise<string> {
  const { rows } = await db.query({ name: 'review_data_version', text: 'SELECT last_value, is_called FROM review_data_version' });
  return `${rows[0].last_value}:${rows[0].is_called}`;
}
