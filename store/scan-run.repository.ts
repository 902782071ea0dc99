/**
 * Scan runs and what each has left to do: search pages and run listings.
 * A run is finished when none of either is still queued or undetected.
 */
import type { Db, Queryable } from './database.js';

export interface RunProgress {
  searchQueued: number; searchDone: number; searchFailed: number;
  listingsQueued: number; captured: number; detected: number; gone: number; failed: number;
}

export async function createRun(db: Db, platforms: string[], trigger: string): Promise<number> {
  const { rows } = await db.query('INSERT INTO scan_runs (platforms, trigger) VALUES ($1, $2) RETURNING id', [platforms, trigger]);
  return rows[0].id;
}

export async function getRun(db: Queryable, runId: number) {
  const { rows } = await db.query('SELECT * FROM scan_runs WHERE id = $1', [runId]);
  return rows[0] as { id: number; status: string; platforms: string[]; trigger: string; started_at: Date; finished_at: Date | null; stats: Record<string, unknown> } | undefined;
}

/** Records a search page as queued; false when the run already has it (re-delivery, a second path to it). */
export async function addSearchPage(db: Queryable, runId: number, platform: string, keyword: string, page: number): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO search_pages (scan_run_id, platform, keyword, page) VALUES ($1,$2,$3,$4) ON CONFLICT DO NOTHING`,
    [runId, platform, keyword, page]);
  return r.rowCount === 1;
}

export async function finishSearchPage(db: Queryable, runId: number, platform: string, keyword: string, page: number, outcome: { found: number } | { error: string }): Promise<void> {
  await db.query(
    `UPDATE search_pages SET status = $5, found = $6, error = $7, updated_at = now()
     WHERE scan_run_id = $1 AND platform = $2 AND keyword = $3 AND page = $4`,
    [runId, platform, keyword, page, 'error' in outcome ? 'failed' : 'done', 'found' in outcome ? outcome.found : 0, 'error' in outcome ? outcome.error : null]);
}

/** Adds listings to a run; returns the ids that were not in it yet (only those get a capture job). */
export async function addRunListings(db: Queryable, runId: number, listingIds: number[], source: 'search' | 'recheck'): Promise<number[]> {
  if (!listingIds.length) return [];
  const { rows } = await db.query(
    `INSERT INTO scan_run_listings (scan_run_id, listing_id, source)
     SELECT $1, unnest($2::bigint[]), $3 ON CONFLICT DO NOTHING RETURNING listing_id`,
    [runId, listingIds, source]);
  return rows.map((r) => r.listing_id);
}

export async function setRunListingStatus(db: Queryable, runId: number, listingId: number, status: 'captured' | 'detected' | 'gone' | 'failed', extra: { captureId?: number; error?: string } = {}): Promise<void> {
  await db.query(
    `UPDATE scan_run_listings SET status = $3, capture_id = COALESCE($4, capture_id), error = $5, updated_at = now()
     WHERE scan_run_id = $1 AND listing_id = $2`,
    [runId, listingId, status, extra.captureId ?? null, extra.error ?? null]);
}

export async function runProgress(db: Queryable, runId: number): Promise<RunProgress> {
  const { rows } = await db.query(
    `SELECT
       (SELECT count(*) FILTER (WHERE status='queued') FROM search_pages WHERE scan_run_id=$1)::int AS "searchQueued",
       (SELECT count(*) FILTER (WHERE status='done') FROM search_pages WHERE scan_run_id=$1)::int AS "searchDone",
       (SELECT count(*) FILTER (WHERE status='failed') FROM search_pages WHERE scan_run_id=$1)::int AS "searchFailed",
       count(*) FILTER (WHERE status='queued')::int AS "listingsQueued",
       count(*) FILTER (WHERE status='captured')::int AS captured,
       count(*) FILTER (WHERE status='detected')::int AS detected,
       count(*) FILTER (WHERE status='gone')::int AS gone,
       count(*) FILTER (WHERE status='failed')::int AS failed
     FROM scan_run_listings WHERE scan_run_id=$1`, [runId]);
  return rows[0];
}

/**
 * Marks the run finished if nothing is left; returns true only to the one caller
 * that made the transition (so end-of-run work happens once).
 */
export async function finishRunIfComplete(db: Db, runId: number): Promise<boolean> {
  const p = await runProgress(db, runId);
  if (p.searchQueued > 0 || p.listingsQueued > 0 || p.captured > 0) return false;
  const r = await db.query(
    `UPDATE scan_runs SET status='finished', finished_at=now(), stats=$2 WHERE id=$1 AND status='running'`,
    [runId, JSON.stringify(p)]);
  return r.rowCount === 1;
}

/** Listings of a run that were found gone (for delisting confirmation). */
export async function goneInRun(db: Queryable, runId: number): Promise<number[]> {
  const { rows } = await db.query(`SELECT listing_id FROM scan_run_listings WHERE scan_run_id=$1 AND status='gone'`, [runId]);
  return rows.map((r) => r.listing_id);
}
