/**
 * Scan-run history for the officer's page: each run's times, state and
 * counts, read from the counters the pipeline keeps per run and platform
 * (scan_run_counts), so the page costs the same for a run of ten listings
 * or ten thousand.
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
  /** Pages or listings refused by the platform (login wall, captcha, 403); a throttle (429) is not counted here. */
  blocked: number;
  /** The same figures per platform, with errors by kind. */
  byPlatform: Record<string, { listings: number; flagged: number; failed: number; blocked: number; gone: number; errors: Record<string, number> }>;
}

/** The newest runs (or just `ids`), newest first; counts come from the run's counters (scan_run_counts), summed over platforms. */
export async function runSummaries(db: Queryable, f: { limit: number; offset?: number; ids?: number[] }): Promise<{ total: number; runs: RunSummary[] }> {
  const { rows } = await db.query(
    `SELECT r.id, r.trigger, r.platforms, r.status, r.started_at AS "startedAt", r.finished_at AS "finishedAt",
            COALESCE(c."pagesTotal", 0) AS "pagesTotal", COALESCE(c."pagesDone", 0) AS "pagesDone", COALESCE(c."pagesFailed", 0) AS "pagesFailed",
            COALESCE(c.listings, 0) AS listings, COALESCE(c."listingsDone", 0) AS "listingsDone",
            COALESCE(c."newListings", 0) AS "newListings", COALESCE(c.changed, 0) AS changed,
            COALESCE(c.gone, 0) AS gone, COALESCE(c.flagged, 0) AS flagged, COALESCE(c.failed, 0) AS failed, COALESCE(c.blocked, 0) AS blocked,
            COALESCE(c."byPlatform", '{}'::jsonb) AS "byPlatform",
            count(*) OVER () AS total
     FROM scan_runs r
     LEFT JOIN LATERAL (
       SELECT sum(pages_queued + pages_done + pages_empty + pages_failed + pages_blocked)::int AS "pagesTotal",
              sum(pages_done + pages_empty)::int AS "pagesDone", sum(pages_failed)::int AS "pagesFailed",
              sum(listings)::int AS listings, sum(listings - (open - pages_queued))::int AS "listingsDone",
              sum(listings_new)::int AS "newListings", sum(changed)::int AS changed, sum(gone)::int AS gone, sum(flagged)::int AS flagged,
              sum(failed + pages_failed)::int AS failed, sum(blocked + pages_blocked)::int AS blocked,
              jsonb_object_agg(platform, jsonb_build_object('listings', listings, 'flagged', flagged, 'failed', failed + pages_failed,
                'blocked', blocked + pages_blocked, 'gone', gone, 'errors', errors)) AS "byPlatform"
       FROM scan_run_counts WHERE scan_run_id = r.id) c ON true
     WHERE ($1::bigint[] IS NULL OR r.id = ANY($1::bigint[]))
     ORDER BY r.started_at DESC, r.id DESC LIMIT $2 OFFSET $3`,
    [f.ids ?? null, f.limit, f.offset ?? 0]);
  const total = rows.length ? Number(rows[0].total) : 0;
  return { total, runs: rows.map(({ total: _t, ...r }) => r as RunSummary) };
}
