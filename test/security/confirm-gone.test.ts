/**
 * Issue 23: `POST /api/notices/confirm-gone` made listings still online
 * "re-scan-confirmed gone", back-dated before the notice was sent, with no
 * account and no audit row. delisted_confirmed is the bureau's "deleted"
 * figure: an officer may record it only for what a scan found gone, observed
 * between the sending and now, and the call is recorded against the officer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORM_A, setupFixture, snapshot, type Fixture } from '../api/fixtures.js';

describe('confirm-gone by an officer', () => {
  let f: Fixture;
  let notice: number;
  const L: number[] = [];

  beforeAll(async () => {
    f = await setupFixture();
    for (const id of ['cg1', 'cg2']) {
      const l = await f.addListing({ platform: PLATFORM_A, listingId: id, title: `安踏 ${id}` });
      L.push(l.listingId);
      await f.inject('officer', 'POST', `/api/review/listings/${l.listingId}/decision`, { decision: 'confirm', reason: 'r' });
    }
    notice = (await f.inject('officer', 'POST', '/api/notices', {})).json().notices[0].id;
    await f.setNow('2026-11-22T08:00:00Z');
    expect((await f.inject('officer', 'POST', `/api/notices/${notice}/send`)).statusCode).toBe(200);
    await f.setNow('2026-11-23T08:00:00Z');
  });
  afterAll(async () => { await f?.close(); });

  const refused = async (body: unknown, status: number) => {
    const before = await snapshot(f.db);
    const r = await f.inject('officer', 'POST', '/api/notices/confirm-gone', body);
    expect(r.statusCode, r.body).toBe(status);
    expect(await snapshot(f.db)).toBe(before);
    return r.json();
  };

  it('refuses a listing whose latest scan still saw it online', async () => {
    const r = await refused({ listingIds: [L[0]] }, 409);
    expect(r.error).toBe('listing_present');
    expect(r.message).toContain('cg1');
  });

  it('refuses an observation before the notice was sent, or in the future', async () => {
    await f.setGone(L[0]);
    const early = await refused({ listingIds: [L[0]], observedAt: '2020-01-01T00:00:00Z' }, 400);
    expect(early.issues[0].field).toBe('observedAt');
    expect(early.message).toMatch(/before notice \d+ was sent/);
    const beforeSend = await refused({ listingIds: [L[0]], observedAt: '2026-11-21T09:00:00Z' }, 400);
    expect(beforeSend.issues[0].field).toBe('observedAt');
    const future = await refused({ listingIds: [L[0]], observedAt: '2026-11-23T08:00:30Z' }, 400);
    expect(future.issues[0].field).toBe('observedAt');
  });

  it('one present listing in the list: nothing is confirmed, not even the gone one', async () => {
    await refused({ listingIds: [L[0], L[1]] }, 409);
  });

  it('a listing a scan found gone is confirmed, with the officer\'s account on the event and an audit row', async () => {
    const r = await f.inject('officer', 'POST', '/api/notices/confirm-gone', { listingIds: [L[0]], observedAt: '2026-11-23T07:00:00Z' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().confirmedItems).toBe(1);
    const d = (await f.inject('officer', 'GET', `/api/notices/${notice}`)).json();
    const ev = d.events.find((e: { event: string }) => e.event === 'rescan_gone');
    expect(ev.accountId).toBe(f.accountIds.officer);
    const item = d.items.find((i: { listingId: number }) => i.listingId === L[0]);
    expect(item.state).toBe('delisted_confirmed');
    expect(new Date(item.confirmedGoneAt).toISOString()).toBe('2026-11-23T07:00:00.000Z');
    const audit = (await f.inject('admin', 'GET', '/api/audit?action=notice.item.confirm_gone')).json().entries;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ accountId: f.accountIds.officer, subjectType: 'notice', subjectId: String(notice) });
    expect(audit[0].detail.listingIds).toEqual([L[0]]);
  });
});
