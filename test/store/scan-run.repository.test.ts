/** Run bookkeeping: counters move with each item in one statement, re-reports change nothing, the run closes once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getListing, upsertDiscovered } from '../../store/listing.repository.js';
import {
  addRunListings, addSearchPages, createRun, finishRunIfComplete, finishSearchPage, getRun, moveRunListing, openWork, runCounts, runProgress,
} from '../../store/scan-run.repository.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.query(`INSERT INTO platforms (id, name, fetch_mode, base_url) VALUES ('p1', 'P1', 'http', 'http://p1'), ('p2', 'P2', 'http', 'http://p2') ON CONFLICT DO NOTHING`);
});
afterAll(async () => t?.drop());

describe('scan run counters', () => {
  it('gives every run a distinct UUID (queue job ids are built from it)', async () => {
    const a = await createRun(t.db, ['p1'], 'manual');
    const b = await createRun(t.db, ['p1'], 'manual');
    expect(a.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.uuid).not.toBe(b.uuid);
  });

  it('counts pages and listings per platform, ignores repeated reports and finishes the run exactly once', async () => {
    const run = await createRun(t.db, ['p1', 'p2'], 'manual');
    const pages = [{ platform: 'p1', keyword: 'k', page: 1 }, { platform: 'p2', keyword: 'k', page: 1 }];
    expect(await addSearchPages(t.db, run.id, pages)).toHaveLength(2);
    expect(await addSearchPages(t.db, run.id, pages)).toHaveLength(0); // re-delivery adds nothing
    const { rowIds, created } = await upsertDiscovered(t.db, 'p1', [{ listingId: 'a', url: 'u/a' }, { listingId: 'b', url: 'u/b' }]);
    expect(created.size).toBe(2);
    expect(await addRunListings(t.db, run.id, 'p1', rowIds, 'search', created)).toEqual(rowIds);
    expect(await addRunListings(t.db, run.id, 'p1', rowIds, 'search', created)).toEqual([]);

    expect(await finishSearchPage(t.db, run.id, pages[0], 'done', { found: 2 })).toBe(true);
    expect(await finishSearchPage(t.db, run.id, pages[0], 'done', { found: 2 })).toBe(false);
    expect(await finishSearchPage(t.db, run.id, pages[1], 'blocked', { error: 'login wall', errorKind: 'BlockedError' })).toBe(true);

    const [a, b] = rowIds;
    expect(await moveRunListing(t.db, run.id, a, 'captured', { changed: true })).toBe(true);
    expect(await moveRunListing(t.db, run.id, a, 'captured', { changed: true })).toBe(false);
    expect(await finishRunIfComplete(t.db, run.id)).toBe(false);
    let p = await runProgress(t.db, run.id);
    expect(p).toMatchObject({ searchQueued: 0, searchDone: 1, searchBlocked: 1, listingsQueued: 1, captured: 1, open: 2 });
    expect(await moveRunListing(t.db, run.id, a, 'detected', { flagged: true })).toBe(true);
    expect(await moveRunListing(t.db, run.id, b, 'failed', { error: 'timeout', errorKind: 'TransientError' })).toBe(true);
    expect(await moveRunListing(t.db, run.id, b, 'detected')).toBe(false); // failed is final

    p = await runProgress(t.db, run.id);
    expect(p).toMatchObject({ listingsQueued: 0, captured: 0, detected: 1, failed: 1, flagged: 1, open: 0 });
    const [p1, p2] = await runCounts(t.db, run.id);
    expect(p1).toMatchObject({ platform: 'p1', listings: 2, listingsNew: 2, changed: 1, errors: { TransientError: 1 } });
    expect(p2).toMatchObject({ platform: 'p2', pagesBlocked: 1, errors: { BlockedError: 1 } });

    expect(await Promise.all([finishRunIfComplete(t.db, run.id), finishRunIfComplete(t.db, run.id)])).toEqual(expect.arrayContaining([true, false]));
    const row = await getRun(t.db, run.id);
    expect(row?.status).toBe('finished');
    expect(row?.stats).toMatchObject({ detected: 1, failed: 1, platforms: { p2: { pagesBlocked: 1 } } });
  });

  it('lists what a run still has open, for resuming after Redis lost its queues', async () => {
    const run = await createRun(t.db, ['p1'], 'manual');
    await addSearchPages(t.db, run.id, [{ platform: 'p1', keyword: 'x', page: 2 }]);
    const { rowIds } = await upsertDiscovered(t.db, 'p1', [{ listingId: 'c', url: 'u/c' }, { listingId: 'd', url: 'u/d' }]);
    await addRunListings(t.db, run.id, 'p1', rowIds, 'recheck');
    const cap = await t.db.query(
      `INSERT INTO captures (listing_id, captured_at, content_sha256, title) VALUES ($1, now(), 'h', 't') RETURNING id`, [rowIds[1]]);
    await moveRunListing(t.db, run.id, rowIds[1], 'captured', { captureId: cap.rows[0].id });
    const w = await openWork(t.db, run.id);
    expect(w.pages).toEqual([{ platform: 'p1', keyword: 'x', page: 2 }]);
    expect(w.queued).toEqual([rowIds[0]]);
    expect(w.captured).toEqual([{ listingId: rowIds[1], captureId: cap.rows[0].id }]);
  });
});

describe('search cards', () => {
  it('keeps what the search card showed for the capture, and a later card without it does not erase it', async () => {
    const card = { price: 39.9, shop: { location: '浙江省金华市' } };
    const { rowIds: [id] } = await upsertDiscovered(t.db, 'p2', [{ listingId: 'card-1', url: 'u/card-1', card }]);
    expect((await getListing(t.db, id))?.card).toEqual(card);
    await upsertDiscovered(t.db, 'p2', [{ listingId: 'card-1', url: 'u/card-1b' }]);
    expect((await getListing(t.db, id))?.card).toEqual(card);
  });
});
