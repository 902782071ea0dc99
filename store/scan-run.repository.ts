/**
 * Scan runs and their bookkeeping. Every item of a run (a search page, a
 * listing) moves through states in one UPDATE that also adjusts the run's
 * counters per platform (`scan_run_counts`), so "is the run finished?" reads a
 * handful of counter rows, never the run's items: O(1) per job.
 */
import type { ListingState, RunListingSource, RunStatus, SearchOutcome } from '../domain/run-state.js';
import type { Db, Queryable } from './database.js';

/** A run as stored. */
export interface RunRow {
  id: number; uuid: string; status: RunStatus; platforms: string[]; trigger: string; campaign_id: number | null;
  started_at: Date; finished_at: Date | null; stats: Record<string, unknown>;
}

/** One platform's figures in one run. */
export interface RunCounts {
  platform: string; open: number; inDetect: number;
  pagesQueued: number; pagesDone: number; pagesEmpty: number; pagesFailed: number; pagesBlocked: number;
  listings: number; listingsNew: number; captured: number; changed: number; detected: number; flagged: number;
  gone: number; failed: number; blocked: number; errors: Record<string, number>;
}

/** A run's figures summed over its platforms (the shape the CLI and tests print). */
export interface RunProgress {
  searchQueued: number; searchDone: number; searchFailed: number; searchEmpty: number; searchBlocked: number;
  listingsQueued: number; captured: number; detected: number; gone: number; failed: number; blocked: number; flagged: number; open: number;
}

/**
 * Creates a run with a zeroed counter row per platform. With a campaign, the
 * unique index on a campaign's running run makes this throw (23505) while
 * another run of the campaign is in progress: the campaign lock.
 */
export async function createRun(db: Db, platforms: string[], trigger: string, campaignId: number | null = null): Promise<{ id: number; uuid: string }> {
  const { rows } = await db.query(
    `WITH r AS (INSERT INTO scan_runs (platforms, trigger, campaign_id) VALUES ($1, $2, $3) RETURNING id, uuid),
          c AS (INSERT INTO scan_run_counts (scan_run_id, platform) SELECT r.id, unnest($1::text[]) FROM r)
     SELECT id, uuid FROM r`, [platforms, trigger, campaignId]);
  return rows[0];
}

export async function getRun(db: Queryable, runId: number): Promise<RunRow | undefined> {
  const { rows } = await db.query<RunRow>('SELECT * FROM scan_runs WHERE id = $1', [runId]);
  return rows[0];
}

/** Records search pages as queued; returns those the run did not have yet (re-delivery, a second path to a page). */
export async function addSearchPages<T extends { platform: string; keyword: string; page: number }>(db: Queryable, runId: number, pages: T[]): Promise<T[]> {
  if (!pages.length) return [];
  const { rows } = await db.query<{ platform: string; keyword: string; page: number }>(
    `WITH ins AS (
       INSERT INTO search_pages (scan_run_id, platform, keyword, page)
       SELECT $1, p, k, n FROM unnest($2::text[], $3::text[], $4::int[]) AS t(p, k, n)
       ON CONFLICT DO NOTHING RETURNING platform, keyword, page),
     cnt AS (
       UPDATE scan_run_counts c SET open = c.open + x.n, pages_queued = c.pages_queued + x.n
       FROM (SELECT platform, count(*)::int AS n FROM ins GROUP BY platform) x
       WHERE c.scan_run_id = $1 AND c.platform = x.platform)
     SELECT * FROM ins`,
    [runId, pages.map((p) => p.platform), pages.map((p) => p.keyword), pages.map((p) => p.page)]);
  const added = new Set(rows.map((r) => `${r.platform}\u0000${r.keyword}\u0000${r.page}`));
  return pages.filter((p) => added.has(`${p.platform}\u0000${p.keyword}\u0000${p.page}`));
}

