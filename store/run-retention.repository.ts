/**
 * Retention of the per-run rows. scan_run_listings is partitioned by range of
 * scan_run_id (migration 0017): `ensureRunPartitions` keeps partitions ready
 * ahead of the run id sequence (a run created past them lands in the DEFAULT
 * partition, and is moved into its own partition here), and `pruneRuns`
 * drops whole partitions whose runs all started before the cut-off. A
 * partition is kept when any of its runs is still running, or lists a
 * listing an open notice (not closed or withdrawn) or a case names: that
 * run's rows are how a re-scan confirmed the listing gone. Dropped runs keep
 * their scan_runs row and counters (run history), and lose their search_pages
 * rows too (deleted, they are a few per run).
 */
import type { Db, Queryable } from './database.js';
import { inTransaction } from './database.js';

/** One partition of scan_run_listings: run ids from `from` (inclusive) to `to` (exclusive). */
export interface RunPartition { name: string; from: number; to: number }

/** What a prune did. */
export interface PruneResult { created: string[]; dropped: string[]; kept: Array<{ name: string; why: string }>; searchPagesDeleted: number }

const PARENT = 'scan_run_listings';
const partName = (from: number) => `${PARENT}_r${String(from).padStart(12, '0')}`;

/** The range partitions of scan_run_listings (not the DEFAULT one), lowest first. */
export async function runPartitions(db: Queryable): Promise<RunPartition[]> {
  const { rows } = await db.query<{ name: string; bound: string }>(
    `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
     FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = $1::regclass`, [PARENT]);
  const out: RunPartition[] = [];
  for (const r of rows) {
    const m = /FROM \('?(\d+)'?\) TO \('?(\d+)'?\)/.exec(r.bound);
    if (m) out.push({ name: r.name, from: Number(m[1]), to: Number(m[2]) });
  }
  return out.sort((a, b) => a.from - b.from);
}

/**
 * Creates partitions until the one after the run id sequence's next value
 * exists, each `width` ids wide from the highest bound; rows a run left in
 * the DEFAULT partition move into the new partition. Returns the names made.
 */
export async function ensureRunPartitions(db: Db, width: number): Promise<string[]> {
  return inTransaction(db, async (c) => {
    // One maintainer at a time; the lock on the parent is taken by CREATE ... PARTITION OF anyway.
    await c.query(`SELECT pg_advisory_xact_lock(hashtext('ipwatch.run-partitions'))`);
    const seq = await c.query<{ next: string }>(
      `SELECT (CASE WHEN is_called THEN last_value + 1 ELSE last_value END)::text AS next FROM scan_runs_id_seq`);
    const next = Number(seq.rows[0]!.next);
    const parts = await runPartitions(c);
    let hi = parts.length ? parts[parts.length - 1]!.to : 1;
    const made: string[] = [];
    while (hi <= next + width) {
      const from = hi, to = hi + width, name = partName(from);
      await c.query(`CREATE TEMP TABLE srl_move ON COMMIT DROP AS
        WITH moved AS (DELETE FROM ${PARENT}_default WHERE scan_run_id >= $1 AND scan_run_id < $2 RETURNING *) SELECT * FROM moved`, [from, to]);
      await c.query(`CREATE TABLE ${name} PARTITION OF ${PARENT} FOR VALUES FROM (${from}) TO (${to})`);
      await c.query(`INSERT INTO ${PARENT} SELECT * FROM srl_move`);
      await c.query(`DROP TABLE srl_move`);
      made.push(name);
      hi = to;
    }
    return made;
  });
}

/**
 * Makes the partitions ahead (ensureRunPartitions), then drops every
 * partition whose runs all started more than `keepDays` days before `now`
 * (default: the current time), wholly below the next run id, with no run
 * still running and none that an open notice or a case needs. Their runs'
 * search_pages rows are deleted too. Each drop is its own short transaction
 * (DROP TABLE of a partition locks the parent for that moment; the
 * database's lock timeout bounds the wait).
 */
export async function pruneRuns(db: Db, opts: { keepDays: number; width: number; now?: Date }): Promise<PruneResult> {
  const created = await ensureRunPartitions(db, opts.width);
  const cutoff = new Date((opts.now ?? new Date()).getTime() - opts.keepDays * 86_400_000);
  const dropped: string[] = [], kept: PruneResult['kept'] = [];
  let searchPagesDeleted = 0;
  for (const p of await runPartitions(db)) {
    const why = await inTransaction(db, async (c) => {
      await c.query(`SELECT pg_advisory_xact_lock(hashtext('ipwatch.run-partitions'))`);
      const { rows } = await c.query<{ issued: boolean; young: boolean; running: boolean; needed: boolean }>(
        `SELECT (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM scan_runs_id_seq) >= $2 - 1 AS issued,
                EXISTS (SELECT 1 FROM scan_runs WHERE id >= $1 AND id < $2 AND started_at >= $3) AS young,
                EXISTS (SELECT 1 FROM scan_runs WHERE id >= $1 AND id < $2 AND status = 'running') AS running,
                EXISTS (SELECT 1 FROM ${p.name} s WHERE s.listing_id IN (
                  SELECT ni.listing_id FROM notice_items ni JOIN notices n ON n.id = ni.notice_id
                  WHERE n.state NOT IN ('closed', 'withdrawn')
                  UNION SELECT d.listing_id FROM cases k JOIN review_decisions d ON d.id = k.decision_id)) AS needed`,
        [p.from, p.to, cutoff]);
      const r = rows[0]!;
      const reason = r.young ? 'runs within retention' : r.running ? 'a run still running'
        : r.needed ? 'listings of an open notice or case' : !r.issued ? 'runs not yet started' : undefined;
      if (reason) return reason;
      await c.query(`DROP TABLE ${p.name}`);
      const del = await c.query(`DELETE FROM search_pages WHERE scan_run_id >= $1 AND scan_run_id < $2`, [p.from, p.to]);
      searchPagesDeleted += del.rowCount ?? 0;
      return undefined;
    });
    if (why) kept.push({ name: p.name, why });
    else dropped.push(p.name);
  }
  return { created, dropped, kept, searchPagesDeleted };
}
