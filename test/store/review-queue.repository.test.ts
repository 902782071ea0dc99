/**
 * The maintained review_queue table (migration 0012) stays equal to the rule
 * (view review_queue_source) through every kind of write: new listings and
 * verdicts, a replaced verdict, decisions, notice items and their states, a
 * new capture, a listing gone, deletions; and when two transactions write
 * about one listing at once.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveVerdict } from '../../store/verdict.repository.js';
import { countQueue, listQueuePage, queueDrift, queuePageJson } from '../../store/review-queue.repository.js';
import { PLATFORM_A, PLATFORM_B, setupFixture, type Fixture } from '../api/fixtures.js';
import { until } from '../support/wait.js';

let f: Fixture;
beforeAll(async () => { f = await setupFixture(); });
afterAll(async () => f?.close());

const queued = async () => (await f.db.query('SELECT listing_id FROM review_queue ORDER BY listing_id')).rows.map((r) => Number(r.listing_id));
const row = async (id: number) => (await f.db.query('SELECT * FROM review_queue WHERE listing_id = $1', [id])).rows[0];
const expectNoDrift = async () => expect(await queueDrift(f.db)).toEqual([]);

describe('review_queue follows every write', () => {
  it('holds suspect listings, with every IP type and asset matched, and not the clean ones', async () => {
    const a = await f.addListing({ platform: PLATFORM_A, listingId: 'q-a', title: '安踏 福州茉莉花茶', score: 0.9,
      matches: [{ assetId: 'TM-0001', assetType: 'trademark' }, { assetId: 'GI-0001', assetType: 'gi', score: 0.7 }] });
    const clean = await f.addListing({ platform: PLATFORM_B, listingId: 'q-clean', title: '运动鞋', suspect: false, score: 0.1, matches: [] });
    expect(await queued()).toEqual([a.listingId]);
    expect(await row(a.listingId)).toMatchObject({ platform: PLATFORM_A, capture_id: a.captureId, asset_types: ['gi', 'trademark'], asset_ids: ['GI-0001', 'TM-0001'] });
    expect(await row(clean.listingId)).toBeUndefined();
    await expectNoDrift();
  });

  it('shows the register name and the listing as they are now (register re-imported, listing moved)', async () => {
    const l = await f.addListing({ platform: PLATFORM_A, listingId: 'q-r', title: '安踏' });
    expect((await row(l.listingId)).matches[0]).toMatchObject({ assetId: 'TM-0001', assetName: '安踏', reference: '1234567' });
    await f.db.query(`UPDATE trademarks SET mark = '安踏体育', reg_no = '7654321' WHERE id = 'TM-0001'`);
    expect((await row(l.listingId)).matches[0]).toMatchObject({ assetName: '安踏体育', reference: '7654321' });
    await f.db.query(`UPDATE listings SET url = 'http://127.0.0.1:1/moved' WHERE id = $1`, [l.listingId]);
    expect(await row(l.listingId)).toMatchObject({ url: 'http://127.0.0.1:1/moved' });
    await f.db.query(`UPDATE captures SET title = '安踏 跑鞋', price = 120 WHERE id = $1`, [l.captureId]);
    expect(await row(l.listingId)).toMatchObject({ title: '安踏 跑鞋', price: 120 });
    await f.db.query(`UPDATE trademarks SET mark = '安踏', reg_no = '1234567' WHERE id = 'TM-0001'`);
    await expectNoDrift();
  });

  it('follows a replaced verdict (suspect to clean and back, other matches) and a new capture', async () => {
    const l = await f.addListing({ platform: PLATFORM_A, listingId: 'q-v', title: '安踏', score: 0.8 });
    await saveVerdict(f.db, l.captureId, l.listingId, { suspect: false, score: 0.2, matches: [] } as never, 'test');
    expect(await row(l.listingId)).toBeUndefined();
    await saveVerdict(f.db, l.captureId, l.listingId, {
      suspect: true, score: 0.95, matches: [{ assetId: 'PT-0001', assetType: 'patent', signal: 'patent', score: 0.95, evidence: 'ZL…' }],
    } as never, 'test');
    expect(await row(l.listingId)).toMatchObject({ score: 0.95, asset_types: ['patent'], asset_ids: ['PT-0001'] });
    const next = await f.recapture(l.listingId, { score: 0.6, matches: [{ assetId: 'GI-0001', assetType: 'gi' }] });
    expect(await row(l.listingId)).toMatchObject({ capture_id: next, score: 0.6, asset_types: ['gi'] });
    await f.db.query(`UPDATE captures SET captured_at = '2026-01-02T00:00:00Z' WHERE id = $1`, [next]);
    expect((await row(l.listingId)).captured_at.toISOString()).toBe('2026-01-02T00:00:00.000Z');
    await expectNoDrift();
  });

  it('drops a decided listing, keeps it out while its notice item is in progress, and brings it back when changed after', async () => {
    const l = await f.addListing({ platform: PLATFORM_B, listingId: 'q-d', title: '安踏', score: 0.85 });
    const d = await f.inject('officer', 'POST', `/api/review/listings/${l.listingId}/decision`, { decision: 'confirm', reason: '使用安踏商标' });
    expect(d.statusCode).toBe(200);
    expect(await row(l.listingId)).toBeUndefined();
    const n = await f.inject('officer', 'POST', '/api/notices', { platform: PLATFORM_B });
    expect(n.json().notices).toHaveLength(1);
    expect((await f.inject('officer', 'POST', `/api/notices/${n.json().notices[0].id}/send`)).statusCode).toBe(200);
    // Changed while the notice is open: still out of the queue (action in progress).
    await f.recapture(l.listingId, { score: 0.9 });
    expect(await row(l.listingId)).toBeUndefined();
    await expectNoDrift();
    await f.db.query(`UPDATE notice_items SET state = 'withdrawn' WHERE listing_id = $1`, [l.listingId]);
    expect(await row(l.listingId)).toBeDefined();
    await f.db.query(`UPDATE notice_items SET state = 'refused' WHERE listing_id = $1`, [l.listingId]);
    expect(await row(l.listingId)).toBeUndefined();
    await f.db.query(`DELETE FROM notice_items WHERE listing_id = $1`, [l.listingId]);
    expect(await row(l.listingId)).toBeDefined();
    await expectNoDrift();
  });

  it('drops a listing that is gone, and one whose verdict, matches or capture are deleted', async () => {
    const gone = await f.addListing({ platform: PLATFORM_A, listingId: 'q-g', title: '安踏' });
    await f.setGone(gone.listingId);
    expect(await row(gone.listingId)).toBeUndefined();
    await f.db.query(`UPDATE listings SET status = 'active' WHERE id = $1`, [gone.listingId]);
    expect(await row(gone.listingId)).toBeDefined();

    const m = await f.addListing({ platform: PLATFORM_A, listingId: 'q-m', title: '安踏 茉莉花茶',
      matches: [{ assetId: 'TM-0001', assetType: 'trademark' }, { assetId: 'GI-0001', assetType: 'gi' }] });
    await f.db.query(`DELETE FROM verdict_matches WHERE asset_type = 'gi' AND verdict_id = (SELECT id FROM verdicts WHERE capture_id = $1)`, [m.captureId]);
    expect(await row(m.listingId)).toMatchObject({ asset_types: ['trademark'] });
    await f.db.query('DELETE FROM verdicts WHERE capture_id = $1', [m.captureId]);
    expect(await row(m.listingId)).toBeUndefined();

    const c = await f.addListing({ platform: PLATFORM_A, listingId: 'q-c', title: '安踏' });
    await f.db.query('DELETE FROM capture_evidence WHERE capture_id = $1', [c.captureId]);
    await f.db.query('DELETE FROM captures WHERE id = $1', [c.captureId]);
    expect(await row(c.listingId)).toBeUndefined();
    await expectNoDrift();
  });

  it('pages and totals from the table agree with the rule for every filter and order', async () => {
    for (let i = 0; i < 12; i++) {
      await f.addListing({ platform: i % 2 ? PLATFORM_A : PLATFORM_B, listingId: `q-p${i}`, title: `安踏 ${i}`, score: 0.5 + (i % 5) / 10,
        capturedAt: `2026-0${1 + (i % 9)}-15T00:00:00Z`, matches: [{ assetId: i % 3 ? 'TM-0001' : 'GI-0001', assetType: i % 3 ? 'trademark' : 'gi' }] });
    }
    // Values JSON.stringify and SQL could write differently: cents, microseconds, a quote and a control character.
    await f.db.query(`UPDATE captures SET price = 12.5, captured_at = '2026-03-15T08:30:00.123456Z', title = '安踏 1 "正品"\u0001'
      WHERE id = (SELECT capture_id FROM review_queue WHERE platform_listing_id = 'q-p1')`);
    const rule = async (where: string, args: unknown[], order: string) => (await f.db.query(
      `SELECT s.listing_id FROM review_queue_source s JOIN captures c ON c.id = s.capture_id JOIN listings l ON l.id = s.listing_id
       WHERE ${where} ORDER BY ${order}`, args)).rows.map((r) => Number(r.listing_id));
    const cases: Array<[Parameters<typeof listQueuePage>[1], string, unknown[]]> = [
      [{ limit: 50, offset: 0 }, 'true', []],
      [{ limit: 3, offset: 2 }, 'true', []],
      [{ limit: 50, offset: 0, platform: PLATFORM_A }, 's.platform = $1', [PLATFORM_A]],
      [{ limit: 50, offset: 0, assetType: 'gi' }, `'gi' = ANY(s.asset_types)`, []],
      [{ limit: 50, offset: 0, assetId: 'TM-0001' }, `'TM-0001' = ANY(s.asset_ids)`, []],
      [{ limit: 50, offset: 0, minScore: 0.7, maxScore: 0.85 }, 's.score >= 0.7::real AND s.score <= 0.85::real', []],
      [{ limit: 50, offset: 0, from: new Date('2026-03-01'), to: new Date('2026-06-01') }, `s.captured_at >= '2026-03-01' AND s.captured_at < '2026-06-01'`, []],
      [{ limit: 50, offset: 0, q: '安踏 1' }, `c.title ILIKE '%安踏 1%'`, []],
      [{ limit: 50, offset: 0, sort: 'date' }, 'true', []],
      [{ limit: 50, offset: 0, sort: 'date', dir: 'asc' }, 'true', []],
      [{ limit: 50, offset: 0, dir: 'asc' }, 'true', []],
    ];
    for (const [filter, where, args] of cases) {
      const dir = filter.dir === 'asc' ? 'ASC' : 'DESC';
      const order = filter.sort === 'date' ? `s.captured_at ${dir}, s.score DESC, s.listing_id` : `s.score ${dir}, s.captured_at DESC, s.listing_id`;
      const all = await rule(where, args, order);
      expect(all.length, JSON.stringify(filter)).toBeGreaterThan(0);
      expect((await listQueuePage(f.db, filter)).map((r) => r.listingId), JSON.stringify(filter)).toEqual(all.slice(filter.offset, filter.offset + filter.limit));
      expect(await countQueue(f.db, filter), JSON.stringify(filter)).toBe(all.length);
      // The API's JSON page, built in SQL, reads exactly as the rows serialised by JSON.stringify.
      expect(JSON.parse(await queuePageJson(f.db, filter)), JSON.stringify(filter)).toEqual(JSON.parse(JSON.stringify(await listQueuePage(f.db, filter))));
    }
  });
});

describe('review_queue under concurrent writers', () => {
  it('a decision written while a new verdict on the same listing is uncommitted waits for it, and still takes the listing out', async () => {
    // Without the listing lock in review_queue_sync, the decision's statement would compute the row
    // before the verdict's transaction committed and the verdict's insert would leave the listing queued.
    const l = await f.addListing({ platform: PLATFORM_A, listingId: 'q-race', title: '安踏', suspect: false, score: 0.1, matches: [] });
    const officer = f.accountIds.officer;
    const a = new pg.Client({ connectionString: f.t.url });
    const b = new pg.Client({ connectionString: f.t.url });
    await a.connect();
    await b.connect();
    try {
      const aPid = (await a.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
      const bPid = (await b.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
      await a.query('BEGIN');
      await a.query('UPDATE verdicts SET suspect = true, score = 0.9 WHERE capture_id = $1', [l.captureId]);
      await a.query(`INSERT INTO verdict_matches (verdict_id, asset_id, asset_type, signal, score, evidence)
        SELECT id, 'TM-0001', 'trademark', 'title', 0.9, 'x' FROM verdicts WHERE capture_id = $1`, [l.captureId]);
      await b.query('BEGIN');
      let finished = false;
      const decided = b.query(`INSERT INTO review_decisions (listing_id, capture_id, decision, reason, measure, score, asset_type, asset_id, matches, decided_by, decided_at)
        VALUES ($1, $2, 'dismiss', 'race', NULL, 0.9, 'trademark', 'TM-0001', '[]', $3, now())`, [l.listingId, l.captureId, officer]);
      void decided.then(() => { finished = true; }, () => { finished = true; });
      // Either the decision's statement completes (no lock: it did not wait for the verdict's transaction),
      // or Postgres shows it waiting on a lock the verdict's transaction holds.
      const blockers = await until(async () => {
        if (finished) return [];
        const { rows } = await f.db.query('SELECT pg_blocking_pids($1) AS pids', [bPid]);
        const pids = (rows[0].pids as number[]).map(Number);
        return pids.length ? pids : undefined;
      }, { what: 'the decision to finish or to wait on a lock' });
      expect(finished, 'the decision was written while the verdict was uncommitted').toBe(false);
      expect(blockers).toEqual([aPid]);
      // A row lock: the decision's backend waits for the verdict's transaction to end.
      const onRow = await f.db.query(`SELECT count(*)::int AS n FROM pg_locks w JOIN pg_locks h
        ON h.locktype = 'transactionid' AND h.transactionid = w.transactionid AND h.granted AND h.pid = $2
        WHERE w.pid = $1 AND w.locktype = 'transactionid' AND NOT w.granted`, [bPid, aPid]);
      expect(onRow.rows[0].n).toBe(1);
      await a.query('COMMIT');
      await decided;
      await b.query('COMMIT');
    } finally {
      await a.end();
      await b.end();
    }
    expect(await row(l.listingId)).toBeUndefined();
    await expectNoDrift();
  });
});
