/**
 * Runs as an operator reads them: per campaign, with their state and figures
 * per platform (from `scan_run_counts`), and the totals `/metrics` exports.
 */
import type { Queryable } from './database.js';
import { runCounts, type RunCounts } from './scan-run.repository.js';

/** One run with its campaign and figures per platform. */
export interface RunView {
  id: number;
  uuid: string;
  campaignId: number | null;
  campaign: string | null;
  trigger: string;
  status: 'running' | 'finished' | 'failed';
  platforms: string[];
  startedAt: Date;
  finishedAt: Date | null;
  /** Why a failed run failed (start failed, no worker, workers vanished). */
  error: string | null;
  /** Figures per platform: pages, listings, new, changed, gone, flagged, blocked, failed, errors by kind. */
  counts: RunCounts[];
}

/** Filters of a run list; all optional. */
export interface RunFilter { campaignId?: number; status?: string; limit?: number; offset?: number }

interface RunRowOut { id: number; uuid: string; campaignId: number | null; campaign: string | null; trigger: string; status: RunView['status'];
  platforms: string[]; startedAt: Date; finishedAt: Date | null; error: string | null }

const SELECT = `SELECT r.id, r.uuid, r.campaign_id AS "campaignId", c.name AS campaign, r.trigger, r.status, r.platforms,
  r.started_at AS "startedAt", r.finished_at AS "finishedAt", r.stats->>'error' AS error
  FROM scan_runs r LEFT JOIN campaigns c ON c.id = r.campaign_id`;

/** Runs, newest first, each with its per-platform counters. */
export async function listRuns(db: Queryable, f: RunFilter = {}): Promise<{ total: number; runs: RunView[] }> {
  const where = `WHERE ($1::bigint IS NULL OR r.campaign_id = $1) AND ($2::text IS NULL OR r.status = $2)`;
  const args = [f.campaignId ?? null, f.status ?? null];
  const { rows: [{ total }] } = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM scan_runs r ${where}`, args);
  const { rows } = await db.query<RunRowOut>(`${SELECT} ${where} ORDER BY r.id DESC LIMIT $3 OFFSET $4`, [...args, f.limit ?? 50, f.offset ?? 0]);
  const counts = await countsOf(db, rows.map((r) => r.id));
  return { total, runs: rows.map((r) => ({ ...r, counts: counts.get(r.id) ?? [] })) };
}

export async function runView(db: Queryable, runId: number): Promise<RunView | undefined> {
  const { rows } = await db.query<RunRowOut>(`${SELECT} WHERE r.id = $1`, [runId]);
  if (!rows[0]) return undefined;
  return { ...rows[0], counts: await runCounts(db, runId) };
}

async function countsOf(db: Queryable, runIds: number[]): Promise<Map<number, RunCounts[]>> {
  const out = new Map<number, RunCounts[]>();
  if (!runIds.length) return out;
  const { rows } = await db.query<RunCounts & { runId: number }>(
    `SELECT scan_run_id AS "runId", platform, open, pages_queued AS "pagesQueued", pages_done AS "pagesDone", pages_empty AS "pagesEmpty",
            pages_failed AS "pagesFailed", pages_blocked AS "pagesBlocked", listings, listings_new AS "listingsNew",
            captured, in_detect AS "inDetect", changed, detected, flagged, gone, failed, blocked, errors
     FROM scan_run_counts WHERE scan_run_id = ANY($1::bigint[]) ORDER BY platform`, [runIds]);
  for (const { runId, ...c } of rows) {
    const list = out.get(runId);
    if (list) list.push(c); else out.set(runId, [c]);
  }
  return out;
}

/** Totals over every run, for `/metrics`: runs by status and campaign, items by platform, errors by platform and kind. */
export interface RunTotals {
  runs: Array<{ status: string; campaign: string; n: number }>;
  platforms: Array<{ platform: string; pages: number; listings: number; listingsNew: number; changed: number; gone: number;
    flagged: number; failed: number; blocked: number; pagesFailed: number; pagesBlocked: number }>;
  errors: Array<{ platform: string; kind: string; n: number }>;
}

export async function runTotals(db: Queryable): Promise<RunTotals> {
  const runs = await db.query<{ status: string; campaign: string; n: number }>(
    `SELECT r.status, COALESCE(c.name, '') AS campaign, count(*)::int AS n
     FROM scan_runs r LEFT JOIN campaigns c ON c.id = r.campaign_id GROUP BY 1, 2 ORDER BY 1, 2`);
  const platforms = await db.query<RunTotals['platforms'][number]>(
    `SELECT platform, sum(pages_done + pages_empty)::int AS pages, sum(listings)::int AS listings, sum(listings_new)::int AS "listingsNew",
            sum(changed)::int AS changed, sum(gone)::int AS gone, sum(flagged)::int AS flagged, sum(failed)::int AS failed,
            sum(blocked)::int AS blocked, sum(pages_failed)::int AS "pagesFailed", sum(pages_blocked)::int AS "pagesBlocked"
     FROM scan_run_counts GROUP BY platform ORDER BY platform`);
  const errors = await db.query<{ platform: string; kind: string; n: number }>(
    `SELECT c.platform, e.key AS kind, sum(e.value::int)::int AS n
     FROM scan_run_counts c, jsonb_each_text(c.errors) e GROUP BY 1, 2 ORDER BY 1, 2`);
  return { runs: runs.rows, platforms: platforms.rows, errors: errors.rows };
}

/** Records that the run's work exists, with its search depth (so a resumed run pages as deep as it started). */
export async function markWorkCreated(db: Queryable, runId: number, depth: number | null): Promise<void> {
  await db.query('UPDATE scan_runs SET depth = $2, work_created_at = COALESCE(work_created_at, now()) WHERE id = $1', [runId, depth]);
}

/** A running run as a restart sees it: its campaign, platforms, depth, and whether its work was created. */
export interface RunningRun { id: number; uuid: string; campaignId: number | null; platforms: string[]; trigger: string; depth: number | null; workCreated: boolean }

export async function runningRunsDetail(db: Queryable): Promise<RunningRun[]> {
  const { rows } = await db.query<RunningRun>(
    `SELECT id, uuid, campaign_id AS "campaignId", platforms, trigger, depth, work_created_at IS NOT NULL AS "workCreated"
     FROM scan_runs WHERE status = 'running' ORDER BY id`);
  return rows;
}

/** The run's search depth; null = the config's default. */
export async function runDepth(db: Queryable, runId: number): Promise<number | null> {
  const { rows } = await db.query<{ depth: number | null }>('SELECT depth FROM scan_runs WHERE id = $1', [runId]);
  return rows[0]?.depth ?? null;
}
