/**
 * Issue 23: a platform's reply set the bureau's official figures: "delisted"
 * with `measureTaken: block_site` on a delete-listing notice counted a blocked
 * site with no re-scan and no request. Measures count only as requested and
 * reported taken; the reply is still recorded on the item.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORM_A, setupFixture, type Fixture } from '../api/fixtures.js';

describe('the official figures count what the bureau requested', () => {
  let f: Fixture;
  let notice: number;
  const items: Record<string, number> = {};

  beforeAll(async () => {
    f = await setupFixture();
    for (const [id, measure] of [['of-del', 'delete_listing'], ['of-blk', 'block_site'], ['of-stop', 'stop_shop']] as const) {
      const l = await f.addListing({ platform: PLATFORM_A, listingId: id, title: `安踏 ${id}`, shopId: `shop-${id}` });
      const r = await f.inject('officer', 'POST', `/api/review/listings/${l.listingId}/decision`, { decision: 'confirm', reason: 'r', measure });
      expect(r.statusCode, r.body).toBe(200);
    }
    notice = (await f.inject('officer', 'POST', '/api/notices', {})).json().notices[0].id;
    expect((await f.inject('officer', 'POST', `/api/notices/${notice}/send`)).statusCode).toBe(200);
    for (const i of (await f.inject('officer', 'GET', `/api/notices/${notice}`)).json().items) items[i.platformListingId] = i.id;
  });
  afterAll(async () => { await f?.close(); });

  it('a "blocked the site" reply on a delete-listing request is recorded, not counted', async () => {
    // Delete-listing requested, the platform claims a blocked site; block requested, a blocked site;
    // stop-shop requested, only the listing deleted.
    for (const [id, measureTaken] of [['of-del', 'block_site'], ['of-blk', 'block_site'], ['of-stop', 'delete_listing']] as const) {
      const r = await f.inject('platformA', 'POST', `/api/notices/${notice}/replies`, { action: 'delisted', itemIds: [items[id]], measureTaken });
      expect(r.statusCode, r.body).toBe(200);
    }
    const detail = (await f.inject('officer', 'GET', `/api/notices/${notice}`)).json().items;
    expect(detail.find((i: { id: number }) => i.id === items['of-del']).measureTaken).toBe('block_site');

    const s = (await f.inject('officer', 'GET', '/api/stats')).json();
    expect(s.totals).toMatchObject({ listingsDeleted: 3, sitesBlocked: 1, shopsStopped: 0, sitesRectified: 0 });
  });
});
