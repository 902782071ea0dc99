/**
 * Scan-run history for the officer's page: each run's times, state and
 * counts, read from scan_runs, search_pages, scan_run_listings, captures and
 * verdicts. One query in one function, so it can follow the per-run counters
 * the pipeline may add to scan_runs later.
 */
import type { Queryable } from './database.js';

/** One scan run as the run-history table shows it. */
export interface RunSummary {
  id: number;
  trigger: string;
  platforms: string[];
  /** running | finished | failed */
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  /** Search result pages: queued, done, failed. */
  pagesTotal: number; pagesDone: number; pagesFailed: number;
  /** Listings the run has to capture, and those no longer waiting. */
  listings: number; listingsDone: number;
  /** First capture of a listing made by this run. */
  newListings: number;
  /** A new capture (content changed) of a listing known before. */
  changed: number;
  gone: number;
  /** Suspect verdicts on this run's captures. */
  flagged: number;
  failed: number;
  /** Pages or listings refused by the platform (403/429, captcha). */
  blocked: number;
}

const BLOCKED = `'%blocked by platform%'`;

/** The newest runs (or just `ids`), newest first. */
export async function runSummaries(db: Queryable, f: { limit: number; offset?: number; ids?: number[] }): Promise<{ total: number; runs: RunSummary[] }> {
  const { rows } = await db.query(
    `SELECT r.id, r.trigger, r.platforms, r.status, r.started_at AS "startedAt", r.finished_at AS "finishedAt",
            COALESCE(sp."pagesTotal", 0) AS "pagesTotal", COALESCE(sp."pagesDone", 0) AS "pagesDone", COALESCE(sp."pagesFailed", 0) AS "pagesFailed",
            COALESCE(sl.listings, 0) AS listings, COALESCE(sl."listingsDone", 0) AS "listingsDone",
            COALESCE(cap."newListings", 0) AS "newListings", COALESCE(cap.changed, 0) AS changed,
            COALESCE(sl.gone, 0) AS gone, COALESCE(cap.flagged, 0) AS flagged, COALESCE(sl.failed, 0) + COALESCE(sp."pagesFailed", 0) AS failed,
            COALESCE(sl.blocked, 0) + COALESCE(sp.blocked, 0) AS blocked,
            count(*) OVER () AS total
     FROM scan_runs r
     LEFT JOIN LATERAL (
       SELECT count(*)::int AS "pagesTotal", count(*) FILTER (WHERE status = 'done')::int AS "pagesDone",
              count(*) FILTER (WHERE status = 'failed')::int AS "pagesFailed",
              count(*) FILTER (WHERE error ILIKE ${BLOCKED})::int AS blocked
       FROM search_pages WHERE scan_run_id = r.id) sp ON true
     LEFT JOIN LATERAL (
       SELECT count(*)::int AS listings, count(*) FILTER (WHERE status IN ('detected', 'gone', 'failed'))::int AS "listingsDone",
              count(*) FILTER (WHERE status = 'gone')::int AS gone, count(*) FILTER (WHERE status = 'failed')::int AS failed,
              count(*) FILTER (WHERE error ILIKE ${BLOCKED})::int AS blocked
       FROM scan_run_listings WHERE scan_run_id = r.id) sl ON true
     LEFT JOIN LATERAL (
       SELECT count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM captures o WHERE o.listing_id = c.listing_id AND o.id < c.id))::int AS "newListings",
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM captures o WHERE o.listing_id = c.listing_id AND o.id < c.id))::int AS changed,
              count(*) FILTER (WHERE v.suspect)::int AS flagged
       FROM captures c LEFT JOIN verdicts v ON v.capture_id = c.id WHERE c.scan_run_id = r.id) cap ON true
     WHERE ($1::bigint[] IS NULL OR r.id = ANY($1::bigint[]))
     ORDER BY r.started_at DESC, r.id DESC LIMIT $2 OFFSET $3`,
    [f.ids ?? null, f.limit, f.offset ?? 0]);
  const total = rows.length ? Number(rows[0].total) : 0;
  return { total, runs: rows.map(({ total: _t, ...r }) => r as RunSummary) };
}
