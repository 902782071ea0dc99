/**
 * Runs that say `running` but have not moved: no search page or listing of
 * theirs changed for longer than a limit (their last progress is the latest
 * of the run's start and its pages' and listings' `updated_at`). Read by
 * `/api/health` (app/health.service.ts): such a run is waiting on work no
 * worker will do.
 */
import type { Queryable } from './database.js';

/** A running run and how long since it last moved. */
export interface StuckRun { id: number; idleSeconds: number }

/** Running runs idle for more than `idleSeconds` (at most `limit`, oldest progress first). */
export async function stuckRuns(db: Queryable, idleSeconds: number, limit = 10): Promise<StuckRun[]> {
  const { rows } = await db.query<{ id: string; idle: number }>(
    `SELECT id, idle FROM (
       SELECT r.id, EXTRACT(EPOCH FROM now() - GREATEST(r.started_at,
         (SELECT max(p.updated_at) FROM search_pages p WHERE p.scan_run_id = r.id),
         (SELECT max(l.updated_at) FROM scan_run_listings l WHERE l.scan_run_id = r.id)))::float8 AS idle
       FROM scan_runs r WHERE r.status = 'running') s
     WHERE idle > $1 ORDER BY idle DESC LIMIT $2`, [idleSeconds, limit]);
  return rows.map((r) => ({ id: Number(r.id), idleSeconds: Math.round(r.idle) }));
}
