/** Campaigns in Postgres: the campaign lock (one running run per campaign), seed listings, run views and totals. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRuns, markWorkCreated, runTotals, runView, runningRunsDetail } from '../../store/campaign-run.repository.js';
import { campaignByName, deleteCampaign, insertCampaign, runningRunOf, updateCampaign } from '../../store/campaign.repository.js';
import { upsertDiscovered } from '../../store/listing.repository.js';
import { addRunListings, createRun, failRun, finishSearchPage, addSearchPages, moveRunListing } from '../../store/scan-run.repository.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.query(`INSERT INTO platforms (id, name, fetch_mode, base_url) VALUES ('p1', 'P1', 'http', 'http://p1'), ('p2', 'P2', 'http', 'http://p2') ON CONFLICT DO NOTHING`);
});
afterAll(async () => t?.drop());

describe('campaigns', () => {
  it('stores a campaign with its defaults and changes only the given fields', async () => {
    const c = await insertCampaign(t.db, { name: 'tea', assetIds: ['GI-0001'], keywords: ['茉莉花茶'], cron: '0 2 * * *' });
    expect(c).toMatchObject({ name: 'tea', platforms: ['*'], timezone: 'Asia/Shanghai', enabled: true, depth: null, urls: [] });
    const u = await updateCampaign(t.db, c.id, { enabled: false, depth: 2 });
    expect(u).toMatchObject({ enabled: false, depth: 2, cron: '0 2 * * *', keywords: ['茉莉花茶'] });
    expect((await campaignByName(t.db, 'tea'))?.id).toBe(c.id);
    await expect(insertCampaign(t.db, { name: 'Bad Name' })).rejects.toThrow();
  });

  it('never lets one campaign have two running runs (unique index), and frees the lock when the run ends', async () => {
    const c = await insertCampaign(t.db, { name: 'lock' });
    const first = await createRun(t.db, ['p1'], 'schedule', c.id);
    await expect(createRun(t.db, ['p1'], 'schedule', c.id)).rejects.toMatchObject({ code: '23505' });
    expect((await runningRunOf(t.db, c.id))?.id).toBe(first.id);
    await failRun(t.db, first.id, 'start failed: test');
    expect(await runningRunOf(t.db, c.id)).toBeUndefined();
    const second = await createRun(t.db, ['p1'], 'schedule', c.id);
    expect(second.id).toBeGreaterThan(first.id);
    await failRun(t.db, second.id, 'done');
  });

  it('records item URLs as seed listings and shows a run by platform, per campaign, and in the totals', async () => {
    const c = await insertCampaign(t.db, { name: 'seeded', platforms: ['p1', 'p2'] });
    const run = await createRun(t.db, ['p1', 'p2'], 'manual', c.id);
    expect((await runningRunsDetail(t.db)).find((r) => r.id === run.id)).toMatchObject({ campaignId: c.id, workCreated: false });
    await markWorkCreated(t.db, run.id, 2);
    expect((await runningRunsDetail(t.db)).find((r) => r.id === run.id)).toMatchObject({ workCreated: true, depth: 2 });
    const { rowIds, created } = await upsertDiscovered(t.db, 'p1', [{ listingId: 's1', url: 'http://p1/item/s1' }]);
    expect(await addRunListings(t.db, run.id, 'p1', rowIds, 'seed', created)).toEqual(rowIds);
    const { rows } = await t.db.query('SELECT source FROM scan_run_listings WHERE scan_run_id = $1', [run.id]);
    expect(rows).toEqual([{ source: 'seed' }]);
    await addSearchPages(t.db, run.id, [{ platform: 'p2', keyword: 'k', page: 1 }]);
    await finishSearchPage(t.db, run.id, { platform: 'p2', keyword: 'k', page: 1 }, 'blocked', { error: 'blocked', errorKind: 'BlockedError' });
    await moveRunListing(t.db, run.id, rowIds[0], 'failed', { error: 'x', errorKind: 'TransientError' });

    const v = await runView(t.db, run.id);
    expect(v).toMatchObject({ campaign: 'seeded', campaignId: c.id, status: 'running' });
    expect(v?.counts.find((x) => x.platform === 'p1')).toMatchObject({ listings: 1, listingsNew: 1, failed: 1, errors: { TransientError: 1 } });
    expect(v?.counts.find((x) => x.platform === 'p2')).toMatchObject({ pagesBlocked: 1, errors: { BlockedError: 1 } });
    const list = await listRuns(t.db, { campaignId: c.id });
    expect(list.total).toBe(1);
    expect(list.runs[0].id).toBe(run.id);

    const totals = await runTotals(t.db);
    expect(totals.runs).toContainEqual({ status: 'running', campaign: 'seeded', n: 1 });
    expect(totals.errors).toContainEqual({ platform: 'p2', kind: 'BlockedError', n: 1 });
    expect(totals.platforms.find((p) => p.platform === 'p1')).toMatchObject({ listings: 1, failed: 1 });

    // Deleting the campaign keeps its runs.
    await failRun(t.db, run.id, 'end');
    expect(await deleteCampaign(t.db, c.id)).toBe(true);
    expect((await runView(t.db, run.id))?.campaignId).toBeNull();
  });
});
