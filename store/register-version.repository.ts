/**
 * The register's version key: the entry counts of each register table and
 * the newest import time. An import or a deleted entry changes it, so the
 * detector is rebuilt when (and only when) the register changed
 * (app/detector.provider.ts).
 */
import type { Queryable } from './database.js';

/** `<trademarks>/<GIs>/<patents>/<newest imported_at>` (the last part empty for an empty register). */
export async function registerVersionKey(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ key: string }>(
    `SELECT (SELECT count(*) FROM trademarks) || '/' || (SELECT count(*) FROM geo_indications) || '/' || (SELECT count(*) FROM patents) || '/' ||
            COALESCE((SELECT max(imported_at) FROM (SELECT imported_at FROM trademarks UNION ALL SELECT imported_at FROM geo_indications
              UNION ALL SELECT imported_at FROM patents) t)::text, '') AS key`);
  return rows[0].key;
}