/** Closes a queued search page with its outcome; a second report of the same page changes nothing. */
export async function finishSearchPage(db: Queryable, runId: number, page: { platform: string; keyword: string; page: number },
  outcome: SearchOutcome, extra: { found?: number; error?: string; errorKind?: string } = {}): Promise<boolean> {
  const col = { done: 'pages_done', empty: 'pages_empty', failed: 'pages_failed', blocked: 'pages_blocked' }[outcome];
  const r = await db.query(
    `WITH upd AS (
       UPDATE search_pages SET status = $5, found = $6, error = $7, updated_at = now()
       WHERE scan_run_id = $1 AND platform = $2 AND keyword = $3 AND page = $4 AND status = 'queued' RETURNING platform)
     UPDATE scan_run_counts c SET open = c.open - 1, pages_queued = c.pages_queued - 1, ${col} = ${col} + 1,
       errors = CASE WHEN $8::text IS NULL THEN c.errors ELSE jsonb_set(c.errors, ARRAY[$8::text], to_jsonb(COALESCE((c.errors->>$8::text)::int, 0) + 1)) END
     FROM upd WHERE c.scan_run_id = $1 AND c.platform = upd.platform`,
    [runId, page.platform, page.keyword, page.page, outcome, extra.found ?? 0, extra.error ?? null, extra.errorKind ?? null]);
  return r.rowCount === 1;
}

/** Adds listings of one platform to a run; returns the ids it did not have yet (only those get a capture job). */
export async function addRunListings(db: Queryable, runId: number, platform: string, listingRowIds: number[], source: RunListingSource,
  newIds: ReadonlySet<number> = new Set()): Promise<number[]> {
  if (!listingRowIds.length) return [];
  const { rows } = await db.query<{ listing_id: number }>(
    `WITH ins AS (
       INSERT INTO scan_run_listings (scan_run_id, listing_id, source, platform)
       SELECT $1, unnest($2::bigint[]), $3, $4 ON CONFLICT DO NOTHING RETURNING listing_id),
     cnt AS (
       UPDATE scan_run_counts c SET open = c.open + x.n, listings = c.listings + x.n, listings_new = c.listings_new + x.fresh
       FROM (SELECT count(*)::int AS n, count(*) FILTER (WHERE listing_id = ANY($5::bigint[]))::int AS fresh FROM ins) x
       WHERE c.scan_run_id = $1 AND c.platform = $4 AND x.n > 0)
     SELECT listing_id FROM ins`,
    [runId, listingRowIds, source, platform, [...newIds]]);
  return rows.map((r) => r.listing_id);
}

const FROM: Record<ListingState, string[]> = {
  captured: ['queued'], detected: ['captured'], gone: ['queued'], failed: ['queued', 'captured'], blocked: ['queued', 'captured'],
};

/**
 * Moves one run listing to `to` if it is in a state that may move there, and
 * adjusts the counters in the same statement. Returns false when it did not
 * move (a re-delivered job reporting again).
 */
export async function moveRunListing(db: Queryable, runId: number, listingRowId: number, to: ListingState,
  extra: { captureId?: number; error?: string; errorKind?: string; changed?: boolean; flagged?: boolean } = {}): Promise<boolean> {
  const closes = to === 'captured' ? 0 : 1;
  const r = await db.query(
    `WITH old AS (
       SELECT status FROM scan_run_listings WHERE scan_run_id = $1 AND listing_id = $2 AND status = ANY($6::text[]) FOR UPDATE),
     upd AS (
       UPDATE scan_run_listings s SET status = $3, capture_id = COALESCE($4, s.capture_id), error = $5, updated_at = now()
       FROM old WHERE s.scan_run_id = $1 AND s.listing_id = $2 RETURNING s.platform, old.status AS old)
     UPDATE scan_run_counts c SET open = c.open - $7,
       captured = c.captured + ($3 = 'captured')::int, changed = c.changed + $8::int,
       in_detect = c.in_detect + ($3 = 'captured')::int - (upd.old = 'captured')::int,
       detected = c.detected + ($3 = 'detected')::int, flagged = c.flagged + $9::int,
       gone = c.gone + ($3 = 'gone')::int, failed = c.failed + ($3 = 'failed')::int, blocked = c.blocked + ($3 = 'blocked')::int,
       errors = CASE WHEN $10::text IS NULL THEN c.errors ELSE jsonb_set(c.errors, ARRAY[$10::text], to_jsonb(COALESCE((c.errors->>$10::text)::int, 0) + 1)) END
     FROM upd WHERE c.scan_run_id = $1 AND c.platform = upd.platform`,
    [runId, listingRowId, to, extra.captureId ?? null, extra.error ?? null, FROM[to], closes,
      extra.changed ? 1 : 0, extra.flagged ? 1 : 0, extra.errorKind ?? null]);
  return r.rowCount === 1;
}

/** The run's counters per platform. */
export async function runCounts(db: Queryable, runId: number): Promise<RunCounts[]> {
  const { rows } = await db.query<RunCounts>(
    `SELECT platform, open, pages_queued AS "pagesQueued", pages_done AS "pagesDone", pages_empty AS "pagesEmpty",
            pages_failed AS "pagesFailed", pages_blocked AS "pagesBlocked", listings, listings_new AS "listingsNew",
            captured, in_detect AS "inDetect", changed, detected, flagged, gone, failed, blocked, errors
     FROM scan_run_counts WHERE scan_run_id = $1 ORDER BY platform`, [runId]);
  return rows;
}

