/**
 * Retention of per-run rows (issue 23, data lifecycle): scan_run_listings is
 * partitioned by run id, a run's rows land in its partition (also a run made
 * past the partitions, moved out of DEFAULT), and the prune drops only
 * partitions of old runs that nothing open needs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertDiscovered } from '../../store/listing.repository.js';
import { ensureRunPartitions, pruneRuns, runPartitions } from '../../store/run-retention.repository.js';
import { addRunListings, addSearchPages, createRun, finishRunIfComplete, getRun, moveRunListing } from '../../store/scan-run.repository.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.query(`INSERT INTO platforms (id, name, fetch_mode, base_url) VALUES ('rp', 'RP', 'http', 'http://rp') ON CONFLICT DO NOTHING`);
});
afterAll(async () => t?.drop());

const WIDTH = 100;

/** A finished run with id at least `atLeast`, started `daysAgo` days ago, with the given listings (all gone). */
async function runWith(atLeast: number, daysAgo: number, keys: string[]) {
  await t.db.query(`SELECT setval('scan_runs_id_seq', GREATEST($1::bigint - 1, (SELECT last_value FROM scan_runs_id_seq)))`, [atLeast]);
  const run = await createRun(t.db, ['rp'], 'manual');
  const { rowIds } = await upsertDiscovered(t.db, 'rp', keys.map((k) => ({ listingId: k, url: `http://rp/${k}` })));
  await addSearchPages(t.db, run.id, [{ platform: 'rp', keyword: 'k', page: 1 }]);
  await addRunListings(t.db, run.id, 'rp', rowIds, 'recheck');
  for (const id of rowIds) await moveRunListing(t.db, run.id, id, 'gone');
  await t.db.query(`UPDATE search_pages SET status = 'done' WHERE scan_run_id = $1`, [run.id]);
  await t.db.query(`UPDATE scan_run_counts SET open = 0 WHERE scan_run_id = $1`, [run.id]);
  await finishRunIfComplete(t.db, run.id);
  await t.db.query(`UPDATE scan_runs SET started_at = now() - make_interval(days => $2) WHERE id = $1`, [run.id, daysAgo]);
  return { run, rowIds };
}

const partitionOf = async (runId: number) => (await t.db.query<{ p: string }>(
  `SELECT DISTINCT tableoid::regclass::text AS p FROM scan_run_listings WHERE scan_run_id = $1`, [runId])).rows.map((r) => r.p);

/** An open notice (sent) citing the listing, as the takedown desk makes it. */
async function openNoticeFor(listingRowId: number, state = 'sent') {
  const acc = await t.db.query<{ id: number }>(
    `INSERT INTO accounts (username, role, password_hash) VALUES ($1, 'officer', 'x') RETURNING id`, [`ret-${listingRowId}-${state}`]);
  const cap = await t.db.query<{ id: number }>(
    `INSERT INTO captures (listing_id, captured_at, content_sha256, title) VALUES ($1, now(), md5(random()::text), 't') RETURNING id`, [listingRowId]);
  const dec = await t.db.query<{ id: number }>(
    `INSERT INTO review_decisions (listing_id, capture_id, decision, reason, measure, score, asset_type, asset_id, matches, decided_by, decided_at)
     VALUES ($1, $2, 'confirm', 'r', 'delete_listing', 0.9, 'trademark', 'TM-1', '[]', $3, now()) RETURNING id`, [listingRowId, cap.rows[0]!.id, acc.rows[0]!.id]);
  const n = await t.db.query<{ id: number }>(
    `INSERT INTO notices (platform, state, sender, created_by, created_at, sent_at, deadline_at, updated_at)
     VALUES ('rp', $2, 's', $1, now(), now(), now() + interval '7 days', now()) RETURNING id`, [acc.rows[0]!.id, state]);
  await t.db.query(`INSERT INTO notice_items (notice_id, decision_id, listing_id, capture_id, measure, updated_at)
     VALUES ($1, $2, $3, $4, 'delete_listing', now())`, [n.rows[0]!.id, dec.rows[0]!.id, listingRowId, cap.rows[0]!.id]);
}

describe('scan_run_listings partitions and retention', () => {
  it('is a table partitioned by range of run id, with partitions ready and a DEFAULT one', async () => {
    const { rows } = await t.db.query<{ strategy: string }>(
      `SELECT partstrat AS strategy FROM pg_partitioned_table WHERE partrelid = 'scan_run_listings'::regclass`);
    expect(rows).toEqual([{ strategy: 'r' }]);
    const parts = await runPartitions(t.db);
    expect(parts.length).toBeGreaterThanOrEqual(2);
    expect(parts[0]!.from).toBe(1);
  });

  it('puts a run\'s rows in its partition, and moves rows of a run made past the partitions out of DEFAULT', async () => {
    const { run } = await runWith(1, 0, ['a1', 'a2']);
    expect(await partitionOf(run.id)).toEqual([`scan_run_listings_r${'1'.padStart(12, '0')}`]);
    const far = await runWith(1_000, 0, ['f1']);
    expect(await partitionOf(far.run.id)).toEqual(['scan_run_listings_default']);
    await ensureRunPartitions(t.db, WIDTH);
    expect(await partitionOf(far.run.id)).toEqual([`scan_run_listings_r${'1000'.padStart(12, '0')}`]);
    expect((await runPartitions(t.db)).at(-1)!.to).toBeGreaterThan(far.run.id + WIDTH);
    const ok = await t.db.query(`SELECT status FROM scan_run_listings WHERE scan_run_id = $1`, [far.run.id]);
    expect(ok.rows).toEqual([{ status: 'gone' }]);
  });

  it('drops only partitions of old runs that no open notice or case needs, keeping their run rows', async () => {
    const old = await runWith(2_000, 400, ['o1']); // partition 2000–2099: old, nothing needs it
    const noticed = await runWith(2_100, 400, ['n1']); // 2100–2199: old, its listing is in a sent notice
    await openNoticeFor(noticed.rowIds[0]!);
    const closed = await runWith(2_200, 400, ['c1']); // 2200–2299: old, notice closed
    await openNoticeFor(closed.rowIds[0]!, 'closed');
    const young = await runWith(2_300, 10, ['y1']); // 2300–2399: within retention
    const res = await pruneRuns(t.db, { keepDays: 180, width: WIDTH });
    const name = (id: number) => `scan_run_listings_r${String(Math.floor(id / WIDTH) * WIDTH).padStart(12, '0')}`;
    expect(res.dropped).toEqual(expect.arrayContaining([name(old.run.id), name(closed.run.id)]));
    expect(res.dropped).not.toContain(name(noticed.run.id));
    expect(res.dropped).not.toContain(name(young.run.id));
    expect(res.kept).toEqual(expect.arrayContaining([
      { name: name(noticed.run.id), why: 'listings of an open notice or case' }, { name: name(young.run.id), why: 'runs within retention' }]));
    expect(await partitionOf(old.run.id)).toEqual([]);
    expect(await partitionOf(noticed.run.id)).toEqual([name(noticed.run.id)]);
    expect(await partitionOf(young.run.id)).toEqual([name(young.run.id)]);
    // The run and its figures stay (run history); its search pages go with its rows.
    expect((await getRun(t.db, old.run.id))?.status).toBe('finished');
    const pages = await t.db.query(`SELECT 1 FROM search_pages WHERE scan_run_id = $1`, [old.run.id]);
    expect(pages.rowCount).toBe(0);
    // New runs still have somewhere to go.
    const after = await runWith(1, 0, ['z1']);
    expect(await partitionOf(after.run.id)).toEqual([name(after.run.id)]);
  });
});