/** The run's figures summed over platforms. */
export async function runProgress(db: Queryable, runId: number): Promise<RunProgress> {
  const per = await runCounts(db, runId);
  const sum = (f: (c: RunCounts) => number) => per.reduce((a, c) => a + f(c), 0);
  return {
    searchQueued: sum((c) => c.pagesQueued), searchDone: sum((c) => c.pagesDone), searchFailed: sum((c) => c.pagesFailed),
    searchEmpty: sum((c) => c.pagesEmpty), searchBlocked: sum((c) => c.pagesBlocked),
    listingsQueued: sum((c) => c.open - c.pagesQueued - c.inDetect),
    captured: sum((c) => c.inDetect),
    detected: sum((c) => c.detected), gone: sum((c) => c.gone), failed: sum((c) => c.failed), blocked: sum((c) => c.blocked),
    flagged: sum((c) => c.flagged), open: sum((c) => c.open),
  };
}

/**
 * Marks the run finished when no platform has open items; true only for the
 * one caller that made the transition (so end-of-run work happens once).
 */
export async function finishRunIfComplete(db: Queryable, runId: number): Promise<boolean> {
  const open = await db.query(`SELECT 1 FROM scan_run_counts WHERE scan_run_id = $1 AND open > 0 LIMIT 1`, [runId]);
  if (open.rowCount) return false;
  // Nothing is open, so the counters are final: the figures written with the state are the run's.
  const platforms = await runCounts(db, runId);
  const stats = { ...(await runProgress(db, runId)), platforms: Object.fromEntries(platforms.map(({ platform, ...c }) => [platform, c])) };
  const r = await db.query(
    `UPDATE scan_runs r SET status = 'finished', finished_at = now(), stats = $2
     WHERE r.id = $1 AND r.status = 'running'
       AND NOT EXISTS (SELECT 1 FROM scan_run_counts c WHERE c.scan_run_id = r.id AND c.open > 0)`, [runId, JSON.stringify(stats)]);
  return r.rowCount === 1;
}

/** Marks a run that can never finish (its start failed, its work was lost) as failed, with the reason. */
export async function failRun(db: Queryable, runId: number, reason: string): Promise<boolean> {
  const r = await db.query(
    `UPDATE scan_runs SET status = 'failed', finished_at = now(), stats = stats || jsonb_build_object('error', $2::text)
     WHERE id = $1 AND status = 'running'`, [runId, reason]);
  return r.rowCount === 1;
}

/** Listings of a run that were found gone (for delisting confirmation). */
export async function goneInRun(db: Queryable, runId: number): Promise<number[]> {
  const { rows } = await db.query<{ listing_id: number }>(`SELECT listing_id FROM scan_run_listings WHERE scan_run_id=$1 AND status='gone'`, [runId]);
  return rows.map((r) => r.listing_id);
}

/** What a run still has open, to re-enqueue after Redis lost its queues or a restart. */
export async function openWork(db: Queryable, runId: number): Promise<{
  pages: Array<{ platform: string; keyword: string; page: number }>; queued: number[]; captured: Array<{ listingId: number; captureId: number }>;
}> {
  const pages = await db.query<{ platform: string; keyword: string; page: number }>(
    `SELECT platform, keyword, page FROM search_pages WHERE scan_run_id = $1 AND status = 'queued'`, [runId]);
  const items = await db.query<{ listing_id: number; status: string; capture_id: number | null }>(
    `SELECT listing_id, status, capture_id FROM scan_run_listings WHERE scan_run_id = $1 AND status IN ('queued', 'captured')`, [runId]);
  return {
    pages: pages.rows,
    queued: items.rows.filter((r) => r.status === 'queued').map((r) => r.listing_id),
    captured: items.rows.filter((r) => r.status === 'captured' && r.capture_id).map((r) => ({ listingId: r.listing_id, captureId: r.capture_id! })),
  };
}

/** Runs still marked running (a worker resumes them at start). */
export async function runningRuns(db: Queryable): Promise<Array<{ id: number; uuid: string }>> {
  const { rows } = await db.query<{ id: number; uuid: string }>(`SELECT id, uuid FROM scan_runs WHERE status = 'running' ORDER BY id`);
  return rows;
}
